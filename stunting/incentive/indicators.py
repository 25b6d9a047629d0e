"""The computed indicators of every cadre of a kelurahan in a period, read from the records in a
fixed number of queries (it does not grow with the number of cadres).

Each cadre is measured over the days they served in the period (`Span`): a cadre who joined or
left in the middle is assessed on their part. Every value is a rate in % with the counts it was
made of and a sentence saying where it comes from; a rate with nothing due does not apply
(None), and its weight passes to the other indicators.

- kehadiran: meetings the cadre was invited to and that took place in their span (not
  cancelled, already started): attended / invited.
- tugas: the cadre's tasks due in their span (not cancelled): finished on or before the due
  date / due.
- pemantauan: per month of the span, the targets of the families the cadre accompanied that
  month (children of 0-23 months, pregnancies up to the end of nifas): months with a 2B / 2A
  record / target-months.
- kunjungan: the same target-months for the priority targets only (KEK or risiko-tinggi
  pregnancies; children under five whose latest measurement up to the period's end is stunted
  or wasted): months with a home visit logged by the cadre / priority target-months.
- rujukan: referrals the cadre made in the span whose 30 days have passed, or that reached an
  outcome: those that reached selesai or ditolak within 30 days / those.
- konfirmasi: the sampled records checked by a second person: confirmed / checked.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Min, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from kelurahan.dates import add_months, month_start, next_month
from kpm.models import SK, Kader, RapatPeserta, Tugas

from .. import ages
from ..models import (
    ChildMonth,
    EvidenceCheck,
    FamilyAssignment,
    HomeVisit,
    Measurement,
    Person,
    Pregnancy,
    PregnancyMonth,
    Referral,
)
from ..models.incentive import Indicator
from ..models.measurement import STUNTED, WASTED

REFERRAL_DAYS = 30
BALITA_MONTHS = 59


@dataclass(frozen=True)
class Span:
    """The days a cadre served in a period."""

    kader_id: int
    name: str
    start: datetime.date
    end: datetime.date

    def months(self) -> list[datetime.date]:
        months, month = [], month_start(self.start)
        while month <= self.end:
            months.append(month)
            month = next_month(month)
        return months

    def holds(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Measured:
    """A computed indicator's value for one cadre: made / due as a rate in %, and why."""

    code: str
    numerator: int
    denominator: int
    reason: str

    @property
    def value(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (Decimal(self.numerator * 100) / Decimal(self.denominator)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )


def cadre_spans(kelurahan_id: int, start: datetime.date, end: datetime.date) -> list[Span]:
    """The cadres who served in [start, end], each with the part they served: from their first
    appointment SK's term (or their registration) to the day before they stopped."""
    first_term = (
        SK.objects.filter(kaders=OuterRef("pk"), kind=SK.Kind.PENGANGKATAN)
        .order_by()
        .values("kaders")
        .annotate(first=Min("term_start"))
        .values("first")[:1]
    )
    cadres = (
        Kader.objects.filter(kelurahan_id=kelurahan_id)
        .filter(Q(is_active=True) | Q(ended_on__gt=start))
        .annotate(first_term=Subquery(first_term))
        .values_list("pk", "name", "first_term", "created_at", "ended_on")
        .order_by("name", "pk")
    )
    spans = []
    for pk, name, first_term, created_at, ended_on in cadres:
        joined = first_term or timezone.localdate(created_at)
        last = ended_on - datetime.timedelta(days=1) if ended_on else end
        span = Span(pk, name, max(start, joined), min(end, last))
        if span.start <= span.end:
            spans.append(span)
    return spans


def _rate(code: str, made: int, due: int, sentence: str, none: str) -> Measured:
    if not due:
        return Measured(code, 0, 0, none)
    return Measured(code, made, due, sentence % {"made": made, "due": due})


def attendance(spans: list[Span], today: datetime.date) -> dict[int, Measured]:
    by_id = {s.kader_id: s for s in spans}
    rows = RapatPeserta.objects.filter(
        kader_id__in=by_id,
        rapat__starts_at__date__gte=min(s.start for s in spans),
        rapat__starts_at__date__lte=min(today, max(s.end for s in spans)),
    ).exclude(rapat__status="dibatalkan")
    invited, attended = defaultdict(int), defaultdict(int)
    for kader_id, starts_at, mark in rows.values_list("kader_id", "rapat__starts_at", "attendance"):
        if by_id[kader_id].holds(timezone.localdate(starts_at)):
            invited[kader_id] += 1
            attended[kader_id] += mark == RapatPeserta.Attendance.HADIR
    return {
        s.kader_id: _rate(
            Indicator.ATTENDANCE,
            attended[s.kader_id],
            invited[s.kader_id],
            _("Hadir %(made)d dari %(due)d rapat yang mengundangnya."),
            _("Tidak berlaku: tidak ada rapat yang mengundang kader ini pada periode ini."),
        )
        for s in spans
    }


def tasks(spans: list[Span]) -> dict[int, Measured]:
    by_id = {s.kader_id: s for s in spans}
    rows = Tugas.kaders.through.objects.filter(
        kader_id__in=by_id,
        tugas__due_date__gte=min(s.start for s in spans),
        tugas__due_date__lte=max(s.end for s in spans),
    ).exclude(tugas__status=Tugas.Status.DIBATALKAN)
    due, on_time = defaultdict(int), defaultdict(int)
    for kader_id, due_date, finished_on_time in rows.values_list(
        "kader_id", "tugas__due_date", "tugas__finished_on_time"
    ):
        if by_id[kader_id].holds(due_date):
            due[kader_id] += 1
            on_time[kader_id] += bool(finished_on_time)
    return {
        s.kader_id: _rate(
            Indicator.TASKS,
            on_time[s.kader_id],
            due[s.kader_id],
            _("Selesai tepat waktu %(made)d dari %(due)d tugas yang jatuh tempo."),
            _("Tidak berlaku: tidak ada tugas kader ini yang jatuh tempo pada periode ini."),
        )
        for s in spans
    }


@dataclass
class _Families:
    """Who each cadre accompanied in which month, and the targets of those families."""

    months: dict  # kader_id -> {family_id: set of months}
    children: list  # (person_id, family_id, birth_date, priority)
    pregnancies: list  # (pregnancy_id, person_id, family_id, first month, last month, priority)


def _families(spans: list[Span], end: datetime.date) -> _Families:
    by_id = {s.kader_id: s for s in spans}
    start = min(s.start for s in spans)
    months: dict = defaultdict(lambda: defaultdict(set))
    assignments = FamilyAssignment.objects.filter(kader_id__in=by_id, started_on__lte=end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=start)
    )
    for kader_id, family_id, started, ended in assignments.values_list(
        "kader_id", "family_id", "started_on", "ended_on"
    ):
        for month in by_id[kader_id].months():
            if started <= add_months(month, 1) - datetime.timedelta(days=1) and (
                ended is None or ended >= month
            ):
                months[kader_id][family_id].add(month)
    family_ids = {f for per in months.values() for f in per}
    latest = Measurement.objects.filter(person=OuterRef("pk"), measured_on__lte=end).order_by(
        "-measured_on", "-pk"
    )
    children = [
        (pk, family_id, birth, hfa in STUNTED or wfh in WASTED)
        for pk, family_id, birth, hfa, wfh in Person.objects.filter(
            family_id__in=family_ids,
            birth_date__isnull=False,
            birth_date__gt=add_months(start, -(BALITA_MONTHS + 1)),
            birth_date__lte=end,
        )
        .annotate(
            hfa=Subquery(latest.values("hfa_category")[:1]),
            wfh=Subquery(latest.values("wfh_category")[:1]),
        )
        .values_list("pk", "family_id", "birth_date", "hfa", "wfh")
    ]
    pregnancies = []
    for pk, person_id, family_id, lmp, hpl, delivered, status in Pregnancy.objects.filter(
        person__family_id__in=family_ids
    ).values_list(
        "pk",
        "person_id",
        "person__family_id",
        "last_period_date",
        "expected_delivery_date",
        "delivered_on",
        "status",
    ):
        first = lmp or (hpl - datetime.timedelta(days=280) if hpl else None)
        ending = delivered or hpl or (first + datetime.timedelta(days=280) if first else None)
        if first is None or ending is None:
            continue
        last = ending + datetime.timedelta(days=ages.NIFAS_DAYS)
        priority = status in (Pregnancy.Status.KEK, Pregnancy.Status.RISIKO_TINGGI)
        pregnancies.append((pk, person_id, family_id, month_start(first), last, priority))
    return _Families(months, children, pregnancies)


