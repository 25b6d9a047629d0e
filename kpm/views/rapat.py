"""Meetings: the list, the month calendar, a meeting's page, planning, editing, cancelling.

Invitations and attendance are in `rapat_peserta`, minutes and follow-ups in `rapat_notulen`,
the printable documents in `rapat_pdf`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Sum
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kelurahan import dates
from kelurahan.models import User
from kelurahan.signing import signing_context, signing_views
from kelurahan.viewhelpers import edit_form_view, filtered_page, submitted

from ..filters_rapat import RapatFilter
from ..forms.rapat import RapatAgendaFormSet, RapatCancelForm, RapatForm
from ..forms.rapat_notulen import FotoForm
from ..models import Rapat, Realisasi, can_plan_meetings
from ..services_rapat import cancel_rapat
from .rapat_common import (
    editable_rapat,
    plan_and_attendance,
    planner_required,
    visible_attendees,
    visible_rapat,
)


@login_required
def rapat_list(request):
    queryset = Rapat.objects.for_user(request.user).for_list()
    context = filtered_page(request, RapatFilter, queryset)
    context["can_plan"] = can_plan_meetings(request.user)
    return render(request, "kpm/rapat_list.html", context)


@login_required
def rapat_calendar(request):
    first = dates.parse_month(request.GET.get("bulan"))
    meetings = Rapat.objects.for_user(request.user).in_month(first.year, first.month)
    by_day: dict = {}
    for rapat in meetings.select_related("kelurahan", "kecamatan").order_by("starts_at"):
        by_day.setdefault(timezone.localtime(rapat.starts_at).date(), []).append(rapat)
    context = {
        "month": first,
        "weeks": dates.month_weeks(first, by_day),
        "days": sorted(by_day.items()),
        "previous": dates.previous_month(first),
        "following": dates.next_month(first),
        "today": timezone.localdate(),
        "can_plan": can_plan_meetings(request.user),
    }
    return render(request, "kpm/rapat_calendar.html", context)


@login_required
def rapat_detail(request, pk):
    return detail_page(request, visible_rapat(request, pk))


def detail_page(request, rapat: Rapat, *, foto_form: FotoForm | None = None):
    rows = visible_attendees(request, rapat)
    sees_all = rapat.sees_all_attendees(request.user)
    # Someone who sees only their own people still sees every kelurahan's counts.
    everyone = rows if sees_all else rapat.peserta.select_related("kelurahan")
    context = {
        **plan_and_attendance(rapat, rows, everyone=everyone),
        "sees_all": sees_all,
        "can_edit": rapat.is_editable_by(request.user),
        "can_change_minutes": rapat.minutes_changeable_by(request.user),
        **signing_context(request.user, rapat),
        "keputusan": rapat.keputusan.all(),
        "tindak_lanjut": rapat.tindak_lanjut.select_related(
            "assignee_kader", "assignee_official", "task"
        ),
        "foto": rapat.foto.all(),
        "foto_form": foto_form or FotoForm(),
        "today": timezone.localdate(),
        "spending_total": _spending_total(request.user, rapat),
    }
    return render(request, "kpm/rapat_detail.html", context)


def _spending_total(user: User, rapat: Rapat) -> int | None:
    """The counted spending (realisasi) the user sees for this meeting, None without any:
    one aggregate query."""
    rows = Realisasi.objects.for_user(user).filter(rapat=rapat).counted()
    totals = rows.order_by().aggregate(total=Sum("amount"), n=Count("pk"))
    return totals["total"] if totals["n"] else None


def _new_rapat(user: User) -> Rapat:
    """A new meeting hosted by the user's kelurahan, or by the kecamatan for its staff."""
    scope = user.scope
    if scope.is_kelurahan:
        return Rapat(kelurahan=user.kelurahan, kecamatan_id=user.kelurahan.kecamatan_id)
    if scope.is_kecamatan:
        return Rapat(kecamatan_id=scope.kecamatan_id, level=Rapat.Level.KECAMATAN)
    return Rapat()  # an admin picks the host kelurahan


def _edit(request, rapat: Rapat, message: str):
    data = submitted(request)["data"]
    existing = rapat.agenda.count() if rapat.pk else 0
    formset = RapatAgendaFormSet(
        data,
        instance=rapat if rapat.pk else None,
        prefix="agenda",
        initial=[{"order": existing + n} for n in range(1, RapatAgendaFormSet.extra + 1)],
    )
    return edit_form_view(
        request,
        form=RapatForm(data, instance=rapat, user=request.user),
        formsets={"formset": formset},
        template="kpm/rapat_form.html",
        message=message,
        context={"rapat": rapat},
    )


@planner_required
def rapat_create(request):
    return _edit(request, _new_rapat(request.user), _("Rapat berhasil direncanakan."))


@login_required
def rapat_update(request, pk):
    return _edit(request, editable_rapat(request, pk), _("Perubahan rapat disimpan."))


@login_required
def rapat_cancel(request, pk):
    rapat = editable_rapat(request, pk)
    if rapat.is_cancelled:
        messages.info(request, _("Rapat ini sudah dibatalkan."))
        return redirect(rapat)
    return edit_form_view(
        request,
        form=RapatCancelForm(**submitted(request), instance=rapat),
        save=lambda form: cancel_rapat(rapat=rapat, reason=form.cleaned_data["cancelled_reason"]),
        template="kpm/rapat_cancel.html",
        message=_("Rapat dibatalkan. Catatannya tetap tersimpan."),
        context={"rapat": rapat},
    )


rapat_sign, rapat_unsign = signing_views(visible_rapat, "rapat")
