"""The monthly writes through the services, for any caller: the form, the posyandu day, a
script. Household facts start from the previous month's answers."""

from django.urls import reverse

from stunting import ages, services
from stunting.models import PregnancyMonth

from .factories_stunting import (
    days_ago,
    make_child,
    make_child_month,
    make_family,
    make_mother,
    make_pregnancy,
    make_pregnancy_month,
    this_month,
    today,
)


def test_save_pregnancy_month_called_directly_fills_the_month_and_stage(kelurahan):
    pregnancy = make_pregnancy(make_mother(make_family(kelurahan)), last_period_date=days_ago(100))
    record = PregnancyMonth(pregnancy=pregnancy, visit_date=today(), status="kek", anc_visits=1)
    services.save_pregnancy_month(record=record)
    record.refresh_from_db()
    pregnancy.refresh_from_db()
    assert record.month == this_month()
    assert record.gestational_months == 3 and record.stage
    assert record.kelurahan_id == kelurahan.pk
    assert pregnancy.status == "kek"  # the latest month's status is the pregnancy's


def test_save_pregnancy_month_called_directly_with_a_delivery(kelurahan):
    pregnancy = make_pregnancy(make_mother(make_family(kelurahan)), last_period_date=days_ago(275))
    record = PregnancyMonth(pregnancy=pregnancy, visit_date=today(), postnatal_visits=1)
    services.save_pregnancy_month(record=record, delivered_on=days_ago(3))
    record.refresh_from_db()
    assert record.stage == "nifas"
    assert pregnancy.delivered_on == days_ago(3) and pregnancy.outcome


def test_new_2b_month_starts_from_the_previous_months_household_facts(client, kelurahan, petugas):
    baby = make_child(make_family(kelurahan), age_days=300, has_birth_certificate=False)
    previous = ages.add_months(this_month(), -1)
    make_child_month(
        baby, on=previous, safe_water=True, birth_certificate=True, measles_immunized=True
    )
    client.force_login(petugas)
    page = client.get(reverse("stunting:child_month_create", args=[baby.pk]))
    initial = page.context["form"].initial
    assert initial["safe_water"] and initial["birth_certificate"] and initial["measles_immunized"]
    assert not initial["proper_latrine"] and not initial["health_insurance"]


def test_form_and_posyandu_day_start_a_month_the_same_way(kelurahan):
    baby = make_child(make_family(kelurahan), age_days=300, has_birth_certificate=True)
    # No earlier record: akta lahir comes from the register, the rest starts empty.
    first = services.start_child_month(baby, month=this_month())
    assert first.birth_certificate and not first.safe_water
    # A later month's record is not the "previous" month of an earlier one.
    make_child_month(baby, on=today(), safe_water=True, birth_certificate=False)
    earlier = services.start_child_month(baby, month=ages.add_months(this_month(), -1))
    assert earlier.birth_certificate and not earlier.safe_water
    following = services.start_child_month(baby, month=ages.add_months(this_month(), 1))
    assert following.safe_water and not following.birth_certificate


def test_new_2a_month_starts_from_the_previous_months_household_facts(client, kelurahan, petugas):
    pregnancy = make_pregnancy(make_mother(make_family(kelurahan)), last_period_date=days_ago(120))
    make_pregnancy_month(
        pregnancy, on=days_ago(35), safe_water=True, health_insurance=True, status="risti"
    )
    pregnancy.status = "risti"
    pregnancy.save()
    client.force_login(petugas)
    page = client.get(reverse("stunting:pregnancy_month_create", args=[pregnancy.pk]))
    initial = page.context["form"].initial
    assert initial["safe_water"] and initial["health_insurance"] and not initial["proper_latrine"]
    assert initial["status"] == "risti"


def test_a_record_kept_for_a_month_is_not_started_again(kelurahan):
    pregnancy = make_pregnancy(make_mother(make_family(kelurahan)), last_period_date=days_ago(120))
    make_pregnancy_month(pregnancy, on=today(), safe_water=True)
    record = services.start_pregnancy_month(pregnancy, month=this_month())
    assert not record.safe_water  # only earlier months count
    assert record.month is None  # filled when it is saved
