"""The referral pages: list, form, page with its steps, letter (PDF), OPD page and recap.
Every page: anonymous -> login, another kelurahan -> 404, read-only roles read and get 403 on
writes; the happy paths; invalid posts re-rendered with Indonesian errors; query counts pinned."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.models import OPD
from stunting.models import Referral, ReferralStep

from .factories import make_kecamatan, make_kelurahan, make_kota
from .factories_kpm import make_kader, make_lurah
from .factories_referral import make_opd, make_referral, refuse, resolve
from .factories_stunting import make_child, make_family, make_measurement, today
from .pages import assert_filters
from .pdf import pdf_text
from .stamps import post_form, stamps_in

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def puskesmas(kota, kecamatan):
    return make_opd(kota, OPD.Kind.PUSKESMAS, name="Puskesmas Dukuh Kupang", kecamatan=kecamatan)


@pytest.fixture
def dinsos(kota):
    return make_opd(kota, OPD.Kind.DINAS_SOSIAL, name="Dinas Sosial Kota Surabaya")


@pytest.fixture
def child(kelurahan):
    family = make_family(kelurahan, head_name="Agus Salim", kk_number="3578010101200001")
    return make_child(family, name="Rafa Pratama", nik="3578011505230001")


@pytest.fixture
def referral(child, puskesmas, petugas):
    return make_referral(
        child, puskesmas, by=petugas, reason="stunting", referred_on=today() - datetime.timedelta(9)
    )


@pytest.fixture
def other_referral(other_kelurahan, puskesmas):
    return make_referral(make_child(kelurahan=other_kelurahan, name="Anak Lain"), puskesmas)


def _urls(referral):
    return [
        reverse("stunting:referral_list"),
        reverse("stunting:referral_detail", args=[referral.pk]),
        reverse("stunting:referral_letter", args=[referral.pk]),
        reverse("stunting:referral_opd", args=[referral.opd_id]),
        reverse("stunting:referral_recap"),
        reverse("stunting:referral_create") + f"?sasaran={referral.person_id}",
    ]


def test_anonymous_goes_to_login(client, referral):
    for url in _urls(referral):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"], url
    advance = reverse("stunting:referral_advance", args=[referral.pk])
    assert "/login" in client.post(advance, {})["Location"]


def test_another_kelurahans_referral_and_target_are_404(client, petugas, other_referral):
    client.force_login(petugas)
    for name in ["referral_detail", "referral_letter"]:
        assert client.get(reverse(f"stunting:{name}", args=[other_referral.pk])).status_code == 404
    advance = reverse("stunting:referral_advance", args=[other_referral.pk])
    assert client.post(advance, {"status": "diterima", "on": "2024-03-02"}).status_code == 404
    create = reverse("stunting:referral_create")
    assert client.get(f"{create}?sasaran={other_referral.person_id}").status_code == 404
    assert client.get(f"{create}?sasaran=99999999").status_code == 404


def test_an_opd_of_another_city_is_404(client, petugas):
    elsewhere = make_opd(make_kota(name="Sidoarjo"), name="Puskesmas Sidoarjo")
    client.force_login(petugas)
    assert client.get(reverse("stunting:referral_opd", args=[elsewhere.pk])).status_code == 404


@pytest.mark.parametrize("role", ["kasi_kesra", "kecamatan_user"])
def test_read_only_roles_read_and_cannot_write(client, request, role, referral):
    user = request.getfixturevalue(role)
    client.force_login(user)
    for url in _urls(referral)[:5]:
        assert client.get(url).status_code == 200, url
    assert client.get(_urls(referral)[5]).status_code == 403
    advance = reverse("stunting:referral_advance", args=[referral.pk])
    assert client.post(advance, {"status": "diterima", "on": str(today())}).status_code == 403
    page = client.get(reverse("stunting:referral_detail", args=[referral.pk]))
    assertNotContains(page, "Catat langkah berikutnya")
    assertContains(page, "NIK 3578**********01")  # masked for read-only roles
    person = client.get(referral.person.get_absolute_url())
    assertContains(person, "Rujukan ke OPD")
    assertNotContains(person, "Rujuk ke OPD</a>")


# --- the form ---------------------------------------------------------------------------------


def test_create_without_a_target_says_how_to_choose_one(client, petugas):
    client.force_login(petugas)
    for query in ["", "?sasaran=", "?sasaran=abc", "?sasaran=%C2%B2"]:
        response = client.get(reverse("stunting:referral_create") + query)
        assertContains(response, "Pilih dulu sasaran yang akan dirujuk")


def test_create_form_groups_reasons_by_paket_and_preselects_the_usual_opd(
    client, petugas, child, puskesmas, dinsos
):
    client.force_login(petugas)
    url = reverse("stunting:referral_create") + f"?sasaran={child.pk}&alasan=wasting"
    response = client.get(url)
    assertContains(response, "Rujuk Rafa Pratama ke OPD")
    assertContains(response, '<optgroup label="Konseling gizi terpadu">')
    assertContains(response, '<option value="wasting" selected>')
    assertContains(response, f'<option value="{puskesmas.pk}" selected>')
    assertContains(response, f'name="referred_on" value="{today():%Y-%m-%d}"')
    # a reason of the social agency lists it first, and preselects it (the only one)
    html = client.get(url.replace("wasting", "bansos")).content.decode()
    assert html.index("Dinas Sosial Kota Surabaya") < html.index("Puskesmas Dukuh Kupang")
    assert f'<option value="{dinsos.pk}" selected>' in html
    # no reason: nothing preselected; a hostile one is ignored
    for reason in ["", "<script>", "x" * 500]:
        html = client.get(url.replace("wasting", reason)).content.decode()
        opd_select = html.split('name="opd"')[1].split("</select>")[0]
        assert '<option value="" selected>' in opd_select


def test_create_a_referral(client, petugas, child, puskesmas):
    kader = make_kader(child.kelurahan, name="Bu Siti")
    client.force_login(petugas)
    url = reverse("stunting:referral_create") + f"?sasaran={child.pk}"
    data = {
        "reason": "stunting",
        "opd": puskesmas.pk,
        "reason_detail": "TB/U -2,4 SD pada penimbangan Maret",
        "referred_on": "2024-03-01",
        "kader": kader.pk,
    }
    page = client.get(url)
    response = client.post(url, {**stamps_in(page), **data})
    referral = Referral.objects.get()
    assertRedirects(response, referral.get_absolute_url())
    assert (referral.person, referral.opd, referral.kader) == (child, puskesmas, kader)
    assert (referral.status, referral.paket, referral.created_by) == ("dirujuk", "gizi", petugas)
    step = referral.steps.get()
    assert (step.status, step.by, step.on) == ("dirujuk", petugas, D(2024, 3, 1))
    # posted again (a double click): still one referral
    again = client.post(url, {**stamps_in(page), **data})
    assertRedirects(again, referral.get_absolute_url())
    assert Referral.objects.count() == 1


def test_invalid_create_rerenders_in_indonesian(client, petugas, child, puskesmas, kota):
    elsewhere = make_opd(make_kota(name="Malang"), name="Puskesmas Malang")
    client.force_login(petugas)
    url = reverse("stunting:referral_create") + f"?sasaran={child.pk}"
    future = today() + datetime.timedelta(days=3)
    response = post_form(
        client,
        url,
        {"reason": "lainnya", "opd": elsewhere.pk, "referred_on": str(future), "kader": "x"},
    )
    assert response.status_code == 200
    assertContains(response, "Tanggal tidak boleh di masa depan.")
    assertContains(response, "Untuk alasan “Lainnya”, tulis uraiannya.")
    assertContains(response, "Masukkan pilihan yang valid")
    assert not Referral.objects.exists()


# --- the page and its steps -------------------------------------------------------------------


def test_detail_shows_the_timeline_and_the_next_step(client, petugas, referral):
    client.force_login(petugas)
    response = client.get(reverse("stunting:referral_detail", args=[referral.pk]))
    assertContains(response, "Rujukan Rafa Pratama ke Puskesmas Dukuh Kupang")
    assertContains(response, "Anak pendek/sangat pendek (stunting)")
    assertContains(response, f"dicatat oleh {petugas}")
    assertContains(response, "Catat langkah berikutnya")
    assertContains(response, '<option value="diterima">Diterima</option>')
    assertContains(response, '<option value="ditolak">Ditolak</option>')
    assertNotContains(response, '<option value="selesai">')
    assertContains(response, "NIK 3578011505230001")


def test_advance_through_to_selesai(client, petugas, lurah, referral):
    url = reverse("stunting:referral_detail", args=[referral.pk])
    advance = reverse("stunting:referral_advance", args=[referral.pk])
    start = referral.referred_on
    for user, status, offset in [
        (petugas, "diterima", 1),
        (lurah, "ditindaklanjuti", 2),
        (petugas, "selesai", 7),
    ]:
        client.force_login(user)
        day = start + datetime.timedelta(days=offset)
        page = client.get(url)
        data = {**stamps_in(page), "status": status, "on": str(day), "note": f"catatan {status}"}
        assertRedirects(client.post(advance, data), url)
    referral.refresh_from_db()
    assert (referral.status, referral.days_to_resolve) == ("selesai", 7)
    steps = list(referral.steps.values_list("status", "by__username", "note"))
    assert steps[1:] == [
        ("diterima", "petugas", "catatan diterima"),
        ("ditindaklanjuti", "lurah", "catatan ditindaklanjuti"),
        ("selesai", "petugas", "catatan selesai"),
    ]
    response = client.get(url)
    assertContains(response, "Rujukan ini sudah selesai.")
    assertContains(response, "7 hari")
    assertContains(response, "catatan ditindaklanjuti")


def test_a_double_posted_step_is_recorded_once(client, petugas, referral):
    client.force_login(petugas)
    page = client.get(reverse("stunting:referral_detail", args=[referral.pk]))
    advance = reverse("stunting:referral_advance", args=[referral.pk])
    data = {**stamps_in(page), "status": "diterima", "on": str(today())}
    client.post(advance, data)
    response = client.post(advance, data)
    assert response.status_code == 302
    assert ReferralStep.objects.filter(status="diterima").count() == 1


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"status": "ditolak", "note": "  "}, "Tulis alasan penolakan."),
        ({"status": "selesai"}, "Langkah ini tidak bisa mengikuti status rujukan sekarang."),
        ({"status": "diterima", "on": "2000-01-01"}, "tidak boleh sebelum langkah sebelumnya"),
        ({"status": "diterima", "on": "2999-01-01"}, "Tanggal tidak boleh di masa depan."),
        ({"status": "diterima", "on": "kemarin"}, "Masukkan tanggal yang valid."),
        ({"status": ["diterima", "x"] * 3, "note": "x" * 300}, "paling banyak 255 karakter"),
    ],
)
def test_invalid_step_rerenders_the_page_with_the_error(client, petugas, referral, data, error):
    client.force_login(petugas)
    data = {"on": str(today()), **data}
    response = client.post(reverse("stunting:referral_advance", args=[referral.pk]), data)
    assert response.status_code == 200
    assertContains(response, error)
    assertContains(response, "Catat langkah berikutnya")
    assert referral.steps.count() == 1


def test_a_step_refused_by_the_service_is_a_form_error(client, petugas, referral):
    """Another user took the referral on meanwhile: the form still offered "diterima"."""
    client.force_login(petugas)
    page = client.get(reverse("stunting:referral_detail", args=[referral.pk]))
    refuse(referral)
    data = {**stamps_in(page), "status": "diterima", "on": str(today())}
    response = client.post(reverse("stunting:referral_advance", args=[referral.pk]), data)
    assert response.status_code == 200
    assertContains(response, "Langkah ini tidak bisa mengikuti status rujukan sekarang.")


def test_the_advance_url_is_post_only(client, petugas, referral):
    client.force_login(petugas)
    assert client.get(reverse("stunting:referral_advance", args=[referral.pk])).status_code == 405


# --- the target page --------------------------------------------------------------------------


def test_target_page_lists_its_referrals_with_a_rujuk_button(client, petugas, referral, dinsos):
    refuse(make_referral(referral.person, dinsos, reason="jaminan"))
    client.force_login(petugas)
    response = client.get(referral.person.get_absolute_url())
    assertContains(response, "Rujukan ke OPD")
    assertContains(response, f"?sasaran={referral.person.pk}")
    assertContains(response, "Puskesmas Dukuh Kupang")
    assertContains(response, "Belum punya jaminan kesehatan")
    assertContains(response, ">Ditolak</span>")


# --- the letter -------------------------------------------------------------------------------


def test_the_letter_names_the_target_and_the_opd(client, petugas, kasi_kesra, referral):
    make_lurah(referral.kelurahan, name="Hajar Sulistyono")
    make_measurement(referral.person, on=referral.referred_on, weight="7.0", height="62.0")
    client.force_login(petugas)
    text = pdf_text(client.get(reverse("stunting:referral_letter", args=[referral.pk])))
    for words in [
        "Rafa Pratama",
        "Puskesmas Dukuh Kupang",
        "3578011505230001",
        "Anak pendek/sangat pendek (stunting)",
        "LURAH PRADAH KALI KENDAL",
        "Hajar Sulistyono",
        "Lembar balasan rujukan",
    ]:
        assert words in text, words
    client.force_login(kasi_kesra)
    text = pdf_text(client.get(reverse("stunting:referral_letter", args=[referral.pk])))
    assert "Rafa Pratama" in text and "3578011505230001" not in text
    assert "3578**********01" in text


# --- figures: the OPD page and the recap ------------------------------------------------------


@pytest.fixture
def many(kelurahan, other_kelurahan, puskesmas, dinsos):
    """Referrals from two kelurahan to two OPD: per kelurahan and OPD, some resolved (days
    4, 8, 10 for Pradah Kali Kendal to the puskesmas), one refused, the rest open."""
    kaders = [make_kader(kelurahan) for _ in range(3)]
    for place, days in [(kelurahan, [4, 8, 10]), (other_kelurahan, [20])]:
        family = make_family(place)
        for n in range(8):
            person = make_child(family)
            opd = puskesmas if n % 2 == 0 else dinsos
            kader = kaders[n % 3] if place == kelurahan else None
            referral = make_referral(
                person, opd, kader=kader, referred_on=D(2024, 3, 1) + datetime.timedelta(n)
            )
            if n // 2 < len(days) and opd == puskesmas:
                resolve(referral, days[n // 2])
            elif n == 7:
                refuse(referral)


def test_opd_page_counts_and_median_for_the_users_kelurahan(
    client, petugas, many, puskesmas, django_assert_max_num_queries
):
    client.force_login(petugas)
    url = reverse("stunting:referral_opd", args=[puskesmas.pk])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    total = response.context["total"]
    assert (total.referred, total.resolved, total.open, total.refused) == (4, 3, 1, 0)
    assert total.median_days == 8
    assertContains(response, "Rujukan ke Puskesmas Dukuh Kupang")
    assert len(response.context["page_obj"]) == 4
    assert "per_kelurahan" not in response.context
    assert_filters(client, url, [({"status": "terbuka"}, "Dirujuk</span>", "Selesai</span>")])


def test_opd_page_for_the_kecamatan_shows_each_kelurahan(
    client, kecamatan_user, many, puskesmas, kelurahan, other_kelurahan
):
    client.force_login(kecamatan_user)
    response = client.get(reverse("stunting:referral_opd", args=[puskesmas.pk]))
    total = response.context["total"]
    assert (total.referred, total.resolved) == (8, 4)
    assert total.median_days == 9  # 4, 8, 10, 20
    rows = {
        f.subject.name: (f.referred, f.resolved, f.median_days)
        for f in response.context["per_kelurahan"]
    }
    assert rows == {"Pradah Kali Kendal": (4, 3, 8.0), "Dukuh Kupang": (4, 1, 20.0)}


def test_recap_per_kelurahan_and_opd(
    client, kecamatan_user, many, kecamatan, puskesmas, dinsos, django_assert_max_num_queries
):
    make_kelurahan(kecamatan, name="Gunung Sari")  # no referrals: a row of zeros
    client.force_login(kecamatan_user)
    url = reverse("stunting:referral_recap")
    with django_assert_max_num_queries(12):
        response = client.get(url, {"tahun": "2024"})
    rows = {
        f.subject.name: (f.referred, f.resolved, f.open, f.refused)
        for f in response.context["per_kelurahan"]
    }
    assert rows == {
        "Dukuh Kupang": (8, 1, 6, 1),
        "Gunung Sari": (0, 0, 0, 0),
        "Pradah Kali Kendal": (8, 3, 4, 1),
    }
    opds = {
        f.subject.name: (f.referred, f.resolved, f.median_days) for f in response.context["per_opd"]
    }
    assert opds == {
        "Dinas Sosial Kota Surabaya": (8, 0, None),
        "Puskesmas Dukuh Kupang": (8, 4, 9.0),
    }
    total = response.context["total"]
    assert (total.referred, total.resolved, total.median_days) == (16, 4, 9.0)
    assertContains(response, "Gunung Sari")
    assertContains(response, "Rujukan yang dibuat pada 2024")
    # another year or month: nothing
    empty = client.get(url, {"tahun": "2023"})
    assert empty.context["total"].referred == 0
    april = client.get(url, {"tahun": "2024", "bulan": "4"})
    assert april.context["total"].referred == 0
    assertContains(april, "April 2024")


def test_recap_of_a_kelurahan_user_is_its_own(client, petugas, many):
    client.force_login(petugas)
    response = client.get(reverse("stunting:referral_recap"), {"tahun": "2024"})
    assert [f.subject.name for f in response.context["per_kelurahan"]] == ["Pradah Kali Kendal"]
    assert response.context["total"].referred == 8


@pytest.mark.parametrize(
    "query", [{"tahun": "99999"}, {"tahun": "x", "bulan": "13"}, {"bulan": "-1"}, {"tahun": "²"}]
)
def test_recap_ignores_hostile_periods(client, petugas, many, query):
    client.force_login(petugas)
    response = client.get(reverse("stunting:referral_recap"), query)
    assert response.status_code == 200
    assertContains(response, str(today().year))


# --- the list ---------------------------------------------------------------------------------


def test_list_filters_and_its_query_count(
    client, petugas, many, puskesmas, dinsos, django_assert_max_num_queries
):
    client.force_login(petugas)
    url = reverse("stunting:referral_list")
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.context["page_obj"].paginator.count == 8
    counts = {
        "terbuka": 4,
        "selesai": 3,
        "ditolak": 1,
        "dirujuk": 4,
    }
    for status, count in counts.items():
        page = client.get(url, {"status": status})
        assert page.context["page_obj"].paginator.count == count, status
    for query, count in [
        ({"opd": dinsos.pk}, 4),
        ({"paket": "gizi"}, 8),
        ({"paket": "sanitasi"}, 0),
        ({"reason": "stunting"}, 8),
        ({"bulan": "2024-03"}, 8),
        ({"bulan": "2024-04"}, 0),
        ({"bulan": "9999-12"}, 8),
        ({"bulan": "zzz"}, 8),
        ({"opd": "abc"}, 8),
    ]:
        page = client.get(url, query)
        assert page.status_code == 200
        if page.context["filter"].is_valid():
            assert page.context["page_obj"].paginator.count == count, query
    kader = Referral.objects.filter(kader__isnull=False).first().kader
    page = client.get(url, {"kader": kader.pk})
    assert page.context["page_obj"].paginator.count == Referral.objects.filter(kader=kader).count()


def test_the_list_does_not_show_another_kelurahans_referrals(
    client, petugas, referral, other_referral
):
    client.force_login(petugas)
    response = client.get(reverse("stunting:referral_list"))
    assertContains(response, "Rafa Pratama")
    assertNotContains(response, "Anak Lain")


def test_the_kecamatan_list_shows_each_kelurahan(client, kecamatan_user, referral, other_referral):
    far = make_kelurahan(make_kecamatan(referral.kelurahan.kecamatan.kota), name="Jagir")
    make_referral(make_child(kelurahan=far, name="Anak Jauh"), referral.opd)
    client.force_login(kecamatan_user)
    response = client.get(reverse("stunting:referral_list"))
    assertContains(response, "Rafa Pratama")
    assertContains(response, "Anak Lain")
    assertNotContains(response, "Anak Jauh")


def test_menu_has_the_referral_pages(client, kecamatan_user):
    client.force_login(kecamatan_user)
    response = client.get(reverse("stunting:referral_recap"))
    assertContains(response, "Rekap rujukan")
    assertContains(response, reverse("stunting:referral_list"))


def test_opd_list_links_to_the_opd_referral_page(client, petugas, puskesmas):
    client.force_login(petugas)
    response = client.get(reverse("kelurahan:opd_list"))
    assertContains(response, reverse("stunting:referral_opd", args=[puskesmas.pk]))
