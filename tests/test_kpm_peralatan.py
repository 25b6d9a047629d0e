"""Equipment of posyandu, PAUD and institutions: the 12-month rule, the pages, their scope, the
lembaga page's section, the dashboard's warning, the export and the demo data."""

import datetime
import io
import os

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.dates import add_months
from kelurahan.models import Lembaga
from kpm.demo.peralatan import seed_demo
from kpm.models import Peralatan

from .factories import make_lembaga, make_rw
from .factories_kpm import make_kader
from .stamps import post_form

Kind, Condition = Peralatan.Kind, Peralatan.Condition


def make_peralatan(kelurahan, **fields) -> Peralatan:
    fields.setdefault("kind", Kind.DACIN)
    fields.setdefault("last_checked_on", timezone.localdate() - datetime.timedelta(days=30))
    return Peralatan.objects.create(kelurahan=kelurahan, **fields)


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def paud(kelurahan):
    return make_lembaga(kelurahan, kind=Lembaga.Kind.PAUD, name="KB Tunas Bangsa")


@pytest.fixture
def items(kelurahan, posyandu, paud):
    """A good dacin, a broken microtoise, a length board never checked, and PAUD materials
    last checked 14 months ago."""
    kader = make_kader(kelurahan, name="Siti Khotijah")
    return {
        "good": make_peralatan(kelurahan, lembaga=posyandu, name="Dacin 25 kg", holder_kader=kader),
        "broken": make_peralatan(
            kelurahan,
            lembaga=posyandu,
            kind=Kind.MICROTOISE,
            condition=Condition.RUSAK_BERAT,
            holder_name="Bidan Rina",
        ),
        "never": make_peralatan(
            kelurahan, lembaga=posyandu, kind=Kind.LENGTH_BOARD, last_checked_on=None
        ),
        "old": make_peralatan(
            kelurahan, lembaga=paud, kind=Kind.PAUD, last_checked_on=add_months(today(), -14)
        ),
    }


@pytest.fixture
def foreign(other_kelurahan):
    return make_peralatan(other_kelurahan, name="Timbangan Tetangga", kind=Kind.TIMBANGAN)


# --- The 12-month rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "checked", "due"),
    [
        (datetime.date(2025, 6, 15), datetime.date(2024, 6, 15), False),  # exactly 12 months
        (datetime.date(2025, 6, 15), datetime.date(2024, 6, 14), True),
        (datetime.date(2024, 2, 29), datetime.date(2023, 2, 28), False),  # from 29 February
        (datetime.date(2024, 2, 29), datetime.date(2023, 2, 27), True),
        (datetime.date(2025, 2, 28), datetime.date(2024, 2, 29), False),  # checked on 29 Feb
        (datetime.date(2025, 3, 1), datetime.date(2024, 2, 29), True),
    ],
)
def test_needing_attention_at_the_twelve_month_edge(kelurahan, on, checked, due):
    item = make_peralatan(kelurahan, last_checked_on=checked)
    needing = Peralatan.objects.needing_attention(today=on)
    assert needing.filter(pk=item.pk).exists() is due
    assert item.check_overdue(on) is due


def test_needing_attention_counts_broken_and_never_checked(kelurahan, items):
    needing = set(Peralatan.objects.needing_attention())
    assert needing == {items["broken"], items["never"], items["old"]}
    assert [items[k].needs_attention for k in ("good", "broken", "never", "old")] == [
        False,
        True,
        True,
        True,
    ]
    item = make_peralatan(kelurahan, condition=Condition.RUSAK_RINGAN)
    assert Peralatan.objects.needing_attention().filter(pk=item.pk).exists()


# --- List ----------------------------------------------------------------------------------------


def test_list_requires_login(client):
    url = reverse("kpm:peralatan_list")
    assertRedirects(client.get(url), f"{reverse('login')}?next={url}")


