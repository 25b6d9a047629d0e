"""SK (appointment decrees) and trainings of the cadre register."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kelurahan.params import parse_id
from kelurahan.viewhelpers import (
    editor_required,
    filtered_list_view,
    record_form_view,
)

from ..filters import PelatihanFilter, SKFilter
from ..forms.kader import PelatihanForm, SKForm
from ..models import SK, Pelatihan

# --- SK -----------------------------------------------------------------------------------------


@login_required
def sk_list(request):
    return filtered_list_view(request, SKFilter)


@login_required
def sk_detail(request, pk):
    sk = get_object_or_404(
        SK.objects.for_user(request.user).select_related("kelurahan", "signed_by"), pk=pk
    )
    kaders = sk.kaders.select_related("origin_lembaga").order_by("name")
    return render(request, "kpm/sk_detail.html", {"sk": sk, "kaders": kaders})


@editor_required
def sk_create(request):
    """`?kader=<id>` (the cadre page's "Catat SK") ticks that cadre."""
    kader = parse_id(request.GET.get("kader"))
    initial = {"kaders": [kader]} if kader else None
    return record_form_view(request, SKForm, message=_("SK berhasil dicatat."), initial=initial)


@editor_required
def sk_update(request, pk):
    return record_form_view(request, SKForm, message=_("Perubahan SK disimpan."), pk=pk)


@login_required
def sk_scan(request, pk):
    """The scanned SK, only to users who may see the SK (never through a public media URL)."""
    sk = get_object_or_404(SK.objects.for_user(request.user), pk=pk)
    if not sk.scan:
        raise Http404
    try:
        handle = sk.scan.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    filename = f"sk-{slugify(sk.number) or sk.pk}.pdf"
    response = FileResponse(handle, content_type="application/pdf", filename=filename)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- Pelatihan ------------------------------------------------------------------------------


@login_required
def pelatihan_list(request):
    return filtered_list_view(request, PelatihanFilter)


@login_required
def pelatihan_detail(request, pk):
    pelatihan = get_object_or_404(
        Pelatihan.objects.for_user(request.user).select_related("kelurahan"), pk=pk
    )
    participants = pelatihan.participants.select_related("origin_lembaga").order_by("name")
    return render(
        request,
        "kpm/pelatihan_detail.html",
        {"pelatihan": pelatihan, "participants": participants},
    )


@editor_required
def pelatihan_create(request):
    return record_form_view(request, PelatihanForm, message=_("Pelatihan berhasil dicatat."))


@editor_required
def pelatihan_update(request, pk):
    return record_form_view(
        request, PelatihanForm, message=_("Perubahan pelatihan disimpan."), pk=pk
    )
