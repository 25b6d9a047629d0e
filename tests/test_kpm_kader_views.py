"""Every cadre-register page: login, scope (404), role (403), happy path, bad input, queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.models import Lembaga
from kpm.models import SK, Kader

from .factories import make_lembaga, make_rw
from .factories_kpm import make_kader, make_pelatihan, make_register, make_relasi, make_sk, nik_for
from .pages import assert_filters
from .stamps import post_form

LIST_PAGES = [
    "kpm:kader_list",
    "kpm:sk_list",
    "kpm:pelatihan_list",
    "kpm:relasi_kelurahan",
    "kpm:kader_export",
    "kpm:kader_book_pdf",
]
CREATE_PAGES = [
    "kpm:kader_create",
    "kpm:sk_create",
    "kpm:pelatihan_create",
    "kpm:kader_import",
    "kpm:kader_import_template",
]


@pytest.fixture
def records(kelurahan):
    return make_register(kelurahan)


def record_urls(records):
    kader, sk, pelatihan = records["kader"], records["sk"], records["pelatihan"]
    return {
        "read": [
            kader.get_absolute_url(),
            sk.get_absolute_url(),
            pelatihan.get_absolute_url(),
        ],
        "edit": [
            reverse("kpm:kader_update", args=[kader.pk]),
            reverse("kpm:kader_deactivate", args=[kader.pk]),
            reverse("kpm:relasi_create", args=[kader.pk]),
            reverse("kpm:relasi_create", args=[kader.pk]) + "?jenis=lembaga",
            reverse("kpm:relasi_update", args=[records["relasi"].pk]),
            reverse("kpm:sk_update", args=[sk.pk]),
            reverse("kpm:pelatihan_update", args=[pelatihan.pk]),
        ],
    }


# --- Access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", LIST_PAGES + CREATE_PAGES)
def test_anonymous_is_sent_to_login(client, db, name):
    url = reverse(name)
    assertRedirects(client.get(url), f"{reverse('login')}?next={url}")


def test_anonymous_is_sent_to_login_from_records(client, records):
    urls = record_urls(records)
    for url in urls["read"] + urls["edit"]:
        assertRedirects(client.get(url), f"{reverse('login')}?next={url}")
    for name in ("kpm:kader_reactivate", "kpm:kader_import_confirm"):
        args = [records["kader"].pk] if name == "kpm:kader_reactivate" else []
        url = reverse(name, args=args)
        assertRedirects(client.post(url), f"{reverse('login')}?next={url}")


def test_other_kelurahan_gets_404_on_every_record(client, records, other_petugas):
    client.force_login(other_petugas)
    urls = record_urls(records)
    for url in urls["read"] + urls["edit"]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "x"}).status_code == 404, url
    assert client.post(reverse("kpm:kader_reactivate", args=[records["kader"].pk])).status_code
    assert client.get(reverse("kpm:sk_scan", args=[records["sk"].pk])).status_code == 404
    relasi_page = reverse("kpm:relasi_kelurahan") + f"?kelurahan={records['kader'].kelurahan_id}"
    assert client.get(relasi_page).status_code == 404


def test_kecamatan_of_another_kecamatan_gets_404(client, records, far_kelurahan):
    from kelurahan.models import User

    from .factories import make_user

    client.force_login(make_user(User.Role.KECAMATAN, kecamatan=far_kelurahan.kecamatan))
    assert client.get(records["kader"].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role_fixture", ["kasi_kesra", "kecamatan_user"])
def test_read_only_roles_read_but_get_403_on_changes(client, request, records, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    urls = record_urls(records)
    for url in urls["read"]:
        assert client.get(url).status_code == 200, url
    for url in urls["edit"] + [reverse(name) for name in CREATE_PAGES]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "x"}).status_code == 403, url
    reactivate = reverse("kpm:kader_reactivate", args=[records["kader"].pk])
    assert client.post(reactivate).status_code == 403
    assert client.post(reverse("kpm:kader_import_confirm")).status_code == 403


def test_post_only_actions_refuse_get(client, records, petugas):
    client.force_login(petugas)
    assert client.get(reverse("kpm:kader_reactivate", args=[records["kader"].pk])).status_code == (
        405
    )
    assert client.get(reverse("kpm:kader_import_confirm")).status_code == 405


@pytest.mark.parametrize("name", LIST_PAGES[:4])
def test_list_pages_show_own_records_only(client, records, other_kelurahan, petugas, name):
    neighbour = make_kader(other_kelurahan, name="Kader Rahasia Tetangga")
    make_sk(other_kelurahan, kaders=[neighbour], number="SK-TETANGGA-99")
    make_pelatihan(other_kelurahan, participants=[neighbour], name="Pelatihan Tetangga")
    make_relasi(neighbour, make_lembaga(other_kelurahan, name="Posyandu Tetangga"))
    client.force_login(petugas)
    response = client.get(reverse(name))
    assert response.status_code == 200
    for secret in ("Rahasia Tetangga", "SK-TETANGGA-99", "Pelatihan Tetangga", "Posyandu Tetangga"):
        assertNotContains(response, secret)


# --- Lists ---------------------------------------------------------------------------------


def test_kader_list_masks_nik_and_filters(client, kelurahan, petugas):
    posyandu = make_lembaga(kelurahan, name="Posyandu Melati")
    kader = make_kader(
        kelurahan, name="Siti Aminah", origin=Kader.Origin.KADER_POSYANDU, origin_lembaga=posyandu
    )
    make_kader(
        kelurahan,
        name="Bambang Guru",
        origin=Kader.Origin.GURU_PAUD,
        sex="L",
        origin_lembaga=make_lembaga(kelurahan, kind=Lembaga.Kind.PAUD, name="KB Tunas"),
    )
    client.force_login(petugas)
    url = reverse("kpm:kader_list")
    response = client.get(url)
    assertContains(response, kader.nik_masked)
    assertNotContains(response, kader.nik)
    assert kader.nik_masked == kader.nik[:4] + "*" * 10 + kader.nik[-2:]
    assert_filters(
        client,
        url,
        [
            ({"origin": "posyandu"}, "Siti Aminah", "Bambang Guru"),
            ({"origin_lembaga": posyandu.pk}, "Siti Aminah", "Bambang Guru"),
            ({"q": kader.nik}, "Siti Aminah", "Bambang Guru"),
        ],
    )
    # Part of a NIK finds nothing: NIK is not searchable piecewise.
    assertNotContains(client.get(url, {"q": kader.nik[:8]}), "Siti Aminah")


def test_kader_list_status_filter_uses_latest_sk(client, kelurahan, petugas):
    today = timezone.localdate()
    soon = make_kader(kelurahan, name="Segera Berakhir")
    ended = make_kader(kelurahan, name="Sudah Habis")
    fine = make_kader(kelurahan, name="Masih Lama")
    make_kader(kelurahan, name="Tanpa SK Sama Sekali")
    make_sk(
        kelurahan,
        [soon, ended],
        term_start=today - datetime.timedelta(800),
        term_end=today - datetime.timedelta(5),
    )
    make_sk(
        kelurahan,
        [soon],
        term_start=today - datetime.timedelta(300),
        term_end=today + datetime.timedelta(30),
    )
    make_sk(kelurahan, [fine])
    client.force_login(petugas)
    url = reverse("kpm:kader_list")

    def names(status):
        response = client.get(url, {"status": status})
        return {k.name for k in response.context["page_obj"]}

    assert names("segera") == {"Segera Berakhir"}
    assert names("habis") == {"Sudah Habis"}
    assert names("tanpa_sk") == {"Tanpa SK Sama Sekali"}
    assert names("aktif") == {
        "Segera Berakhir",
        "Sudah Habis",
        "Masih Lama",
        "Tanpa SK Sama Sekali",
    }
    assertContains(client.get(url), "Berakhir 30 hari lagi")


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("kpm:kader_list", lambda k: make_sk(k, [make_kader(k)])),
        ("kpm:sk_list", lambda k: make_sk(k, [make_kader(k), make_kader(k)])),
        ("kpm:pelatihan_list", lambda k: make_pelatihan(k, [make_kader(k)])),
    ],
)
def test_list_pages_pin_their_queries(
    client, kelurahan, petugas, django_assert_max_num_queries, name, make
):
    for _ in range(20):
        make(kelurahan)
    client.force_login(petugas)
    with django_assert_max_num_queries(8):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 20


def test_kader_detail_pins_queries_and_shows_everything(
    client, records, petugas, kelurahan, django_assert_max_num_queries
):
    kader = records["kader"]
    for i in range(10):
        make_relasi(kader, make_lembaga(kelurahan, name=f"Posyandu Relasi {i}"))
    make_relasi(records["other"], kader)  # another cadre names her as partner
    client.force_login(petugas)
    # 17: the KPM tasks section (open and recently finished tasks) reads 2, the families the
    # cadre accompanies with this month's gaps 2 (whatever their number, see
    # test_stunting_fieldwork_views), the score history 2 (see test_stunting_incentive_team).
    with django_assert_max_num_queries(17):
        response = client.get(kader.get_absolute_url())
    assertContains(response, kader.nik)  # full NIK for the register keepers
    assertContains(response, "188/1/436.9/2024")
    assertContains(response, "Orientasi KPM")
    assertContains(response, "Posyandu Relasi 9")
    assertContains(response, "Sri Rahayu")  # the incoming relation, shown as KPM lainnya
    assertContains(response, '<svg class="relasi-diagram"', html=False)


def test_read_only_role_sees_masked_nik_on_detail(client, records, kasi_kesra):
    client.force_login(kasi_kesra)
    response = client.get(records["kader"].get_absolute_url())
    assertContains(response, records["kader"].nik_masked)
    assertNotContains(response, records["kader"].nik)


# --- Cadre create/edit --------------------------------------------------------------------------


def kader_data(**overrides):
    birth = datetime.date(1985, 3, 12)
    return {
        "name": "Siti Khotijah",
        "nik": nik_for(birth, "P", serial=77),
        "sex": "P",
        "birth_place": "Surabaya",
        "birth_date": "1985-03-12",
        "education": "sma",
        "origin": "lainnya",
        "origin_detail": "Kader jumantik",
        "bidang": "kesehatan",
        "address": "Jl. Pradah Jaya 12",
        "phone": "0812-3456-7890",
    } | overrides


def test_petugas_adds_a_kader(client, kelurahan, petugas):
    rw = make_rw(kelurahan, number=3)
    posyandu = make_lembaga(kelurahan, name="Posyandu Mawar", rw=rw)
    client.force_login(petugas)
    data = kader_data(origin="posyandu", origin_lembaga=posyandu.pk, rw=rw.pk)
    response = client.post(reverse("kpm:kader_create"), data)
    kader = Kader.objects.get(name="Siti Khotijah")
    assertRedirects(response, kader.get_absolute_url())
    assert kader.kelurahan == kelurahan
    assert kader.phone == "+6281234567890"
    assert kader.is_active
    assert kader.history.first().history_user == petugas
    assertContains(client.get(kader.get_absolute_url()), "0812-3456-7890")


def test_kader_form_shows_indonesian_errors(client, kelurahan, petugas):
    client.force_login(petugas)
    response = client.post(
        reverse("kpm:kader_create"),
        kader_data(nik="3578011203", phone="12345", origin="posyandu"),
    )
    assert response.status_code == 200
    assertContains(response, "NIK harus 16 digit.")
    assertContains(response, "Nomor telepon Indonesia tidak valid")
    assertContains(response, "Pilih posyandu atau PAUD asal kader.")
    assertContains(response, "Data belum disimpan")
    assert not Kader.objects.exists()


def test_origin_lembaga_must_be_own_kelurahan_and_right_kind(
    client, kelurahan, other_kelurahan, petugas
):
    foreign = make_lembaga(other_kelurahan, name="Posyandu Asing")
    pkk = make_lembaga(kelurahan, kind=Lembaga.Kind.PKK, name="TP PKK")
    client.force_login(petugas)
    url = reverse("kpm:kader_create")
    response = client.post(url, kader_data(origin="posyandu", origin_lembaga=foreign.pk))
    assertContains(response, "Masukkan pilihan yang valid.")
    response = client.post(url, kader_data(origin="posyandu", origin_lembaga=pkk.pk))
    assertContains(response, "Untuk asal Kader posyandu pilih lembaga jenis Posyandu.")
    assert not Kader.objects.exists()


def test_petugas_edits_a_kader(client, records, petugas):
    kader = records["kader"]
    client.force_login(petugas)
    data = kader_data(
        name="Siti Aminah, S.Pd.",
        nik=kader.nik,
        sex=kader.sex,
        birth_date=kader.birth_date.isoformat(),
    )
    url = reverse("kpm:kader_update", args=[kader.pk])
    response = post_form(client, url, data)
    assertRedirects(response, kader.get_absolute_url())
    kader.refresh_from_db()
    assert kader.name == "Siti Aminah, S.Pd."
    assert kader.history.count() == 2


# --- Deactivation ---------------------------------------------------------------------------------


def test_deactivate_keeps_the_record_and_ends_relations(client, records, petugas):
    kader, relasi = records["kader"], records["relasi"]
    client.force_login(petugas)
    url = reverse("kpm:kader_deactivate", args=[kader.pk])
    data = {"ended_on": "2025-06-30", "end_reason": "Pindah domisili"}
    response = post_form(client, url, data)
    assertRedirects(response, kader.get_absolute_url())
    kader.refresh_from_db()
    relasi.refresh_from_db()
    assert not kader.is_active
    assert kader.ended_on == datetime.date(2025, 6, 30)
    assert relasi.end_date == datetime.date(2025, 6, 30)
    assert Kader.objects.filter(pk=kader.pk).exists()
    response = client.get(kader.get_absolute_url())
    assertContains(response, "Pindah domisili")
    assertContains(response, "Aktifkan kembali")


def test_deactivate_with_sk(client, records, petugas, kelurahan):
    kader = records["kader"]
    stop = make_sk(kelurahan, kind=SK.Kind.PEMBERHENTIAN, number="188/9/436.9/2025")
    client.force_login(petugas)
    url = reverse("kpm:kader_deactivate", args=[kader.pk])
    response = post_form(client, url, {"ended_on": "2025-06-30", "end_sk": stop.pk})
    assertRedirects(response, kader.get_absolute_url())
    kader.refresh_from_db()
    assert kader.end_sk == stop
    assert kader in stop.kaders.all()


def test_deactivate_needs_sk_or_reason(client, records, petugas):
    client.force_login(petugas)
    url = reverse("kpm:kader_deactivate", args=[records["kader"].pk])
    response = client.post(url, {"ended_on": "2025-06-30"})
    assertContains(response, "Isi SK pemberhentian atau alasan berhenti kader.")
    response = client.post(url, {"end_reason": "Mundur"})
    assertContains(response, "Bidang ini tidak boleh kosong.")
    records["kader"].refresh_from_db()
    assert records["kader"].is_active


def deactivate(client, kader, reason: str):
    """Mark `kader` as having left on 30 June 2025 through the page, for `reason`."""
    url = reverse("kpm:kader_deactivate", args=[kader.pk])
    return post_form(client, url, {"ended_on": "2025-06-30", "end_reason": reason})


def test_reactivate(client, records, petugas):
    kader = records["kader"]
    client.force_login(petugas)
    deactivate(client, kader, "Salah catat")
    response = client.post(reverse("kpm:kader_reactivate", args=[kader.pk]))
    assertRedirects(response, kader.get_absolute_url())
    kader.refresh_from_db()
    assert kader.is_active and kader.ended_on is None


def test_reactivate_refused_when_nik_is_active_elsewhere(client, records, petugas, kelurahan):
    kader = records["kader"]
    client.force_login(petugas)
    deactivate(client, kader, "Pindah")
    make_kader(kelurahan, nik=kader.nik, sex=kader.sex, birth_date=kader.birth_date)
    response = client.post(reverse("kpm:kader_reactivate", args=[kader.pk]), follow=True)
    assertContains(response, "NIK ini sudah terdaftar sebagai kader KPM aktif.")
    kader.refresh_from_db()
    assert not kader.is_active
