"""Excel imports of targets and monthly records: a template to download, an upload page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kelurahan.viewhelpers import editor_required, in_indonesian, indonesian
from kelurahan.xlsx import xlsx_response

from .. import imports
from ..forms import ImportForm


def _kind(slug: str) -> imports.ImportKind:
    try:
        return imports.KINDS[slug]
    except KeyError:
        raise Http404 from None


@editor_required
def import_index(request):
    return render(request, "stunting/import_index.html", {"kinds": imports.KINDS.values()})


@editor_required
@in_indonesian
def import_template(request, slug):
    kind = _kind(slug)
    return xlsx_response(imports.template_workbook(kind), f"templat-{slug}.xlsx")


@editor_required
def import_upload(request, slug):
    kind = _kind(slug)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    result = None
    if request.method == "POST" and form.is_valid():
        with indonesian():  # the template's language
            result = imports.run_import(
                kind, form.cleaned_data["file"], user=request.user, kelurahan=form.kelurahan
            )
        if result.ok:
            messages.success(
                request,
                ngettext("%(n)d baris diimpor.", "%(n)d baris diimpor.", result.saved)
                % {"n": result.saved},
            )
            return redirect("stunting:import_index")
        messages.error(
            request, _("Tidak ada yang disimpan. Perbaiki baris berikut lalu unggah lagi.")
        )
    return render(
        request, "stunting/import_upload.html", {"kind": kind, "form": form, "result": result}
    )
