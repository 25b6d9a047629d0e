"""The life of an assessment: opened by the petugas (every active cadre, computed indicators
filled from the records, a sample of records drawn for checking), manual indicators proposed,
submitted; reviewed by the kasi kesra (manual indicators adjusted only with a reason, returned
with a note, or approved: locked, and the payout recorded as spending on the scheme's budget
line); reopened only by the kasi kesra with a reason. Cadres may appeal within five working days
of the submission. Every step is an `AssessmentEvent`.

Two reviewers at once: every write locks the assessment's row and checks the version the user's
page was showing; the second gets a clear message and nothing is lost.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kelurahan.models import User
from kpm.models import PosAnggaran, Realisasi
from kpm.services_anggaran import reverse_spending, save_spending, spent_on_line

from ..models import (
    Assessment,
    AssessmentEvent,
    CadreScore,
    EvidenceCheck,
    IncentiveScheme,
    IndicatorResult,
)
from ..models.incentive import MANUAL
from . import indicators, periods, scoring
from .sample import draw_sample
from .scheme import check_scheme, snapshot, specs, tiers

APPEAL_WORKING_DAYS = 5
Status = Assessment.Status


# --- Guards --------------------------------------------------------------------------------


def _locked(assessment: Assessment, version: int | None) -> Assessment:
    """The assessment's row, locked; refused when the user's page showed another version."""
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if version is not None and current.version != version:
        last = current.events.order_by("-at", "-pk").select_related("by").first()
        who = str(last.by) if last and last.by else _("pengguna lain")
        raise ValidationError(
            _(
                "Penilaian ini baru saja diubah oleh %(who)s. Muat ulang halaman, periksa "
                "perubahannya, lalu ulangi."
            )
            % {"who": who},
            code="stale",
        )
    return current


def _bump(assessment: Assessment, *, action: str, by: User | None, note: str = "") -> None:
    assessment.version += 1
    assessment.save()
    AssessmentEvent.objects.create(assessment=assessment, action=action, by=by, note=note)


def _require_status(assessment: Assessment, *allowed: str) -> None:
    if assessment.status not in allowed:
        raise ValidationError(
            _("Penilaian berstatus “%(status)s”: langkah ini tidak bisa dilakukan.")
            % {"status": assessment.get_status_display()}
        )


def _require_reviewer(assessment: Assessment, by: User) -> None:
    if not (by.can_review_scores and (by.sees_all or by.kelurahan_id == assessment.kelurahan_id)):
        raise PermissionDenied(_("Hanya kasi kesra yang meninjau penilaian."))


# --- Opening and computing ---------------------------------------------------------------


@transaction.atomic
def open_assessment(
    *, scheme: IncentiveScheme, period: periods.Period, by: User, today=None
) -> Assessment:
    """Open the assessment of `period` (once: a second call returns it) for every cadre who
    served in it, compute it and draw the evidence sample."""
    existing = Assessment.objects.filter(kelurahan_id=scheme.kelurahan_id, period=period.code)
    if found := existing.first():
        return found
    if problems := check_scheme(scheme):
        raise ValidationError(problems)
    if (period.start.year != scheme.year) or (period.is_quarter != (scheme.period == "triwulan")):
        raise ValidationError(
            _("Periode ini tidak sesuai dengan skema %(scheme)s.") % {"scheme": scheme}
        )
    IncentiveScheme.objects.select_for_update().get(pk=scheme.pk)
    assessment = Assessment.objects.create(
        kelurahan_id=scheme.kelurahan_id,
        scheme=scheme,
        period=period.code,
        period_start=period.start,
        period_end=period.end,
        scheme_snapshot=snapshot(scheme),
        is_shadow=scheme.is_shadow,
    )
    spans = indicators.cadre_spans(scheme.kelurahan_id, period.start, period.end)
    scores = CadreScore.objects.bulk_create(
        [
            CadreScore(
                assessment=assessment, kader_id=s.kader_id, active_from=s.start, active_to=s.end
            )
            for s in spans
        ]
    )
    codes = [i["code"] for i in assessment.scheme_snapshot["indicators"]]
    IndicatorResult.objects.bulk_create(
        [
            IndicatorResult(cadre_score=score, code=code, weight=0, effective_weight=0)
            for score in scores
            for code in codes
        ]
    )
    draw_sample(assessment=assessment)
    recompute(assessment=assessment, today=today)
    AssessmentEvent.objects.create(assessment=assessment, action="dibuka", by=by)
    return assessment


def _baselines(assessment: Assessment) -> dict:
    """(kader id, code) -> the cadre's value in the previous period's assessment."""
    previous = periods.parse(assessment.period).previous()
    rows = IndicatorResult.objects.filter(
        cadre_score__assessment__kelurahan_id=assessment.kelurahan_id,
        cadre_score__assessment__period=previous.code,
        value__isnull=False,
    ).values_list("cadre_score__kader_id", "code", "value")
    return {(kader_id, code): value for kader_id, code, value in rows}


def _available(assessment: Assessment) -> int | None:
    line_id = assessment.scheme_snapshot.get("budget_line")
    if assessment.is_shadow or line_id is None:
        return None
    line = PosAnggaran.objects.get(pk=line_id)
    return line.amount - spent_on_line(line)


def recompute(*, assessment: Assessment, today=None) -> None:
    """Fill every cadre's computed indicators from the records, score them with the manual
    ones, and set totals, tiers and amounts (scaled to the budget line when it cannot pay all).
    An approved assessment keeps its numbers."""
    if assessment.is_locked:
        return
    snap = assessment.scheme_snapshot
    scores = list(assessment.cadres.select_related("kader").order_by("pk"))
    results: dict = {}
    for row in IndicatorResult.objects.filter(cadre_score__assessment=assessment):
        results.setdefault(row.cadre_score_id, {})[row.code] = row
    spans = [indicators.Span(s.kader_id, s.kader.name, s.active_from, s.active_to) for s in scores]
    measured = indicators.measure(
        spans, end=assessment.period_end, assessment_id=assessment.pk, today=today
    )
    baselines = _baselines(assessment)
    spec_list, tier_list = specs(snap), tiers(snap)
    wanted = {}
    for score in scores:
        rows = results.get(score.pk, {})
        values = {}
        for code, row in rows.items():
            if code in MANUAL:
                row.numerator = row.denominator = None
                values[code] = Decimal(row.proposed) if row.proposed else None
                row.reason = _manual_reason(row)
            else:
                m = measured[score.kader_id][code]
                row.numerator, row.denominator, row.reason = m.numerator, m.denominator, m.reason
                values[code] = m.value
        found = scoring.total(
            spec_list, values, {c: baselines.get((score.kader_id, c)) for c in rows}
        )
        for item in found.indicators:
            row = rows[item.code]
            row.value, row.baseline = item.value, item.baseline
            row.level, row.improvement, row.score = item.level, item.improvement, item.score
            row.weight, row.effective_weight = item.weight, item.effective_weight
        tier = scoring.tier_of(found.total, tier_list)
        score.total, score.tier, score.tier_percent = found.total, tier.label, tier.percent
        score.wanted_amount = scoring.tier_amount(tier, snap["variable_amount"])
        rate = measured[score.kader_id].get("konfirmasi") if score.kader_id in measured else None
        score.confirmation_rate = rate.value if rate else None
        wanted[score.pk] = 0 if assessment.is_shadow else score.wanted_amount
    paid = scoring.payout(wanted, _available(assessment))
    for score in scores:
        score.amount = paid.amounts.get(score.pk, 0)
    CadreScore.objects.bulk_update(
        scores,
        ["total", "tier", "tier_percent", "wanted_amount", "amount", "confirmation_rate"],
    )
    IndicatorResult.objects.bulk_update(
        [row for rows in results.values() for row in rows.values()],
        [
            "numerator",
            "denominator",
            "value",
            "baseline",
            "level",
            "improvement",
            "score",
            "weight",
            "effective_weight",
            "reason",
        ],
    )


def _manual_reason(row: IndicatorResult) -> str:
    if row.proposed is None:
        return _("Belum dinilai.")
    if row.adjust_reason:
        return _("Diubah kasi kesra menjadi %(value)d: %(reason)s") % {
            "value": row.proposed,
            "reason": row.adjust_reason,
        }
    return _("Usulan petugas: %(value)d (rubrik 1-5).") % {"value": row.proposed}


# --- The evidence sample -------------------------------------------------------------------


@transaction.atomic
def confirm_evidence(*, check: EvidenceCheck, result: str, note: str, by: User) -> EvidenceCheck:
    """A second person confirms (or not) a sampled record against the registers."""
    check = EvidenceCheck.objects.select_for_update().get(pk=check.pk)
    assessment = _locked(check.cadre_score.assessment, None)
    _require_status(assessment, Status.TERBUKA, Status.DIKEMBALIKAN, Status.DIAJUKAN)
    if check.recorded_by_id is not None and check.recorded_by_id == by.pk:
        raise ValidationError(_("Anda yang mencatat data ini: minta orang lain memeriksanya."))
    check.result, check.note, check.checked_by, check.checked_at = (
        result,
        note.strip(),
        by,
        timezone.now(),
    )
    check.save()
    recompute(assessment=assessment)
    _bump(assessment, action="bukti_diperiksa", by=by, note=check.label)
    return check


# --- The petugas ----------------------------------------------------------------------------


@transaction.atomic
def propose_manual(*, result: IndicatorResult, value: int, by: User, version: int) -> None:
    assessment = _locked(result.cadre_score.assessment, version)
    _require_status(assessment, Status.TERBUKA, Status.DIKEMBALIKAN)
    if not 1 <= value <= 5:
        raise ValidationError(_("Nilai penilaian 1 sampai 5."))
    IndicatorResult.objects.filter(pk=result.pk).update(proposed=value, adjust_reason="")
    recompute(assessment=assessment)
    _bump(assessment, action="usulan_nilai", by=by, note=f"{result.cadre_score.kader}: {value}")


@transaction.atomic
def propose_manual_values(
    *, assessment: Assessment, values: dict[int, int], by: User, version: int
) -> int:
    """The petugas' proposals for many manual indicators at once (the assessment page's one
    form): `values` maps an IndicatorResult id of this assessment to 1-5. The version is checked
    once and the scores recomputed once; returns how many values changed."""
    assessment = _locked(assessment, version)
    _require_status(assessment, Status.TERBUKA, Status.DIKEMBALIKAN)
    if any(not 1 <= value <= 5 for value in values.values()):
        raise ValidationError(_("Nilai penilaian 1 sampai 5."))
    rows = IndicatorResult.objects.filter(
        cadre_score__assessment=assessment, code__in=MANUAL, pk__in=list(values)
    ).select_related("cadre_score__kader")
    changed = [row for row in rows if row.proposed != values[row.pk]]
    for row in changed:
        row.proposed, row.adjust_reason = values[row.pk], ""
    if not changed:
        return 0
    IndicatorResult.objects.bulk_update(changed, ["proposed", "adjust_reason"])
    recompute(assessment=assessment)
    note = "; ".join(
        f"{row.cadre_score.kader} · {row.get_code_display()}: {row.proposed}" for row in changed
    )
    _bump(assessment, action="usulan_nilai", by=by, note=note[:1000])
    return len(changed)


@transaction.atomic
def submit(*, assessment: Assessment, by: User, version: int, today=None) -> Assessment:
    """The petugas submits: every manual indicator must be proposed. Report cards go to the
    cadres, who have five working days to appeal."""
    assessment = _locked(assessment, version)
    _require_status(assessment, Status.TERBUKA, Status.DIKEMBALIKAN)
    missing = IndicatorResult.objects.filter(
        cadre_score__assessment=assessment, code__in=MANUAL, proposed__isnull=True
    ).count()
    if missing:
        raise ValidationError(
            _("Masih ada %(count)d nilai penilaian (inisiatif, kerja sama) yang belum diisi.")
            % {"count": missing}
        )
    recompute(assessment=assessment, today=today)
    today = today or timezone.localdate()
    assessment.status, assessment.submitted_by, assessment.submitted_at = (
        Status.DIAJUKAN,
        by,
        timezone.now(),
    )
    assessment.appeal_until = periods.add_working_days(today, APPEAL_WORKING_DAYS)
    _bump(assessment, action="diajukan", by=by)
    return assessment


@transaction.atomic
def record_appeal(*, score: CadreScore, text: str, by: User, today=None) -> CadreScore:
    """A cadre's appeal (written down by the office), within the appeal window."""
    assessment = _locked(score.assessment, None)
    _require_status(assessment, Status.DIAJUKAN)
    if (today or timezone.localdate()) > assessment.appeal_until:
        raise ValidationError(
            _("Masa sanggah sudah lewat (sampai %(date)s).")
            % {"date": assessment.appeal_until.strftime("%d/%m/%Y")}
        )
    if not text.strip():
        raise ValidationError(_("Tulis isi sanggahan."))
    CadreScore.objects.filter(pk=score.pk).update(appeal=text.strip(), appealed_at=timezone.now())
    _bump(assessment, action="sanggahan", by=by, note=str(score.kader))
    return CadreScore.objects.get(pk=score.pk)


