"""Factory helpers for the stunting tests: `make_<thing>(kelurahan or target, **fields)`."""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from stunting import ages, services
from stunting.models import (
    ChildMonth,
    Family,
    Measurement,
    PaudMonth,
    Person,
    Pregnancy,
    PregnancyMonth,
)

_seq = itertools.count(1)


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(n: int) -> datetime.date:
    return today() - datetime.timedelta(days=n)


def nik_for(birth: datetime.date, sex: str, serial: int) -> str:
    """A valid Surabaya NIK (region 3578) for this birth date and sex."""
    day = birth.day + (40 if sex == "P" else 0)
    return f"357801{day:02d}{birth:%m%y}{serial % 10000:04d}"


def make_family(kelurahan, **fields) -> Family:
    fields.setdefault("head_name", f"Kepala Keluarga {next(_seq)}")
    return Family.objects.create(kelurahan=kelurahan, **fields)


def make_person(family, **fields) -> Person:
    fields.setdefault("name", f"Sasaran {next(_seq)}")
    fields.setdefault("sex", "P")
    return Person.objects.create(kelurahan=family.kelurahan, family=family, **fields)


def make_mother(family, **fields) -> Person:
    fields.setdefault("name", f"Ibu {next(_seq)}")
    fields.setdefault("birth_date", datetime.date(1995, 5, 17))
    fields.setdefault("family_role", Person.FamilyRole.ISTRI)
    return make_person(family, sex="P", **fields)


def make_child(family=None, *, kelurahan=None, age_days: int = 300, **fields) -> Person:
    family = family or make_family(kelurahan)
    fields.setdefault("name", f"Anak {next(_seq)}")
    fields.setdefault("sex", "L")
    fields.setdefault("birth_date", days_ago(age_days))
    fields.setdefault("family_role", Person.FamilyRole.ANAK)
    return Person.objects.create(kelurahan=family.kelurahan, family=family, **fields)


def make_measurement(child, *, on=None, weight="8.5", height="70.0", lying=True, **fields):
    on = on or today()
    measurement = Measurement(
        person=child,
        measured_on=on,
        weight_kg=None if weight is None else Decimal(weight),
        height_cm=None if height is None else Decimal(height),
        measured_lying=lying if height is not None else None,
        **fields,
    )
    return services.save_measurement(measurement=measurement)


def make_pregnancy(mother, **fields) -> Pregnancy:
    fields.setdefault("last_period_date", days_ago(100))
    pregnancy = Pregnancy(kelurahan=mother.kelurahan, person=mother, **fields)
    if pregnancy.expected_delivery_date is None:
        pregnancy.expected_delivery_date = pregnancy.last_period_date + datetime.timedelta(280)
    return services.save_pregnancy(pregnancy=pregnancy)


def make_child_month(child, *, on=None, **fields) -> ChildMonth:
    record = ChildMonth(person=child, visit_date=on or today(), **fields)
    services.fill_child_month(record)
    record.save()
    return record


def make_paud_month(child, *, on=None, **fields) -> PaudMonth:
    record = PaudMonth(person=child, visit_date=on or today(), **fields)
    services.fill_paud_month(record)
    record.save()
    return record


def make_pregnancy_month(pregnancy, *, on=None, **fields) -> PregnancyMonth:
    record = PregnancyMonth(pregnancy=pregnancy, visit_date=on or today(), **fields)
    services.fill_pregnancy_month(record)
    record.save()
    return record


def this_month() -> datetime.date:
    return ages.month_start(today())
