"""Monthly records of one target: forms 2A, 2B, 2C and measurements, with the rules of bad input."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from stunting import ages
from stunting.models import ChildMonth, Measurement, PaudMonth, PregnancyMonth

from .factories_kpm import make_kader
from .factories_stunting import (
    days_ago,
    make_child,
    make_child_month,
    make_family,
    make_measurement,
    make_mother,
    make_pregnancy,
    make_pregnancy_month,
    this_month,
    today,
)
from .stamps import post_form


@pytest.fixture
def toddler(kelurahan):
    return make_child(make_family(kelurahan), name="Citra", sex="P", age_days=1000)


def form_2b(**overrides):
    return {
        "visit_date": today().isoformat(),
        "weight_kg": "8.4",
        "height_cm": "70.5",
        "measured_lying": "1",
        "growth_mat": "hijau",
        "counseling_mother": "on",
        "home_visits": "0",
        "exclusive_breastfeeding": "unknown",
        "complementary_feeding": "true",
        "safe_water": "on",
    } | overrides


def test_2b_saves_the_record_and_the_months_measurement(client, baby, cadre, petugas):
    client.force_login(petugas)
    url = reverse("stunting:child_month_create", args=[baby.pk])
    response = client.post(url, form_2b(recorded_by=cadre.pk))
    assertRedirects(response, baby.get_absolute_url())
    record = ChildMonth.objects.get(person=baby)
    measurement = Measurement.objects.get(person=baby)
    assert record.age_months == ages.age_months(baby.birth_date, today())
    assert record.recorded_by == cadre and measurement.recorded_by == cadre
    assert (record.counseling_mother, record.counseling_father, record.complementary_feeding) == (
        True,
        False,
        True,
    )
    assert measurement.hfa_z is not None and measurement.hfa_category
    page = client.get(baby.get_absolute_url())
    assertContains(page, measurement.get_hfa_category_display())


def test_2b_edit_changes_the_measurement_and_its_zscores(client, baby, petugas):
    client.force_login(petugas)
    client.post(reverse("stunting:child_month_create", args=[baby.pk]), form_2b())
    record = ChildMonth.objects.get(person=baby)
    before = Measurement.objects.get(person=baby).hfa_z
    url = reverse("stunting:child_month_update", args=[record.pk])
    assertContains(client.get(url), 'value="70.5"')
    response = post_form(client, url, form_2b(height_cm="66.0"))
    assertRedirects(response, baby.get_absolute_url())
    assert Measurement.objects.get(person=baby).hfa_z < before
    assert ChildMonth.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("weight_kg", "0.2", "Berat badan harus antara 0,5 dan 60 kg."),
        ("weight_kg", "80", "Berat badan harus antara 0,5 dan 60 kg."),
        ("height_cm", "12", "Panjang/tinggi badan harus antara 35 dan 150 cm."),
        ("measured_lying", "", "Pilih cara ukur"),
    ],
)
def test_2b_refuses_implausible_measurements(client, baby, petugas, field, value, message):
    client.force_login(petugas)
    url = reverse("stunting:child_month_create", args=[baby.pk])
    response = client.post(url, form_2b(**{field: value}))
    assertContains(response, message)
    assertContains(response, "Data belum disimpan")
    assert not ChildMonth.objects.exists() and not Measurement.objects.exists()


def test_2b_refuses_future_dates_and_dates_before_birth(client, baby, petugas):
    client.force_login(petugas)
    url = reverse("stunting:child_month_create", args=[baby.pk])
    future = today() + datetime.timedelta(days=1)
    assertContains(
        client.post(url, form_2b(visit_date=future.isoformat())),
        "Tanggal tidak boleh di masa depan.",
    )
    before_birth = baby.birth_date - datetime.timedelta(days=3)
    assertContains(
        client.post(url, form_2b(visit_date=before_birth.isoformat())),
        "Tanggal tidak boleh sebelum tanggal lahir anak.",
    )
    assert not ChildMonth.objects.exists()


def test_2b_refuses_a_child_past_23_months(client, toddler, petugas):
    client.force_login(petugas)
    url = reverse("stunting:child_month_create", args=[toddler.pk])
    response = client.post(url, form_2b(weight_kg="11", height_cm="85", measured_lying="0"))
    assertContains(response, "di luar rentang formulir ini (0-23 bulan)")
    assert not ChildMonth.objects.exists()


def test_age_is_taken_at_the_visit_date_not_today(client, kelurahan, petugas):
    # 25 months old today, 22 months old at a visit three months ago: 2B is right.
    child = make_child(make_family(kelurahan), birth_date=ages.add_months(today(), -25))
    visit = ages.add_months(today(), -3)
    client.force_login(petugas)
    url = reverse("stunting:child_month_create", args=[child.pk])
    response = client.post(
        url, form_2b(visit_date=visit.isoformat(), weight_kg="10.5", height_cm="82")
    )
    assertRedirects(response, child.get_absolute_url())
    assert ChildMonth.objects.get(person=child).age_months == 22


def test_second_2b_record_in_a_month_is_refused(client, baby, petugas):
    make_child_month(baby, on=this_month())
    client.force_login(petugas)
    url = reverse("stunting:child_month_create", args=[baby.pk])
    response = client.post(url, form_2b())
    assertContains(response, "Anak ini sudah punya catatan formulir 2B pada bulan ini.")
    assert ChildMonth.objects.count() == 1


def test_cadre_must_be_an_active_cadre_of_the_kelurahan(client, baby, other_kelurahan, petugas):
    foreign = make_kader(other_kelurahan)
    former = make_kader(baby.kelurahan, is_active=False, ended_on=days_ago(10), end_reason="Pindah")
    client.force_login(petugas)
    url = reverse("stunting:child_month_create", args=[baby.pk])
    for cadre in (foreign, former):
        response = client.post(url, form_2b(recorded_by=cadre.pk))
        assertContains(response, "pilihan yang valid")
    assert not ChildMonth.objects.exists()


# --- Measurement only (24-59 months) ----------------------------------------------------------


def test_measurement_of_an_older_child_and_its_correction(client, toddler, petugas):
    client.force_login(petugas)
    url = reverse("stunting:measurement_create", args=[toddler.pk])
    data = {
        "measured_on": today().isoformat(),
        "weight_kg": "10.0",
        "height_cm": "80.0",
        "measured_lying": "0",
    }
    assertRedirects(client.post(url, data), toddler.get_absolute_url())
    m = Measurement.objects.get(person=toddler)
    assert m.hfa_category in ("pendek", "sangat_pendek")
    response = post_form(
        client, reverse("stunting:measurement_update", args=[m.pk]), {**data, "height_cm": "90.0"}
    )
    assertRedirects(response, toddler.get_absolute_url())
    m.refresh_from_db()
    assert m.hfa_category == "normal"
    toddler.refresh_from_db()
    assert toddler.last_measurement == m


def test_measurement_needs_weight_or_height(client, toddler, petugas):
    client.force_login(petugas)
    url = reverse("stunting:measurement_create", args=[toddler.pk])
    response = client.post(url, {"measured_on": today().isoformat()})
    assertContains(response, "Isi berat badan atau panjang/tinggi badan.")


def test_measurement_refused_for_a_child_of_five(client, kelurahan, petugas):
    child = make_child(make_family(kelurahan), birth_date=ages.add_months(today(), -61))
    client.force_login(petugas)
    url = reverse("stunting:measurement_create", args=[child.pk])
    data = {"measured_on": today().isoformat(), "weight_kg": "17"}
    assertContains(client.post(url, data), "di luar rentang formulir ini (0-59 bulan)")


def test_measurement_delete_is_post_only(client, toddler, petugas):
    m = make_measurement(toddler, weight="11.0", height="85.0", lying=False)
    client.force_login(petugas)
    url = reverse("stunting:measurement_delete", args=[m.pk])
    assert client.get(url).status_code == 405
    assertRedirects(client.post(url), toddler.get_absolute_url())
    assert not Measurement.objects.exists()


# --- 2C --------------------------------------------------------------------------------------


def test_2c_records_paud_participation(client, toddler, petugas):
    client.force_login(petugas)
    url = reverse("stunting:paud_month_create", args=[toddler.pk])
    data = {"visit_date": today().isoformat(), "registered": "on", "participated": "on"}
    assertRedirects(client.post(url, data), toddler.get_absolute_url())
    record = PaudMonth.objects.get(person=toddler)
    assert record.participated and record.age_months >= 24


def test_2c_rules(client, baby, toddler, petugas):
    client.force_login(petugas)
    response = client.post(
        reverse("stunting:paud_month_create", args=[toddler.pk]),
        {"visit_date": today().isoformat(), "participated": "on"},
    )
    assertContains(response, "harus terdaftar di PAUD")
    response = client.post(
        reverse("stunting:paud_month_create", args=[baby.pk]),
        {"visit_date": today().isoformat(), "registered": "on"},
    )
    assertContains(response, "di luar rentang formulir ini (24-83 bulan)")
    assert not PaudMonth.objects.exists()


# --- 2A --------------------------------------------------------------------------------------


@pytest.fixture
def pregnancy(kelurahan):
    return make_pregnancy(
        make_mother(make_family(kelurahan), name="Dewi"),
        last_period_date=days_ago(150),
        status="kek",
    )


def form_2a(**overrides):
    return {
        "visit_date": today().isoformat(),
        "status": "kek",
        "anc_visits": "1",
        "iron_tablets": "30",
        "postnatal_visits": "0",
        "nutrition_counseling": "1",
        "home_visits": "1",
        "safe_water": "on",
    } | overrides


def test_2a_records_counts_and_the_stage_at_the_visit(client, pregnancy, petugas):
    client.force_login(petugas)
    url = reverse("stunting:pregnancy_month_create", args=[pregnancy.pk])
    assertRedirects(client.post(url, form_2a()), pregnancy.get_absolute_url())
    record = PregnancyMonth.objects.get(pregnancy=pregnancy)
    assert (record.iron_tablets, record.home_visits, record.stage) == (30, 1, "t2")
    assert record.gestational_months == ages.gestational_months(days_ago(150), today())


def test_2a_delivery_date_is_written_to_the_pregnancy(client, pregnancy, petugas):
    make_pregnancy_month(pregnancy, on=days_ago(35))
    pregnancy.last_period_date = days_ago(285)
    pregnancy.save()
    client.force_login(petugas)
    url = reverse("stunting:pregnancy_month_create", args=[pregnancy.pk])
    data = form_2a(delivered_on=days_ago(3).isoformat(), anc_visits="0", postnatal_visits="1")
    assertRedirects(client.post(url, data), pregnancy.get_absolute_url())
    pregnancy.refresh_from_db()
    assert pregnancy.delivered_on == days_ago(3)
    assert pregnancy.outcome == "lahir_hidup"
    assert pregnancy.months.get(month=this_month()).stage == "nifas"


def test_2a_rules(client, pregnancy, petugas):
    client.force_login(petugas)
    url = reverse("stunting:pregnancy_month_create", args=[pregnancy.pk])
    before_lmp = days_ago(200).isoformat()
    assertContains(client.post(url, form_2a(visit_date=before_lmp)), "sebelum HPHT")
    assertContains(client.post(url, form_2a(iron_tablets="500")), "paling banyak 93 butir")
    make_pregnancy_month(pregnancy)
    assertContains(
        client.post(url, form_2a()), "Kehamilan ini sudah punya catatan formulir 2A pada bulan ini."
    )
    assert PregnancyMonth.objects.count() == 1


def test_2a_after_the_nifas_period_is_refused(client, pregnancy, petugas):
    pregnancy.delivered_on = days_ago(60)
    pregnancy.outcome = "lahir_hidup"
    pregnancy.save()
    client.force_login(petugas)
    url = reverse("stunting:pregnancy_month_create", args=[pregnancy.pk])
    assertContains(client.post(url, form_2a()), "sudah lewat masa nifas")
