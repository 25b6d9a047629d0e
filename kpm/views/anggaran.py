"""The year's funding sources and budget lines of the KPM (`?tahun=YYYY`, this year by default)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kelurahan.params import YEARS, parse_id
from kelurahan.viewhelpers import (
    bound_form,
    edit_form_view,
    editable_record,
    editor_required,
    kelurahan_from_request,
    service_errors,
)

from ..forms.anggaran import PosAnggaranForm, SumberDanaForm
from ..models import PosAnggaran, Realisasi, SumberDana
from ..services_anggaran import save_line, save_source


def year_from_request(request) -> int:
    """`?tahun=YYYY`, or this year when it is missing or not a year."""
    year = parse_id(request.GET.get("tahun"))
    return year if year in YEARS else timezone.localdate().year


def through_service(service: Callable) -> Callable:
    """A `save` for edit_form_view that calls `service(form)`; its ValidationError becomes
    the form's errors (and nothing is kept)."""

    def save(form):
        try:
            return service(form)
        except ValidationError as error:
            service_errors(form, error)
            return None

    return save


@login_required
def anggaran_index(request):
    kelurahan = kelurahan_from_request(request)
    year = year_from_request(request)
    sources = list(
        SumberDana.objects.filter(kelurahan=kelurahan, year=year)
        .annotate(allocated=Sum("lines__amount", default=0))
        .order_by("kind", "name")
    )
    lines = list(
        PosAnggaran.objects.filter(kelurahan=kelurahan, year=year)
        .with_spent()
        .select_related("source")
        .order_by("source__kind", "source__name", "name")
    )
    for source in sources:
        source.unallocated = source.amount - source.allocated
    for line in lines:
        line.remaining = line.amount - line.spent
    totals = {
        "sources": sum(s.amount for s in sources),
        "allocated": sum(line.amount for line in lines),
        "spent": sum(line.spent for line in lines),
        "stunting": sum(line.amount for line in lines if line.is_stunting_specific),
    }
    totals["unallocated"] = totals["sources"] - totals["allocated"]
    totals["remaining"] = totals["allocated"] - totals["spent"]
    context = {
        "kelurahan": kelurahan,
        "year": year,
        "years": (year - 1, year + 1),
        "sources": sources,
        "lines": lines,
        "totals": totals,
    }
    return render(request, "kpm/anggaran_index.html", context)


def _source_form(request, source: SumberDana, message: str):
    return edit_form_view(
        request,
        form=bound_form(request, SumberDanaForm, source),
        template="kpm/anggaran_source_form.html",
        message=message,
        save=through_service(lambda form: save_source(source=form.instance)),
    )


@editor_required
def anggaran_source_create(request):
    source = editable_record(request, SumberDana)
    source.year = year_from_request(request)
    return _source_form(request, source, _("Sumber dana dicatat."))


@editor_required
def anggaran_source_update(request, pk):
    source = editable_record(request, SumberDana, pk)
    return _source_form(request, source, _("Perubahan sumber dana disimpan."))


def _line_form(request, line: PosAnggaran, message: str, initial: dict | None = None):
    return edit_form_view(
        request,
        form=bound_form(request, PosAnggaranForm, line, initial=initial),
        template="kpm/anggaran_line_form.html",
        message=message,
        save=through_service(lambda form: save_line(line=form.instance)),
    )


@editor_required
def anggaran_line_create(request):
    """`?sumber=<id>` (the source's "Tambah pos" button) picks that source."""
    source = parse_id(request.GET.get("sumber"))
    initial = {"source": source} if source else None
    return _line_form(request, PosAnggaran(), _("Pos anggaran dicatat."), initial)


@editor_required
def anggaran_line_update(request, pk):
    line = get_object_or_404(PosAnggaran.objects.for_user(request.user), pk=pk)
    return _line_form(request, line, _("Perubahan pos anggaran disimpan."))


@login_required
def anggaran_line_detail(request, pk):
    visible = PosAnggaran.objects.for_user(request.user).with_spent()
    line = get_object_or_404(visible.select_related("source", "kelurahan"), pk=pk)
    spending = list(
        line.spending.select_related(
            "reverses", "reversed_by", "rapat", "program", "tugas"
        ).order_by("spent_on", "pk")
    )
    waiting = sum(s.amount for s in spending if s.status == Realisasi.Status.MENUNGGU)
    context = {
        "line": line,
        "spending": spending,
        "remaining": line.amount - line.spent,
        "waiting": waiting,
    }
    return render(request, "kpm/anggaran_line_detail.html", context)
