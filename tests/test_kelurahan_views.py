"""Every kelurahan page: login required, scope (404), role (403), happy path, bad input."""

import html
import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.models import RT, RW, KelompokMasyarakat, Lembaga, Officer, Official

from .factories import make_kelompok, make_lembaga, make_official, make_rw
from .pages import assert_filters
from .stamps import formset_data, post_form

LIST_PAGES = [
    "kelurahan:dashboard",
    "kelurahan:lembaga_list",
    "kelurahan:kelompok_list",
    "kelurahan:official_list",
    "kelurahan:rw_list",
    "kelurahan:opd_list",
]
CREATE_PAGES = [
    "kelurahan:lembaga_create",
    "kelurahan:kelompok_create",
    "kelurahan:official_create",
    "kelurahan:rw_create",
]


@pytest.fixture
def records(kelurahan):
    return {
        "lembaga": make_lembaga(kelurahan, name="Posyandu Melati RW 01"),
        "kelompok": make_kelompok(kelurahan, name="BKB Melati"),
        "official": make_official(kelurahan, name="H. Slamet Riyadi"),
        "rw": make_rw(kelurahan, number=1),
    }


def detail_and_edit_urls(records):
    return [
        reverse("kelurahan:lembaga_detail", args=[records["lembaga"].pk]),
        reverse("kelurahan:lembaga_update", args=[records["lembaga"].pk]),
        reverse("kelurahan:kelompok_detail", args=[records["kelompok"].pk]),
        reverse("kelurahan:kelompok_update", args=[records["kelompok"].pk]),
        reverse("kelurahan:official_detail", args=[records["official"].pk]),
        reverse("kelurahan:official_update", args=[records["official"].pk]),
        reverse("kelurahan:rw_update", args=[records["rw"].pk]),
    ]


@pytest.mark.parametrize("name", LIST_PAGES + CREATE_PAGES)
def test_anonymous_is_sent_to_login(client, db, name):
    url = reverse(name)
    assertRedirects(client.get(url), f"{reverse('login')}?next={url}")


def test_anonymous_is_sent_to_login_from_records(client, records):
    for url in detail_and_edit_urls(records):
        assertRedirects(client.get(url), f"{reverse('login')}?next={url}")


def test_other_kelurahan_gets_404_on_every_record(client, records, other_petugas):
    client.force_login(other_petugas)
    for url in detail_and_edit_urls(records):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "x"}).status_code in (404, 405), url


