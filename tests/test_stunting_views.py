"""Every stunting page: login, scope (404), role (403); the register's happy paths and errors."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.models import Lembaga
from stunting.models import Family, Measurement, Person, Pregnancy

from .factories import make_lembaga, make_rw
from .factories_stunting import (
    days_ago,
    make_child,
    make_child_month,
    make_family,
    make_measurement,
    make_mother,
    make_paud_month,
    make_pregnancy,
    make_pregnancy_month,
    nik_for,
    today,
)
from .stamps import post_form


@pytest.fixture
def records(kelurahan):
    posyandu = make_lembaga(kelurahan, name="Posyandu Melati", kind=Lembaga.Kind.POSYANDU)
    family = make_family(kelurahan, head_name="Slamet Riyadi", posyandu=posyandu)
    mother = make_mother(family, name="Siti Aminah")
    baby = make_child(family, name="Bima Pradana", mother=mother, age_days=300)
    toddler = make_child(family, name="Citra Lestari", mother=mother, sex="P", age_days=900)
    measurement = make_measurement(baby, weight="8.4", height="70.5")
    child_month = make_child_month(baby)
    make_measurement(toddler, weight="11.5", height="84.0", lying=False)
    paud_month = make_paud_month(toddler)
    pregnancy = make_pregnancy(make_mother(family, name="Dewi Rahayu"))
    pregnancy_month = make_pregnancy_month(pregnancy)
    return {
        "posyandu": posyandu,
        "family": family,
        "mother": mother,
        "baby": baby,
        "toddler": toddler,
        "measurement": measurement,
        "child_month": child_month,
        "paud_month": paud_month,
        "pregnancy": pregnancy,
        "pregnancy_month": pregnancy_month,
    }


LIST_PAGES = [
    "stunting:family_list",
    "stunting:child_list",
    "stunting:pregnancy_list",
    "stunting:lists_index",
    "stunting:posyandu_choose",
]


def read_urls(r):
    return [
        reverse("stunting:family_detail", args=[r["family"].pk]),
        reverse("stunting:person_detail", args=[r["baby"].pk]),
        reverse("stunting:person_detail", args=[r["mother"].pk]),
        reverse("stunting:pregnancy_detail", args=[r["pregnancy"].pk]),
    ]


def edit_urls(r):
    month = today()
    return [
        reverse("stunting:family_update", args=[r["family"].pk]),
        reverse("stunting:child_create", args=[r["family"].pk]),
        reverse("stunting:adult_create", args=[r["family"].pk]),
        reverse("stunting:pregnant_woman_create", args=[r["family"].pk]),
        reverse("stunting:person_update", args=[r["baby"].pk]),
        reverse("stunting:pregnancy_create", args=[r["mother"].pk]),
        reverse("stunting:pregnancy_update", args=[r["pregnancy"].pk]),
        reverse("stunting:measurement_create", args=[r["toddler"].pk]),
        reverse("stunting:measurement_update", args=[r["measurement"].pk]),
        reverse("stunting:child_month_create", args=[r["baby"].pk]),
        reverse("stunting:child_month_update", args=[r["child_month"].pk]),
        reverse("stunting:paud_month_create", args=[r["toddler"].pk]),
        reverse("stunting:paud_month_update", args=[r["paud_month"].pk]),
        reverse("stunting:pregnancy_month_create", args=[r["pregnancy"].pk]),
        reverse("stunting:pregnancy_month_update", args=[r["pregnancy_month"].pk]),
        reverse("stunting:posyandu_day", args=[r["posyandu"].pk, month.year, month.month]),
    ]


@pytest.mark.parametrize("name", [*LIST_PAGES, "stunting:family_create", "stunting:import_index"])
def test_anonymous_is_sent_to_login(client, db, name):
    url = reverse(name)
    assertRedirects(client.get(url), f"{reverse('login')}?next={url}")


def test_anonymous_is_sent_to_login_from_records(client, records):
    for url in read_urls(records) + edit_urls(records):
        assertRedirects(client.get(url), f"{reverse('login')}?next={url}")


def test_other_kelurahan_gets_404_on_every_record(client, records, other_petugas):
    client.force_login(other_petugas)
    for url in read_urls(records) + edit_urls(records):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"name": "x"}).status_code == 404, url
    delete = reverse("stunting:measurement_delete", args=[records["measurement"].pk])
    assert client.post(delete).status_code == 404
    assert Measurement.objects.filter(pk=records["measurement"].pk).exists()


@pytest.mark.parametrize("role", ["kasi_kesra", "kecamatan_user"])
def test_read_only_roles_read_but_get_403_on_every_edit(client, request, records, role):
    client.force_login(request.getfixturevalue(role))
    for url in read_urls(records):
        assert client.get(url).status_code == 200, url
    for url in [*edit_urls(records), reverse("stunting:family_create")]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "x"}).status_code == 403, url


@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_pages_show_own_kelurahan_only(client, records, other_kelurahan, petugas, name):
    stranger = make_family(other_kelurahan, head_name="Keluarga Tetangga Rahasia")
    make_child(stranger, name="Anak Tetangga Rahasia", age_days=200)
    make_pregnancy(make_mother(stranger, name="Ibu Tetangga Rahasia"))
    client.force_login(petugas)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assertNotContains(response, "Tetangga Rahasia")


def test_kecamatan_user_sees_both_kelurahan(client, records, other_kelurahan, kecamatan_user):
    make_child(make_family(other_kelurahan), name="Anak Dukuh Kupang", age_days=200)
    client.force_login(kecamatan_user)
    response = client.get(reverse("stunting:child_list"))
    assertContains(response, "Anak Dukuh Kupang")
    assertContains(response, "Bima Pradana")


# --- Families ---------------------------------------------------------------------------------


def test_petugas_registers_a_family(client, kelurahan, petugas):
    rw = make_rw(kelurahan, number=3)
    rt = rw.rt_set.create(number=2)
    posyandu = make_lembaga(kelurahan, name="Posyandu Mawar", rw=rw)
    client.force_login(petugas)
    data = {
        "head_name": "Joko Santoso",
        "kk_number": "3578 0112 3456 0001",
        "address": "Jl. Pradah Indah 7",
        "rw": rw.pk,
        "rt": rt.pk,
        "posyandu": posyandu.pk,
        "is_resident": "on",
        "receives_pkh": "true",
    }
    response = client.post(reverse("stunting:family_create"), data)
    family = Family.objects.get(head_name="Joko Santoso")
    assertRedirects(response, family.get_absolute_url())
    assert (family.kelurahan, family.kk_number, family.rt, family.receives_pkh) == (
        kelurahan,
        "3578011234560001",
        rt,
        True,
    )
    assert family.history.first().history_user == petugas


def test_family_kk_and_rt_are_checked(client, kelurahan, petugas):
    rw1, rw2 = make_rw(kelurahan, number=1), make_rw(kelurahan, number=2)
    rt_of_rw2 = rw2.rt_set.create(number=1)
    make_family(kelurahan, kk_number="3578011234560001")
    client.force_login(petugas)
    data = {"head_name": "Budi", "kk_number": "3578011234560001", "rw": rw1.pk, "rt": rt_of_rw2.pk}
    response = client.post(reverse("stunting:family_create"), data)
    assertContains(response, "Nomor KK ini sudah terdaftar di kelurahan ini.")
    assertContains(response, "RT ini bukan bagian dari RW yang dipilih.")
    response = client.post(
        reverse("stunting:family_create"), {"head_name": "B", "kk_number": "123"}
    )
    assertContains(response, "Nomor KK harus 16 digit angka.")
    assert Family.objects.count() == 1


def test_family_detail_lists_members_with_status(client, records, petugas):
    client.force_login(petugas)
    response = client.get(records["family"].get_absolute_url())
    assertContains(response, "Bima Pradana")
    assertContains(response, "Siti Aminah")


# --- Children and adults ------------------------------------------------------------------------


def child_data(**overrides):
    return {
        "name": "Arya Saputra",
        "sex": "L",
        "birth_date": (today() - datetime.timedelta(days=60)).isoformat(),
        "family_role": "anak",
        "is_resident": "on",
        "birth_weight_kg": "3.1",
        "birth_length_cm": "49",
    } | overrides


def test_petugas_registers_a_newborn_without_nik(client, records, petugas):
    client.force_login(petugas)
    family = records["family"]
    data = child_data(mother=records["mother"].pk)
    response = client.post(reverse("stunting:child_create", args=[family.pk]), data)
    child = Person.objects.get(name="Arya Saputra")
    assertRedirects(response, child.get_absolute_url())
    assert (child.nik, child.mother, child.kelurahan, child.family) == (
        "",
        records["mother"],
        family.kelurahan,
        family,
    )


def test_child_nik_must_match_birth_date_and_sex(client, records, petugas):
    client.force_login(petugas)
    birth = today() - datetime.timedelta(days=400)
    data = child_data(birth_date=birth.isoformat(), nik=nik_for(birth, "P", 77), sex="L")
    response = client.post(reverse("stunting:child_create", args=[records["family"].pk]), data)
    assertContains(response, "Jenis kelamin tidak cocok dengan NIK")
    response = client.post(
        reverse("stunting:child_create", args=[records["family"].pk]),
        child_data(nik="12345"),
    )
    assertContains(response, "NIK harus 16 digit.")
    assert not Person.objects.filter(name="Arya Saputra").exists()


def test_child_register_refuses_future_birth_and_adults(client, records, petugas):
    client.force_login(petugas)
    url = reverse("stunting:child_create", args=[records["family"].pk])
    future = (today() + datetime.timedelta(days=3)).isoformat()
    assertContains(client.post(url, child_data(birth_date=future)), "tidak boleh di masa depan")
    assertContains(client.post(url, child_data(birth_date="2010-01-01")), "di bawah 7 tahun")


def test_likely_duplicate_child_is_flagged_then_confirmed(client, records, petugas):
    client.force_login(petugas)
    baby = records["baby"]
    url = reverse("stunting:child_create", args=[records["family"].pk])
    data = child_data(
        name="bima  pradana", birth_date=baby.birth_date.isoformat(), mother=records["mother"].pk
    )
    response = client.post(url, data)
    assertContains(response, "Kemungkinan data ganda")
    assertContains(response, baby.get_absolute_url())
    assert Person.objects.filter(name__iexact="bima pradana").count() == 1
    response = client.post(url, {**data, "confirm_duplicate": "on"})
    assert response.status_code == 302
    assert Person.objects.filter(name__iexact="bima pradana").count() == 2
    # Both pages now warn about the other.
    assertContains(client.get(baby.get_absolute_url()), "Kemungkinan data ganda")


def test_same_nik_in_another_kelurahan_is_flagged(client, records, other_kelurahan, petugas):
    birth = today() - datetime.timedelta(days=500)
    nik = nik_for(birth, "L", 55)
    make_child(make_family(other_kelurahan), nik=nik, birth_date=birth)
    client.force_login(petugas)
    url = reverse("stunting:child_create", args=[records["family"].pk])
    response = client.post(url, child_data(nik=nik, birth_date=birth.isoformat()))
    assertContains(response, "NIK ini juga terdaftar di kelurahan lain.")


def test_same_nik_in_the_same_kelurahan_is_refused(client, records, petugas):
    birth = today() - datetime.timedelta(days=500)
    nik = nik_for(birth, "L", 56)
    make_child(records["family"], nik=nik, birth_date=birth)
    client.force_login(petugas)
    url = reverse("stunting:child_create", args=[records["family"].pk])
    response = client.post(url, child_data(nik=nik, birth_date=birth.isoformat()))
    assertContains(response, "NIK ini sudah terdaftar sebagai sasaran di kelurahan ini.")


def test_mother_must_be_of_the_family(client, records, kelurahan, petugas):
    stranger = make_mother(make_family(kelurahan), name="Ibu Lain")
    client.force_login(petugas)
    url = reverse("stunting:child_create", args=[records["family"].pk])
    response = client.post(url, child_data(mother=stranger.pk))
    assertContains(response, "pilihan yang valid")


def test_editing_birth_date_recomputes_zscores(client, records, petugas):
    client.force_login(petugas)
    baby, measurement = records["baby"], records["measurement"]
    before = measurement.hfa_z
    data = child_data(
        name=baby.name,
        birth_date=(baby.birth_date - datetime.timedelta(days=90)).isoformat(),
        mother=records["mother"].pk,
    )
    response = post_form(client, reverse("stunting:person_update", args=[baby.pk]), data)
    assertRedirects(response, baby.get_absolute_url())
    measurement.refresh_from_db()
    assert measurement.age_days == 390
    assert measurement.hfa_z < before


def test_adult_member_and_non_resident(client, records, petugas):
    client.force_login(petugas)
    url = reverse("stunting:adult_create", args=[records["family"].pk])
    data = {"name": "Ratna Sari", "sex": "P", "family_role": "lainnya"}
    response = client.post(url, data)
    person = Person.objects.get(name="Ratna Sari")
    assertRedirects(response, person.get_absolute_url())
    assert not person.is_resident
    assertContains(client.get(person.get_absolute_url()), "non-penduduk")


# --- Pregnancies -------------------------------------------------------------------------------


def test_new_pregnant_woman_in_one_page(client, records, petugas):
    client.force_login(petugas)
    lmp = days_ago(70)
    data = {
        "ibu-name": "Wulan Dari",
        "ibu-sex": "P",
        "ibu-family_role": "istri",
        "hamil-last_period_date": lmp.isoformat(),
        "hamil-status": "kek",
        "hamil-muac_cm": "22.5",
        "hamil-pregnancy_number": "1",
    }
    url = reverse("stunting:pregnant_woman_create", args=[records["family"].pk])
    response = client.post(url, data)
    pregnancy = Pregnancy.objects.get(person__name="Wulan Dari")
    assertRedirects(response, pregnancy.get_absolute_url())
    assert pregnancy.expected_delivery_date == lmp + datetime.timedelta(days=280)
    assert pregnancy.kelurahan == records["family"].kelurahan
    assertContains(client.get(pregnancy.get_absolute_url()), "Trimester 1")


def test_pregnant_woman_form_errors_save_nothing(client, records, petugas):
    client.force_login(petugas)
    data = {"ibu-name": "Wulan Dari", "ibu-sex": "P", "hamil-status": "normal"}
    url = reverse("stunting:pregnant_woman_create", args=[records["family"].pk])
    response = client.post(url, data)
    assertContains(response, "Isi HPHT atau HPL.")
    assert not Person.objects.filter(name="Wulan Dari").exists()


def test_second_ongoing_pregnancy_is_a_form_error(client, records, petugas):
    client.force_login(petugas)
    mother = records["pregnancy"].person
    url = reverse("stunting:pregnancy_create", args=[mother.pk])
    response = client.post(url, {"last_period_date": days_ago(20).isoformat(), "status": "normal"})
    assertContains(response, "masih punya kehamilan yang belum berakhir")


def test_pregnancy_of_an_existing_mother_moves_her_between_groups(client, records, petugas):
    client.force_login(petugas)
    mother = records["mother"]
    url = reverse("stunting:pregnancy_create", args=[mother.pk])
    response = client.post(url, {"last_period_date": days_ago(40).isoformat(), "status": "normal"})
    pregnancy = mother.pregnancies.get()
    assertRedirects(response, pregnancy.get_absolute_url())
    # Still the mother of her children: one person, two roles.
    assert records["baby"].mother == pregnancy.person


def test_pregnancy_for_a_man_is_404(client, records, petugas):
    man = make_child(records["family"], sex="L", age_days=9000)
    client.force_login(petugas)
    assert client.get(reverse("stunting:pregnancy_create", args=[man.pk])).status_code == 404


def test_pregnancy_list_filters_risk(client, records, petugas):
    risky = make_pregnancy(make_mother(records["family"], name="Ani KEK"), status="kek")
    client.force_login(petugas)
    response = client.get(reverse("stunting:pregnancy_list"), {"status": "risiko"})
    assertContains(response, risky.person.name)
    assertNotContains(response, "Dewi Rahayu")


# --- Query counts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "max_queries"),
    [("stunting:child_list", 10), ("stunting:family_list", 10), ("stunting:pregnancy_list", 10)],
)
def test_list_pages_pin_their_queries(
    client, kelurahan, petugas, django_assert_max_num_queries, name, max_queries
):
    rw = make_rw(kelurahan, number=1)
    posyandu = make_lembaga(kelurahan, rw=rw)
    for i in range(20):
        family = make_family(kelurahan, rw=rw, posyandu=posyandu, rt=rw.rt_set.create(number=i + 1))
        mother = make_mother(family)
        child = make_child(family, mother=mother, age_days=100 + i * 40)
        make_measurement(child, weight="7.5", height="66.0")
        make_pregnancy(make_mother(family))
    client.force_login(petugas)
    with django_assert_max_num_queries(max_queries):
        response = client.get(reverse(name))
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 20


def test_child_page_pins_its_queries(client, records, petugas, django_assert_max_num_queries):
    baby = records["baby"]
    for k in range(1, 10):
        make_measurement(baby, on=days_ago(31 * k), weight="8.0", height="69.0")
    client.force_login(petugas)
    with django_assert_max_num_queries(14):
        response = client.get(baby.get_absolute_url())
    assertContains(response, "Riwayat bulanan")
