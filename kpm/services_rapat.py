"""Writes of the meetings that touch several rows: invitations, attendance, cancellation, photos.

Invitees are created through `bulk_create_with_history`, so that each has its change history.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from kelurahan.models import Lembaga, Official, User

from .models import (
    Kader,
    Rapat,
    RapatFoto,
    RapatPeserta,
    invitable_kaders,
    invitable_lembaga,
    invitable_officials,
)
from .uploads import deleted_on_commit, prepare_photo, removed_on_error

Kind = RapatPeserta.Kind


def _kader_role(kader: Kader) -> dict:
    lembaga = kader.origin_lembaga.name if kader.origin_lembaga_id else kader.origin_detail
    origin = kader.get_origin_display()
    return {"position": _("KPM, %(origin)s") % {"origin": origin}, "institution": lembaga}


def _official_role(official: Official) -> dict:
    position = official.get_position_display()
    if official.position_detail:
        position = f"{position} ({official.position_detail})"
    return {"position": position}


def _lembaga_role(lembaga: Lembaga) -> dict:
    return {"position": _("Perwakilan %(kind)s") % {"kind": lembaga.get_kind_display()}}


# What an invitee of each kind is: (the invitee's field, who may be invited, their role).
_INVITEES = {
    Kind.KADER: ("kader", invitable_kaders, _kader_role),
    Kind.PEJABAT: ("official", invitable_officials, _official_role),
    Kind.LEMBAGA: ("lembaga", invitable_lembaga, _lembaga_role),
}


def _invite(rapat: Rapat, people: Iterable, kind: str, by: User | None) -> int:
    """Invite those of `people` (cadres, officials or lembaga, by `kind`) not yet invited;
    returns how many were added. Every one of them must be invitable, else nobody is invited
    (ValidationError)."""
    field, invitable, role = _INVITEES[kind]
    people = list(people)
    allowed = set(
        invitable(rapat).filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True)
    )
    refused = [p.name for p in people if p.pk not in allowed]
    if refused:
        raise ValidationError(
            _(
                "%(names)s tidak dapat diundang: bukan dari kelurahan peserta rapat, atau tidak "
                "aktif/menjabat pada tanggal rapat."
            )
            % {"names": ", ".join(refused)}
        )
    invited = set(rapat.peserta.exclude(**{field: None}).values_list(f"{field}_id", flat=True))
    rows = [
        RapatPeserta(
            rapat=rapat,
            kind=kind,
            **{field: person},
            kelurahan_id=person.kelurahan_id,
            name=person.name,
            **role(person),
        )
        for person in people
        if person.pk not in invited
    ]
    if rows:
        bulk_create_with_history(rows, RapatPeserta, default_user=by, ignore_conflicts=False)
    return len(rows)


@transaction.atomic
def invite_kaders(*, rapat: Rapat, kaders: Iterable[Kader], by: User | None = None) -> int:
    """Invite cadres not yet invited; returns how many were added. Every cadre must be
    invitable (`invitable_kaders`), else nobody is invited (ValidationError)."""
    return _invite(rapat, kaders, Kind.KADER, by)


@transaction.atomic
def invite_officials(*, rapat: Rapat, officials: Iterable[Official], by: User | None = None) -> int:
    return _invite(rapat, officials, Kind.PEJABAT, by)


@transaction.atomic
def invite_lembaga(*, rapat: Rapat, lembaga: Iterable[Lembaga], by: User | None = None) -> int:
    return _invite(rapat, lembaga, Kind.LEMBAGA, by)


def add_guest(
    *,
    rapat: Rapat,
    name: str,
    position: str = "",
    institution: str = "",
    walk_in: bool = False,
    now: datetime.datetime | None = None,
) -> RapatPeserta:
    """A guest who is not in the system. A walk-in guest is marked present on the spot, so
    only once the meeting has started."""
    guest = RapatPeserta(
        rapat=rapat,
        kind=Kind.TAMU,
        name=name,
        position=position,
        institution=institution,
        walk_in=walk_in,
    )
    if walk_in:
        _check_attendance_open(rapat, now)
        guest.attendance = RapatPeserta.Attendance.HADIR
        guest.marked_at = now or timezone.now()
    guest.save()
    return guest


def _check_attendance_open(rapat: Rapat, now: datetime.datetime | None) -> None:
    rapat.ensure_unsigned()
    if rapat.is_cancelled:
        raise ValidationError(_("Rapat ini dibatalkan: kehadiran tidak dapat dicatat."))
    if not rapat.has_started(now):
        raise ValidationError(
            _("Kehadiran baru dapat dicatat setelah rapat dimulai (%(start)s).")
            % {"start": timezone.localtime(rapat.starts_at).strftime("%d-%m-%Y %H:%M")}
        )


def mark_attendance(
    *, peserta: RapatPeserta, attendance: str, now: datetime.datetime | None = None
) -> RapatPeserta:
    """Mark one invitee hadir, izin or tidak hadir (or back to not yet marked)."""
    _check_attendance_open(peserta.rapat, now)
    peserta.attendance = attendance
    peserta.marked_at = (
        None if attendance == RapatPeserta.Attendance.BELUM else now or timezone.now()
    )
    peserta.save(update_fields=["attendance", "marked_at", "updated_at"])
    return peserta


def check_removable(peserta: RapatPeserta) -> None:
    """Someone whose attendance is recorded stays on the record (ValidationError)."""
    if peserta.attendance != RapatPeserta.Attendance.BELUM:
        raise ValidationError(
            _("Kehadiran %(name)s sudah dicatat, sehingga tidak dapat dihapus dari daftar.")
            % {"name": peserta.name}
        )


@transaction.atomic
def remove_invitee(*, peserta: RapatPeserta) -> None:
    """Withdraw an invitation. The follow-ups the invitee was responsible for lose their
    owner (the view has the user confirm that first)."""
    check_removable(peserta)
    for followup in peserta.owned_followups():
        followup.assignee_kader = followup.assignee_official = None
        followup.save(update_fields=["assignee_kader", "assignee_official", "updated_at"])
    peserta.delete()


def cancel_rapat(*, rapat: Rapat, reason: str, now: datetime.datetime | None = None) -> Rapat:
    """Cancel a meeting; its record, invitees and history stay."""
    rapat.status = Rapat.Status.DIBATALKAN
    rapat.cancelled_reason = reason
    rapat.cancelled_at = now or timezone.now()
    rapat.save(update_fields=["status", "cancelled_reason", "cancelled_at", "updated_at"])
    return rapat


@transaction.atomic
def add_photo(*, rapat: Rapat, upload, caption: str = "") -> RapatFoto:
    """Store a documentation photo, re-encoded and with a thumbnail (see `kpm.uploads`)."""
    prepared = prepare_photo(upload)
    foto = RapatFoto(
        rapat=rapat,
        caption=caption,
        content_type=prepared.content_type,
        width=prepared.width,
        height=prepared.height,
    )
    with removed_on_error(foto.image, foto.thumbnail):
        foto.image.save(prepared.image.name, prepared.image, save=False)
        foto.thumbnail.save(prepared.thumbnail.name, prepared.thumbnail, save=False)
        foto.save()
    return foto


@transaction.atomic
def delete_photo(*, foto: RapatFoto) -> None:
    """Delete the photo's row, and its files once the deletion is committed."""
    deleted_on_commit(foto.image, foto.thumbnail)
    foto.delete()
