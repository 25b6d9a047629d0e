"""Incentive schemes and assessments: the petugas' side (open, propose, submit, evidence checks).

The scheme of a year is written by the lurah of its kelurahan (or an admin) and read by the
others; once an assessment uses it, it is read-only. The assessment page reads the scheme from
the assessment's own snapshot. Every write on an assessment carries the version the page showed
(hidden `versi`): a stale page gets the service's message, never a 500.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Count, Prefetch, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kelurahan.models import Kelurahan
from kelurahan.viewhelpers import (
    chosen_kelurahan,
    edit_form_view,
    editor_required,
    paginate,
    submitted,
)

from ..forms.incentive import (
    EvidenceCheckForm,
    IndicatorFormSet,
    ManualValuesForm,
    OpenAssessmentForm,
    SchemeForm,
    TierFormSet,
    VersionForm,
    default_indicators,
    default_tiers,
    period_choices,
)
from ..incentive import periods, workflow
from ..incentive import scheme as scheme_rules
from ..models import Assessment, EvidenceCheck, IncentiveScheme, IndicatorResult
from ..models.incentive import MANUAL, Indicator

Status = Assessment.Status
EDITABLE = (Status.TERBUKA, Status.DIKEMBALIKAN)
CHECKABLE = (Status.TERBUKA, Status.DIKEMBALIKAN, Status.DIAJUKAN)
EVENT_LABELS = {
    "dibuka": gettext_lazy("Dibuka"),
    "usulan_nilai": gettext_lazy("Nilai penilaian diusulkan"),
    "bukti_diperiksa": gettext_lazy("Bukti diperiksa"),
    "diajukan": gettext_lazy("Diajukan ke kasi kesra"),
    "sanggahan": gettext_lazy("Sanggahan kader dicatat"),
    "sanggahan_dijawab": gettext_lazy("Sanggahan dijawab"),
    "nilai_diubah": gettext_lazy("Nilai diubah kasi kesra"),
    "dikembalikan": gettext_lazy("Dikembalikan ke petugas"),
    "disetujui": gettext_lazy("Disetujui dan dikunci"),
    "dibuka_kembali": gettext_lazy("Dibuka kembali"),
}
SHORT_LABELS = {
    "kehadiran": gettext_lazy("Kehadiran"),
    "tugas": gettext_lazy("Tugas"),
    "pemantauan": gettext_lazy("Pemantauan"),
    "kunjungan": gettext_lazy("Kunjungan"),
    "rujukan": gettext_lazy("Rujukan"),
    "konfirmasi": gettext_lazy("Konfirmasi bukti"),
    "inisiatif": gettext_lazy("Inisiatif"),
    "kerja_sama": gettext_lazy("Kerja sama"),
}
RECORD_PAGES = {
    "2b": "stunting:child_month_update",
    "2a": "stunting:pregnancy_month_update",
    "kunjungan": "stunting:home_visit_update",
}


def _say(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _index_url(request, kelurahan) -> str:
    url = reverse("stunting:incentive_index")
    return url if request.user.scope.is_kelurahan else f"{url}?kelurahan={kelurahan.pk}"


def _posted_version(request) -> int:
    """The assessment version the page showed; 0 (always stale) when missing or unreadable."""
    form = VersionForm(request.POST)
    return form.cleaned_data["versi"] if form.is_valid() else 0


def _can_write_scheme(user, kelurahan_id) -> bool:
    return user.can_sign_for(kelurahan_id=kelurahan_id, kecamatan_id=None)


def _visible_assessment(request, pk) -> Assessment:
    visible = Assessment.objects.for_user(request.user).select_related(
        "kelurahan", "scheme", "submitted_by", "approved_by"
    )
    return get_object_or_404(visible, pk=pk)


# --- The index --------------------------------------------------------------------------------


@login_required
def incentive_index(request):
    kelurahan = chosen_kelurahan(request)
    if kelurahan is None:
        choices = Kelurahan.objects.for_user(request.user).select_related("kecamatan")
        context = {"choices": choices.order_by("kecamatan__name", "name")}
        return render(request, "stunting/incentive_index.html", context)
    schemes = list(
        IncentiveScheme.objects.filter(kelurahan=kelurahan).select_related("budget_line")
    )
    assessments = (
        Assessment.objects.filter(kelurahan=kelurahan)
        .for_list()
        .annotate(cadre_count=Count("cadres"), payout=Sum("cadres__amount", default=0))
    )
    page_obj = paginate(request, assessments)
    open_form = None
    if request.user.can_edit_records:
        taken = set(Assessment.objects.filter(kelurahan=kelurahan).values_list("period", flat=True))
        choices = period_choices(schemes, taken)
        open_form = OpenAssessmentForm(
            choices=choices, initial={"period": _latest_started(choices)}
        )
    context = {
        "kelurahan": kelurahan,
        "schemes": schemes,
        "page_obj": page_obj,
        "open_form": open_form,
        "can_write_scheme": _can_write_scheme(request.user, kelurahan.pk),
        "wide": not request.user.scope.is_kelurahan,
    }
    return render(request, "stunting/incentive_index.html", context)


def _latest_started(choices) -> str | None:
    """The last period in `choices` that has begun (the one a petugas usually opens)."""
    today = timezone.localdate()
    begun = [code for code, _label in choices if periods.parse(code).start <= today]
    return begun[-1] if begun else None


# --- The scheme -------------------------------------------------------------------------------


def _scheme_form(request, scheme: IncentiveScheme, message: str):
    data = submitted(request)["data"]
    parent = scheme if scheme.pk else None
    indicators = IndicatorFormSet(data, instance=parent, prefix="indikator")
    tiers = TierFormSet(data, instance=parent, prefix="tingkat")
    initial = {}
    if scheme.pk is None and data is None:  # a new scheme starts from the defaults
        indicators = IndicatorFormSet(
            instance=None, prefix="indikator", initial=default_indicators()
        )
        tiers = TierFormSet(instance=None, prefix="tingkat", initial=default_tiers())
        indicators.extra, tiers.extra = len(indicators.initial_extra), len(tiers.initial_extra)
        year = timezone.localdate().year + 1
        initial = {"year": year, "name": _("Skema insentif %(year)s") % {"year": year}}
    return edit_form_view(
        request,
        form=SchemeForm(data, instance=scheme, user=request.user, initial=initial),
        formsets={"indicators": indicators, "tiers": tiers},
        template="stunting/incentive_scheme_form.html",
        message=message,
        context={"scheme": scheme, "manual_codes": sorted(MANUAL)},
    )


@login_required
def incentive_scheme_create(request):
    kelurahan = chosen_kelurahan(request)
    if not _can_write_scheme(request.user, kelurahan.pk if kelurahan else None):
        raise PermissionDenied
    scheme = IncentiveScheme(kelurahan=kelurahan) if kelurahan else IncentiveScheme()
    return _scheme_form(request, scheme, _("Skema insentif disimpan."))


def _visible_scheme(request, pk) -> IncentiveScheme:
    visible = IncentiveScheme.objects.for_user(request.user).select_related(
        "kelurahan", "budget_line"
    )
    return get_object_or_404(visible, pk=pk)


@login_required
def incentive_scheme_detail(request, pk):
    scheme = _visible_scheme(request, pk)
    assessments = list(scheme.assessments.order_by("period_start"))
    context = {
        "scheme": scheme,
        "indicators": scheme.indicators.order_by("pk"),
        "tiers": scheme.tiers.order_by("-minimum"),
        "assessments": assessments,
        "problems": [] if assessments else scheme_rules.check_scheme(scheme),
        "can_write": _can_write_scheme(request.user, scheme.kelurahan_id) and not assessments,
    }
    return render(request, "stunting/incentive_scheme_detail.html", context)


@login_required
def incentive_scheme_update(request, pk):
    scheme = _visible_scheme(request, pk)
    if not _can_write_scheme(request.user, scheme.kelurahan_id):
        raise PermissionDenied
    if scheme.assessments.exists():
        messages.warning(
            request,
            _(
                "Skema ini sudah dipakai penilaian, jadi tidak bisa diubah: hasil yang sudah "
                "dihitung harus tetap sama. Buat skema baru untuk tahun berikutnya."
            ),
        )
        return redirect(scheme)
    return _scheme_form(request, scheme, _("Perubahan skema insentif disimpan."))


# --- The assessment -----------------------------------------------------------------------------


@require_POST
@editor_required
def assessment_open(request):
    kelurahan = chosen_kelurahan(request)
    if kelurahan is None:
        raise Http404
    schemes = list(IncentiveScheme.objects.filter(kelurahan=kelurahan))
    form = OpenAssessmentForm(request.POST, choices=period_choices(schemes, set()))
    if not form.is_valid():
        messages.error(request, _("Pilih periode dari daftar skema kelurahan ini."))
        return redirect(_index_url(request, kelurahan))
    period = form.cleaned_data["period"]
    scheme = next(s for s in schemes if s.year == period.start.year)
    try:
        assessment = workflow.open_assessment(scheme=scheme, period=period, by=request.user)
    except ValidationError as error:
        _say(request, error)
        return redirect(_index_url(request, kelurahan))
    except IntegrityError:  # opened by someone else at the same moment
        assessment = Assessment.objects.get(kelurahan=kelurahan, period=period.code)
    messages.success(request, _("Penilaian %(period)s dibuka.") % {"period": period.label})
    return redirect(assessment)


def _cadre_rows(assessment: Assessment) -> list:
    """Every cadre of the assessment with its indicator results in the scheme's order
    (`cells`), read in two queries whatever the number of cadres."""
    codes = [i["code"] for i in assessment.scheme_snapshot.get("indicators", [])]
    scores = list(
        assessment.cadres.select_related("kader")
        .prefetch_related(Prefetch("results", queryset=IndicatorResult.objects.order_by("pk")))
        .order_by("kader__name", "pk")
    )
    for score in scores:
        by_code = {r.code: r for r in score.results.all()}
        score.cells = [by_code.get(code) for code in codes]
        score.partial = (
            score.active_from > assessment.period_start or score.active_to < assessment.period_end
        )
        score.active_days = (score.active_to - score.active_from).days + 1
    return scores


def _snapshot_rows(snap: dict) -> list[dict]:
    labels = dict(Indicator.choices)
    return [
        {
            **row,
            "label": labels.get(row["code"], row["code"]),
            "short": SHORT_LABELS.get(row["code"], row["code"]),
            "manual": row["code"] in MANUAL,
        }
        for row in snap.get("indicators", [])
    ]


@login_required
def assessment_detail(request, pk):
    assessment = _visible_assessment(request, pk)
    scores = _cadre_rows(assessment)
    manual = [cell for s in scores for cell in s.cells if cell is not None and cell.is_manual]
    editable = request.user.can_edit_records and assessment.status in EDITABLE
    form = None
    if editable:
        form = ManualValuesForm(initial={"versi": assessment.version}, results=manual)
        for cell in manual:
            cell.field = form[f"r{cell.pk}"]
    snap = assessment.scheme_snapshot
    context = {
        "assessment": assessment,
        "scores": scores,
        "snapshot": snap,
        "snapshot_indicators": _snapshot_rows(snap),
        "form": form,
        "missing": sum(1 for cell in manual if cell.proposed is None),
        "can_submit": editable,
        "version_form": VersionForm(initial={"versi": assessment.version}),
        "total_amount": sum(s.amount for s in scores),
        "total_wanted": sum(s.wanted_amount for s in scores),
        "events": [
            (event, EVENT_LABELS.get(event.action, event.action))
            for event in assessment.events.select_related("by")
        ],
    }
    return render(request, "stunting/assessment_detail.html", context)


@require_POST
@editor_required
def assessment_propose(request, pk):
    assessment = _visible_assessment(request, pk)
    results = IndicatorResult.objects.filter(cadre_score__assessment=assessment, code__in=MANUAL)
    form = ManualValuesForm(request.POST, results=results.select_related("cadre_score__kader"))
    if not form.is_valid():
        messages.error(request, _("Nilai penilaian 1 sampai 5."))
        return redirect(assessment)
    try:
        changed = workflow.propose_manual_values(
            assessment=assessment,
            values=form.values(),
            by=request.user,
            version=form.cleaned_data.get("versi") or 0,
        )
    except ValidationError as error:
        _say(request, error)
    else:
        messages.success(
            request, _("Nilai penilaian disimpan (%(count)d diubah).") % {"count": changed}
        )
    return redirect(assessment)


@require_POST
@editor_required
def assessment_submit(request, pk):
    assessment = _visible_assessment(request, pk)
    try:
        assessment = workflow.submit(
            assessment=assessment, by=request.user, version=_posted_version(request)
        )
    except ValidationError as error:
        _say(request, error)
    else:
        messages.success(
            request,
            _("Penilaian diajukan ke kasi kesra. Kader dapat menyanggah sampai %(date)s.")
            % {"date": assessment.appeal_until.strftime("%d/%m/%Y")},
        )
    return redirect(assessment)


# --- The evidence sample ------------------------------------------------------------------------


def _can_check(user) -> bool:
    return user.can_edit_records or user.can_review_scores


@login_required
def assessment_evidence(request, pk):
    assessment = _visible_assessment(request, pk)
    checks = EvidenceCheck.objects.select_related("recorded_by", "checked_by")
    scores = list(
        assessment.cadres.select_related("kader")
        .prefetch_related(Prefetch("checks", queryset=checks.order_by("month", "pk")))
        .order_by("kader__name", "pk")
    )
    can_check = _can_check(request.user) and assessment.status in CHECKABLE
    for score in scores:
        rows = list(score.checks.all())
        score.rows = rows
        score.checked = sum(1 for c in rows if c.result)
        score.confirmed = sum(1 for c in rows if c.result == EvidenceCheck.Result.COCOK)
        for check in rows:
            check.url = reverse(RECORD_PAGES[check.kind], args=[check.object_id])
            check.can_confirm = can_check and check.recorded_by_id != request.user.pk
    context = {
        "assessment": assessment,
        "scores": scores,
        "results": EvidenceCheck.Result,
        "can_check": can_check,
        "check_form": EvidenceCheckForm(auto_id=False),
    }
    return render(request, "stunting/assessment_evidence.html", context)


@require_POST
@login_required
def evidence_confirm(request, pk):
    visible = EvidenceCheck.objects.filter(
        cadre_score__assessment__in=Assessment.objects.for_user(request.user)
    ).select_related("cadre_score__assessment")
    check = get_object_or_404(visible, pk=pk)
    if not _can_check(request.user):
        raise PermissionDenied
    assessment = check.cadre_score.assessment
    form = EvidenceCheckForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih hasil pemeriksaan: cocok atau tidak cocok."))
    else:
        try:
            workflow.confirm_evidence(
                check=check,
                result=form.cleaned_data["result"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            _say(request, error)
        else:
            messages.success(
                request, _("Hasil pemeriksaan disimpan: %(label)s.") % {"label": check.label}
            )
    url = reverse("stunting:assessment_evidence", args=[assessment.pk])
    return redirect(f"{url}#kader-{check.cadre_score_id}")
