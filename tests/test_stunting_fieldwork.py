"""Field-work services: families a cadre accompanies, and home visits counted exactly once in
their month's 2A or 2B "kunjungan rumah" number (on create, edit, a move to another month and
delete); the 2A and 2B forms refusing a number below the logged visits."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains

from kpm.models import Duty, Tugas
from stunting import ages
from stunting.fieldwork import (
    assign_families,
    create_task_for_targets,
    delete_home_visit,
    logged_visit_count,
    save_home_visit,
    unassign_family,
)
from stunting.models import ChildMonth, FamilyAssignment, HomeVisit, PregnancyMonth, TaskTarget

from .factories_kpm import make_kader
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
from .seeding import seed_demo_twice
from .stamps import post_form
from .test_stunting_monitoring import form_2a, form_2b


def visit(person, cadre, on=None, **fields):
    row = HomeVisit(person=person, kader=cadre, visit_date=on or today(), purpose="pemantauan")
    for name, value in fields.items():
        setattr(row, name, value)
    return save_home_visit(visit=row)


def last_month_day() -> datetime.date:
    return ages.add_months(this_month(), -1).replace(day=10)


def child_month(person, month) -> ChildMonth:
    return ChildMonth.objects.get(person=person, month=month)


# --- Families a cadre accompanies -------------------------------------------------------------


def test_assign_families_is_idempotent_and_counts_the_new_ones(kelurahan, cadre):
    families = [make_family(kelurahan) for _ in range(3)]
    assert assign_families(kader=cadre, families=families[:2], started_on=today()) == 2
    assert assign_families(kader=cadre, families=families, started_on=today()) == 1
    assert FamilyAssignment.objects.filter(kader=cadre).count() == 3
    assert all(a.kelurahan_id == kelurahan.pk for a in FamilyAssignment.objects.all())


def test_a_family_may_have_several_cadres(family, cadre, kelurahan):
    other = make_kader(kelurahan)
    assign_families(kader=cadre, families=[family], started_on=today())
    assign_families(kader=other, families=[family], started_on=today())
    assert set(family.assignments.values_list("kader_id", flat=True)) == {cadre.pk, other.pk}


def test_assign_refuses_another_kelurahans_family(cadre, other_kelurahan):
    with pytest.raises(ValidationError):
        assign_families(kader=cadre, families=[make_family(other_kelurahan)], started_on=today())
    assert not FamilyAssignment.objects.exists()


def test_unassign_family(family, cadre):
    assign_families(kader=cadre, families=[family], started_on=today())
    unassign_family(assignment=FamilyAssignment.objects.get())
    assert not FamilyAssignment.objects.exists()


# --- Home visits counted once ---------------------------------------------------------------


def test_a_visit_in_a_month_without_2b_makes_one_with_carried_over_facts(baby, cadre):
    make_child_month(
        baby, on=ages.add_months(this_month(), -2), safe_water=True, proper_latrine=True
    )
    row = visit(baby, cadre)
    record = child_month(baby, this_month())
    assert row.child_month == record and row.pregnancy_month is None
    assert record.home_visits == 1
    assert record.safe_water is True and record.proper_latrine is True
    assert record.recorded_by == cadre and record.visit_date == today()
    assert record.age_months == ages.age_months(baby.birth_date, today())
    assert logged_visit_count(record) == 1


def test_a_visit_adds_to_an_existing_2b_number_once(baby, cadre):
    record = make_child_month(baby, home_visits=2)
    visit(baby, cadre)
    visit(baby, cadre)
    record.refresh_from_db()
    assert record.home_visits == 4
    assert logged_visit_count(record) == 2


def test_editing_a_visit_in_the_same_month_does_not_count_it_again(baby, cadre):
    row = visit(baby, cadre)
    row.notes = "Anak sehat"
    save_home_visit(visit=row)
    save_home_visit(visit=HomeVisit.objects.get(pk=row.pk))
    assert child_month(baby, this_month()).home_visits == 1


def test_moving_a_visit_to_another_month_moves_its_count(baby, cadre):
    row = visit(baby, cadre)
    row.visit_date = last_month_day()
    save_home_visit(visit=row)
    previous = ages.add_months(this_month(), -1)
    assert child_month(baby, this_month()).home_visits == 0
    assert child_month(baby, previous).home_visits == 1
    assert HomeVisit.objects.get().child_month == child_month(baby, previous)
    row.visit_date = today()
    save_home_visit(visit=row)
    assert child_month(baby, this_month()).home_visits == 1
    assert child_month(baby, previous).home_visits == 0


def test_deleting_a_visit_takes_it_off_the_number(baby, cadre):
    first, second = visit(baby, cadre), visit(baby, cadre)
    delete_home_visit(visit=first)
    record = child_month(baby, this_month())
    assert record.home_visits == 1 and logged_visit_count(record) == 1
    delete_home_visit(visit=second)
    record.refresh_from_db()
    assert record.home_visits == 0


def test_a_child_of_24_months_or_more_counts_nowhere(family, cadre):
    toddler = make_child(family, age_days=800)
    row = visit(toddler, cadre)
    assert row.child_month is None and row.pregnancy_month is None
    assert not ChildMonth.objects.exists() and not PregnancyMonth.objects.exists()
    delete_home_visit(visit=row)


def test_a_visit_dated_when_the_child_was_younger_counts_in_that_months_2b(family, cadre):
    child = make_child(family, age_days=740)  # 24 months now, 23 months some weeks ago
    on = child.birth_date + datetime.timedelta(days=700)
    row = visit(child, cadre, on=on)
    assert row.child_month is not None
    assert row.child_month.month == ages.month_start(on)


def test_a_pregnancy_visit_counts_in_2a(family, cadre):
    mother = make_mother(family)
    pregnancy = make_pregnancy(mother, status="kek")
    make_pregnancy_month(pregnancy, on=days_ago(35), safe_water=True)
    row = visit(mother, cadre, pregnancy=pregnancy, purpose="ibu_hamil")
    record = PregnancyMonth.objects.get(pregnancy=pregnancy, month=this_month())
    assert row.pregnancy_month == record and row.child_month is None
    assert record.home_visits == 1 and record.status == "kek"
    assert record.safe_water is True  # household facts carried over
    assert record.gestational_months is not None and record.stage
    delete_home_visit(visit=row)
    record.refresh_from_db()
    assert record.home_visits == 0


def test_a_visit_to_a_mother_without_a_pregnancy_counts_nowhere(family, cadre):
    row = visit(make_mother(family), cadre)
    assert row.child_month is None and row.pregnancy_month is None


def test_a_visit_outside_the_pregnancy_counts_nowhere(family, cadre):
    mother = make_mother(family)
    pregnancy = make_pregnancy(
        mother, last_period_date=days_ago(400), delivered_on=days_ago(120), outcome="lahir_hidup"
    )
    row = visit(mother, cadre, pregnancy=pregnancy)
    assert row.pregnancy_month is None and not PregnancyMonth.objects.exists()


def test_a_visit_moved_from_a_child_month_to_none_is_uncounted(family, cadre):
    child = make_child(family, age_days=740)
    row = visit(child, cadre, on=child.birth_date + datetime.timedelta(days=700))
    counted_in = row.child_month
    row.visit_date = today()  # 24 months now: no form counts it
    save_home_visit(visit=row)
    counted_in.refresh_from_db()
    assert counted_in.home_visits == 0 and HomeVisit.objects.get().child_month is None


def test_the_pregnancy_must_be_the_visited_persons(family, cadre, baby):
    pregnancy = make_pregnancy(make_mother(family))
    with pytest.raises(ValidationError):
        visit(baby, cadre, pregnancy=pregnancy)
    assert not HomeVisit.objects.exists()


def test_the_cadre_must_be_of_the_targets_kelurahan(baby, other_kelurahan):
    with pytest.raises(ValidationError):
        visit(baby, make_kader(other_kelurahan))
    assert not HomeVisit.objects.exists() and not ChildMonth.objects.exists()


def test_a_deleted_2b_record_leaves_the_visit_and_a_later_edit_counts_it_anew(baby, cadre):
    row = visit(baby, cadre)
    row.child_month.delete()
    row.refresh_from_db()
    assert row.child_month is None
    save_home_visit(visit=row)
    assert child_month(baby, this_month()).home_visits == 1


# --- A task about targets --------------------------------------------------------------------


def test_create_task_for_targets_links_the_targets_and_cadres(kelurahan, baby, cadre, petugas):
    tugas = Tugas(kelurahan=kelurahan, title="Kunjungan", duty=Duty.PEMANTAUAN, due_date=today())
    create_task_for_targets(tugas=tugas, persons=[baby], kaders=[cadre], by=petugas)
    assert list(tugas.kaders.all()) == [cadre] and tugas.created_by == petugas
    assert TaskTarget.objects.get().person == baby


def test_create_task_for_targets_refuses_another_kelurahans_target(kelurahan, other_kelurahan):
    stranger = make_child(make_family(other_kelurahan))
    tugas = Tugas(kelurahan=kelurahan, title="X", duty=Duty.PEMANTAUAN, due_date=today())
    with pytest.raises(ValidationError):
        create_task_for_targets(tugas=tugas, persons=[stranger], kaders=[], by=None)
    assert not Tugas.objects.exists()


# --- The 2A and 2B forms keep the logged visits -------------------------------------------------


def test_the_2b_form_refuses_a_number_below_the_logged_visits(client, petugas, baby, cadre):
    visit(baby, cadre)
    visit(baby, cadre)
    record = child_month(baby, this_month())
    client.force_login(petugas)
    url = reverse("stunting:child_month_update", args=[record.pk])
    response = post_form(client, url, form_2b(home_visits="1"))
    assertContains(response, "tidak boleh kurang dari 2")
    record.refresh_from_db()
    assert record.home_visits == 2
    response = post_form(client, url, form_2b(home_visits="3"))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.home_visits == 3


def test_the_2b_form_keeps_the_month_of_a_record_with_logged_visits(client, petugas, baby, cadre):
    visit(baby, cadre)
    record = child_month(baby, this_month())
    client.force_login(petugas)
    url = reverse("stunting:child_month_update", args=[record.pk])
    response = post_form(client, url, form_2b(visit_date=last_month_day().isoformat()))
    assertContains(response, "Tanggal tidak bisa dipindah ke bulan lain")
    record.refresh_from_db()
    assert record.month == this_month()


def test_the_2a_form_refuses_a_number_below_the_logged_visits(client, petugas, family, cadre):
    mother = make_mother(family)
    pregnancy = make_pregnancy(mother)
    visit(mother, cadre, pregnancy=pregnancy)
    record = PregnancyMonth.objects.get()
    client.force_login(petugas)
    url = reverse("stunting:pregnancy_month_update", args=[record.pk])
    response = post_form(client, url, form_2a(home_visits="0"))
    assertContains(response, "tidak boleh kurang dari 1")
    response = post_form(client, url, form_2a(home_visits="1"))
    assert response.status_code == 302


# --- Demo data -------------------------------------------------------------------------------


def test_the_demo_shares_pradahs_families_and_logs_visits_safely_twice(db):
    from django.db.models import Count

    seed_demo_twice(FamilyAssignment, HomeVisit, ChildMonth)
    per_cadre = FamilyAssignment.objects.values("kader").annotate(n=Count("pk"))
    assert per_cadre and all(5 <= row["n"] <= 20 for row in per_cadre)
    assert {a.kelurahan.name for a in FamilyAssignment.objects.select_related("kelurahan")} == {
        "Pradah Kali Kendal"
    }
    visits = HomeVisit.objects.all()
    assert visits.filter(child_month__isnull=False).exists()
    assert visits.filter(pregnancy_month__isnull=False).exists()
    for visit in visits.select_related("child_month", "pregnancy_month"):
        record = visit.child_month or visit.pregnancy_month
        if record is None:  # a child of 24 months or more
            assert visit.person.age_months >= 24
            continue
        assert record.home_visits >= logged_visit_count(record) >= 1
