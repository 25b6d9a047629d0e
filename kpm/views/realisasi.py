"""Spending (realisasi) with receipts: list, form, approval, overspend confirmation, reversal.

Editors (petugas, lurah, admin) record and edit drafts; only the lurah approves a draft,
confirms a spending over its line (with a reason) and corrects an approved one (a reversing
entry, with a reason). Receipts are served only through the spending's scope."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kelurahan.params import parse_id
from kelurahan.viewhelpers import (
    edit_form_view,
    editor_required,
    filtered_page,
    stored_file_response,
    submitted,
)

from ..filters_anggaran import RealisasiFilter
from ..forms.anggaran import RealisasiForm, ReasonForm
from ..models import Program, Rapat, Realisasi, Tugas
from ..services_anggaran import (
    approve_spending,
    confirm_overspend,
    overspend_message,
    reverse_spending,
    save_spending,
)
from .anggaran import through_service, year_from_request

Status = Realisasi.Status
RECEIPT_CODES = {"not_evidence", "pdf_too_large", "photo_too_large", "photo_too_many_pixels"}


@login_required
def realisasi_list(request):
    queryset = Realisasi.objects.for_user(request.user).for_list()
    context = filtered_page(request, RealisasiFilter, queryset)
    counted = Q(status__in=Realisasi.COUNTED)
    context["totals"] = (
        context["filter"]
        .qs.order_by()
        .aggregate(
            counted=Sum("amount", filter=counted, default=0),
            waiting=Sum("amount", filter=Q(status=Status.MENUNGGU), default=0),
        )
    )
    return render(request, "kpm/realisasi_list.html", context)


def _visible(request, pk) -> Realisasi:
    queryset = Realisasi.objects.for_user(request.user).select_related(
        "kelurahan",
        "line__source",
        "rapat",
        "program",
        "tugas",
        "created_by",
        "approved_by",
        "overspend_confirmed_by",
        "reverses",
        "reversed_by",
    )
    return get_object_or_404(queryset, pk=pk)


def _is_lurah(user, spending: Realisasi) -> bool:
    return user.can_sign_for(kelurahan_id=spending.kelurahan_id, kecamatan_id=None)


def detail_page(request, spending: Realisasi, *, reason_form=None, status: int = 200):
    history = spending.history.select_related("history_user").order_by("-history_date")[:50]
    context = {
        "spending": spending,
        "is_lurah": _is_lurah(request.user, spending),
        "reason_form": reason_form or ReasonForm(),
        "history": history,
    }
    return render(request, "kpm/realisasi_detail.html", context, status=status)


@login_required
def realisasi_detail(request, pk):
    return detail_page(request, _visible(request, pk))


def _save(request):
    def service(form):
        spending = form.instance
        try:
            save_spending(spending=spending, by=request.user, upload=form.cleaned_data["upload"])
        except ValidationError as error:
            if getattr(error, "code", None) in RECEIPT_CODES:
                form.add_error("upload", error)
                return None
            raise
        if spending.status == Status.MENUNGGU:
            messages.warning(request, overspend_message(spending))
        return spending

    return through_service(service)


def _form(request, spending: Realisasi, *, year: int, message: str, initial=None):
    form = RealisasiForm(
        **submitted(request), instance=spending, user=request.user, year=year, initial=initial
    )
    return edit_form_view(
        request,
        form=form,
        template="kpm/realisasi_form.html",
        message=message,
        save=_save(request),
        context={"year": year},
    )


def _preselected(request) -> tuple[dict, int | None]:
    """What `?rapat=`, `?program=` or `?tugas=` names (in the user's scope), as initial values,
    and the year it falls in."""
    for name, model, date_of in (
        ("rapat", Rapat, lambda r: timezone.localtime(r.starts_at).date()),
        ("program", Program, lambda p: max(p.start_date, timezone.localdate())),
        ("tugas", Tugas, lambda t: t.due_date),
    ):
        pk = parse_id(request.GET.get(name))
        if pk is None:
            continue
        obj = model.objects.for_user(request.user).filter(pk=pk).first()
        if obj is not None:
            on = date_of(obj)
            return {name: obj.pk, "spent_on": on}, on.year
    return {"spent_on": timezone.localdate()}, None


@editor_required
def realisasi_create(request):
    """`?rapat=<id>` (the meeting's "Catat belanja"), `?program=` or `?tugas=` picks what the
    spending paid for, `?pos=` its line; `?tahun=` the year whose lines are offered."""
    initial, year = _preselected(request)
    if "tahun" in request.GET or year is None:
        year = year_from_request(request)
    if line := parse_id(request.GET.get("pos")):  # the line page's "Catat realisasi"
        initial["line"] = line
    spending = Realisasi()
    return _form(
        request, spending, year=year, message=_("Realisasi belanja dicatat."), initial=initial
    )


@editor_required
def realisasi_update(request, pk):
    spending = _visible(request, pk)
    if spending.status == Status.DISETUJUI:
        return render(request, "kpm/realisasi_form.html", {"object": spending, "locked": True})
    return _form(
        request, spending, year=spending.line.year, message=_("Perubahan realisasi disimpan.")
    )


def _lurah_action(request, pk) -> Realisasi:
    spending = _visible(request, pk)
    if not _is_lurah(request.user, spending):
        raise PermissionDenied
    return spending


@require_POST
@login_required
def realisasi_approve(request, pk):
    spending = _lurah_action(request, pk)
    try:
        approve_spending(spending=spending, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Realisasi disetujui. Koreksi selanjutnya hanya dengan pembatalan.")
        )
    return redirect(spending)


def _with_reason(request, pk, service, done: str):
    spending = _lurah_action(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return detail_page(request, spending, reason_form=form)
    try:
        result = service(spending=spending, reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(spending)
    messages.success(request, done)
    return redirect(result)


@require_POST
@login_required
def realisasi_confirm(request, pk):
    done = _("Belanja melebihi pagu dikonfirmasi dan disetujui; alasannya disimpan.")
    return _with_reason(request, pk, confirm_overspend, done)


@require_POST
@login_required
def realisasi_reverse(request, pk):
    done = _("Koreksi dicatat: belanja ini dibatalkan dengan jumlah negatif yang sama.")
    return _with_reason(request, pk, reverse_spending, done)


@require_safe
@login_required
def realisasi_receipt(request, pk, size):
    if size not in ("kecil", "asli"):
        raise Http404
    spending = get_object_or_404(Realisasi.objects.for_user(request.user), pk=pk)
    stored = spending.receipt_thumbnail if size == "kecil" else spending.receipt
    return stored_file_response(stored)
