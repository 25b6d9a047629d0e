"""The team's view of the incentive: how scores are spread over the tiers, period by period,
beside the community outcomes the cadres work for together (stunting prevalence among the
children measured, konvergensi of the quarter), and one cadre's own score history. Never
anyone's pay: amounts are on the assessment pages only."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, OuterRef, Q, Subquery

from kelurahan.dates import Quarter

from ..models import Assessment, CadreScore, IndicatorResult, Measurement, Person
from ..models.measurement import STUNTED, counted
from ..scorecard.results import Ratio
from ..scorecard.trend import konvergensi_trend
from . import periods

HISTORY = 8
CHART_WIDTH, CHART_HEIGHT, CHART_LEFT, CHART_BOTTOM, CHART_TOP = 640, 220, 40, 40, 12


@dataclass
class TeamPeriod:
    assessment: Assessment
    label: str
    cadres: int
    mean: Decimal | None
    tiers: list[tuple[str, int]]  # (tier label, cadres), highest tier first
    stunting: Ratio
    konvergensi: Ratio | None


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def stunting_ratio(kelurahan_id: int, start: datetime.date, end: datetime.date) -> Ratio:
    """Children whose latest length/height in [start, end] is stunted, of those measured."""
    latest = (
        Measurement.objects.filter(
            person=OuterRef("pk"), measured_on__gte=start, measured_on__lte=end
        )
        .filter(counted(), height_cm__isnull=False)
        .order_by("-measured_on", "-pk")
        .values("hfa_category")[:1]
    )
    row = (
        Person.objects.filter(kelurahan_id=kelurahan_id)
        .annotate(latest=Subquery(latest))
        .filter(latest__isnull=False)
        .aggregate(measured=Count("pk"), stunted=Count("pk", filter=Q(latest__in=STUNTED)))
    )
    return Ratio(row["stunted"], row["measured"])


def team_periods(kelurahan_id: int, limit: int = HISTORY) -> list[TeamPeriod]:
    """The latest `limit` assessments of the kelurahan, oldest first."""
    assessments = list(
        Assessment.objects.filter(kelurahan_id=kelurahan_id).order_by("-period_start")[:limit]
    )[::-1]
    if not assessments:
        return []
    scores: dict = {}
    for assessment_id, total, tier in CadreScore.objects.filter(
        assessment__in=assessments
    ).values_list("assessment_id", "total", "tier"):
        scores.setdefault(assessment_id, []).append((total, tier))
    last = Quarter.of(assessments[-1].period_end)
    first = Quarter.of(assessments[0].period_start)
    count = (last.year - first.year) * 4 + last.number - first.number + 1
    konvergensi = {p.quarter: p.total for p in konvergensi_trend([kelurahan_id], last, count)}
    rows = []
    for assessment in assessments:
        found = scores.get(assessment.pk, [])
        labels = [t["label"] for t in assessment.scheme_snapshot.get("tiers", [])]
        rows.append(
            TeamPeriod(
                assessment=assessment,
                label=periods.parse(assessment.period).label,
                cadres=len(found),
                mean=_mean([total for total, _tier in found if total is not None]),
                tiers=[(label, sum(1 for _t, tier in found if tier == label)) for label in labels],
                stunting=stunting_ratio(
                    kelurahan_id, assessment.period_start, assessment.period_end
                ),
                konvergensi=konvergensi.get(Quarter.of(assessment.period_end)),
            )
        )
    return rows


@dataclass
class Bar:
    label: str
    total: Decimal | None
    tier: str
    status: str
    shadow: bool
    x: float = 0
    y: float = 0
    height: float = 0


@dataclass
class History:
    """A cadre's score in their latest periods as bars, and their strongest and weakest
    indicators in the latest one."""

    bars: list[Bar]
    strongest: list[IndicatorResult] = field(default_factory=list)
    weakest: list[IndicatorResult] = field(default_factory=list)
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    left: int = CHART_LEFT
    plot_bottom: int = CHART_HEIGHT - CHART_BOTTOM
    bar_width: float = 0
    y_ticks: list[dict] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.bars


def cadre_history(kader_id: int, limit: int = HISTORY) -> History:
    """Two queries: the cadre's scores and the indicators of the latest one."""
    scores = list(
        CadreScore.objects.filter(kader_id=kader_id)
        .select_related("assessment")
        .order_by("-assessment__period_start")[:limit]
    )[::-1]
    bars = [
        Bar(
            periods.parse(s.assessment.period).label,
            s.total,
            s.tier,
            s.assessment.get_status_display(),
            s.assessment.is_shadow,
        )
        for s in scores
    ]
    history = History(bars)
    if not scores:
        return history
    plot_w = CHART_WIDTH - CHART_LEFT - 10
    plot_h = history.plot_bottom - CHART_TOP
    slot = plot_w / len(bars)
    history.bar_width = round(min(60, slot * 0.6), 1)
    for index, bar in enumerate(bars):
        value = float(bar.total or 0)
        bar.height = round(value / 100 * plot_h, 1)
        bar.x = round(CHART_LEFT + slot * index + (slot - history.bar_width) / 2, 1)
        bar.y = round(history.plot_bottom - bar.height, 1)
    history.y_ticks = [
        {"value": v, "y": round(history.plot_bottom - v / 100 * plot_h, 1)}
        for v in (0, 60, 80, 100)
    ]
    rows = [
        r
        for r in IndicatorResult.objects.filter(cadre_score=scores[-1]).order_by("pk")
        if r.score is not None
    ]
    ranked = sorted(rows, key=lambda r: (r.score, r.pk))
    shown = min(2, len(ranked) // 2)
    history.strongest = ranked[::-1][: max(shown, 1 if ranked else 0)]
    history.weakest = ranked[:shown]
    return history