# --- The kasi kesra -------------------------------------------------------------------------


@transaction.atomic
def answer_appeal(*, score: CadreScore, answer: str, by: User, version: int) -> None:
    assessment = _locked(score.assessment, version)
    _require_reviewer(assessment, by)
    _require_status(assessment, Status.DIAJUKAN)
    if not answer.strip():
        raise ValidationError(_("Tulis jawaban sanggahan."))
    CadreScore.objects.filter(pk=score.pk).update(
        appeal_answer=answer.strip(), answered_by=by, answered_at=timezone.now()
    )
    _bump(assessment, action="sanggahan_dijawab", by=by, note=str(score.kader))


@transaction.atomic
def adjust_manual(
    *, result: IndicatorResult, value: int, reason: str, by: User, version: int
) -> None:
    """The kasi kesra changes a manual indicator, only with a written reason."""
    assessment = _locked(result.cadre_score.assessment, version)
    _require_reviewer(assessment, by)
    _require_status(assessment, Status.DIAJUKAN)
    if result.code not in MANUAL:
        raise ValidationError(_("Indikator yang dihitung dari catatan tidak diubah dengan tangan."))
    if not 1 <= value <= 5:
        raise ValidationError(_("Nilai penilaian 1 sampai 5."))
    if not reason.strip():
        raise ValidationError(_("Tulis alasan perubahan nilai."))
    IndicatorResult.objects.filter(pk=result.pk).update(
        proposed=value, adjust_reason=reason.strip(), adjusted_by=by
    )
    recompute(assessment=assessment)
    _bump(
        assessment,
        action="nilai_diubah",
        by=by,
        note=f"{result.cadre_score.kader} · {result.get_code_display()}: {value} "
        f"({reason.strip()})",
    )


