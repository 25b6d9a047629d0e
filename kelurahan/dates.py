"""Dates every app shares: the start of a month, months later or earlier, a wall-clock time in
the office's time zone, and the `?bulan=YYYY-MM` query parameter.

The month helpers are plain date arithmetic; only `aware` and `this_month` read Django's time
zone settings.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.utils import timezone

from .params import YEARS, parse_id


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


def month_weeks(month: datetime.date, by_day: dict) -> list[list[dict]]:
    """The weeks of a month calendar (Monday first, whole weeks) of the month that starts on
    `month`: each day as `{"day": date, "items": by_day.get(date, [])}`."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    return [[{"day": day, "items": by_day.get(day, [])} for day in week] for week in weeks]


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: K1 January-March, K2 April-June, K3 July-September, K4
    October-December."""

    year: int
    number: int

    def __post_init__(self):
        if not 1 <= self.number <= 4:
            raise ValueError(self.number)

    @classmethod
    def of(cls, day: datetime.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def current(cls) -> Quarter:
        return cls.of(timezone.localdate())

    @classmethod
    def parse(cls, year, number, *, default: Quarter | None = None) -> Quarter:
        """The quarter of `?tahun=YYYY&triwulan=Q`; `default` (the current quarter) when either
        is missing or unreadable."""
        fallback = default or cls.current()
        year_value, number_value = parse_id(year), parse_id(number)
        if year_value not in YEARS or number_value not in (1, 2, 3, 4):
            return fallback
        return cls(year_value, number_value)

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> datetime.date:
        """The quarter's last day."""
        return add_months(self.start, 3) - datetime.timedelta(days=1)

    @property
    def months(self) -> list[datetime.date]:
        """The first days of its three months."""
        return [add_months(self.start, offset) for offset in range(3)]

    def shifted(self, quarters: int) -> Quarter:
        index = self.year * 4 + self.number - 1 + quarters
        return Quarter(index // 4, index % 4 + 1)

    def window(self, quarters: int) -> list[datetime.date]:
        """The first days of the months of this quarter and the `quarters - 1` before it (a
        look-back window crosses year boundaries)."""
        first = self.shifted(-(quarters - 1)).start
        return [add_months(first, offset) for offset in range(3 * quarters)]

    @property
    def label(self) -> str:
        return f"K{self.number} {self.year}"

    @property
    def slug(self) -> str:
        return f"{self.year}-{self.number}"

    def __str__(self) -> str:
        return self.label
