"""Helpers for the scorecard tests: monthly records written through `stunting.services`, so that
the month, the age and pregnancy stage at the visit date and the z-score categories are computed
the way the app computes them, never typed by the test."""

from __future__ import annotations

import datetime
from decimal import Decimal

from stunting import ages, services
from stunting.models import ChildMonth, PaudMonth, PregnancyMonth
from stunting.services import MeasurementInput

D = datetime.date

# WHO Child Growth Standards, boys' medians by completed month (weight kg, length cm): a child
# measured with these values is normal on every index whatever the day in the month.
_MEDIAN_BOY = {
    0: ("3.3", "49.9"),
    1: ("4.5", "54.7"),
    2: ("5.6", "58.4"),
    3: ("6.4", "61.4"),
    4: ("7.0", "63.9"),
    5: ("7.5", "65.9"),
    6: ("7.9", "67.6"),
    7: ("8.3", "69.2"),
    8: ("8.6", "70.6"),
    9: ("8.9", "72.0"),
    10: ("9.2", "73.3"),
    11: ("9.4", "74.5"),
    12: ("9.6", "75.7"),
    13: ("9.9", "76.9"),
    14: ("10.1", "78.0"),
    15: ("10.3", "79.1"),
    16: ("10.5", "80.2"),
    17: ("10.7", "81.2"),
    18: ("10.9", "82.3"),
    19: ("11.1", "83.2"),
    20: ("11.3", "84.2"),
    21: ("11.5", "85.1"),
    22: ("11.8", "86.0"),
    23: ("12.0", "86.9"),
    24: ("12.2", "87.8"),
}


def normal(child, on: datetime.date) -> tuple[str, str]:
    """A boy's median weight and length at his age on `on`."""
    return _MEDIAN_BOY[ages.age_months(child.birth_date, on)]


def measure(child, on: datetime.date, weight=None, height=None, *, lying=True):
    """A measurement alone (no 2B record that month), through the service."""
    return services.save_child_measurement(
        person=child,
        measured_on=on,
        values=MeasurementInput(
            weight_kg=None if weight is None else Decimal(weight),
            height_cm=None if height is None else Decimal(height),
            measured_lying=lying if height is not None else None,
        ),
    )


def child_month(child, on: datetime.date, *, weighed=None, lying=True, **facts) -> ChildMonth:
    """A 2B record of `child` on `on`, with that month's measurement when `weighed` is a
    (weight, length) pair ("normal" for the boy's median, None for no measurement)."""
    if weighed == "normal":
        weighed = normal(child, on)
    weight, height = weighed or (None, None)
    values = MeasurementInput(
        weight_kg=None if weight is None else Decimal(weight),
        height_cm=None if height is None else Decimal(height),
        measured_lying=lying if height is not None else None,
    )
    record = ChildMonth(person=child, visit_date=on, **facts)
    return services.save_child_month(record=record, measurement=values)


def mother_month(pregnancy, on: datetime.date, *, delivered_on=None, **facts) -> PregnancyMonth:
    """A 2A record of `pregnancy` on `on` (the status defaults to the pregnancy's)."""
    facts.setdefault("status", pregnancy.status)
    record = PregnancyMonth(pregnancy=pregnancy, visit_date=on, **facts)
    return services.save_pregnancy_month(record=record, delivered_on=delivered_on)


def paud_month(child, on: datetime.date, *, registered: bool, participated: bool) -> PaudMonth:
    record = PaudMonth(
        person=child, visit_date=on, registered=registered, participated=participated
    )
    return services.save_paud_month(record=record)


def month_range(first: datetime.date, last: datetime.date, day: int) -> list[datetime.date]:
    """Day `day` of every month from `first`'s month to `last`'s month."""
    days, month = [], ages.month_start(first)
    while month <= last:
        days.append(month.replace(day=day))
        month = ages.add_months(month, 1)
    return days


HOUSEHOLD_YES = {
    "safe_water": True,
    "proper_latrine": True,
    "birth_certificate": True,
    "health_insurance": True,
}
MOTHER_HOUSEHOLD_YES = {"safe_water": True, "proper_latrine": True, "health_insurance": True}


def marks(target) -> list[str]:
    return [mark.value for mark in target.marks]


def split(text: str) -> list[str]:
    return text.split()
