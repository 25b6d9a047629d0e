"""The cadre register in and out: Excel import with preview, Excel export, printed book (PDF)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kelurahan import formguard
from kelurahan.models import Kelurahan
from kelurahan.pdf import letterhead_context, render_pdf
from kelurahan.viewhelpers import (
    editor_required,
    in_indonesian,
    indonesian,
    kelurahan_from_request,
)
from kelurahan.xlsx import dated_filename, xlsx_response

from .. import importers, services
from ..exports import book_rows, register_xlsx
from ..filters import KaderFilter
from ..forms.kader import KaderImportForm
from ..models import Kader

SESSION_KEY = "kpm_kader_import"


@login_required
@in_indonesian
def kader_export(request):
    """The register as .xlsx, with the list page's filters applied."""
    queryset = Kader.objects.for_user(request.user).for_list()
    filterset = KaderFilter(request.GET or None, queryset=queryset, user=request.user)
    content = register_xlsx(filterset.qs, full_nik=request.user.sees_full_nik)
    return xlsx_response(content, dated_filename("register-kader-kpm"))


@login_required
@in_indonesian
def kader_book_pdf(request):
    """The official Buku Kader Pemberdayaan Masyarakat of one kelurahan."""
    kelurahan = kelurahan_from_request(request)
    queryset = (
        Kader.objects.for_kelurahan(kelurahan)
        .select_related("origin_lembaga", "rw", "end_sk")
        .prefetch_related("pelatihan_set", "sks")
        .order_by("pk")
    )
    context = {**letterhead_context(kelurahan), "rows": book_rows(queryset)}
    filename = f"buku-kader-kpm-{slugify(kelurahan.name)}.pdf"
    return render_pdf(request, "pdf/kader_buku.html", context, filename)


@editor_required
@in_indonesian
def kader_import_template(request):
    kelurahan = request.user.kelurahan if request.user.kelurahan_id else None
    return xlsx_response(importers.build_template(kelurahan), "templat-impor-kader-kpm.xlsx")


@editor_required
def kader_import(request):
    """Upload a filled template: every row is checked and shown; nothing is saved yet."""
    form = KaderImportForm(request.POST or None, request.FILES or None, user=request.user)
    result = None
    if request.method == "POST" and form.is_valid():
        with indonesian():  # the template's language
            result = importers.check_upload(
                form.cleaned_data["file"], kelurahan=form.kelurahan, user=request.user
            )
        request.session[SESSION_KEY] = (
            {"kelurahan": form.kelurahan.pk, "rows": importers.rows_to_session(result.rows)}
            if result.is_valid
            else None
        )
    return render(
        request,
        "kpm/kader_import.html",
        {
            "form": form,
            "result": result,
            "kelurahan": form.kelurahan,
            "once_form": formguard.OnceForm(),
        },
    )


@require_POST
@editor_required
def kader_import_confirm(request):
    """Save the previewed rows, all or nothing, after checking them again; once, however often
    the confirmation is posted (its one-time token)."""
    token = formguard.posted_token(formguard.OnceForm(request.POST))
    earlier = formguard.repeated(request, token)
    if earlier is not None:
        return earlier
    pending = request.session.pop(SESSION_KEY, None)
    if not pending:
        messages.error(request, _("Tidak ada data impor yang menunggu. Unggah berkasnya lagi."))
        return redirect("kpm:kader_import")
    kelurahan = get_object_or_404(Kelurahan.objects.for_user(request.user), pk=pending["kelurahan"])
    rows = importers.rows_from_session(pending["rows"])
    checked: dict = {}

    def write() -> str | None:  # checked again after the token, so a repeat waits for the first
        with indonesian():
            checked["result"] = importers.check_rows(rows, kelurahan=kelurahan, user=request.user)
        if not checked["result"].is_valid:
            return None
        checked["saved"] = services.import_kader(kelurahan=kelurahan, forms=checked["result"].forms)
        return reverse("kpm:kader_list")

    def message() -> str:
        return _("%(n)d kader berhasil diimpor.") % {"n": len(checked["saved"])}

    done = formguard.save_once(request, write=write, message=message, token=token)
    if done is None and "result" in checked and not checked["result"].is_valid:
        context = {"form": KaderImportForm(user=request.user), "kelurahan": kelurahan}
        return render(request, "kpm/kader_import.html", {**context, **checked})
    return done or redirect("kpm:kader_import")
