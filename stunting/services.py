"""Writes that touch several rows: z-scores at save time, monthly records, the posyandu day.

The z-scores and categories of a measurement are always computed here from
`stunting.anthropometry`, never typed by hand; editing a measurement, or the birth date or sex
of a child, recomputes them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from . import ages, anthropometry
from .models import (
    ChildMonth,
    HeightForAge,
    Measurement,
    PaudMonth,
    Person,
    Pregnancy,
    PregnancyMonth,
    WeightForAge,
    WeightForHeight,
)

# anthropometry.classify() labels (Permenkes No. 2 Tahun 2020) -> the stored category codes.
_WFH_CODES = {
    "gizi buruk": WeightForHeight.GIZI_BURUK,
    "gizi kurang": WeightForHeight.GIZI_KURANG,
    "gizi baik": WeightForHeight.GIZI_BAIK,
    "berisiko gizi lebih": WeightForHeight.BERISIKO_GIZI_LEBIH,
    "gizi lebih": WeightForHeight.GIZI_LEBIH,
    "obesitas": WeightForHeight.OBESITAS,
}
_CATEGORY_CODES = {
    "wfa": {
        "berat badan sangat kurang": WeightForAge.SANGAT_KURANG,
        "berat badan kurang": WeightForAge.KURANG,
        "normal": WeightForAge.NORMAL,
        "risiko berat badan lebih": WeightForAge.RISIKO_LEBIH,
    },
    "hfa": {
        "sangat pendek": HeightForAge.SANGAT_PENDEK,
        "pendek": HeightForAge.PENDEK,
        "normal": HeightForAge.NORMAL,
        "tinggi": HeightForAge.TINGGI,
    },
    "wfh": _WFH_CODES,
    "bfa": _WFH_CODES,
}


def category_code(indicator: str, z: float | None) -> str:
    label = anthropometry.classify(indicator, z)
    return "" if label is None else _CATEGORY_CODES[indicator][label]


def _float(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


def compute_zscores(measurement: Measurement, *, sex: str, birth_date: datetime.date) -> None:
    """Fill the age, z-scores, categories and re-check flag of `measurement` (no save)."""
    measurement.month = ages.month_start(measurement.measured_on)
    measurement.age_days = ages.age_days(birth_date, measurement.measured_on)
    measurement.age_months = ages.age_months(birth_date, measurement.measured_on)
    result = anthropometry.zscores(
        sex=sex,
        age_days=measurement.age_days,
        weight_kg=_float(measurement.weight_kg),
        height_cm=_float(measurement.height_cm),
        measured_lying=measurement.measured_lying,
        oedema=measurement.oedema,
    )
    recheck = False
    for indicator in anthropometry.INDICATORS:
        z = result[indicator]
        setattr(measurement, f"{indicator}_z", None if z is None else round(z, 4))
        setattr(measurement, f"{indicator}_category", category_code(indicator, z))
        recheck = recheck or anthropometry.is_implausible(indicator, z)
    measurement.needs_recheck = recheck
    if not recheck:
        measurement.recheck_confirmed = False  # nothing to confirm


def refresh_last_measurement(person: Person) -> None:
    latest = person.measurements.order_by("-month").first()
    if person.last_measurement_id != (latest.pk if latest else None):
        Person.objects.filter(pk=person.pk).update(last_measurement=latest)
        person.last_measurement = latest


@transaction.atomic
def save_measurement(*, measurement: Measurement) -> Measurement:
    person = measurement.person
    measurement.kelurahan_id = person.kelurahan_id
    compute_zscores(measurement, sex=person.sex, birth_date=person.birth_date)
    measurement.save()
    refresh_last_measurement(person)
    return measurement


@transaction.atomic
def delete_measurement(*, measurement: Measurement) -> None:
    person = measurement.person
    measurement.delete()
    refresh_last_measurement(person)


@transaction.atomic
def save_person(*, person: Person) -> Person:
    """Save a person; when the birth date or sex changed, recompute every measurement."""
    old = Person.objects.filter(pk=person.pk).values("birth_date", "sex").first()
    person.save()
    if old and (old["birth_date"], old["sex"]) != (person.birth_date, person.sex):
        recompute_measurements(person=person)
    if old and old["birth_date"] != person.birth_date and person.birth_date:
        refresh_record_ages(person=person)
    return person


# The age range (completed months at the visit) of each monthly form with a stored age.
RECORD_AGE_RANGES = ((ChildMonth, ages.FORM_2B_MONTHS), (PaudMonth, ages.FORM_2C_MONTHS))


def records_outside_age(person: Person, birth_date: datetime.date) -> list:
    """The 2B and 2C records of `person` whose age at the visit date, with `birth_date`, would
    fall outside their form's range (a birth date correction the records cannot follow)."""
    if person.pk is None or birth_date is None:
        return []
    return [
        record
        for model, (low, high) in RECORD_AGE_RANGES
        for record in model.objects.filter(person=person).order_by("month")
        if not low <= ages.age_months(birth_date, record.visit_date) <= high
    ]