def test_list_shows_own_equipment_grouped_with_warnings(client, items, foreign, petugas):
    client.force_login(petugas)
    response = client.get(reverse("kpm:peralatan_list"))
    assertContains(response, "Posyandu Melati")
    assertContains(response, "KB Tunas Bangsa")
    assertContains(response, "Dacin 25 kg")
    assertContains(response, "Siti Khotijah")
    assertContains(response, "Bidan Rina")
    assertContains(response, "Rusak berat")
    assertContains(response, "belum pernah diperiksa", count=1)
    assertContains(response, "lebih dari 12 bulan", count=1)
    assertContains(response, "Sudah diperiksa hari ini", count=4)
    assertNotContains(response, "Timbangan Tetangga")
    # Grouped by lembaga (PAUD before posyandu), then in the order of the kinds.
    order = [items[k].pk for k in ("old", "good", "never", "broken")]
    assert [p.pk for p in response.context["page_obj"]] == order


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("perhatian=ya", {"broken", "never", "old"}),
        ("perhatian=belum_diperiksa", {"never"}),
        ("condition=rusak_berat", {"broken"}),
        ("kind=paud", {"old"}),
        ("q=bidan", {"broken"}),
    ],
)
def test_list_filters(client, items, petugas, query, shown):
    client.force_login(petugas)
    response = client.get(reverse("kpm:peralatan_list") + "?" + query)
    assert {p.pk for p in response.context["page_obj"]} == {items[k].pk for k in shown}


def test_list_filters_by_lembaga_and_rw(client, kelurahan, items, paud, petugas):
    rw = make_rw(kelurahan, number=3)
    paud.rw = rw
    paud.save()
    client.force_login(petugas)
    url = reverse("kpm:peralatan_list")
    by_lembaga = client.get(url, {"lembaga": paud.pk}).context["page_obj"]
    by_rw = client.get(url, {"rw": rw.pk}).context["page_obj"]
    assert [p.pk for p in by_lembaga] == [p.pk for p in by_rw] == [items["old"].pk]


@pytest.mark.parametrize(
    "query",
    [
        "lembaga=abc",
        "lembaga=99999999999999999999",
        "perhatian=zzz",
        "rw=-1",
        "page=999999",
        "kind=%00",
        "kelurahan=abc",
        "condition=<script>",
    ],
)
def test_list_survives_hostile_parameters(client, items, petugas, query):
    client.force_login(petugas)
    assert client.get(reverse("kpm:peralatan_list") + "?" + query).status_code == 200


def test_read_only_roles_read_but_cannot_act(client, items, foreign, kasi_kesra, kecamatan_user):
    client.force_login(kasi_kesra)
    response = client.get(reverse("kpm:peralatan_list"))
    assertContains(response, "Dacin 25 kg")
    assertNotContains(response, "Sudah diperiksa hari ini")
    assertNotContains(response, reverse("kpm:peralatan_create"))
    client.force_login(kecamatan_user)
    response = client.get(reverse("kpm:peralatan_list"))
    assertContains(response, "Timbangan Tetangga")  # the whole kecamatan
    assertContains(response, "Dukuh Kupang")
    response = client.get(reverse("kpm:peralatan_list"), {"kelurahan": foreign.kelurahan_id})
    assert [p.pk for p in response.context["page_obj"]] == [foreign.pk]


def test_list_query_count_does_not_grow_with_rows(
    client, kelurahan, posyandu, paud, petugas, django_assert_max_num_queries
):
    kaders = [make_kader(kelurahan) for _ in range(5)]
    rw = make_rw(kelurahan, number=7)
    places = [posyandu, paud, make_lembaga(kelurahan, name="Posyandu Mawar", rw=rw), None]
    Peralatan.objects.bulk_create(
        Peralatan(
            kelurahan=kelurahan,
            lembaga=places[n % 4],
            kind=Kind.values[n % len(Kind.values)],
            holder_kader=kaders[n % 5] if n % 2 else None,
            holder_name="" if n % 2 else "Ketua RW",
            last_checked_on=None if n % 7 == 0 else today() - datetime.timedelta(days=20 * n),
        )
        for n in range(50)
    )
    client.force_login(petugas)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("kpm:peralatan_list"))
    assert len(response.context["page_obj"]) == 25
    assertContains(response, 'href="?page=2"')
    response = client.get(reverse("kpm:peralatan_list"), {"page": 2})
    assertContains(response, "Milik kantor kelurahan (tanpa lembaga)", count=2)  # filter, group


# --- Form ----------------------------------------------------------------------------------------


def _data(**fields) -> dict:
    return {"kind": "timbangan", "quantity": "1", "condition": "baik", **fields}