def _target_months(families: _Families, kader_id: int):
    """(kind, target id, person id, month, priority) of the cadre's target-months."""
    per_family = families.months.get(kader_id, {})
    for person_id, family_id, birth, priority in families.children:
        for month in per_family.get(family_id, ()):
            if birth > add_months(month, 1) - datetime.timedelta(days=1):
                continue
            age = ages.age_months(birth, month) if birth <= month else 0
            if age <= ages.FORM_2B_MONTHS[1]:
                yield ("2b", person_id, person_id, month, priority)
            elif age <= BALITA_MONTHS and priority:
                yield ("balita", person_id, person_id, month, priority)
    for pk, person_id, family_id, first, last, priority in families.pregnancies:
        for month in per_family.get(family_id, ()):
            if first <= month <= last:
                yield ("2a", pk, person_id, month, priority)


def monitoring_and_visits(spans: list[Span], end: datetime.date) -> tuple[dict, dict]:
    """The `pemantauan` and `kunjungan` indicators of every cadre."""
    families = _families(spans, end)
    start = month_start(min(s.start for s in spans))
    child_ids = [c[0] for c in families.children]
    pregnancy_ids = [p[0] for p in families.pregnancies]
    recorded = {
        ("2b", p, m)
        for p, m in ChildMonth.objects.filter(
            person_id__in=child_ids, month__gte=start, month__lte=end
        ).values_list("person_id", "month")
    } | {
        ("2a", p, m)
        for p, m in PregnancyMonth.objects.filter(
            pregnancy_id__in=pregnancy_ids, month__gte=start, month__lte=end
        ).values_list("pregnancy_id", "month")
    }
    visited = {
        (k, p, month_start(d))
        for k, p, d in HomeVisit.objects.filter(
            kader_id__in=[s.kader_id for s in spans], visit_date__gte=start, visit_date__lte=end
        ).values_list("kader_id", "person_id", "visit_date")
    }
    monitoring, visits = {}, {}
    for span in spans:
        due = made = priority_due = priority_made = 0
        for kind, target, person, month, priority in _target_months(families, span.kader_id):
            if kind != "balita":
                due += 1
                made += (kind, target, month) in recorded
            if priority:
                priority_due += 1
                priority_made += (span.kader_id, person, month) in visited
        monitoring[span.kader_id] = _rate(
            Indicator.MONITORING,
            made,
            due,
            _("Catatan 2A/2B ada untuk %(made)d dari %(due)d bulan-sasaran keluarga binaan."),
            _(
                "Tidak berlaku: keluarga binaan kader ini tidak punya ibu hamil atau anak 0-23 "
                "bulan pada periode ini."
            ),
        )
        visits[span.kader_id] = _rate(
            Indicator.HOME_VISITS,
            priority_made,
            priority_due,
            _(
                "Kunjungan rumah pada %(made)d dari %(due)d bulan-sasaran prioritas "
                "(ibu hamil KEK/risti, anak stunting atau gizi kurang)."
            ),
            _("Tidak berlaku: tidak ada sasaran prioritas di keluarga binaan kader ini."),
        )
    return monitoring, visits


