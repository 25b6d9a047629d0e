"""Reads of the yearly financing report: one kelurahan's year by source, by line and by month
(`year_report`), the kelurahan of a kecamatan side by side (`kecamatan_report`), and the two
figures of the scorecard's table 5 (`stunting_allocation`).

Every figure is whole Rupiah (int), summed by the database row by row and added up in Python
from those sums: never a float. Spending counts when it is a draft or approved
(`Realisasi.COUNTED`; reversals are negative rows); what awaits the lurah's confirmation is shown
apart and not counted. Each function makes a fixed number of queries, however many rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from kelurahan.models import Kelurahan
from kelurahan.params import YEARS, parse_id

from .models import PosAnggaran, Realisasi, SumberDana


def share(part: int, whole: int) -> Decimal | None:
    """`part` as a percentage of `whole`, one decimal, half up; None when `whole` is 0 (shown
    as "–", never 0%)."""
    if not whole:
        return None
    return (Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def parse_year(value) -> int:
    """The year of `?tahun=`, or this year when it is missing or not a plausible year."""
    year = parse_id(value)
    return year if year in YEARS else timezone.localdate().year


@dataclass(frozen=True)
class LineRow:
    """A budget line: its allocation, what was spent on it (counted), and what remains."""

    line: PosAnggaran
    spent: int
    draft: int  # the part of `spent` not yet approved by the lurah
    awaiting: int  # not counted: awaits the lurah's confirmation (over the line's allocation)

    @property
    def allocated(self) -> int:
        return self.line.amount

    @property
    def remaining(self) -> int:
        return self.allocated - self.spent

    @property
    def share_spent(self) -> Decimal | None:
        return share(self.spent, self.allocated)


@dataclass(frozen=True)
class SourceRow:
    """A funding source: its amount, how much of it lines allocate, spent, and what remains."""

    source: SumberDana
    allocated: int
    spent: int

    @property
    def amount(self) -> int:
        return self.source.amount

    @property
    def unallocated(self) -> int:
        return self.amount - self.allocated

    @property
    def remaining(self) -> int:
        return self.amount - self.spent


class _Totals:
    """What a report row derives from its `amount`, `allocated`, `specific_allocated` and
    `spent` (a kelurahan's year, or one kelurahan side by side with the others)."""

    amount: int
    allocated: int
    specific_allocated: int
    spent: int

    @property
    def remaining(self) -> int:
        """What is left of all sources."""
        return self.amount - self.spent

    @property
    def specific_share(self) -> Decimal | None:
        """The stunting-specific lines' share of everything the lines allocate (table 5)."""
        return share(self.specific_allocated, self.allocated)

    @property
    def spent_share(self) -> Decimal | None:
        return share(self.spent, self.allocated)


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date  # the first day of the month
    spent: int


@dataclass
class YearReport(_Totals):
    kelurahan: Kelurahan
    year: int
    sources: list[SourceRow]
    lines: list[LineRow]
    months: list[MonthRow]
    amount: int = 0  # all sources together
    allocated: int = 0  # all lines together
    spent: int = 0
    draft: int = 0
    awaiting: int = 0
    specific_allocated: int = 0
    specific_spent: int = 0

    def __post_init__(self):
        self.amount = sum(row.amount for row in self.sources)
        self.allocated = sum(row.allocated for row in self.lines)
        self.spent = sum(row.spent for row in self.lines)
        self.draft = sum(row.draft for row in self.lines)
        self.awaiting = sum(row.awaiting for row in self.lines)
        specific = [row for row in self.lines if row.line.is_stunting_specific]
        self.specific_allocated = sum(row.allocated for row in specific)
        self.specific_spent = sum(row.spent for row in specific)

    @property
    def empty(self) -> bool:
        return not self.sources

    @property
    def unallocated(self) -> int:
        return self.amount - self.allocated

    @property
    def lines_remaining(self) -> int:
        return self.allocated - self.spent

    @property
    def specific_spent_share(self) -> Decimal | None:
        return share(self.specific_spent, self.spent)


def _spent(**status) -> Sum:
    """The sum of a line's spending with `status` (0 when none)."""
    condition = Q(**{f"spending__{name}": value for name, value in status.items()})
    return Sum("spending__amount", filter=condition, default=0)


def _amount_by(queryset, key: str) -> dict:
    """{`key`: the sum of the rows' amounts} of `queryset` (1 query)."""
    totals = queryset.values(key).annotate(total=Sum("amount")).values_list(key, "total")
    return dict(totals.order_by())


def year_report(kelurahan: Kelurahan, year: int) -> YearReport:
    """The kelurahan's financing in `year` (3 queries)."""
    sources = list(
        SumberDana.objects.filter(kelurahan=kelurahan, year=year).order_by("kind", "name")
    )
    lines = list(
        PosAnggaran.objects.filter(kelurahan=kelurahan, year=year)
        .annotate(
            spent=_spent(status__in=Realisasi.COUNTED),
            draft=_spent(status=Realisasi.Status.DRAF),
            awaiting=_spent(status=Realisasi.Status.MENUNGGU),
        )
        .order_by("source__kind", "source__name", "name")
    )
    by_source = {source.pk: source for source in sources}
    line_rows = []
    for line in lines:
        line.source = by_source[line.source_id]  # no query per line for its source
        line_rows.append(LineRow(line, int(line.spent), int(line.draft), int(line.awaiting)))
    source_rows = [
        SourceRow(
            source,
            allocated=sum(r.allocated for r in line_rows if r.line.source_id == source.pk),
            spent=sum(r.spent for r in line_rows if r.line.source_id == source.pk),
        )
        for source in sources
    ]
    spending = Realisasi.objects.filter(kelurahan=kelurahan).in_year(year).counted()
    monthly = _amount_by(spending.annotate(month=ExtractMonth("spent_on")), "month")
    months = [
        MonthRow(datetime.date(year, number, 1), int(monthly.get(number) or 0))
        for number in range(1, 13)
    ]
    return YearReport(kelurahan, year, source_rows, line_rows, months)


@dataclass(frozen=True)
class KelurahanRow(_Totals):
    """One kelurahan of the kecamatan side by side."""

    kelurahan: Kelurahan
    amount: int
    allocated: int
    specific_allocated: int
    spent: int
    lines: int


def kecamatan_report(kelurahan_list: Iterable[Kelurahan], year: int) -> list[KelurahanRow]:
    """One row per kelurahan of `kelurahan_list`, in its order, and a last row of them all
    together (its `kelurahan` is None). 3 queries, however many kelurahan."""
    kelurahan_list = list(kelurahan_list)
    ids = [kelurahan.pk for kelurahan in kelurahan_list]
    amounts = _amount_by(SumberDana.objects.filter(kelurahan__in=ids, year=year), "kelurahan")
    lines = {
        row["kelurahan"]: row
        for row in PosAnggaran.objects.filter(kelurahan__in=ids, year=year)
        .values("kelurahan")
        .annotate(
            total=Sum("amount"),
            specific=Sum("amount", filter=Q(is_stunting_specific=True), default=0),
            count=Count("pk"),
        )
        .order_by()
    }
    spending = Realisasi.objects.filter(kelurahan__in=ids).in_year(year).counted()
    spent = _amount_by(spending, "kelurahan")
    rows = []
    for kelurahan in kelurahan_list:
        line = lines.get(kelurahan.pk, {})
        rows.append(
            KelurahanRow(
                kelurahan,
                amount=int(amounts.get(kelurahan.pk) or 0),
                allocated=int(line.get("total") or 0),
                specific_allocated=int(line.get("specific") or 0),
                spent=int(spent.get(kelurahan.pk) or 0),
                lines=int(line.get("count") or 0),
            )
        )
    total = KelurahanRow(
        None,
        **{
            name: sum(getattr(row, name) for row in rows)
            for name in ("amount", "allocated", "specific_allocated", "spent", "lines")
        },
    )
    return [*rows, total]


def stunting_allocation(kelurahan: Kelurahan | int, year: int) -> tuple[int, int] | None:
    """(total allocation of the kelurahan's budget lines in `year`, the stunting-specific
    lines' allocation), or None when it has no budget line that year (1 query)."""
    figures = PosAnggaran.objects.filter(kelurahan=kelurahan, year=year).aggregate(
        count=Count("pk"),
        total=Sum("amount", default=0),
        specific=Sum("amount", filter=Q(is_stunting_specific=True), default=0),
    )
    if not figures["count"]:
        return None
    return int(figures["total"]), int(figures["specific"])
