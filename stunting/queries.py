"""Reads that join several models: a child's monthly history, the lists a kelurahan acts on,
the children of a posyandu."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Page
from django.db.models import DateField, Exists, F, Func, OuterRef, QuerySet
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _

from kelurahan.dates import this_month as this_month  # read by stunting.dashboard
from kelurahan.models import Lembaga

from . import ages
from .models import ChildMonth, Measurement, PaudMonth, Person, PregnancyMonth
from .models.measurement import STUNTED, UNDERWEIGHT, WASTED, awaiting_recheck, counted


@dataclass
class MonthRow:
    month: datetime.date
    measurement: Measurement | None = None
    child_month: ChildMonth | None = None
    paud_month: PaudMonth | None = None
    weight_change: str = ""  # "naik", "tidak_naik" or "" (no weight last month)
    extra: dict = field(default_factory=dict)

    @property
    def anchor(self) -> str:
        return f"m{self.month:%Y-%m}"


def child_history(person: Person) -> list[MonthRow]:
    """Every month with a measurement, a 2B or a 2C record, newest first; with whether the
    weight went up since the previous calendar month (N/T of the KMS)."""
    rows: dict[datetime.date, MonthRow] = {}
    for m in person.measurements.select_related("posyandu", "recorded_by"):
        rows.setdefault(m.month, MonthRow(m.month)).measurement = m
    for r in person.child_months.select_related("recorded_by"):
        rows.setdefault(r.month, MonthRow(r.month)).child_month = r
    for r in person.paud_months.select_related("paud", "recorded_by"):
        rows.setdefault(r.month, MonthRow(r.month)).paud_month = r
    ordered = [rows[month] for month in sorted(rows)]
    for row in ordered:
        previous = rows.get(ages.add_months(row.month, -1))
        weight = row.measurement.weight_kg if row.measurement else None
        before = previous.measurement.weight_kg if previous and previous.measurement else None
        if weight is not None and before is not None:
            row.weight_change = "naik" if weight > before else "tidak_naik"
    return list(reversed(ordered))


def pregnancy_months() -> QuerySet:
    return PregnancyMonth.objects.select_related("recorded_by").order_by("-month")


# --- The lists a kelurahan acts on ---------------------------------------------------------


@dataclass(frozen=True)
class ActionList:
    slug: str
    title: str
    description: str
    sheet: str  # the Excel sheet's name: whole words, at most 31 characters


ACTION_LISTS = {
    a.slug: a
    for a in (
        ActionList(
            "stunting",
            _("Anak stunting (pendek dan sangat pendek)"),
            _("Balita yang pengukuran terakhirnya PB/U atau TB/U di bawah -2 SD."),
            _("Anak stunting"),
        ),
        ActionList(
            "gizi-kurang",
            _("Anak gizi kurang dan gizi buruk (wasting)"),
            _("Balita yang pengukuran terakhirnya BB/PB atau BB/TB di bawah -2 SD."),
            _("Gizi kurang dan gizi buruk"),
        ),
        ActionList(
            "berat-kurang",
            _("Anak berat badan kurang (underweight)"),
            _("Balita yang penimbangan terakhirnya BB/U di bawah -2 SD."),
            _("Berat badan kurang"),
        ),
        ActionList(
            "belum-ditimbang",
            _("Balita belum ditimbang bulan ini"),
            _("Anak umur 0-59 bulan yang belum punya berat badan tercatat pada bulan ini."),
            _("Belum ditimbang bulan ini"),
        ),
        ActionList(
            "periksa-ulang",
            _("Pengukuran yang perlu diperiksa ulang"),
            _("Nilai z di luar batas wajar WHO: ukur atau timbang ulang, atau periksa isian."),
            _("Perlu diperiksa ulang"),
        ),
    )
}


class MeasuredBirthDate(Func):
    """The child's birth date, from a measurement's own columns (`measured_on - age_days`, which
    `services.save_measurement` keeps in step with the child's birth date). Filtering a month's
    measurements by the child's age then needs no join to the persons: on PostgreSQL that join
    scanned every person of the city."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = DateField()

    def __init__(self, **extra):
        super().__init__(F("measured_on"), F("age_days"), **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="date(%(expressions)s || ' days')",
            arg_joiner=", '-' || ",
            **extra_context,
        )


def action_list(slug: str, queryset: QuerySet, *, month: datetime.date) -> QuerySet:
    """The children of `queryset` (already scoped) that belong on list `slug`."""
    balita = queryset.balita()
    if slug == "periksa-ulang":
        return balita.filter(awaiting_recheck("last_measurement__"))
    balita = balita.filter(counted("last_measurement__"))
    if slug == "stunting":
        return balita.filter(last_measurement__hfa_category__in=STUNTED)
    if slug == "gizi-kurang":
        return balita.filter(last_measurement__wfh_category__in=WASTED)
    if slug == "berat-kurang":
        return balita.filter(last_measurement__wfa_category__in=UNDERWEIGHT)
    if slug == "belum-ditimbang":
        weighed = Measurement.objects.filter(
            person=OuterRef("pk"), month=month, weight_kg__isnull=False
        )
        earliest, latest = ages.measurable_birth_dates(ages.month_day(month, localdate()))
        return queryset.filter(birth_date__range=(earliest, latest)).exclude(Exists(weighed))
    raise KeyError(slug)


def fill_page(page: Page, rows: QuerySet) -> Page:
    """Read a page of a long list of children in two steps: the page's keys from the filtered,
    ordered list (values only, so the database sorts narrow rows), then those rows from `rows`
    with their relations. Sorting a kecamatan's thousands of children joined to seven tables
    before taking 25 of them was most of the list's time on SQLite."""
    keys = list(page.object_list.values_list("pk", flat=True))
    found = rows.in_bulk(keys)
    page.object_list = [found[key] for key in keys]
    return page


# --- Posyandu day --------------------------------------------------------------------------


def posyandu_children(posyandu: Lembaga, visit_date: datetime.date) -> list[Person]:
    """Children of the posyandu's families who may be measured on `visit_date` (0-59 months on
    that day, `ages.measurable_birth_dates`): the rows the posyandu day offers and saves."""
    return list(
        Person.objects.filter(
            family__posyandu=posyandu,
            birth_date__range=ages.measurable_birth_dates(visit_date),
        )
        .select_related("family", "mother")
        .order_by("family__rt__number", "family__head_name", "birth_date", "pk")
    )


def posyandu_month_records(children: list[Person], month: datetime.date, *, lock: bool = False):
    """This month's measurement and 2B record of each child, by person id (with `lock`, the
    rows are locked until the end of the transaction)."""
    ids = [c.pk for c in children]
    measurements = Measurement.objects.filter(person_id__in=ids, month=month)
    records = ChildMonth.objects.filter(person_id__in=ids, month=month)
    if lock:
        measurements, records = measurements.select_for_update(), records.select_for_update()
    return {m.person_id: m for m in measurements}, {r.person_id: r for r in records}
