"""Assessment periods: a quarter ("2026-Q3") or a month ("2026-07"), and working days."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from kelurahan.dates import Quarter, add_months
from kelurahan.params import YEARS

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    end: datetime.date
    code: str  # "2026-Q3" or "2026-07"

    @property
    def is_quarter(self) -> bool:
        return "Q" in self.code

    @property
    def label(self) -> str:
        if self.is_quarter:
            return Quarter.of(self.start).label
        return self.start.strftime("%m/%Y")

    def previous(self) -> Period:
        if self.is_quarter:
            return quarter(Quarter.of(self.start).shifted(-1))
        return month(add_months(self.start, -1))

    def next(self) -> Period:
        if self.is_quarter:
            return quarter(Quarter.of(self.start).shifted(1))
        return month(add_months(self.start, 1))


def quarter(q: Quarter) -> Period:
    return Period(q.start, q.end, f"{q.year}-Q{q.number}")


def month(first: datetime.date) -> Period:
    first = first.replace(day=1)
    return Period(first, add_months(first, 1) - datetime.timedelta(days=1), first.strftime("%Y-%m"))


def parse(code: str | None) -> Period | None:
    """The period of "2026-Q3" or "2026-07"; None when unreadable."""
    code = (code or "").strip()
    if found := _QUARTER.match(code):
        year = int(found.group(1))
        return quarter(Quarter(year, int(found.group(2)))) if year in YEARS else None
    if found := _MONTH.match(code):
        year = int(found.group(1))
        return month(datetime.date(year, int(found.group(2)), 1)) if year in YEARS else None
    return None


def of(day: datetime.date, *, quarterly: bool) -> Period:
    return quarter(Quarter.of(day)) if quarterly else month(day)


def add_working_days(day: datetime.date, days: int) -> datetime.date:
    """`days` working days (Monday to Friday) after `day`. Public holidays are not known to the
    app: an office that closes on one gives the cadres the day by answering appeals later."""
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day
