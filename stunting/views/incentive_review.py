"""The kasi kesra's review of an assessment: every cadre's score explained, adjustments of the
manual indicators (only with a reason), appeals (written down by the office, answered by the kasi
kesra), return, approval and reopening.

Every action is a POST that carries the assessment's version the page showed; the workflow
service refuses a stale page ("baru saja diubah oleh ...") and the refusal is shown as a message.
A missing role is a 403, another kelurahan's assessment a 404. After an action the user goes back
to the page they came from (`?next=`, on this site only), or to the assessment.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kelurahan.viewhelpers import next_page
from kpm.services_anggaran import rupiah

from ..forms.incentive_review import (
    AdjustForm,
    AnswerForm,
    AppealForm,
    ApproveForm,
    ReturnForm,
    ReviewReopenForm,
)
from ..incentive import review, workflow
from ..models import Assessment, CadreScore, IndicatorResult


def visible_scores(user) -> QuerySet[CadreScore]:
    """The cadre scores of the assessments the user may read."""
    return CadreScore.objects.filter(assessment__in=Assessment.objects.for_user(user).values("pk"))


def _run(request: HttpRequest, form_class, record, action: Callable[[dict], str]):
    """Validate `form_class` on the POST, run `action(cleaned_data)` (it returns the success
    message), and go back (`?next=`, else `record`'s page); a form error or the service's
    refusal becomes an error message."""
    form = form_class(request.POST)
    back = next_page(request, record.get_absolute_url())
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    try:
        text = action(form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, text)
    return redirect(back)


def _reviewer(request: HttpRequest, assessment: Assessment) -> None:
    if not review.is_reviewer(request.user, assessment):
        raise PermissionDenied(_("Hanya kasi kesra yang meninjau penilaian."))


def _adjust_form(row: review.IndicatorRow, version: int) -> AdjustForm | None:
    """The kasi kesra's form to change a manual indicator (None for a computed one)."""
    if not row.result.is_manual:
        return None
    initial = {"version": version, "value": row.result.proposed}
    return AdjustForm(initial=initial, auto_id=f"id_r{row.result.pk}_%s")


@login_required
def cadre_score_detail(request, pk):
    related = ("kader", "assessment__kelurahan", "assessment__submitted_by")
    scores = visible_scores(request.user).select_related(
        *related, "assessment__approved_by", "answered_by"
    )
    score = get_object_or_404(scores, pk=pk)
    assessment = score.assessment
    reviewing = review.is_reviewer(request.user, assessment) and assessment.status == "diajukan"
    rows = review.indicator_rows(score)
    version = assessment.version
    context = {
        "score": score,
        "assessment": assessment,
        "period": review.period_label(assessment),
        "items": [(row, _adjust_form(row, version) if reviewing else None) for row in rows],
        "not_applying": [row for row in rows if not row.applies],
        "served_part": review.served_part(score),
        "window_open": review.appeal_window_open(assessment),
        "appeal_form": AppealForm() if review.may_record_appeal(request.user, assessment) else None,
        "answer_form": AnswerForm(initial={"version": version})
        if reviewing and score.appeal
        else None,
    }
    return render(request, "stunting/incentive/cadre_score_detail.html", context)


@login_required
@require_POST
def indicator_adjust(request, pk):
    results = IndicatorResult.objects.filter(cadre_score__in=visible_scores(request.user))
    result = get_object_or_404(
        results.select_related("cadre_score__assessment", "cadre_score__kader"), pk=pk
    )
    _reviewer(request, result.cadre_score.assessment)

    def adjust(data):
        workflow.adjust_manual(
            result=result,
            value=data["value"],
            reason=data["reason"],
            by=request.user,
            version=data["version"],
        )
        return _("Nilai %(indicator)s untuk %(kader)s diubah menjadi %(value)d.") % {
            "indicator": result.get_code_display(),
            "kader": result.cadre_score.kader.name,
            "value": data["value"],
        }

    return _run(request, AdjustForm, result.cadre_score, adjust)


def _score(request: HttpRequest, pk) -> CadreScore:
    scores = visible_scores(request.user).select_related("kader", "assessment")
    return get_object_or_404(scores, pk=pk)


@login_required
@require_POST
def cadre_score_appeal(request, pk):
    score = _score(request, pk)
    if not request.user.can_edit_records:
        raise PermissionDenied(_("Sanggahan kader dicatat oleh petugas kelurahan."))

    def appeal(data):
        workflow.record_appeal(score=score, text=data["text"], by=request.user)
        return _("Sanggahan %(kader)s dicatat; kasi kesra akan menjawabnya.") % {
            "kader": score.kader.name
        }

    return _run(request, AppealForm, score, appeal)


@login_required
@require_POST
def cadre_score_answer(request, pk):
    score = _score(request, pk)
    _reviewer(request, score.assessment)

    def answer(data):
        workflow.answer_appeal(
            score=score, answer=data["answer"], by=request.user, version=data["version"]
        )
        return _("Jawaban sanggahan %(kader)s disimpan.") % {"kader": score.kader.name}

    return _run(request, AnswerForm, score, answer)


def _assessment(request: HttpRequest, pk) -> Assessment:
    assessment = get_object_or_404(Assessment.objects.for_user(request.user), pk=pk)
    _reviewer(request, assessment)
    return assessment


@login_required
@require_POST
def assessment_return(request, pk):
    assessment = _assessment(request, pk)

    def send_back(data):
        workflow.return_assessment(
            assessment=assessment, note=data["note"], by=request.user, version=data["version"]
        )
        return _("Penilaian %(period)s dikembalikan ke petugas dengan catatan Anda.") % {
            "period": review.period_label(assessment)
        }

    return _run(request, ReturnForm, assessment, send_back)


@login_required
@require_POST
def assessment_approve(request, pk):
    assessment = _assessment(request, pk)

    def approve(data):
        done = workflow.approve(assessment=assessment, by=request.user, version=data["version"])
        summary = review.payout_summary(done)
        if summary.shadow:
            text = _("Penilaian %(period)s disetujui dan dikunci (masa uji: tidak dibayar).")
        else:
            text = _(
                "Penilaian %(period)s disetujui dan dikunci. Pembayaran %(paid)s dicatat sebagai "
                "realisasi pos anggaran “%(line)s”."
            )
        return text % {
            "period": review.period_label(done),
            "paid": rupiah(summary.paid),
            "line": summary.line.name if summary.line else "–",
        }

    return _run(request, ApproveForm, assessment, approve)


@login_required
@require_POST
def assessment_reopen(request, pk):
    assessment = _assessment(request, pk)

    def reopen(data):
        workflow.reopen(
            assessment=assessment, reason=data["reason"], by=request.user, version=data["version"]
        )
        return _("Penilaian %(period)s dibuka kembali; pembayaran yang tercatat dibatalkan.") % {
            "period": review.period_label(assessment)
        }

    return _run(request, ReviewReopenForm, assessment, reopen)