def test_kecamatan_of_another_kecamatan_gets_404(client, records, far_kelurahan):
    from kelurahan.models import User

    from .factories import make_user

    outsider = make_user(User.Role.KECAMATAN, kecamatan=far_kelurahan.kecamatan)
    client.force_login(outsider)
    url = reverse("kelurahan:lembaga_detail", args=[records["lembaga"].pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role_fixture", ["kasi_kesra", "kecamatan_user"])
@pytest.mark.parametrize("name", CREATE_PAGES)
def test_read_only_roles_get_403_on_create(client, request, role_fixture, name):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(reverse(name)).status_code == 403
    assert client.post(reverse(name), {"name": "x"}).status_code == 403


@pytest.mark.parametrize("role_fixture", ["kasi_kesra", "kecamatan_user"])
def test_read_only_roles_read_but_get_403_on_edit(client, request, records, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    lembaga = records["lembaga"]
    assertContains(client.get(lembaga.get_absolute_url()), "Posyandu Melati RW 01")
    assert client.get(reverse("kelurahan:lembaga_update", args=[lembaga.pk])).status_code == 403


@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_pages_show_own_records_only(client, records, other_kelurahan, petugas, name):
    make_lembaga(other_kelurahan, name="Posyandu Rahasia Tetangga")
    make_official(other_kelurahan, name="Pejabat Tetangga")
    client.force_login(petugas)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assertNotContains(response, "Rahasia Tetangga")
    assertNotContains(response, "Pejabat Tetangga")


def test_lembaga_list_search_and_filter(client, kelurahan, petugas):
    rw = make_rw(kelurahan, number=3)
    make_lembaga(kelurahan, name="Posyandu Mawar", rw=rw)
    make_lembaga(kelurahan, name="LPM Pradah", kind=Lembaga.Kind.LPM)
    client.force_login(petugas)
    url = reverse("kelurahan:lembaga_list")
    assert_filters(
        client,
        url,
        [
            ({"q": "mawar"}, "Posyandu Mawar", "LPM Pradah"),
            ({"kind": "lpm"}, "LPM Pradah", "Posyandu Mawar"),
            ({"rw": rw.pk}, "Posyandu Mawar", "LPM Pradah"),
        ],
    )


def test_filters_beyond_search_fold_on_a_phone_and_say_when_in_use(client, kelurahan, petugas):
    client.force_login(petugas)
    url = reverse("kelurahan:lembaga_list")
    page = client.get(url).content.decode()
    assert "Filter lainnya" in page
    assert "filter-more collapse d-md-block show" not in page
    page = client.get(url, {"kind": "lpm"}).content.decode()
    assert "1 aktif" in page
    assert "filter-more collapse d-md-block show" in page
    page = client.get(url, {"q": "mawar"}).content.decode()
    assert "aktif</span>" not in page


def test_list_pages_are_paginated(client, kelurahan, petugas):
    for i in range(30):
        make_lembaga(kelurahan, name=f"Posyandu Nomor {i:02d}")
    client.force_login(petugas)
    response = client.get(reverse("kelurahan:lembaga_list"))
    assertContains(response, "Halaman 1 dari 2")
    assert len(response.context["page_obj"]) == 25


@pytest.mark.parametrize(
    ("name", "make", "max_queries"),
    [
        ("kelurahan:lembaga_list", make_lembaga, 8),
        ("kelurahan:kelompok_list", make_kelompok, 8),
        ("kelurahan:official_list", make_official, 8),
        ("kelurahan:rw_list", make_rw, 8),
    ],
)
def test_list_pages_pin_their_queries(
    client, kelurahan, petugas, django_assert_max_num_queries, name, make, max_queries
):
    for _ in range(20):
        make(kelurahan)
    client.force_login(petugas)
    with django_assert_max_num_queries(max_queries):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 20


# --- Create and edit -------------------------------------------------------------------------


def test_petugas_adds_lembaga_with_officers(client, kelurahan, petugas):
    rw = make_rw(kelurahan, number=2)
    client.force_login(petugas)
    data = {
        "kind": "posyandu",
        "name": "Posyandu Kenanga",
        "rw": rw.pk,
        "address": "Jl. Pradah Indah 5",
        "is_active": "on",
        **formset_data("officers", [{"name": "Sri Rahayu", "position": "ketua"}, {"name": ""}]),
    }
    response = client.post(reverse("kelurahan:lembaga_create"), data)
    lembaga = Lembaga.objects.get(name="Posyandu Kenanga")
    assertRedirects(response, lembaga.get_absolute_url())
    assert lembaga.kelurahan == kelurahan
    assert list(lembaga.officers.values_list("name", flat=True)) == ["Sri Rahayu"]
    assertContains(client.get(lembaga.get_absolute_url()), "Sri Rahayu")
    assert lembaga.history.first().history_user == petugas


def test_lembaga_rw_must_be_of_own_kelurahan(client, kelurahan, other_kelurahan, petugas):
    foreign_rw = make_rw(other_kelurahan, number=9)
    client.force_login(petugas)
    data = {
        "kind": "posyandu",
        "name": "Posyandu Asing",
        "rw": foreign_rw.pk,
        **formset_data("officers", []),
    }
    response = client.post(reverse("kelurahan:lembaga_create"), data)
    assert response.status_code == 200
    assertContains(response, "Masukkan pilihan yang valid")
    assert not Lembaga.objects.filter(name="Posyandu Asing").exists()


def test_duplicate_lembaga_is_refused_in_indonesian(client, kelurahan, petugas):
    make_lembaga(kelurahan, kind="lpm", name="LPM Pradah Kali Kendal")
    client.force_login(petugas)
    data = {
        "kind": "lpm",
        "name": "LPM Pradah Kali Kendal",
        **formset_data("officers", []),
    }
    response = client.post(reverse("kelurahan:lembaga_create"), data)
    assert response.status_code == 200
    assertContains(response, "sudah terdaftar di kelurahan ini")
    assertContains(response, "Data belum disimpan")
    assert Lembaga.objects.filter(name="LPM Pradah Kali Kendal").count() == 1


def test_bad_officer_row_saves_nothing(client, kelurahan, petugas):
    client.force_login(petugas)
    data = {
        "kind": "pkk",
        "name": "TP PKK Baru",
        **formset_data(
            "officers",
            [
                {
                    "name": "Endang",
                    "position": "ketua",
                    "start_date": "2024-05-01",
                    "end_date": "2023-01-01",
                }
            ],
        ),
    }
    response = client.post(reverse("kelurahan:lembaga_create"), data)
    assertContains(response, "Tanggal selesai tidak boleh sebelum tanggal mulai")
    assert not Lembaga.objects.filter(name="TP PKK Baru").exists()
    assert not Officer.objects.exists()


def test_edit_lembaga_ends_an_officer(client, kelurahan, petugas):
    lembaga = make_lembaga(kelurahan, name="LPM Lama", kind="lpm")
    officer = Officer.objects.create(lembaga=lembaga, name="Joko", position="ketua")
    client.force_login(petugas)
    data = {
        "kind": "lpm",
        "name": "LPM Baru",
        "is_active": "on",
        **formset_data(
            "officers",
            [{"id": officer.pk, "name": "Joko", "position": "ketua", "end_date": "2025-12-31"}],
            initial=1,
        ),
    }
    response = post_form(client, reverse("kelurahan:lembaga_update", args=[lembaga.pk]), data)
    assertRedirects(response, lembaga.get_absolute_url())
    lembaga.refresh_from_db()
    officer.refresh_from_db()
    assert lembaga.name == "LPM Baru"
    assert str(officer.end_date) == "2025-12-31"


def test_lurah_adds_kelompok(client, kelurahan, lurah):
    client.force_login(lurah)
    response = client.post(
        reverse("kelurahan:kelompok_create"),
        {"kind": "bkb", "name": "BKB Anggrek", "member_count": "20", "is_active": "on"},
    )
    kelompok = KelompokMasyarakat.objects.get(name="BKB Anggrek")
    assertRedirects(response, kelompok.get_absolute_url())
    assert kelompok.kelurahan == kelurahan


def test_kelompok_invalid_post_shows_error(client, kelurahan, petugas):
    client.force_login(petugas)
    response = client.post(
        reverse("kelurahan:kelompok_create"), {"kind": "bkb", "name": "", "member_count": "-3"}
    )
    assert response.status_code == 200
    assertContains(response, "Bidang ini tidak boleh kosong")
    assertContains(response, "lebih besar dari atau sama dengan 0")


def test_edit_kelompok(client, kelurahan, petugas):
    kelompok = make_kelompok(kelurahan, name="Dasawisma Lama")
    client.force_login(petugas)
    response = post_form(
        client,
        reverse("kelurahan:kelompok_update", args=[kelompok.pk]),
        {"kind": "dasawisma", "name": "Dasawisma Rukun", "is_active": ""},
    )
    assertRedirects(response, kelompok.get_absolute_url())
    kelompok.refresh_from_db()
    assert (kelompok.name, kelompok.is_active) == ("Dasawisma Rukun", False)


def test_official_period_must_be_in_order(client, kelurahan, petugas):
    client.force_login(petugas)
    response = client.post(
        reverse("kelurahan:official_create"),
        {
            "name": "Serka Budi",
            "position": "babinsa",
            "start_date": "2024-02-01",
            "end_date": "2023-02-01",
        },
    )
    assertContains(response, "Tanggal selesai tidak boleh sebelum tanggal mulai")
    assert not Official.objects.exists()


def test_second_current_lurah_is_refused(client, kelurahan, petugas):
    make_official(kelurahan, position="lurah", name="Hajar Sulistyono, S.Sos., M.Si.")
    client.force_login(petugas)
    data = {"name": "Lurah Baru", "position": "lurah", "start_date": "2026-01-01"}
    response = client.post(reverse("kelurahan:official_create"), data)
    assertContains(response, "Jabatan ini masih dipegang orang lain")
    assert Official.objects.filter(position="lurah").count() == 1


def test_lurah_succession_is_kept(client, kelurahan, petugas):
    old = make_official(kelurahan, position="lurah", name="Lurah Lama")
    old.end_date = old.start_date.replace(year=2025)
    old.save()
    client.force_login(petugas)
    data = {"name": "Lurah Baru", "position": "lurah", "start_date": "2025-02-01"}
    response = client.post(reverse("kelurahan:official_create"), data)
    new = Official.objects.get(name="Lurah Baru")
    assertRedirects(response, new.get_absolute_url())
    assert Official.objects.current().lurah().filter(kelurahan=kelurahan).first() == new


def test_edit_official(client, kelurahan, petugas):
    official = make_official(kelurahan, name="Bidan Sari", position="bidan")
    client.force_login(petugas)
    response = post_form(
        client,
        reverse("kelurahan:official_update", args=[official.pk]),
        {"name": "Bidan Sari Dewi", "position": "bidan", "start_date": "2020-01-01"},
    )
    assertRedirects(response, official.get_absolute_url())
    official.refresh_from_db()
    assert official.name == "Bidan Sari Dewi"


def test_rw_with_rts(client, kelurahan, petugas):
    client.force_login(petugas)
    data = {
        "number": "4",
        "chair_name": "Pak Heru",
        **formset_data("rt_set", [{"number": "1"}, {"number": "2"}, {"number": ""}]),
    }
    response = client.post(reverse("kelurahan:rw_create"), data)
    assertRedirects(response, reverse("kelurahan:rw_list"))
    rw = RW.objects.get(kelurahan=kelurahan, number=4)
    assert sorted(rw.rt_set.values_list("number", flat=True)) == [1, 2]
    assertContains(client.get(reverse("kelurahan:rw_list")), "RT 02")


def test_duplicate_rw_number_is_a_form_error(client, kelurahan, petugas):
    make_rw(kelurahan, number=4)
    client.force_login(petugas)
    data = {"number": "4", **formset_data("rt_set", [])}
    response = client.post(reverse("kelurahan:rw_create"), data)
    assert response.status_code == 200
    assertContains(response, "Nomor RW ini sudah terdaftar di kelurahan ini.")
    assert RW.objects.filter(kelurahan=kelurahan).count() == 1


def test_duplicate_rt_in_one_rw_is_a_form_error(client, kelurahan, petugas):
    client.force_login(petugas)
    data = {
        "number": "5",
        **formset_data("rt_set", [{"number": "1"}, {"number": "1"}]),
    }
    response = client.post(reverse("kelurahan:rw_create"), data)
    assert response.status_code == 200
    assertContains(response, "Ada baris ganda untuk nomor RT")
    assert not RW.objects.filter(number=5).exists()
    assert not RT.objects.exists()


def test_same_rw_number_in_another_kelurahan_is_fine(client, other_kelurahan, petugas):
    make_rw(other_kelurahan, number=4)
    client.force_login(petugas)
    data = {"number": "4", **formset_data("rt_set", [])}
    assertRedirects(client.post(reverse("kelurahan:rw_create"), data), reverse("kelurahan:rw_list"))


def test_admin_picks_the_kelurahan_of_a_new_record(client, kelurahan, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("kelurahan:kelompok_create"),
        {"kelurahan": kelurahan.pk, "kind": "lansia", "name": "Kelompok Lansia Sehat"},
    )
    kelompok = KelompokMasyarakat.objects.get(name="Kelompok Lansia Sehat")
    assertRedirects(response, kelompok.get_absolute_url())
    assert kelompok.kelurahan == kelurahan


def test_opd_list_shows_city_agencies_to_every_role(client, kota, kasi_kesra, kecamatan_user):
    from kelurahan.models import OPD

    OPD.objects.create(kota=kota, kind="puskesmas", name="Puskesmas Dukuh Kupang")
    other_city = type(kota).objects.create(name="Malang")
    OPD.objects.create(kota=other_city, kind="dinkes", name="Dinas Kesehatan Kota Malang")
    for user in (kasi_kesra, kecamatan_user):
        client.force_login(user)
        response = client.get(reverse("kelurahan:opd_list"))
        assertContains(response, "Puskesmas Dukuh Kupang")
        assertNotContains(response, "Kota Malang")


def test_status_filter_reads_semua_aktif_tidak_aktif(client, kelurahan, petugas):
    make_lembaga(kelurahan, name="Posyandu Hidup")
    make_lembaga(kelurahan, name="Posyandu Bubar", is_active=False)
    client.force_login(petugas)
    url = reverse("kelurahan:lembaga_list")
    page = client.get(url)
    status_field = str(page.context["filter"].form["is_active"])
    assert '<option value="" selected>Semua</option>' in status_field
    inactive = client.get(url, {"is_active": "0"})
    assertContains(inactive, "Posyandu Bubar")
    assertNotContains(inactive, "Posyandu Hidup")
    active = client.get(url, {"is_active": "1"})
    assertContains(active, "Posyandu Hidup")
    assertNotContains(active, "Posyandu Bubar")


def test_phone_is_stored_normalised_and_shown_national(client, kelurahan, petugas):
    client.force_login(petugas)
    data = {"name": "Bidan Ani", "position": "bidan", "start_date": "2024-01-01"}
    response = client.post(reverse("kelurahan:official_create"), {**data, "phone": "0812 34"})
    assertContains(response, "Nomor telepon Indonesia tidak valid")
    response = client.post(
        reverse("kelurahan:official_create"), {**data, "phone": "+62 812-3456-7890"}
    )
    official = Official.objects.get(name="Bidan Ani")
    assert official.phone == "+6281234567890"
    assertContains(client.get(official.get_absolute_url()), "0812-3456-7890")


def test_a_posted_row_count_of_thousands_is_refused_not_built(client, petugas, kelurahan):
    client.force_login(petugas)
    rw = RW.objects.create(kelurahan=kelurahan, number=9)
    response = client.post(
        reverse("kelurahan:rw_update", args=[rw.pk]),
        {
            "number": "9",
            "rt_set-TOTAL_FORMS": "100000",
            "rt_set-INITIAL_FORMS": "0",
            "rt_set-MIN_NUM_FORMS": "0",
            "rt_set-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert response.context["formset"].total_form_count() == 100
    assertContains(response, "paling banyak 100")


def test_the_next_page_link_opens_the_next_page(client, petugas, kelurahan):
    for n in range(30):
        make_lembaga(kelurahan, name=f"Lembaga {n:02d}")
    client.force_login(petugas)
    first = client.get(reverse("kelurahan:lembaga_list") + "?q=Lembaga")
    link = re.search(r'href="([^"]*page=2[^"]*)"', first.content.decode()).group(1)
    assert link.startswith("?q=Lembaga") and "??" not in link
    second = client.get(reverse("kelurahan:lembaga_list") + html.unescape(link))
    assert second.context["page_obj"].number == 2
    assertContains(second, "Lembaga 29")