@transaction.atomic
def return_assessment(*, assessment: Assessment, note: str, by: User, version: int) -> None:
    assessment = _locked(assessment, version)
    _require_reviewer(assessment, by)
    _require_status(assessment, Status.DIAJUKAN)
    if not note.strip():
        raise ValidationError(_("Tulis catatan untuk petugas."))
    assessment.status, assessment.review_note = Status.DIKEMBALIKAN, note.strip()
    _bump(assessment, action="dikembalikan", by=by, note=note.strip())


@transaction.atomic
def approve(*, assessment: Assessment, by: User, version: int, today=None) -> Assessment:
    """The kasi kesra approves: never the one who submitted, not before the appeal window has
    closed and every appeal is answered. The payout (scaled to the budget line) is recorded as
    spending on the scheme's line; the assessment is locked."""
    assessment = _locked(assessment, version)
    _require_reviewer(assessment, by)
    _require_status(assessment, Status.DIAJUKAN)
    if assessment.submitted_by_id == by.pk:
        raise ValidationError(_("Yang mengajukan penilaian tidak boleh menyetujuinya."))
    today = today or timezone.localdate()
    if assessment.appeal_until and today <= assessment.appeal_until:
        raise ValidationError(
            _("Masa sanggah kader berlangsung sampai %(date)s; setujui sesudahnya.")
            % {"date": assessment.appeal_until.strftime("%d/%m/%Y")}
        )
    if assessment.cadres.exclude(appeal="").filter(appeal_answer="").exists():
        raise ValidationError(_("Masih ada sanggahan yang belum dijawab."))
    recompute(assessment=assessment, today=today)
    total = sum(assessment.cadres.values_list("amount", flat=True))
    available = _available(assessment)
    if available is not None and total > available:
        raise ValidationError(_("Jumlah insentif melebihi sisa pos anggaran."))
    assessment.payout_available = available
    if total and not assessment.is_shadow:
        line_id = assessment.scheme_snapshot["budget_line"]
        spending = Realisasi(
            line_id=line_id,
            spent_on=min(today, datetime.date(assessment.period_start.year, 12, 31)),
            amount=total,
            purpose=_("Insentif kinerja kader %(period)s")
            % {"period": periods.parse(assessment.period).label},
            is_incentive_payout=True,
        )
        assessment.payout_spending = save_spending(spending=spending, by=by)
    assessment.status, assessment.approved_by, assessment.approved_at = (
        Status.DISETUJUI,
        by,
        timezone.now(),
    )
    _bump(assessment, action="disetujui", by=by)
    return assessment


@transaction.atomic
def reopen(*, assessment: Assessment, reason: str, by: User, version: int) -> Assessment:
    """The kasi kesra reopens an approved assessment with a reason: the payout recorded is taken
    back (a draft is deleted, an approved spending reversed) and it is under review again."""
    assessment = _locked(assessment, version)
    _require_reviewer(assessment, by)
    _require_status(assessment, Status.DISETUJUI)
    if not reason.strip():
        raise ValidationError(_("Tulis alasan membuka kembali."))
    spending = assessment.payout_spending
    assessment.payout_spending = None
    assessment.status = Status.DIAJUKAN
    assessment.approved_by = assessment.approved_at = None
    assessment.save()
    if spending is not None:
        if spending.status == Realisasi.Status.DISETUJUI:
            reverse_spending(spending=spending, reason=reason.strip(), by=by)
        else:
            spending.delete()
    _bump(assessment, action="dibuka_kembali", by=by, note=reason.strip())
    return assessment
