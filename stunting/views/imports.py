"""Excel imports of targets and monthly records: a template to download, an upload page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kelurahan import formguard
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
    """Upload and import in one step; the form's one-time token makes a double submit (or a
    second tab posting the same form) import once."""
    kind = _kind(slug)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    formguard.add_token_field(form)
    token = formguard.posted_token(form)
    earlier = formguard.repeated(request, token)
    if earlier is not None:
        return earlier
    outcome = {}
    if request.method == "POST" and form.is_valid():
        saved = formguard.save_once(
            request,
            write=lambda: _import(request, kind, form, outcome),
            message=lambda: (
                ngettext("%(n)d baris diimpor.", "%(n)d baris diimpor.", outcome["n"])
                % {"n": outcome["n"]}
            ),
            token=token,
        )
        if saved is not None:
            return saved
    context = {"kind": kind, "form": form, "result": outcome.get("result")}
    return render(request, "stunting/import_upload.html", context)


def _import(request, kind, form, outcome: dict) -> str | None:
    """Import every row; the URL to go to, or None (and the errors) when any row failed."""
    with indonesian():  # the template's language
        result = imports.run_import(
            kind, form.cleaned_data["file"], user=request.user, kelurahan=form.kelurahan
        )
    outcome.update(result=result, n=result.saved)
    if result.ok:
        return reverse("stunting:import_index")
    messages.error(request, _("Tidak ada yang disimpan. Perbaiki baris berikut lalu unggah lagi."))
    return None