@transaction.atomic
def refresh_record_ages(*, person: Person) -> int:
    """The age at the visit date of each 2B and 2C record, after a birth date correction (the
    scorecard takes the age band from it). A record the new age does not fit is left as it is:
    the child form refuses such a birth date."""
    count = 0
    for model, (low, high) in RECORD_AGE_RANGES:
        for record in model.objects.filter(person=person):
            age = ages.age_months(person.birth_date, record.visit_date)
            if age != record.age_months and low <= age <= high:
                record.age_months = age
                record.save(update_fields=["age_months", "updated_at"])
                count += 1
    return count


@transaction.atomic
def recompute_measurements(*, person: Person) -> int:
    """Recompute the z-scores of all of a child's measurements (after a birth date or sex
    correction). Measurements that no longer fit the child's age are kept and flagged."""
    count = 0
    for measurement in person.measurements.all():
        # A confirmation was of the values at the old age: the new flags need a new one.
        measurement.recheck_confirmed = False
        if person.birth_date is None or measurement.measured_on < person.birth_date:
            measurement.needs_recheck = True
            measurement.save(update_fields=["needs_recheck", "recheck_confirmed", "updated_at"])
            continue
        compute_zscores(measurement, sex=person.sex, birth_date=person.birth_date)
        measurement.save()
        count += 1
    return count


@transaction.atomic
def register_pregnancy(*, person: Person, pregnancy: Pregnancy) -> Pregnancy:
    """Save a (new) woman and her pregnancy together."""
    person = save_person(person=person)
    pregnancy.person = person
    pregnancy.kelurahan_id = person.kelurahan_id
    return save_pregnancy(pregnancy=pregnancy)


# --- Facts carried over to a new month -------------------------------------------------------

# The household facts of 2B (air, jamban, akta, jaminan) and the immunisation status so far start
# from the child's previous record when a new month is recorded: on the 2B form and on the
# posyandu day (which does not ask them again). The user may change them on the 2B form.
CARRIED_OVER = (
    "basic_immunization_complete",
    "measles_immunized",
    "safe_water",
    "proper_latrine",
    "birth_certificate",
    "health_insurance",
)
# The household facts of 2A (air, jamban, jaminan), carried over the same way.
PREGNANCY_CARRIED_OVER = ("safe_water", "proper_latrine", "health_insurance")


def start_child_month(person: Person, *, month: datetime.date) -> ChildMonth:
    """A new 2B record of `person` for `month` (not saved): the carried-over facts come from the
    child's latest record before that month; without one, akta lahir comes from the register."""
    record = ChildMonth(person=person, kelurahan_id=person.kelurahan_id)
    previous = person.child_months.filter(month__lt=month).order_by("-month").first()
    if previous is None:
        record.birth_certificate = person.has_birth_certificate
    for name in CARRIED_OVER if previous else ():
        setattr(record, name, getattr(previous, name))
    return record


def start_pregnancy_month(pregnancy: Pregnancy, *, month: datetime.date) -> PregnancyMonth:
    """A new 2A record of `pregnancy` for `month` (not saved), its household facts from the
    latest record before that month."""
    record = PregnancyMonth(pregnancy=pregnancy, kelurahan_id=pregnancy.kelurahan_id)
    record.status = pregnancy.status
    previous = pregnancy.months.filter(month__lt=month).order_by("-month").first()
    for name in PREGNANCY_CARRIED_OVER if previous else ():
        setattr(record, name, getattr(previous, name))
    return record


def fill_child_month(record: ChildMonth) -> None:
    """The computed fields of a 2B record: month and age at the visit date."""
    record.kelurahan_id = record.person.kelurahan_id
    record.month = ages.month_start(record.visit_date)
    record.age_months = ages.age_months(record.person.birth_date, record.visit_date)


def fill_paud_month(record: PaudMonth) -> None:
    record.kelurahan_id = record.person.kelurahan_id
    record.month = ages.month_start(record.visit_date)
    record.age_months = ages.age_months(record.person.birth_date, record.visit_date)


def fill_pregnancy_month(record: PregnancyMonth) -> None:
    """Month, usia kehamilan and stage at the visit date."""
    pregnancy = record.pregnancy
    record.kelurahan_id = pregnancy.kelurahan_id
    record.month = ages.month_start(record.visit_date)
    record.gestational_months = pregnancy.gestational_months_on(record.visit_date)
    record.stage = pregnancy.stage_on(record.visit_date)


