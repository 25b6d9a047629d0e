"""The printed Scorecard Konvergensi and quarterly recaps (PDF) and the scorecard workbook
(.xlsx) of one kelurahan-quarter: `?tahun=YYYY&triwulan=Q` (the quarter in progress by
default) and, for a kecamatan or admin user, `?kelurahan=PK` within their scope.

Documents are always in Indonesian, whatever the page language.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.text import slugify

from kelurahan import xlsx
from kelurahan.dates import Quarter
from kelurahan.models import Kelurahan
from kelurahan.pdf import render_pdf
from kelurahan.viewhelpers import in_indonesian, kelurahan_from_request

from ..scorecard import documents
from ..scorecard.compute import QuarterResult, load_report


def _quarter_of(request) -> tuple[Kelurahan, QuarterResult, datetime.datetime | None]:
    """The kelurahan, its quarter (the validated snapshot, or live figures while a draft) and
    when it was validated (None: the documents say "DRAF")."""
    kelurahan = kelurahan_from_request(request)
    quarter = Quarter.parse(request.GET.get("tahun"), request.GET.get("triwulan"))
    result, report = load_report(kelurahan.pk, quarter)
    validated_at = report.validated_at if report is not None and report.is_validated else None
    return kelurahan, result, validated_at


@login_required
@in_indonesian
def scorecard_pdf(request):
    kelurahan, result, validated_at = _quarter_of(request)
    context = documents.scorecard_context(kelurahan, result, validated_at=validated_at)
    name = slugify(documents.filename(kelurahan, result.quarter, "scorecard-konvergensi"))
    return render_pdf(request, "stunting/scorecard/pdf_scorecard.html", context, f"{name}.pdf")


@login_required
@in_indonesian
def scorecard_recap_pdf(request, group):
    if group not in documents.RECAP_GROUPS:
        raise Http404
    kelurahan, result, validated_at = _quarter_of(request)
    context = documents.recap_context(kelurahan, result, group, validated_at=validated_at)
    template = f"stunting/scorecard/pdf_recap_{'paud' if group == 'paud' else 'marks'}.html"
    name = slugify(documents.filename(kelurahan, result.quarter, f"rekap-{group}"))
    return render_pdf(request, template, context, f"{name}.pdf")


@login_required
@in_indonesian
def scorecard_xlsx(request):
    kelurahan, result, validated_at = _quarter_of(request)
    sheets = documents.workbook_sheets(kelurahan, result, validated_at=validated_at)
    content = xlsx.workbook(*sheets)
    name = documents.filename(kelurahan, result.quarter, "scorecard-konvergensi")
    return xlsx.xlsx_response(content, xlsx.dated_filename(name))
