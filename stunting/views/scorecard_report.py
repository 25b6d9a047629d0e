"""A quarter's report beside its Scorecard Konvergensi: validate, reopen, meta facts.

Every page reads the quarter from `?kelurahan=` (admin and kecamatan users; a kelurahan user
gets their own), `?tahun=` and `?triwulan=`, and goes back to the scorecard page of the same
quarter. `validation_context` gives the scorecard page what `_validation.html` shows.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kelurahan.dates import Quarter
from kelurahan.models import Kelurahan
from kelurahan.params import parse_id
from kelurahan.viewhelpers import edit_form_view, editor_required, submitted

from ..forms import QuarterNotesForm, ReopenForm
from ..models import QuarterReport
from ..scorecard.compute import Ratio, compute, from_snapshot
from ..scorecard.validation import (
    changed_since,
    previous_year_konvergensi,
    reopen_history,
    reopen_quarter,
    validate_quarter,
)

_LOOKUP = object()


def quarter_place(request: HttpRequest) -> tuple[Kelurahan, Quarter]:
    """The kelurahan (in the user's scope: another one is a 404) and quarter asked for."""
    pk = parse_id(request.GET.get("kelurahan")) or request.user.kelurahan_id
    if pk is None:
        raise Http404
    allowed = Kelurahan.objects.for_user(request.user).select_related("kecamatan")
    kelurahan = get_object_or_404(allowed, pk=pk)
    return kelurahan, Quarter.parse(request.GET.get("tahun"), request.GET.get("triwulan"))


def quarter_query(kelurahan, quarter: Quarter) -> str:
    return urlencode({"kelurahan": kelurahan.pk, "tahun": quarter.year, "triwulan": quarter.number})


def scorecard_url(kelurahan, quarter: Quarter) -> str:
    return f"{reverse('stunting:scorecard')}?{quarter_query(kelurahan, quarter)}"


def may_validate(user, kelurahan) -> bool:
    """The lurah of the kelurahan, or an admin."""
    return user.can_sign_for(kelurahan_id=kelurahan.pk, kecamatan_id=None)


def _signer_place(request: HttpRequest) -> tuple[Kelurahan, Quarter]:
    kelurahan, quarter = quarter_place(request)
    if not may_validate(request.user, kelurahan):
        raise PermissionDenied
    return kelurahan, quarter


@login_required
@require_POST
def scorecard_validate(request):
    kelurahan, quarter = _signer_place(request)
    if quarter.start > timezone.localdate():
        messages.error(request, _("Triwulan yang belum dimulai tidak dapat divalidasi."))
        return redirect(scorecard_url(kelurahan, quarter))
    _report, now = validate_quarter(kelurahan=kelurahan, quarter=quarter, by=request.user)
    if now:
        text = _("Scorecard %(quarter)s tervalidasi: angkanya sekarang tersimpan dan terkunci.")
        messages.success(request, text % {"quarter": quarter.label})
    else:
        text = _("Scorecard %(quarter)s sudah tervalidasi sebelumnya; tidak ada yang berubah.")
        messages.info(request, text % {"quarter": quarter.label})
    return redirect(scorecard_url(kelurahan, quarter))


@login_required
def scorecard_reopen(request):
    kelurahan, quarter = _signer_place(request)
    back = scorecard_url(kelurahan, quarter)
    report = QuarterReport.objects.for_quarter(kelurahan.pk, quarter).first()
    if report is None or not report.is_validated:
        messages.info(request, _("Scorecard %(quarter)s belum tervalidasi.") % {"quarter": quarter})
        return redirect(back)
    form = ReopenForm(**submitted(request))
    if form.is_valid():
        try:
            reopen_quarter(report=report, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            text = _("Scorecard %(quarter)s dibuka kembali: angkanya kembali dihitung langsung.")
            messages.success(request, text % {"quarter": quarter.label})
            return redirect(back)
    context = {"form": form, "kelurahan": kelurahan, "quarter": quarter, "back_url": back}
    return render(request, "stunting/scorecard/reopen_form.html", context)


@editor_required
def scorecard_notes(request):
    kelurahan, quarter = quarter_place(request)
    report = QuarterReport.objects.for_quarter(kelurahan.pk, quarter).first()
    if report is None:
        report = QuarterReport(kelurahan=kelurahan, year=quarter.year, quarter=quarter.number)
    back = scorecard_url(kelurahan, quarter)
    return edit_form_view(
        request,
        form=QuarterNotesForm(**submitted(request), instance=report, user=request.user),
        template="stunting/scorecard/notes_form.html",
        message=_("Catatan scorecard %(quarter)s disimpan.") % {"quarter": quarter.label},
        success_url=back,
        context={"kelurahan": kelurahan, "quarter": quarter, "back_url": back},
    )


def validation_context(
    request: HttpRequest,
    kelurahan,
    quarter: Quarter,
    *,
    report=_LOOKUP,
    konvergensi: Ratio | None = None,
    previous_konvergensi: Ratio | None = None,
) -> dict:
    """What `stunting/scorecard/_validation.html` shows, as `{"validation": {...}}`. A page
    that already called `compute.load_report` passes its `report` and the quarter's
    `konvergensi` (`summary().kelurahan_konvergensi`), and the same quarter's a year earlier,
    so that nothing is read twice."""
    if report is _LOOKUP:
        reports = QuarterReport.objects.select_related("validated_by", "rembuk_rapat")
        report = reports.for_quarter(kelurahan.pk, quarter).first()
    validated = report is not None and report.is_validated
    if konvergensi is None:
        result = from_snapshot(report.snapshot) if validated else compute([kelurahan.pk], quarter)
        konvergensi = result.summary().kelurahan_konvergensi
    signer = may_validate(request.user, kelurahan)
    query = quarter_query(kelurahan, quarter)
    return {
        "validation": {
            "report": report,
            "quarter": quarter,
            "validated": validated,
            "changed": changed_since(report) if validated else 0,
            "can_validate": signer and not validated and quarter.start <= timezone.localdate(),
            "can_reopen": signer and validated,
            "can_edit_notes": request.user.can_edit_records,
            "reopenings": reopen_history(report) if report is not None else [],
            "konvergensi": konvergensi,
            "previous_quarter": quarter.shifted(-4),
            "previous_konvergensi": previous_konvergensi
            or previous_year_konvergensi(kelurahan.pk, quarter),
            "validate_url": f"{reverse('stunting:scorecard_validate')}?{query}",
            "reopen_url": f"{reverse('stunting:scorecard_reopen')}?{query}",
            "notes_url": f"{reverse('stunting:scorecard_notes')}?{query}",
        }
    }
