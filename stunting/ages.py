"""Ages, months and pregnancy stages, always taken at a given date (the visit), never today.

Pure functions (no database) so that services, forms, imports and the scale data share one
definition. Month arithmetic is kelurahan's (`kelurahan.dates`), re-exported here.
"""

from __future__ import annotations

import datetime

from kelurahan.dates import add_months as add_months
from kelurahan.dates import month_start as month_start

DAYS_PER_MONTH = 30.4375  # WHO's average month (365.25 / 12)

# Age ranges of the monthly forms, in completed months at the visit date.
FORM_2B_MONTHS = (0, 23)  # anak 0-23 bulan
FORM_2C_MONTHS = (24, 83)  # anak 2-6 tahun (up to the day before the 7th birthday)
MEASUREMENT_MONTHS = (0, 59)  # WHO Child Growth Standards: balita under 60 months
# Every age range is taken at one day: a measurement's (or visit's) own date. A month's lists
# (not weighed this month, the posyandu day) take it at `month_day`, the day the month's
# measurements are still being entered, so that a child they offer is one the form accepts.

# Child age bands of the quarterly scorecard: 0-<6, 6-12, >12-18 (18 included), 19-23.
AGE_BANDS = (
    ("0-5", 0, 5),
    ("6-12", 6, 12),
    ("13-18", 13, 18),
    ("19-23", 19, 23),
    ("24-59", 24, 59),
    ("60-83", 60, 83),
)

NIFAS_DAYS = 42  # the post-partum period


def age_days(birth_date: datetime.date, on: datetime.date) -> int:
    return (on - birth_date).days


def age_months(birth_date: datetime.date, on: datetime.date) -> int:
    """Completed months (umur dalam bulan penuh) at `on`: the largest m with
    birth date + m months <= on (a child born on the 31st is one month old on the last day of
    a shorter next month)."""
    months = (on.year - birth_date.year) * 12 + on.month - birth_date.month
    if months > 0 and add_months(birth_date, months) > on:
        months -= 1
    return months


def age_band(months: int) -> str:
    for code, low, high in AGE_BANDS:
        if low <= months <= high:
            return code
    return ""


def birth_date_range(low_months: int, high_months: int, on: datetime.date):
    """Birth dates of children aged `low_months`..`high_months` completed months at `on`.

    Returns (earliest, latest) inclusive: born after `on` minus (high+1) months and on or
    before `on` minus `low` months.
    """
    latest = add_months(on, -low_months)
    earliest = add_months(on, -(high_months + 1)) + datetime.timedelta(days=1)
    return earliest, latest


def month_day(month: datetime.date, today: datetime.date) -> datetime.date:
    """The day a month's lists take ages at: the month's last day, or `today` in the current
    month (a child who turns 60 months today is no longer offered for weighing)."""
    last = add_months(month_start(month), 1) - datetime.timedelta(days=1)
    return min(last, today)


def measurable_birth_dates(on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """(earliest, latest) birth dates of the children who may be measured on `on`: 0-59
    completed months at that date (`MEASUREMENT_MONTHS`), the rule of the measurement form, the
    posyandu day, the imports and the "not weighed this month" list."""
    return birth_date_range(*MEASUREMENT_MONTHS, on)


def gestational_months(last_period: datetime.date, on: datetime.date) -> int:
    """Completed months of pregnancy at `on` (from the first day of the last period)."""
    return max(0, int((on - last_period).days // DAYS_PER_MONTH))


def trimester(months: int) -> int:
    """Trimester 1 (0-3 months), 2 (4-6) or 3 (7 and more)."""
    if months <= 3:
        return 1
    if months <= 6:
        return 2
    return 3
