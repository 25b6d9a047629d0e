"""The stunting data: ages at the visit date, z-scores computed at save time, constraints."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from stunting import ages, anthropometry, services
from stunting.models import ChildMonth, Person, Pregnancy

from .factories_stunting import (
    days_ago,
    make_child,
    make_child_month,
    make_family,
    make_measurement,
    make_mother,
    make_pregnancy,
    make_pregnancy_month,
    today,
)

D = datetime.date


# --- Ages -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "on", "months"),
    [
        (D(2024, 1, 15), D(2024, 2, 14), 0),
        (D(2024, 1, 15), D(2024, 2, 15), 1),
        (D(2024, 1, 31), D(2024, 2, 29), 1),  # the end of a shorter month counts
        (D(2024, 1, 31), D(2024, 2, 28), 0),
        (D(2023, 3, 10), D(2025, 3, 9), 23),
        (D(2023, 3, 10), D(2025, 3, 10), 24),
        (D(2020, 6, 1), D(2020, 6, 1), 0),
    ],
)
def test_age_in_completed_months(birth, on, months):
    assert ages.age_months(birth, on) == months


def test_birth_date_range_agrees_with_age_months():
    on = D(2026, 3, 31)
    earliest, latest = ages.birth_date_range(6, 12, on)
    for offset in range(0, 500):
        birth = on - datetime.timedelta(days=offset)
        inside = earliest <= birth <= latest
        assert inside == (6 <= ages.age_months(birth, on) <= 12), birth


def test_trimester_and_gestational_months():
    lmp = D(2026, 1, 1)
    assert ages.gestational_months(lmp, D(2026, 1, 20)) == 0
    assert ages.gestational_months(lmp, D(2026, 4, 15)) == 3
    assert [ages.trimester(m) for m in (0, 3, 4, 6, 7, 9)] == [1, 1, 2, 2, 3, 3]


# --- Z-scores at save time ------------------------------------------------------------------------


def test_measurement_gets_the_modules_zscores_and_categories(kelurahan):
    child = make_child(kelurahan=kelurahan, sex="P", age_days=400)
    m = make_measurement(child, weight="8.2", height="71.0", lying=True)
    expected = anthropometry.zscores(
        sex="P", age_days=400, weight_kg=8.2, height_cm=71.0, measured_lying=True
    )
    assert m.age_days == 400
    assert m.age_months == ages.age_months(child.birth_date, today())
    for key in ("wfa", "hfa", "wfh", "bfa"):
        assert getattr(m, f"{key}_z") == pytest.approx(expected[key], abs=1e-4)
        label = anthropometry.classify(key, expected[key])
        assert getattr(m, f"get_{key}_category_display")().lower() == label
    assert m.month == today().replace(day=1)


def test_measurements_show_at_least_one_decimal_in_indonesian(kelurahan):
    child = make_child(kelurahan=kelurahan, sex="L", age_days=900)
    m = make_measurement(child, weight="12.00", height="90.0", lying=False)
    assert (m.weight_label, m.height_label) == ("12,0", "90,0")
    m.weight_kg, m.height_cm = Decimal("3.25"), Decimal("89.70")
    assert (m.weight_label, m.height_label) == ("3,25", "89,7")


def test_stunted_child_is_pendek_or_sangat_pendek(kelurahan):
    child = make_child(kelurahan=kelurahan, sex="L", age_days=700)
    m = make_measurement(child, weight="9.0", height="74.0")
    assert m.hfa_z < -2
    assert m.hfa_category in ("pendek", "sangat_pendek")
    assert m.is_stunted


def test_every_classify_label_has_a_category_code():
    for indicator in ("wfa", "hfa", "wfh", "bfa"):
        for z in (-4, -2.5, 0, 1.5, 2.5, 3.5):
            assert services.category_code(indicator, z)
        assert services.category_code(indicator, None) == ""


def test_implausible_values_are_flagged_for_recheck(kelurahan):
    child = make_child(kelurahan=kelurahan, age_days=300)
    m = make_measurement(child, weight="25.0", height="70.0")
    assert m.needs_recheck
    assert "BB/U" in m.recheck_indicators


def test_editing_a_measurement_recomputes_it(kelurahan):
    child = make_child(kelurahan=kelurahan, age_days=500)
    m = make_measurement(child, weight="10.0", height="80.0")
    before = m.hfa_z
    m.height_cm = Decimal("72.0")
    services.save_measurement(measurement=m)
    m.refresh_from_db()
    assert m.hfa_z < before
    assert m.hfa_category in ("pendek", "sangat_pendek")


def test_correcting_birth_date_or_sex_recomputes_every_measurement(kelurahan):
    child = make_child(kelurahan=kelurahan, age_days=400, sex="L")
    m = make_measurement(child, weight="9.0", height="74.0")
    old = (m.age_days, m.hfa_z)
    child.birth_date = child.birth_date + datetime.timedelta(days=60)
    child.sex = "P"
    services.save_person(person=child)
    m.refresh_from_db()
    assert m.age_days == old[0] - 60
    expected = anthropometry.zscores(
        sex="P", age_days=340, weight_kg=9.0, height_cm=74.0, measured_lying=True
    )
    assert m.hfa_z == pytest.approx(expected["hfa"], abs=1e-4)


def test_last_measurement_follows_adds_and_deletes(kelurahan):
    child = make_child(kelurahan=kelurahan, age_days=400)
    first = make_measurement(child, on=days_ago(40), weight="8.0", height="70.0")
    latest = make_measurement(child, on=today(), weight="8.4", height="71.0")
    child.refresh_from_db()
    assert child.last_measurement == latest
    services.delete_measurement(measurement=latest)
    child.refresh_from_db()
    assert child.last_measurement == first


def test_oedema_leaves_only_length_for_age(kelurahan):
    child = make_child(kelurahan=kelurahan, age_days=300)
    m = make_measurement(child, weight="7.5", height="68.0", oedema=True)
    assert m.wfa_z is None and m.wfh_z is None and m.bfa_z is None
    assert m.hfa_z is not None


# --- Database rules -------------------------------------------------------------------------------


def test_one_measurement_per_child_per_month(kelurahan):
    child = make_child(kelurahan=kelurahan, age_days=300)
    make_measurement(child)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_measurement(child, weight="8.6")


@pytest.mark.parametrize(
    ("weight", "height"), [("0.3", "70.0"), ("75.0", "70.0"), ("8.0", "20.0"), ("8.0", "180.0")]
)
def test_database_refuses_implausible_weight_and_height(kelurahan, weight, height):
    child = make_child(kelurahan=kelurahan, age_days=300)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_measurement(child, weight=weight, height=height)


def test_database_refuses_2b_past_23_months(kelurahan):
    child = make_child(kelurahan=kelurahan, age_days=800)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_child_month(child)


def test_one_2b_record_per_child_per_month(kelurahan):
    child = make_child(kelurahan=kelurahan, age_days=300)
    make_child_month(child)
    with pytest.raises(IntegrityError), transaction.atomic():
        ChildMonth.objects.create(
            person=child,
            kelurahan=kelurahan,
            visit_date=today(),
            month=today().replace(day=1),
            age_months=9,
        )


def test_one_ongoing_pregnancy_per_woman(kelurahan):
    mother = make_mother(make_family(kelurahan))
    make_pregnancy(mother)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_pregnancy(mother, last_period_date=days_ago(30))


def test_nik_is_unique_per_kelurahan_but_not_across(kelurahan, other_kelurahan):
    nik = "3578015705950001"
    make_mother(make_family(kelurahan), nik=nik)
    make_mother(make_family(other_kelurahan), nik=nik)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_mother(make_family(kelurahan), nik=nik)


def test_persons_without_nik_do_not_collide(kelurahan):
    family = make_family(kelurahan)
    make_child(family)
    make_child(family)
    assert Person.objects.filter(nik="").count() == 2


# --- Pregnancy stage at the visit date ------------------------------------------------------------


def test_pregnancy_stage_is_taken_at_the_visit_date(kelurahan):
    mother = make_mother(make_family(kelurahan))
    pregnancy = make_pregnancy(mother, last_period_date=days_ago(200))
    early = make_pregnancy_month(pregnancy, on=days_ago(150))
    late = make_pregnancy_month(pregnancy, on=today())
    assert early.stage == "t1" and early.gestational_months == 1
    assert (late.stage, late.gestational_months) == ("t2", 6)


def test_recording_a_delivery_restages_the_later_months(kelurahan):
    mother = make_mother(make_family(kelurahan))
    pregnancy = make_pregnancy(mother, last_period_date=days_ago(290))
    after = make_pregnancy_month(pregnancy, on=today())
    assert after.stage == "t3"
    pregnancy.delivered_on = days_ago(5)
    pregnancy.outcome = Pregnancy.Outcome.LAHIR_HIDUP
    services.save_pregnancy(pregnancy=pregnancy)
    after.refresh_from_db()
    assert after.stage == "nifas"
    assert after.gestational_months is None


def test_hpl_alone_gives_the_stage(kelurahan):
    mother = make_mother(make_family(kelurahan))
    pregnancy = make_pregnancy(
        mother, last_period_date=None, expected_delivery_date=today() + datetime.timedelta(200)
    )
    assert pregnancy.lmp == today() + datetime.timedelta(200) - datetime.timedelta(280)
    assert pregnancy.stage_on(today()) == "t1"
