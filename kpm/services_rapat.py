"""Writes of the meetings that touch several rows: invitations, attendance, cancellation, photos.

Invitees are created through `bulk_create_with_history`, so that each has its change history.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
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
from .uploads import prepare_photo

Kind = RapatPeserta.Kind


def _kader_row(rapat: Rapat, kader: Kader) -> RapatPeserta:
    lembaga = kader.origin_lembaga.name if kader.origin_lembaga_id else kader.origin_detail
    return RapatPeserta(
        rapat=rapat,
        kind=Kind.KADER,
        kader=kader,
        kelurahan_id=kader.kelurahan_id,
        name=kader.name,
        position=_("KPM, %(origin)s") % {"origin": kader.get_origin_display()},
        institution=lembaga,
    )


def _official_row(rapat: Rapat, official: Official) -> RapatPeserta:
    position = official.get_position_display()
    if official.position_detail:
        position = f"{position} ({official.position_detail})"
    return RapatPeserta(
        rapat=rapat,
        kind=Kind.PEJABAT,
        official=official,
        kelurahan_id=official.kelurahan_id,
        name=official.name,
        position=position,
    )


def _lembaga_row(rapat: Rapat, lembaga: Lembaga) -> RapatPeserta:
    return RapatPeserta(
        rapat=rapat,
        kind=Kind.LEMBAGA,
        lembaga=lembaga,
        kelurahan_id=lembaga.kelurahan_id,
        name=lembaga.name,
        position=_("Perwakilan %(kind)s") % {"kind": lembaga.get_kind_display()},
    )


def _only_invitable(people: Iterable, invitable: QuerySet) -> list:
    """`people`, when every one of them may be invited (see `invitable_kaders`...)."""
    people = list(people)
    allowed = set(invitable.filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True))
    refused = [p.name for p in people if p.pk not in allowed]
    if refused:
        raise ValidationError(
            _(
                "%(names)s tidak dapat diundang: bukan dari kelurahan peserta rapat, atau tidak "
                "aktif/menjabat pada tanggal rapat."
            )
            % {"names": ", ".join(refused)}
        )
    return people


def _invite(rows: list[RapatPeserta], by: User | None) -> int:
    if rows:
        bulk_create_with_history(rows, RapatPeserta, default_user=by, ignore_conflicts=False)
    return len(rows)


@transaction.atomic
def invite_kaders(*, rapat: Rapat, kaders: Iterable[Kader], by: User | None = None) -> int:
    """Invite cadres not yet invited; returns how many were added. Every cadre must be
    invitable (`invitable_kaders`), else nobody is invited (ValidationError)."""
    kaders = _only_invitable(kaders, invitable_kaders(rapat))
    invited = set(rapat.peserta.exclude(kader=None).values_list("kader_id", flat=True))
    rows = [_kader_row(rapat, k) for k in kaders if k.pk not in invited]
    return _invite(rows, by)


@transaction.atomic
def invite_officials(*, rapat: Rapat, officials: Iterable[Official], by: User | None = None) -> int:
    officials = _only_invitable(officials, invitable_officials(rapat))
    invited = set(rapat.peserta.exclude(official=None).values_list("official_id", flat=True))
    rows = [_official_row(rapat, o) for o in officials if o.pk not in invited]
    return _invite(rows, by)


@transaction.atomic
def invite_lembaga(*, rapat: Rapat, lembaga: Iterable[Lembaga], by: User | None = None) -> int:
    lembaga = _only_invitable(lembaga, invitable_lembaga(rapat))
    invited = set(rapat.peserta.exclude(lembaga=None).values_list("lembaga_id", flat=True))
    rows = [_lembaga_row(rapat, lem) for lem in lembaga if lem.pk not in invited]
    return _invite(rows, by)


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
    try:
        foto.image.save(prepared.image.name, prepared.image, save=False)
        foto.thumbnail.save(prepared.thumbnail.name, prepared.thumbnail, save=False)
        foto.save()
    except Exception:
        # The row was not written: take the files back off the storage too.
        for field in (foto.image, foto.thumbnail):
            if field.name:
                field.storage.delete(field.name)
        raise
    return foto


@transaction.atomic
def delete_photo(*, foto: RapatFoto) -> None:
    """Delete the photo's row, and its files once the deletion is committed."""
    storage, names = foto.image.storage, [foto.image.name, foto.thumbnail.name]
    foto.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in names if name])
