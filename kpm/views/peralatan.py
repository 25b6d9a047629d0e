"""Equipment and resources of posyandu, PAUD and institutions: the list (with the warnings of
broken or unchecked kits), its export, the form, and "checked today"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kelurahan.params import parse_id
from kelurahan.viewhelpers import (
    bound_form,
    edit_form_view,
    editable_record,
    editor_required,
    filtered_list_view,
    in_indonesian,
    next_page,
)
from kelurahan.xlsx import dated_filename, xlsx_response

from ..exports_peralatan import peralatan_xlsx
from ..filters_peralatan import PeralatanFilter
from ..forms.peralatan import PeralatanForm
from ..models import Peralatan


@login_required
def peralatan_list(request):
    return filtered_list_view(request, PeralatanFilter)


@login_required
@in_indonesian
def peralatan_export(request):
    """The list as .xlsx, with the list page's filters applied."""
    queryset = Peralatan.objects.for_user(request.user).for_list()
    filterset = PeralatanFilter(request.GET or None, queryset=queryset, user=request.user)
    return xlsx_response(peralatan_xlsx(filterset.qs), dated_filename("peralatan-kpm"))


def _form_view(request, pk=None, *, message: str, initial=None):
    instance = editable_record(request, Peralatan, pk)
    back = next_page(request, reverse("kpm:peralatan_list"))
    return edit_form_view(
        request,
        form=bound_form(request, PeralatanForm, instance, initial=initial),
        template="kpm/peralatan_form.html",
        message=message,
        success_url=back,
        context={"back_url": back},
    )


@editor_required
def peralatan_create(request):
    """`?lembaga=<id>` (the lembaga page's "Tambah peralatan") preselects that lembaga."""
    lembaga = parse_id(request.GET.get("lembaga"))
    initial = {"lembaga": lembaga} if lembaga else None
    return _form_view(request, message=_("Peralatan berhasil dicatat."), initial=initial)


@editor_required
def peralatan_update(request, pk):
    return _form_view(request, pk, message=_("Perubahan peralatan disimpan."))


@require_POST
@editor_required
def peralatan_checked(request, pk):
    """ "Sudah diperiksa hari ini": the check (or calibration) date becomes today."""
    item = get_object_or_404(Peralatan.objects.for_user(request.user), pk=pk)
    item.last_checked_on = timezone.localdate()
    item.save(update_fields=["last_checked_on", "updated_at"])
    messages.success(request, _("%(item)s dicatat sudah diperiksa hari ini.") % {"item": item})
    return redirect(next_page(request, reverse("kpm:peralatan_list")))
