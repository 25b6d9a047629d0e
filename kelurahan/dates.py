"""Dates every app shares: the start of a month, months later or earlier, a wall-clock time in
the office's time zone, and the `?bulan=YYYY-MM` query parameter.

The month helpers are plain date arithmetic; only `aware` and `this_month` read Django's time
zone settings.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from .params import YEARS


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier), clipped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def next_month(day: datetime.date) -> datetime.date:
    """The first day of the month after the one `day` is in."""
    return add_months(month_start(day), 1)


def previous_month(day: datetime.date) -> datetime.date:
    """The first day of the month before the one `day` is in."""
    return add_months(month_start(day), -1)


def this_month() -> datetime.date:
    """The first day of the current month (in the office's time zone)."""
    return month_start(timezone.localdate())


def aware(day: datetime.date, time: datetime.time = datetime.time.min) -> datetime.datetime:
    """A wall-clock date and time in the project's time zone (Asia/Jakarta)."""
    return timezone.make_aware(
        datetime.datetime.combine(day, time), timezone.get_default_timezone()
    )


def parse_month(value: str | None, *, latest: datetime.date | None = None) -> datetime.date:
    """The month of a `?bulan=YYYY-MM` parameter (its first day); the current month when it is
    missing or unreadable; never after `latest` when given."""
    try:
        month = datetime.datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return this_month()
    if month.year not in YEARS:
        return (
            this_month()
        )  # pages step to the next and previous month: stay far from year 1 and 9999
    if latest is not None:
        return min(month, latest)
    return month