@dataclass
class MeasurementInput:
    """What a form or an import row says about this month's measurement of a child."""

    weight_kg: Decimal | None = None
    height_cm: Decimal | None = None
    measured_lying: bool | None = None
    oedema: bool = False
    recheck_confirmed: bool = False  # an implausible value re-checked and confirmed

    @property
    def is_empty(self) -> bool:
        return self.weight_kg is None and self.height_cm is None


@transaction.atomic
def save_child_measurement(
    *,
    person: Person,
    measured_on: datetime.date,
    values: MeasurementInput,
    posyandu=None,
    recorded_by=None,
) -> Measurement | None:
    """Create, update or (when both weight and length are empty) delete the measurement of
    `person` in the month of `measured_on`."""
    month = ages.month_start(measured_on)
    existing = person.measurements.filter(month=month).first()
    if values.is_empty:
        if existing:
            delete_measurement(measurement=existing)
        return None
    measurement = existing or Measurement(person=person)
    measurement.measured_on = measured_on
    measurement.weight_kg = values.weight_kg
    measurement.height_cm = values.height_cm
    measurement.measured_lying = values.measured_lying if values.height_cm is not None else None
    measurement.oedema = values.oedema
    measurement.recheck_confirmed = values.recheck_confirmed
    if posyandu is not None:
        measurement.posyandu = posyandu
    if recorded_by is not None or measurement.pk is None:
        measurement.recorded_by = recorded_by
    return save_measurement(measurement=measurement)


@transaction.atomic
def save_child_month(
    *, record: ChildMonth, measurement: MeasurementInput, posyandu=None
) -> ChildMonth:
    """Save a 2B record and the measurement of the same month together."""
    fill_child_month(record)
    record.save()
    save_child_measurement(
        person=record.person,
        measured_on=record.visit_date,
        values=measurement,
        posyandu=posyandu if posyandu is not None else record.person.family.posyandu,
        recorded_by=record.recorded_by,
    )
    return record


@transaction.atomic
def save_paud_month(*, record: PaudMonth) -> PaudMonth:
    fill_paud_month(record)
    record.save()
    return record


@transaction.atomic
def save_pregnancy_month(
    *, record: PregnancyMonth, delivered_on: datetime.date | None = None, outcome: str = ""
) -> PregnancyMonth:
    """Save a 2A record (its month, usia kehamilan and stage computed from the visit date); a
    delivery date given with it is written to the pregnancy first. The record's status becomes
    the pregnancy's when no later month is recorded."""
    pregnancy = record.pregnancy
    if delivered_on and delivered_on != pregnancy.delivered_on:
        pregnancy.delivered_on = delivered_on
        pregnancy.outcome = outcome or pregnancy.outcome or Pregnancy.Outcome.LAHIR_HIDUP
        save_pregnancy(pregnancy=pregnancy)
    fill_pregnancy_month(record)
    if record.status != pregnancy.status and record.month >= _latest_month(pregnancy):
        pregnancy.status = record.status
        pregnancy.save(update_fields=["status", "updated_at"])
    record.save()
    return record


@transaction.atomic
def save_pregnancy(*, pregnancy: Pregnancy) -> Pregnancy:
    """Save a pregnancy; its monthly records' usia kehamilan and stage follow a changed HPHT,
    HPL or delivery date."""
    pregnancy.save()
    for record in pregnancy.months.all():
        before = (record.gestational_months, record.stage)
        record.pregnancy = pregnancy
        fill_pregnancy_month(record)
        if (record.gestational_months, record.stage) != before:
            record.save(update_fields=["gestational_months", "stage", "updated_at"])
    return pregnancy


def _latest_month(pregnancy: Pregnancy) -> datetime.date:
    latest = pregnancy.months.order_by("-month").values_list("month", flat=True).first()
    return latest or datetime.date.min


# --- Posyandu day ---------------------------------------------------------------------------


@dataclass
class PosyanduRow:
    person: Person
    measurement: MeasurementInput
    services: dict  # ChildMonth field -> value, empty for children past 23 months


@transaction.atomic
def save_posyandu_day(
    *, posyandu, visit_date: datetime.date, recorded_by, rows: list[PosyanduRow]
) -> int:
    """Save a whole posyandu's month at once: every row's measurement and, for children of
    0-23 months, their 2B record. All rows or none (the caller validated them)."""
    month = ages.month_start(visit_date)
    saved = 0
    for row in rows:
        person = row.person
        save_child_measurement(
            person=person,
            measured_on=visit_date,
            values=row.measurement,
            posyandu=posyandu,
            recorded_by=recorded_by,
        )
        if row.services:
            record = person.child_months.filter(month=month).first()
            if record is None:
                record = start_child_month(person, month=month)
            for name, value in row.services.items():
                setattr(record, name, value)
            record.visit_date = visit_date
            if recorded_by is not None:
                record.recorded_by = recorded_by
            fill_child_month(record)
            record.save()
        saved += 1
    return saved