def test_form_pages_require_login(client, items):
    for url in (
        reverse("kpm:peralatan_create"),
        reverse("kpm:peralatan_update", args=[items["good"].pk]),
    ):
        assertRedirects(client.get(url), f"{reverse('login')}?next={url}")


def test_read_only_roles_get_403(client, items, kasi_kesra, kecamatan_user):
    good = items["good"]
    for user in (kasi_kesra, kecamatan_user):
        client.force_login(user)
        assert client.get(reverse("kpm:peralatan_create")).status_code == 403
        assert client.get(reverse("kpm:peralatan_update", args=[good.pk])).status_code == 403
        response = client.post(reverse("kpm:peralatan_checked", args=[good.pk]))
        assert response.status_code == 403
    good.refresh_from_db()
    assert good.last_checked_on != today()


def test_another_kelurahan_is_404(client, foreign, petugas):
    client.force_login(petugas)
    assert client.get(reverse("kpm:peralatan_update", args=[foreign.pk])).status_code == 404
    assert client.post(reverse("kpm:peralatan_checked", args=[foreign.pk])).status_code == 404


def test_petugas_records_equipment_from_the_lembaga_page(client, kelurahan, posyandu, petugas):
    kader = make_kader(kelurahan, name="Eni Sulistyowati")
    client.force_login(petugas)
    page = client.get(posyandu.get_absolute_url())
    add_url = f"{reverse('kpm:peralatan_create')}?lembaga={posyandu.pk}&next=/kelurahan/"
    assertContains(page, f"?lembaga={posyandu.pk}&amp;next=")
    assert client.get(add_url).context["form"].initial["lembaga"] == posyandu.pk
    response = post_form(
        client,
        add_url,
        _data(
            lembaga=posyandu.pk,
            name="Timbangan bayi digital",
            holder_kader=kader.pk,
            last_checked_on=str(today()),
        ),
    )
    assertRedirects(response, "/kelurahan/", fetch_redirect_response=False)
    item = Peralatan.objects.get(name="Timbangan bayi digital")
    assert (item.kelurahan, item.lembaga, item.holder) == (kelurahan, posyandu, kader.name)
    page = client.get(posyandu.get_absolute_url())
    assertContains(page, "Timbangan bayi digital")
    assertContains(page, "Eni Sulistyowati")


def test_lurah_updates_equipment(client, items, lurah):
    item = items["broken"]
    client.force_login(lurah)
    url = reverse("kpm:peralatan_update", args=[item.pk])
    data = _data(kind="microtoise", condition="baik", holder_name="Bidan Rina", quantity="2")
    assertRedirects(post_form(client, url, data), reverse("kpm:peralatan_list"))
    item.refresh_from_db()
    assert (item.condition, item.quantity) == (Condition.BAIK, 2)


def test_invalid_posts_rerender_with_clear_messages(
    client, kelurahan, posyandu, other_kelurahan, petugas
):
    kader = make_kader(kelurahan)
    foreign_lembaga = make_lembaga(other_kelurahan, name="Posyandu Tetangga")
    client.force_login(petugas)
    url = reverse("kpm:peralatan_create")
    tomorrow = today() + datetime.timedelta(days=1)
    response = post_form(
        client,
        url,
        _data(
            holder_kader=kader.pk,
            holder_name="Bidan Rina",
            lembaga=foreign_lembaga.pk,
            last_checked_on=str(tomorrow),
            quantity="-3",
        ),
    )
    assert response.status_code == 200
    assertContains(response, "Data belum disimpan")
    assertContains(response, "Pilih kader pemegang atau tulis nama pemegang lain, tidak keduanya.")
    assertContains(response, "Tanggal pemeriksaan tidak boleh sesudah hari ini.")
    assert set(response.context["form"].errors) == {
        "holder_name",
        "lembaga",
        "last_checked_on",
        "quantity",
    }
    assert not Peralatan.objects.exists()


def test_database_refuses_two_holders(kelurahan):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_peralatan(kelurahan, holder_kader=make_kader(kelurahan), holder_name="Bidan")


# --- Checked today -------------------------------------------------------------------------------


