"""Incentive documents: a cadre's report card (PDF, one page), the period's payout list (PDF and
.xlsx). Every user who may read the assessment may download them (read-only roles too); they say
"DRAF" until the assessment is approved. Documents are always in Indonesian."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from kelurahan import xlsx
from kelurahan.pdf import render_pdf
from kelurahan.viewhelpers import in_indonesian

from ..incentive import documents
from ..models import Assessment
from .incentive_review import visible_scores


@login_required
@in_indonesian
def cadre_score_card(request, pk):
    scores = visible_scores(request.user).select_related(
        "kader", "assessment__kelurahan__kecamatan__kota", "answered_by"
    )
    score = get_object_or_404(scores, pk=pk)
    context = documents.score_card_context(score)
    filename = documents.score_card_filename(score)
    return render_pdf(request, "stunting/incentive/pdf_score_card.html", context, filename)


def _assessment(request, pk) -> Assessment:
    visible = Assessment.objects.for_user(request.user).select_related(
        "kelurahan__kecamatan__kota", "approved_by"
    )
    return get_object_or_404(visible, pk=pk)


@login_required
@in_indonesian
def assessment_payout_pdf(request, pk):
    assessment = _assessment(request, pk)
    context = documents.payout_context(assessment)
    filename = documents.payout_filename(assessment, "pdf")
    return render_pdf(request, "stunting/incentive/pdf_payout.html", context, filename)


@login_required
@in_indonesian
def assessment_payout_xlsx(request, pk):
    assessment = _assessment(request, pk)
    content = xlsx.workbook(*documents.payout_sheets(assessment))
    return xlsx.xlsx_response(content, documents.payout_filename(assessment, "xlsx"))
