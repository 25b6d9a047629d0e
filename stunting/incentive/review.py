"""What the review pages and documents read: every indicator of a cadre explained (with the link
to its evidence), the period's payout against its budget line, and who may do what.

Reads only; the writes are in `workflow`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kpm.models import PosAnggaran
from kpm.services_anggaran import spent_on_line

from ..models import Assessment, CadreScore, IndicatorResult
from ..models.incentive import Indicator
from . import periods

Status = Assessment.Status


# --- Who may do what ----------------------------------------------------------------------------


def is_reviewer(user, assessment: Assessment) -> bool:
    """The kasi kesra of the assessment's kelurahan (or an admin)."""
    return user.can_review_scores and (
        user.sees_all or user.kelurahan_id == assessment.kelurahan_id
    )


def appeal_window_open(assessment: Assessment) -> bool:
    return (
        assessment.status == Status.DIAJUKAN
        and assessment.appeal_until is not None
        and timezone.localdate() <= assessment.appeal_until
    )


def may_record_appeal(user, assessment: Assessment) -> bool:
    """The office (petugas, lurah) writes an appeal down on the cadre's behalf, in the window."""
    return user.can_edit_records and appeal_window_open(assessment)


def approval_blockers(assessment: Assessment, user, *, unanswered: int) -> list[str]:
    """Why the kasi kesra cannot approve now, in words (empty: they can)."""
    blockers = []
    if assessment.submitted_by_id == user.pk:
        blockers.append(_("Anda yang mengajukan penilaian ini: kasi kesra lain yang menyetujui."))
    if assessment.appeal_until and timezone.localdate() <= assessment.appeal_until:
        blockers.append(
            _("Masa sanggah kader berlangsung sampai %(date)s; setujui sesudahnya.")
            % {"date": assessment.appeal_until.strftime("%d/%m/%Y")}
        )
    if unanswered:
        blockers.append(
            _("Masih ada %(count)d sanggahan yang belum dijawab.") % {"count": unanswered}
        )
    return blockers


# --- A cadre's indicators -----------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of a cadre as the page and the report card show it."""

    result: IndicatorResult
    floor: Decimal | None
    target: Decimal | None
    rubric: str
    evidence_url: str

    @property
    def applies(self) -> bool:
        return self.result.value is not None

    @property
    def by_improvement(self) -> bool:
        r = self.result
        return r.improvement is not None and r.improvement > (r.level or 0)


def evidence_url(code: str, score: CadreScore) -> str:
    """Where the records behind a computed indicator are listed ("" for a manual one)."""
    kader_id, assessment = score.kader_id, score.assessment
    cadre_page = reverse("kpm:kader_detail", args=[kader_id])
    if code == Indicator.ATTENDANCE:
        return f"{cadre_page}#rapat-kader"
    if code == Indicator.MONITORING:
        return cadre_page
    if code == Indicator.TASKS:
        query = {"kader": kader_id}
        if "Q" not in assessment.period:  # a monthly period: that month's tasks
            query["bulan"] = assessment.period_start.strftime("%Y-%m")
        return f"{reverse('kpm:tugas_list')}?{urlencode(query)}"
    if code == Indicator.HOME_VISITS:
        return f"{reverse('stunting:home_visit_list')}?{urlencode({'kader': kader_id})}"
    if code == Indicator.REFERRALS:
        return f"{reverse('stunting:referral_list')}?{urlencode({'kader': kader_id})}"
    if code == Indicator.CONFIRMATION:
        return reverse("stunting:assessment_evidence", args=[assessment.pk])
    return ""


def indicator_rows(score: CadreScore) -> list[IndicatorRow]:
    """Every indicator of the cadre, in the scheme's order, with its floor, target and rubric as
    the assessment's copy of the scheme has them."""
    specs = {i["code"]: i for i in score.assessment.scheme_snapshot.get("indicators", [])}
    order = {code: index for index, code in enumerate(specs)}
    results = sorted(
        score.results.select_related("adjusted_by"),
        key=lambda r: (order.get(r.code, len(order)), r.pk),
    )
    rows = []
    for result in results:
        spec = specs.get(result.code, {})
        rows.append(
            IndicatorRow(
                result=result,
                floor=Decimal(spec["floor"]) if "floor" in spec else None,
                target=Decimal(spec["target"]) if "target" in spec else None,
                rubric=spec.get("rubric", ""),
                evidence_url="" if result.is_manual else evidence_url(result.code, score),
            )
        )
    return rows


def served_part(score: CadreScore) -> bool:
    """Whether the cadre served only part of the period."""
    assessment = score.assessment
    return score.active_from > assessment.period_start or score.active_to < assessment.period_end


# --- The period's payout ------------------------------------------------------------------------


@dataclass(frozen=True)
class PayoutSummary:
    """The period's tier amounts, what is paid, and the budget line it is paid from."""

    wanted: int
    paid: int
    line: PosAnggaran | None
    available: int | None  # what the line had before this payout (None: no line, or shadow)
    shadow: bool
    approved: bool

    @property
    def scaled(self) -> bool:
        return not self.shadow and self.paid < self.wanted

    @property
    def remainder(self) -> int | None:
        """What the line keeps after this payout."""
        return None if self.available is None else self.available - self.paid

    @property
    def fits(self) -> bool:
        return self.available is None or self.paid <= self.available


def payout_summary(assessment: Assessment) -> PayoutSummary:
    totals = assessment.cadres.aggregate(
        wanted=Sum("wanted_amount", default=0), paid=Sum("amount", default=0)
    )
    line_id = assessment.scheme_snapshot.get("budget_line")
    line = None
    if line_id is not None:
        line = PosAnggaran.objects.select_related("source").filter(pk=line_id).first()
    available = None
    if line is not None and not assessment.is_shadow:
        if assessment.is_locked and assessment.payout_available is not None:
            available = assessment.payout_available
        else:
            available = line.amount - spent_on_line(line)
    return PayoutSummary(
        wanted=totals["wanted"],
        paid=0 if assessment.is_shadow else totals["paid"],
        line=line,
        available=available,
        shadow=assessment.is_shadow,
        approved=assessment.is_locked,
    )


def unanswered_appeals(assessment: Assessment) -> list[CadreScore]:
    return list(
        assessment.cadres.exclude(appeal="")
        .filter(appeal_answer="")
        .select_related("kader")
        .order_by("kader__name", "pk")
    )


def period_label(assessment: Assessment) -> str:
    period = periods.parse(assessment.period)
    return period.label if period else assessment.period
