"""Invitations (cadres, officials, institutions, guests) and attendance on the day.

Attendance is marked from a phone: one POST per tap (htmx) answers with the updated row and,
out of band, the updated counts. Without JavaScript the same form posts and redirects.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from kelurahan import formguard
from kelurahan.viewhelpers import confirm_page, confirmed

from ..filters_rapat import InviteKaderFilter
from ..forms.rapat_peserta import (
    GuestForm,
    InviteKaderForm,
    InviteLembagaForm,
    InviteOfficialForm,
    MarkAttendanceForm,
)
from ..models import RapatPeserta, invitable_kaders
from ..services_rapat import (
    add_guest,
    check_removable,
    invite_kaders,
    invite_lembaga,
    invite_officials,
    mark_attendance,
    remove_invitee,
)
from .rapat_common import attendance_counts, editable_rapat, visible_attendees, visible_rapat

# --- Invitations -------------------------------------------------------------------------------


def _invitees_page(request, rapat, status=200, **bound_forms):
    kader_filter = InviteKaderFilter(
        request.GET,
        queryset=invitable_kaders(rapat),
        rapat=rapat,
    )
    forms = {
        "kader_form": InviteKaderForm(rapat=rapat, queryset=kader_filter.qs),
        "official_form": InviteOfficialForm(rapat=rapat),
        "lembaga_form": InviteLembagaForm(rapat=rapat),
        "guest_form": GuestForm(),
        **bound_forms,
    }
    rows = visible_attendees(request, rapat)
    context = {"rapat": rapat, "filter": kader_filter, "attendees": rows, **forms}
    context["counts"] = attendance_counts(rows)
    return render(request, "kpm/rapat_invitees.html", context, status=status)


@login_required
def rapat_invitees(request, pk):
    return _invitees_page(request, editable_rapat(request, pk))


def _invite(request, pk, form_class, form_name, invite):
    rapat = editable_rapat(request, pk)
    form = form_class(request.POST, rapat=rapat)
    if not form.is_valid():
        return _invitees_page(request, rapat, **{form_name: form})
    added = invite(rapat, form.cleaned_data["items"])
    messages.success(
        request,
        ngettext("%(n)d undangan ditambahkan.", "%(n)d undangan ditambahkan.", added)
        % {"n": added},
    )
    return redirect("kpm:rapat_invitees", pk=rapat.pk)


@require_POST
@login_required
def rapat_invite_kader(request, pk):
    return _invite(
        request,
        pk,
        InviteKaderForm,
        "kader_form",
        lambda rapat, items: invite_kaders(rapat=rapat, kaders=items, by=request.user),
    )


@require_POST
@login_required
def rapat_invite_official(request, pk):
    return _invite(
        request,
        pk,
        InviteOfficialForm,
        "official_form",
        lambda rapat, items: invite_officials(rapat=rapat, officials=items, by=request.user),
    )


@require_POST
@login_required
def rapat_invite_lembaga(request, pk):
    return _invite(
        request,
        pk,
        InviteLembagaForm,
        "lembaga_form",
        lambda rapat, items: invite_lembaga(rapat=rapat, lembaga=items, by=request.user),
    )


@require_POST
@login_required
def rapat_invite_guest(request, pk):
    rapat = editable_rapat(request, pk)
    form = GuestForm(request.POST)
    token = formguard.posted_token(form)
    if form.is_valid():

        def write() -> str:
            add_guest(rapat=rapat, **form.guest())
            return reverse("kpm:rapat_invitees", args=[rapat.pk])

        message = _("Tamu %(name)s ditambahkan.") % form.cleaned_data
        if saved := formguard.save_once(request, write=write, message=message, token=token):
            return saved
    elif earlier := formguard.repeated(request, token):
        return earlier
    return _invitees_page(request, rapat, guest_form=form)


_LOSES_OWNER = gettext_lazy("Tindak lanjut '%(followup)s' akan kehilangan penanggung jawab.")


@require_POST
@login_required
def rapat_uninvite(request, pk, peserta_pk):
    """Withdraw an invitation; when the invitee owns follow-ups, confirm that first."""
    rapat = editable_rapat(request, pk)
    peserta = get_object_or_404(rapat.peserta, pk=peserta_pk)
    back = reverse("kpm:rapat_invitees", args=[rapat.pk])
    try:
        check_removable(peserta)
        owned = [] if confirmed(request) else list(peserta.owned_followups())
        if owned:
            return confirm_page(
                request,
                title=_("Hapus %(name)s dari undangan?") % {"name": peserta.name},
                changes=[_LOSES_OWNER % {"followup": f.description} for f in owned],
                back_url=back,
            )
        remove_invitee(peserta=peserta)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("%(name)s dihapus dari daftar undangan.") % {"name": peserta})
    return redirect(back)


ATTENDANCE_CHOICES = [c for c in RapatPeserta.Attendance.choices if c[0]]

# --- Attendance on the day -----------------------------------------------------------------------


@login_required
def rapat_attendance(request, pk):
    rapat = visible_rapat(request, pk)
    rows = visible_attendees(request, rapat)
    can_edit = rapat.minutes_changeable_by(request.user)
    is_open = rapat.attendance_open()
    for row in rows:
        row.corrects = rapat.may_correct(request.user, row)
        row.can_mark = is_open and row.corrects
    context = {
        "rapat": rapat,
        "attendees": rows,
        "counts": attendance_counts(rows),
        "can_mark": can_edit and is_open,
        "can_edit": can_edit,
        "marks_own": any(row.corrects for row in rows),
        "guest_form": GuestForm(),
        "choices": ATTENDANCE_CHOICES,
    }
    return render(request, "kpm/rapat_attendance.html", context)


@require_POST
@login_required
def rapat_mark(request, pk, peserta_pk):
    """Mark one invitee: the meeting's editors mark everyone, a kelurahan its own people."""
    rapat = visible_rapat(request, pk)
    visible = RapatPeserta.objects.visible_to(request.user, rapat)
    peserta = get_object_or_404(visible.select_related("kelurahan"), pk=peserta_pk)
    if not rapat.may_correct(request.user, peserta):
        raise PermissionDenied
    form = MarkAttendanceForm(request.POST)
    if not form.is_valid():
        return HttpResponse(_("Pilihan kehadiran tidak dikenal."), status=400)
    peserta.rapat = rapat
    try:
        mark_attendance(peserta=peserta, attendance=form.cleaned_data["attendance"])
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(error.messages[0], status=409)
        messages.error(request, error.messages[0])
        return redirect("kpm:rapat_attendance", pk=rapat.pk)
    if not request.htmx:
        return redirect(reverse("kpm:rapat_attendance", args=[rapat.pk]) + f"#peserta-{peserta.pk}")
    peserta.can_mark = True
    context = {
        "rapat": rapat,
        "row": peserta,
        "counts": visible.counts(),
        "choices": ATTENDANCE_CHOICES,
        "oob": True,
    }
    return render(request, "kpm/_rapat_attendance_mark.html", context)


@require_POST
@login_required
def rapat_walk_in(request, pk):
    rapat = editable_rapat(request, pk)
    form = GuestForm(request.POST)
    back = reverse("kpm:rapat_attendance", args=[rapat.pk])
    if not form.is_valid():
        messages.error(request, _("Nama tamu wajib diisi."))
        return redirect(back)

    def write() -> str:
        add_guest(rapat=rapat, walk_in=True, **form.guest())
        return back

    message = _("%(name)s dicatat hadir.") % {"name": form.cleaned_data["name"]}
    token = formguard.posted_token(form)
    try:
        return formguard.save_once(request, write=write, message=message, token=token) or redirect(
            back
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(back)
