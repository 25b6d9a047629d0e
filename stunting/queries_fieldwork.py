"""Reads of the cadres' field work: a cadre's families with this month's service gaps, and the
target families nobody accompanies yet."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _

from kpm.models import Kader

from . import ages
from .models import (
    ChildMonth,
    Family,
    FamilyAssignment,
    HomeVisit,
    Measurement,
    Person,
    Pregnancy,
    PregnancyMonth,
)
from .models.measurement import STUNTED, WASTED


@dataclass(frozen=True)
class Gap:
    """A service the target has not had this month, and the page that records it."""

    label: str
    url: str


@dataclass
class Target:
    person: Person
    pregnancy: Pregnancy | None = None
    gaps: list[Gap] = field(default_factory=list)


@dataclass
class FamilyRow:
    assignment: FamilyAssignment
    targets: list[Target] = field(default_factory=list)

    @property
    def family(self) -> Family:
        return self.assignment.family

    @property
    def gap_count(self) -> int:
        return sum(len(t.gaps) for t in self.targets)


def visit_url(person_pk: int, *, pregnancy_pk: int | None = None, back: str = "") -> str:
    """The home-visit form of a target, coming back to `back` after saving."""
    params = {"sasaran": person_pk}
    if pregnancy_pk:
        params["kehamilan"] = pregnancy_pk
    if back:
        params["next"] = back
    return reverse("stunting:home_visit_create") + "?" + urlencode(params)


def needs_home_visit(measurement: Measurement | None) -> bool:
    """Stunted (PB/U or TB/U pendek or sangat pendek) or wasted (BB/PB or BB/TB gizi kurang or
    gizi buruk) by the latest counted measurement: a home visit every month."""
    if measurement is None or measurement.awaits_recheck:
        return False
    return measurement.hfa_category in STUNTED or measurement.wfh_category in WASTED


def kader_families(kader: Kader, *, back: str = "", today: datetime.date | None = None):
    """The families `kader` accompanies now, each with its targets (children under five,
    current pregnancies) and this month's gaps. A bounded number of queries, whatever the
    number of families."""
    today = today or localdate()
    month = ages.month_start(today)
    assignments = list(
        FamilyAssignment.objects.filter(kader=kader)
        .current()
        .select_related("family", "family__rw", "family__posyandu")
        .order_by("family__head_name", "family_id")
    )
    family_ids = [a.family_id for a in assignments]
    children = list(
        Person.objects.filter(family_id__in=family_ids)
        .balita(today)
        .select_related("last_measurement")
        .order_by("birth_date", "pk")
    )
    pregnancies = list(
        Pregnancy.objects.filter(person__family_id__in=family_ids)
        .current(today)
        .select_related("person")
        .order_by("expected_delivery_date", "pk")
    )
    child_ids = [c.pk for c in children]
    weighed = set(
        Measurement.objects.filter(
            person_id__in=child_ids, month=month, weight_kg__isnull=False
        ).values_list("person_id", flat=True)
    )
    child_visits = dict(
        ChildMonth.objects.filter(person_id__in=child_ids, month=month).values_list(
            "person_id", "home_visits"
        )
    )
    logged = set(
        HomeVisit.objects.filter(person_id__in=child_ids)
        .in_month(month)
        .values_list("person_id", flat=True)
    )
    pregnancy_visits = dict(
        PregnancyMonth.objects.filter(
            pregnancy_id__in=[p.pk for p in pregnancies], month=month
        ).values_list("pregnancy_id", "home_visits")
    )
    targets: dict[int, list[Target]] = {}
    for child in children:
        target = Target(child, gaps=_child_gaps(child, weighed, child_visits, logged, back))
        targets.setdefault(child.family_id, []).append(target)
    for pregnancy in pregnancies:
        gaps = _pregnancy_gaps(pregnancy, pregnancy_visits, back)
        target = Target(pregnancy.person, pregnancy, gaps)
        targets.setdefault(pregnancy.person.family_id, []).append(target)
    return [FamilyRow(a, targets.get(a.family_id, [])) for a in assignments]


def _child_gaps(child: Person, weighed, child_visits, logged, back: str) -> list[Gap]:
    gaps = []
    if child.pk not in weighed:
        url = reverse("stunting:measurement_create", args=[child.pk])
        gaps.append(Gap(str(_("Belum ditimbang")), url))
    age = child.age_months
    if age is not None and age <= ages.FORM_2B_MONTHS[1] and child.pk not in child_visits:
        url = reverse("stunting:child_month_create", args=[child.pk])
        gaps.append(Gap(str(_("Belum ada 2B")), url))
    visited = child_visits.get(child.pk, 0) > 0 or child.pk in logged
    if needs_home_visit(child.last_measurement) and not visited:
        gaps.append(Gap(str(_("Belum dikunjungi")), visit_url(child.pk, back=back)))
    return gaps


def _pregnancy_gaps(pregnancy: Pregnancy, pregnancy_visits, back: str) -> list[Gap]:
    gaps = []
    if pregnancy.pk not in pregnancy_visits:
        url = reverse("stunting:pregnancy_month_create", args=[pregnancy.pk])
        gaps.append(Gap(str(_("Belum ada 2A")), url))
    if pregnancy.is_high_risk and not pregnancy_visits.get(pregnancy.pk):
        url = visit_url(pregnancy.person_id, pregnancy_pk=pregnancy.pk, back=back)
        gaps.append(Gap(str(_("Belum dikunjungi")), url))
    return gaps


def unassigned_families(families: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """The target families of `families` (with a child under five or a current pregnancy)
    that no cadre accompanies now."""
    today = today or localdate()
    child = Person.objects.filter(family=OuterRef("pk")).balita(today)
    pregnant = Pregnancy.objects.filter(person__family=OuterRef("pk")).current(today)
    accompanied = FamilyAssignment.objects.filter(family=OuterRef("pk")).current()
    return (
        families.filter(Exists(child) | Exists(pregnant))
        .exclude(Exists(accompanied))
        .select_related("rw", "posyandu", "kelurahan")
        .order_by("rw__number", "head_name", "pk")
    )


def families_to_choose(families: QuerySet) -> QuerySet:
    """Families for the assignment form, each with the cadres who accompany it now
    (`current_assignments`)."""
    current = FamilyAssignment.objects.current().select_related("kader")
    return (
        families.select_related("rw")
        .prefetch_related(Prefetch("assignments", queryset=current, to_attr="current_assignments"))
        .order_by("rw__number", "head_name", "pk")
    )
