"""SK (appointment decrees) and trainings of the cadre register."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kelurahan.params import parse_id
from kelurahan.pdf import letterhead_context, render_pdf
from kelurahan.signing import signing_context, signing_views
from kelurahan.viewhelpers import (
    bound_form,
    edit_form_view,
    editor_required,
    filtered_list_view,
    indonesian,
    record_form_view,
)

from ..filters import PelatihanFilter, SKFilter
from ..forms.kader import PelatihanForm, SKForm
from ..models import SK, Pelatihan

# --- SK -----------------------------------------------------------------------------------------


@login_required
def sk_list(request):
    return filtered_list_view(request, SKFilter)


def _visible_sk(request, pk) -> SK:
    queryset = SK.objects.for_user(request.user).select_related(
        "kelurahan__kecamatan__kota", "signatory", "signed_by"
    )
    return get_object_or_404(queryset, pk=pk)


def _kaders(sk: SK):
    return sk.kaders.select_related("origin_lembaga").order_by("name")


@login_required
def sk_detail(request, pk):
    sk = _visible_sk(request, pk)
    context = {"sk": sk, "kaders": _kaders(sk), **signing_context(request.user, sk)}
    return render(request, "kpm/sk_detail.html", context)


@editor_required
def sk_create(request):
    """`?kader=<id>` (the cadre page's "Catat SK") ticks that cadre."""
    kader = parse_id(request.GET.get("kader"))
    initial = {"kaders": [kader]} if kader else None
    return record_form_view(request, SKForm, message=_("SK berhasil dicatat."), initial=initial)


@editor_required
def sk_update(request, pk):
    sk = _visible_sk(request, pk)
    sk.ensure_unsigned()
    return edit_form_view(
        request,
        form=bound_form(request, SKForm, sk),
        template="kpm/sk_form.html",
        message=_("Perubahan SK disimpan."),
    )


sk_sign, sk_unsign = signing_views(_visible_sk, "sk")


@login_required
def sk_pdf(request, pk):
    """The SK as the office prints it: "DRAF" until the lurah signs it in the app."""
    sk = _visible_sk(request, pk)
    context = letterhead_context(sk.kelurahan, on=sk.date)
    context = {
        **context,
        "signer": sk.signatory or context["signer"],
        "sk": sk,
        "kaders": _kaders(sk),
        "signed_document": sk,
    }
    with indonesian():
        return render_pdf(request, "pdf/sk.html", context, f"sk-{slugify(sk.number) or sk.pk}.pdf")


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
