"""After the meeting: minutes with the agenda's discussion and the decisions, follow-ups,
and documentation photos (served only through the meeting's scope)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kelurahan import formguard
from kelurahan.viewhelpers import (
    edit_form_view,
    filtered_page,
    next_page,
    stored_file_response,
    submitted,
)

from ..filters_rapat import TindakLanjutFilter
from ..forms.rapat_notulen import (
    AgendaDiscussionFormSet,
    FotoForm,
    KeputusanFormSet,
    RapatMinutesForm,
    TindakLanjutFormSet,
    TindakLanjutStatusForm,
)
from ..models import RapatTindakLanjut
from ..services_rapat import add_photo, delete_photo
from .rapat import detail_page
from .rapat_common import editable_followup, editable_rapat, visible_rapat


def _next_numbers(rows, extra: int) -> list[dict]:
    """Initial `order` of the empty rows of a formset: numbering goes on after the saved rows."""
    count = rows.count()
    return [{"order": count + n} for n in range(1, extra + 1)]


@login_required
def rapat_minutes(request, pk):
    rapat = editable_rapat(request, pk)
    data = submitted(request)["data"]
    agenda = AgendaDiscussionFormSet(
        data, instance=rapat, prefix="agenda", initial=_next_numbers(rapat.agenda, 1)
    )
    keputusan = KeputusanFormSet(
        data, instance=rapat, prefix="keputusan", initial=_next_numbers(rapat.keputusan, 2)
    )
    return edit_form_view(
        request,
        form=RapatMinutesForm(data, instance=rapat),
        formsets={"agenda": agenda, "keputusan": keputusan},
        template="kpm/rapat_minutes.html",
        message=_("Notulen dan keputusan rapat disimpan."),
        context={"rapat": rapat},
    )


@login_required
def rapat_followups(request, pk):
    rapat = editable_rapat(request, pk)
    formset = TindakLanjutFormSet(
        submitted(request)["data"], instance=rapat, prefix="tindak_lanjut"
    )
    formguard.protect(None, [formset])
    if request.method == "POST" and formset.is_valid():

        def write() -> str:
            formset.save()
            return rapat.get_absolute_url()

        checked = [row for row in formset.forms if formguard.VERSION_FIELD in row.fields]
        message = _("Tindak lanjut rapat disimpan.")
        saved = formguard.save_once(request, write=write, message=message, checked=checked)
        if saved is not None:
            return saved
    return render(request, "kpm/rapat_followups.html", {"rapat": rapat, "formset": formset})


@login_required
def rapat_followup_list(request):
    queryset = (
        RapatTindakLanjut.objects.for_user(request.user)
        .for_list()
        .select_related("assignee_kader", "assignee_official", "task")
    )
    context = filtered_page(request, TindakLanjutFilter, queryset)
    for followup in context["page_obj"]:
        followup.editable = followup.is_editable_by(request.user)
    context["today"] = timezone.localdate()
    return render(request, "kpm/rapat_followup_list.html", context)


@login_required
def rapat_followup_update(request, pk):
    followup = editable_followup(request, pk)
    return edit_form_view(
        request,
        form=TindakLanjutStatusForm(**submitted(request), instance=followup),
        template="kpm/rapat_followup_form.html",
        message=_("Perkembangan tindak lanjut disimpan."),
        success_url=next_page(request, followup.rapat.get_absolute_url()),
        context={"followup": followup, "next_url": next_page(request)},
    )


# --- Photos --------------------------------------------------------------------------------------


@require_POST
@login_required
def rapat_photo_add(request, pk):
    rapat = editable_rapat(request, pk, changes_minutes=False)
    form = FotoForm(request.POST, request.FILES)
    if not form.is_valid():
        return detail_page(request, rapat, foto_form=form)
    add_photo(rapat=rapat, upload=form.cleaned_data["image"], caption=form.cleaned_data["caption"])
    messages.success(request, _("Foto dokumentasi ditambahkan."))
    return redirect(rapat.get_absolute_url() + "#dokumentasi")


@require_safe
@login_required
def rapat_photo(request, pk, foto_pk, size):
    if size not in ("kecil", "asli"):
        raise Http404
    rapat = visible_rapat(request, pk)
    foto = get_object_or_404(rapat.foto, pk=foto_pk)
    return stored_file_response(foto.thumbnail if size == "kecil" else foto.image)


@require_POST
@login_required
def rapat_photo_delete(request, pk, foto_pk):
    rapat = editable_rapat(request, pk, changes_minutes=False)
    delete_photo(foto=get_object_or_404(rapat.foto, pk=foto_pk))
    messages.success(request, _("Foto dihapus."))
    return redirect(rapat.get_absolute_url() + "#dokumentasi")
