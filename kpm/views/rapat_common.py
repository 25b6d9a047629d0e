"""Look-ups and checks shared by the meeting views.

Outsiders get a 404 (the meeting is not in their scope); participants who may read but not
change a meeting get a 403 on every editing URL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from ..models import Rapat, RapatPeserta, RapatTindakLanjut, can_plan_meetings


def planner_required(view: Callable) -> Callable:
    """Login required, and the user may plan meetings (kelurahan editors, kecamatan staff)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not can_plan_meetings(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def visible_rapat(request: HttpRequest, pk: int) -> Rapat:
    queryset = Rapat.objects.for_user(request.user).select_related(
        "kelurahan", "kecamatan__kota", "chair", "minute_taker", "signed_by"
    )
    return get_object_or_404(queryset, pk=pk)


def editable_rapat(request: HttpRequest, pk: int, *, changes_minutes: bool = True) -> Rapat:
    """The meeting, for a user who may change it. Every change to what the signed minutes
    print (the plan, invitations, attendance, minutes, follow-ups) is refused once they are
    signed (`DocumentLocked`); documentation photos (`changes_minutes=False`) are not printed."""
    rapat = visible_rapat(request, pk)
    if not rapat.is_editable_by(request.user):
        raise PermissionDenied
    if changes_minutes:
        rapat.ensure_unsigned()
    return rapat


def editable_followup(request: HttpRequest, pk: int) -> RapatTindakLanjut:
    """A meeting's follow-up (with its meeting), for a user who may change it."""
    visible = RapatTindakLanjut.objects.for_user(request.user).select_related("rapat")
    followup = get_object_or_404(visible, pk=pk)
    if not followup.is_editable_by(request.user):
        raise PermissionDenied
    return followup


def attendance_counts(rows) -> dict:
    """Counts per attendance value of already fetched rows (no query)."""
    counter = Counter(row.attendance for row in rows)
    A = RapatPeserta.Attendance
    return {
        "total": len(rows),
        "hadir": counter[A.HADIR],
        "izin": counter[A.IZIN],
        "tidak_hadir": counter[A.TIDAK_HADIR],
        "belum": counter[A.BELUM],
    }


def attendance_by_kelurahan(rows, kelurahan_list) -> list[dict]:
    """One line of counts per kelurahan (in `kelurahan_list` order), then the guests."""
    groups: dict = {}
    for row in rows:
        groups.setdefault(row.kelurahan_id, []).append(row)
    lines = [
        {"label": k.name, **attendance_counts(groups.pop(k.pk))}
        for k in kelurahan_list
        if k.pk in groups
    ]
    for rows_left in groups.values():
        label = rows_left[0].kelurahan.name if rows_left[0].kelurahan_id else None
        lines.append({"label": label, **attendance_counts(rows_left)})
    return lines


def visible_attendees(request: HttpRequest, rapat: Rapat) -> list[RapatPeserta]:
    return list(RapatPeserta.objects.visible_to(request.user, rapat).for_sheet())


def plan_and_attendance(rapat: Rapat, rows: list[RapatPeserta], *, everyone=None) -> dict:
    """What a meeting's page and its documents show of its plan and of the attendance `rows`;
    the counts per kelurahan are of `everyone` when given (default: `rows`)."""
    participants = rapat.participant_kelurahan()
    counted = rows if everyone is None else everyone
    return {
        "rapat": rapat,
        "participants": participants,
        "agenda": rapat.agenda.all(),
        "attendees": rows,
        "counts": attendance_counts(rows),
        "by_kelurahan": attendance_by_kelurahan(counted, participants),
    }
