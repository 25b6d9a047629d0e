"""Writes of the cadres' field work: the families they accompany, and home visits.

A home visit counts in the "kunjungan rumah" number of its month's monitoring record exactly
once: a child of 0-23 months in the 2B record, a pregnancy in the 2A record (made for the month
when it has none, its household facts carried over as every new record's are). The visit keeps
the record it was counted in, so an edit that moves it to another month, or a deletion, takes
it off that record again. A visit to a child of 24 months or more counts in no form, nor does
a visit to a mother outside her pregnancy and nifas (before the HPHT, or more than 42 days after
delivery).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kelurahan.models import User
from kpm.models import Kader, Tugas
from kpm.uploads import deleted_on_commit, prepare_photo, removed_on_error

from . import ages, services
from .models import (
    ChildMonth,
    Family,
    FamilyAssignment,
    HomeVisit,
    Person,
    Pregnancy,
    PregnancyMonth,
    TaskTarget,
)

__all__ = [
    "assign_families",
    "create_task_for_targets",
    "delete_home_visit",
    "in_pregnancy",
    "logged_visit_count",
    "save_home_visit",
    "unassign_family",
]


@transaction.atomic
def assign_families(*, kader: Kader, families: Iterable[Family], started_on: datetime.date) -> int:
    """Make `kader` the companion of `families` (those already accompanied stay as they are);
    the number newly assigned."""
    made = 0
    for family in families:
        if family.kelurahan_id != kader.kelurahan_id:
            raise ValidationError(_("Keluarga binaan harus dari kelurahan kader."))
        _row, created = FamilyAssignment.objects.get_or_create(
            family=family,
            kader=kader,
            defaults={"kelurahan_id": family.kelurahan_id, "started_on": started_on},
        )
        made += created
    return made


@transaction.atomic
def unassign_family(*, assignment: FamilyAssignment) -> None:
    assignment.delete()


def _month_record(visit: HomeVisit) -> ChildMonth | PregnancyMonth | None:
    """The monitoring record of the visit's month that counts it (locked; made if missing), or
    None when no form counts a visit to this target."""
    month = ages.month_start(visit.visit_date)
    if visit.pregnancy_id:
        pregnancy = Pregnancy.objects.get(pk=visit.pregnancy_id)
        if not in_pregnancy(pregnancy, visit.visit_date):
            return None
        record = (
            PregnancyMonth.objects.select_for_update()
            .filter(pregnancy=pregnancy, month=month)
            .first()
        )
        if record is None:
            record = services.start_pregnancy_month(pregnancy, month=month)
            _save_new_month(record, visit, fill=services.fill_pregnancy_month)
        return record
    person = visit.person
    age = ages.age_months(person.birth_date, visit.visit_date) if person.birth_date else None
    if age is None or not ages.FORM_2B_MONTHS[0] <= age <= ages.FORM_2B_MONTHS[1]:
        return None
    record = ChildMonth.objects.select_for_update().filter(person=person, month=month).first()
    if record is None:
        record = services.start_child_month(person, month=month)
        _save_new_month(record, visit, fill=services.fill_child_month)
    return record


def _save_new_month(record, visit: HomeVisit, *, fill) -> None:
    """A month's record the visit starts: dated and recorded by the visit's cadre."""
    record.visit_date = visit.visit_date
    fill(record)
    record.recorded_by_id = visit.kader_id
    record.save()


def in_pregnancy(pregnancy: Pregnancy, day: datetime.date) -> bool:
    """Whether `day` falls in the pregnancy or its nifas: the days a 2A record can be about."""
    if pregnancy.lmp and day < pregnancy.lmp:
        return False
    delivered = pregnancy.delivered_on
    return not (delivered and (day - delivered).days > ages.NIFAS_DAYS)


def _count(record: ChildMonth | PregnancyMonth, step: int) -> None:
    record.home_visits = max(0, record.home_visits + step)
    record.save(update_fields=["home_visits", "updated_at"])


def _uncount(visit_pk: int) -> None:
    """Take a saved visit off the record it was counted in."""
    saved = HomeVisit.objects.select_for_update().get(pk=visit_pk)
    for model, pk in (
        (ChildMonth, saved.child_month_id),
        (PregnancyMonth, saved.pregnancy_month_id),
    ):
        if pk is not None:
            record = model.objects.select_for_update().filter(pk=pk).first()
            if record is not None:
                _count(record, -1)


@transaction.atomic
def save_home_visit(*, visit: HomeVisit, by: User | None = None, photo=None) -> HomeVisit:
    """Save a new or edited visit (and its photo, re-encoded: a new photo replaces the old one,
    whose files go once committed), counted once in its month."""
    if visit.pregnancy_id and visit.pregnancy.person_id != visit.person_id:
        raise ValidationError(_("Kehamilan ini bukan milik sasaran yang dikunjungi."))
    if visit.kader.kelurahan_id != visit.person.kelurahan_id:
        raise ValidationError(_("Kader harus dari kelurahan sasaran yang dikunjungi."))
    visit.kelurahan_id = visit.person.kelurahan_id
    if visit.pk is None:
        visit.created_by = by
    else:
        _uncount(visit.pk)
    record = _month_record(visit)
    visit.child_month = record if isinstance(record, ChildMonth) else None
    visit.pregnancy_month = record if isinstance(record, PregnancyMonth) else None
    if record is not None:
        _count(record, +1)
    if photo:
        _store_photo(visit, photo)
    else:
        visit.save()
    return visit


def _store_photo(visit: HomeVisit, photo) -> None:
    """Put a re-encoded photo on the visit and save it; the files it replaces are deleted once
    the transaction commits, the new ones at once if the row cannot be saved."""
    stored = prepare_photo(photo)
    deleted_on_commit(visit.photo, visit.thumbnail)
    visit.photo.save(stored.image.name, stored.image, save=False)
    visit.thumbnail.save(stored.thumbnail.name, stored.thumbnail, save=False)
    with removed_on_error(visit.photo, visit.thumbnail):
        visit.save()


@transaction.atomic
def delete_home_visit(*, visit: HomeVisit) -> None:
    """Delete a visit and take it off its month's number (its photo goes once committed)."""
    _uncount(visit.pk)
    deleted_on_commit(visit.photo, visit.thumbnail)
    visit.delete()


def logged_visit_count(record: ChildMonth | PregnancyMonth) -> int:
    """How many logged home visits a monitoring record counts: its "kunjungan rumah" number may
    be higher (visits not logged one by one), never lower."""
    if record.pk is None:
        return 0
    return record.logged_visits.count()


@transaction.atomic
def create_task_for_targets(
    *, tugas: Tugas, persons: Iterable[Person], kaders: Iterable[Kader], by: User | None
) -> Tugas:
    """Save a new KPM task about `persons` (targets of its kelurahan), done by `kaders`."""
    persons, kaders = list(persons), list(kaders)
    places = {p.kelurahan_id for p in persons} | {k.kelurahan_id for k in kaders}
    if places - {tugas.kelurahan_id}:
        raise ValidationError(_("Sasaran dan kader tugas harus dari kelurahan tugas."))
    tugas.created_by = by
    tugas.save()
    tugas.kaders.set(kaders)
    TaskTarget.objects.bulk_create(
        [TaskTarget(task=tugas, person=person) for person in persons], ignore_conflicts=True
    )
    return tugas