def test_checked_today_clears_the_warning(client, items, petugas):
    item = items["old"]
    client.force_login(petugas)
    url = reverse("kpm:peralatan_checked", args=[item.pk])
    assert client.get(url).status_code == 405
    back = reverse("kpm:peralatan_list") + "?perhatian=ya"
    response = client.post(f"{url}?next={back}", follow=True)
    assertRedirects(response, back)
    assertContains(response, "dicatat sudah diperiksa hari ini")
    item.refresh_from_db()
    assert item.last_checked_on == today() and not item.needs_attention
    response = client.post(url, {"next": "https://contoh.invalid/"})
    assertRedirects(response, reverse("kpm:peralatan_list"))


# --- Dashboard -----------------------------------------------------------------------------------


def test_dashboard_warns_and_links_to_the_filtered_list(
    client, items, foreign, petugas, django_assert_max_num_queries
):
    foreign.condition = Condition.RUSAK_RINGAN
    foreign.save()
    client.force_login(petugas)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("kelurahan:dashboard"))
    assertContains(response, "3 peralatan rusak atau belum diperiksa 12 bulan")
    assertContains(response, f'href="{reverse("kpm:peralatan_list")}?perhatian=ya"')


def test_dashboard_counts_per_kelurahan_for_kecamatan(
    client, items, foreign, kecamatan_user, django_assert_max_num_queries
):
    foreign.last_checked_on = None
    foreign.save()
    client.force_login(kecamatan_user)
    with django_assert_max_num_queries(35):
        response = client.get(reverse("kelurahan:dashboard"))
    assertContains(response, "4 peralatan rusak atau belum diperiksa 12 bulan")
    assertContains(response, "Dukuh Kupang: 1")
    assertContains(response, f"?perhatian=ya&amp;kelurahan={foreign.kelurahan_id}")


def test_dashboard_is_quiet_when_all_is_well(client, kelurahan, petugas):
    make_peralatan(kelurahan)
    client.force_login(petugas)
    assertNotContains(client.get(reverse("kelurahan:dashboard")), "peralatan rusak")


def test_dashboard_warning_adds_one_query(kelurahan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kpm.dashboard import _peralatan_panels

    make_peralatan(kelurahan, last_checked_on=None)
    with CaptureQueriesContext(connection) as queries:
        panels = _peralatan_panels([kelurahan])
    assert len(queries) == 1 and panels[0].extra["total"] == 1


# --- Export and demo data ------------------------------------------------------------------------


def test_export_follows_the_filters(client, items, kasi_kesra):
    client.force_login(kasi_kesra)
    response = client.get(reverse("kpm:peralatan_export"), {"perhatian": "ya"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("No.", "Kelurahan", "Posyandu/PAUD/lembaga")
    assert len(rows) == 4
    states = {row[rows[0].index("Pemeriksaan")] for row in rows[1:]}
    assert states == {"Dalam 12 bulan", "Belum pernah diperiksa", "Lebih dari 12 bulan"}


def test_demo_equipment_is_safe_to_rerun(kelurahan, posyandu, paud):
    assert kelurahan.name == "Pradah Kali Kendal" and kelurahan.kecamatan.name == "Dukuh Pakis"
    second = make_lembaga(kelurahan, name="Posyandu Mawar")
    devnull = open(os.devnull, "w")  # noqa: SIM115
    seed_demo(stdout=devnull)
    count = Peralatan.objects.count()
    seed_demo(stdout=devnull)
    assert Peralatan.objects.count() == count == 4 + 2 + 4 + 2
    needing = Peralatan.objects.needing_attention()
    assert {(p.lembaga, p.kind) for p in needing} == {
        (posyandu, Kind.MICROTOISE),
        (second, Kind.DACIN),
    }


def test_admin_picks_the_kelurahan_and_a_hostile_one_is_refused(
    client, admin_user, kelurahan, posyandu
):
    client.force_login(admin_user)
    url = reverse("kpm:peralatan_create")
    response = post_form(client, url, _data(kelurahan="abc", lembaga=posyandu.pk))
    assert response.status_code == 200 and "kelurahan" in response.context["form"].errors
    response = post_form(client, url, _data(kelurahan=kelurahan.pk, lembaga=posyandu.pk))
    assertRedirects(response, reverse("kpm:peralatan_list"))
    assert Peralatan.objects.get().lembaga == posyandu