def referrals(spans: list[Span], today: datetime.date) -> dict[int, Measured]:
    by_id = {s.kader_id: s for s in spans}
    rows = Referral.objects.filter(
        kader_id__in=by_id,
        referred_on__gte=min(s.start for s in spans),
        referred_on__lte=max(s.end for s in spans),
    )
    due, made = defaultdict(int), defaultdict(int)
    outcomes = (Referral.Status.SELESAI, Referral.Status.DITOLAK)
    for kader_id, referred, status, status_on in rows.values_list(
        "kader_id", "referred_on", "status", "status_on"
    ):
        if not by_id[kader_id].holds(referred):
            continue
        deadline = referred + datetime.timedelta(days=REFERRAL_DAYS)
        in_time = status in outcomes and status_on <= deadline
        if deadline <= today or in_time:
            due[kader_id] += 1
            made[kader_id] += in_time
    return {
        s.kader_id: _rate(
            Indicator.REFERRALS,
            made[s.kader_id],
            due[s.kader_id],
            _("%(made)d dari %(due)d rujukan sampai pada hasil (selesai/ditolak) dalam 30 hari."),
            _("Tidak berlaku: tidak ada rujukan kader ini yang sudah lewat 30 hari."),
        )
        for s in spans
    }


def confirmations(assessment_id: int | None, spans: list[Span]) -> dict[int, Measured]:
    checked, confirmed = defaultdict(int), defaultdict(int)
    if assessment_id is not None:
        rows = EvidenceCheck.objects.filter(
            cadre_score__assessment_id=assessment_id, checked_by__isnull=False
        ).values_list("cadre_score__kader_id", "result")
        for kader_id, result in rows:
            checked[kader_id] += 1
            confirmed[kader_id] += result == EvidenceCheck.Result.COCOK
    return {
        s.kader_id: _rate(
            Indicator.CONFIRMATION,
            confirmed[s.kader_id],
            checked[s.kader_id],
            _("%(made)d dari %(due)d catatan sampel cocok dengan register."),
            _("Tidak berlaku: belum ada sampel yang diperiksa."),
        )
        for s in spans
    }


def measure(
    spans: list[Span],
    *,
    end: datetime.date,
    assessment_id: int | None = None,
    today: datetime.date | None = None,
) -> dict[int, dict[str, Measured]]:
    """kader id -> indicator code -> Measured, for every computed indicator."""
    if not spans:
        return {}
    today = today or timezone.localdate()
    monitoring, visits = monitoring_and_visits(spans, end)
    tables = [
        attendance(spans, today),
        tasks(spans),
        monitoring,
        visits,
        referrals(spans, today),
        confirmations(assessment_id, spans),
    ]
    return {s.kader_id: {t[s.kader_id].code: t[s.kader_id] for t in tables} for s in spans}
