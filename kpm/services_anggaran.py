"""Writes of the KPM's financing: budget lines within their source, spending within its line
(or confirmed by the lurah with a reason), approval, and corrections as reversing entries.

Amounts are whole Rupiah (int). Every check of a line's remaining money locks the line's row,
so two spendings saved at once cannot both pass the same remaining amount.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kelurahan.models import User
from kelurahan.money import rupiah

from .models import PosAnggaran, Realisasi, SumberDana
from .uploads import prepare_evidence

Status = Realisasi.Status


__all__ = [
    "Overspend",
    "allocated_from",
    "approve_spending",
    "confirm_overspend",
    "overspend_message",
    "reverse_spending",
    "rupiah",
    "save_line",
    "save_source",
    "save_spending",
    "spent_on_line",
]


def spent_on_line(line: PosAnggaran, *, excluding: Realisasi | None = None) -> int:
    """The counted spending of `line` (without `excluding`, the row being edited)."""
    rows = line.spending.filter(status__in=Realisasi.COUNTED)
    if excluding is not None and excluding.pk:
        rows = rows.exclude(pk=excluding.pk)
    return rows.aggregate(total=Sum("amount", default=0))["total"]


def allocated_from(source: SumberDana, *, excluding: PosAnggaran | None = None) -> int:
    rows = source.lines.all()
    if excluding is not None and excluding.pk:
        rows = rows.exclude(pk=excluding.pk)
    return rows.aggregate(total=Sum("amount", default=0))["total"]


@transaction.atomic
def save_source(*, source: SumberDana) -> SumberDana:
    """Save a funding source: its amount may not drop below what its lines allocate, and a
    source with lines keeps its year (the lines and their spending are of that year)."""
    if source.pk:
        saved = SumberDana.objects.select_for_update().get(pk=source.pk)
        allocated = allocated_from(source)
        if source.amount < allocated:
            raise ValidationError(
                {
                    "amount": _(
                        "Jumlah tidak boleh kurang dari yang sudah dialokasikan ke pos "
                        "anggaran (%(allocated)s)."
                    )
                    % {"allocated": rupiah(allocated)}
                }
            )
        if source.year != saved.year and source.lines.exists():
            raise ValidationError(
                {"year": _("Sumber dana yang sudah punya pos anggaran tidak dapat pindah tahun.")}
            )
    source.save()
    return source


@transaction.atomic
def save_line(*, line: PosAnggaran) -> PosAnggaran:
    """Save a budget line: its year is its source's, and the source's lines together may not
    allocate more than the source holds; a line may not drop below what was spent on it."""
    source = SumberDana.objects.select_for_update().get(pk=line.source_id)
    if line.pk and source.year != line.year and line.spending.exists():
        raise ValidationError(
            {"source": _("Pos yang sudah punya realisasi tidak dapat pindah ke tahun lain.")}
        )
    line.kelurahan_id, line.year = source.kelurahan_id, source.year
    free = source.amount - allocated_from(source, excluding=line)
    if line.amount > free:
        raise ValidationError(
            {
                "amount": _(
                    "Alokasi melebihi sisa sumber dana “%(source)s”: sisa %(free)s, "
                    "alokasi %(amount)s."
                )
                % {"source": source.name, "free": rupiah(free), "amount": rupiah(line.amount)}
            }
        )
    if line.pk:
        spent = spent_on_line(line)
        if line.amount < spent:
            raise ValidationError(
                {
                    "amount": _(
                        "Alokasi tidak boleh kurang dari yang sudah dibelanjakan (%(spent)s)."
                    )
                    % {"spent": rupiah(spent)}
                }
            )
    line.save()
    return line


class Overspend(ValidationError):
    """The spending would take its line over its allocation."""


def _check_year(spending: Realisasi, line: PosAnggaran) -> None:
    if spending.spent_on.year != line.year:
        raise ValidationError(
            {
                "spent_on": _("Tanggal belanja harus dalam tahun anggaran pos ini (%(year)s).")
                % {"year": line.year}
            }
        )


def _remaining(spending: Realisasi, line: PosAnggaran) -> int:
    return line.amount - spent_on_line(line, excluding=spending)


def _store_receipt(spending: Realisasi, upload) -> None:
    stored = prepare_evidence(upload)
    spending.receipt_kind = stored.kind
    spending.receipt.save(stored.file.name, stored.file, save=False)
    if stored.thumbnail is not None:
        spending.receipt_thumbnail.save(stored.thumbnail.name, stored.thumbnail, save=False)


@transaction.atomic
def save_spending(*, spending: Realisasi, by: User, upload=None) -> Realisasi:
    """Save a new or edited draft spending (with its receipt). One that takes its line over the
    allocation is kept as "menunggu konfirmasi lurah" and counts nowhere until the lurah
    confirms it (`confirm_overspend`). An approved spending is never edited."""
    saved = Realisasi.objects.select_for_update().filter(pk=spending.pk).first()
    if saved is not None and saved.status == Status.DISETUJUI:
        raise ValidationError(
            _("Realisasi yang sudah disetujui tidak diubah; catat koreksi (pembatalan).")
        )
    line = PosAnggaran.objects.select_for_update().get(pk=spending.line_id)
    _check_year(spending, line)
    spending.kelurahan_id = line.kelurahan_id
    if spending.pk is None:
        spending.created_by = by
    over = spending.amount > _remaining(spending, line)
    spending.status = Status.MENUNGGU if over else Status.DRAF
    if upload:
        _store_receipt(spending, upload)
    spending.save()
    return spending


def overspend_message(spending: Realisasi) -> str:
    line = spending.line
    remaining = _remaining(spending, line)
    return _(
        "Belanja %(amount)s melebihi sisa pos “%(line)s” (%(remaining)s). Belanja ini menunggu "
        "konfirmasi lurah dengan alasan."
    ) % {"amount": rupiah(spending.amount), "line": line.name, "remaining": rupiah(remaining)}


def _require_lurah(spending: Realisasi, by: User) -> None:
    if not by.can_sign_for(kelurahan_id=spending.kelurahan_id, kecamatan_id=None):
        raise PermissionDenied(_("Hanya lurah yang dapat melakukan ini."))


@transaction.atomic
def confirm_overspend(*, spending: Realisasi, reason: str, by: User) -> Realisasi:
    """The lurah keeps a spending over its line, with a reason; it is approved at once."""
    _require_lurah(spending, by)
    spending = Realisasi.objects.select_for_update().get(pk=spending.pk)
    if spending.status != Status.MENUNGGU:
        raise ValidationError(_("Realisasi ini tidak menunggu konfirmasi."))
    if not reason.strip():
        raise ValidationError(_("Tulis alasan melebihi pagu."))
    PosAnggaran.objects.select_for_update().get(pk=spending.line_id)
    now = timezone.now()
    spending.overspend_reason = reason.strip()
    spending.overspend_confirmed_by, spending.overspend_confirmed_at = by, now
    spending.status, spending.approved_by, spending.approved_at = Status.DISETUJUI, by, now
    spending.save()
    return spending


@transaction.atomic
def approve_spending(*, spending: Realisasi, by: User) -> Realisasi:
    """The lurah approves a draft spending: from now on it is only corrected by reversal."""
    _require_lurah(spending, by)
    spending = Realisasi.objects.select_for_update().get(pk=spending.pk)
    if spending.status != Status.DRAF:
        raise ValidationError(_("Hanya realisasi berstatus draf yang dapat disetujui."))
    spending.status, spending.approved_by, spending.approved_at = (
        Status.DISETUJUI,
        by,
        timezone.now(),
    )
    spending.save()
    return spending


@transaction.atomic
def reverse_spending(*, spending: Realisasi, reason: str, by: User) -> Realisasi:
    """Correct an approved spending: a reversing entry of the same amount, negative, on the
    same line, dated today (or on the last day of the line's year when that has passed).
    Only the lurah corrects: the reversal is itself an approved entry."""
    _require_lurah(spending, by)
    spending = Realisasi.objects.select_for_update().get(pk=spending.pk)
    if spending.status != Status.DISETUJUI or spending.reverses_id is not None:
        raise ValidationError(_("Hanya realisasi yang sudah disetujui yang dikoreksi."))
    if Realisasi.objects.filter(reverses=spending).exists():
        raise ValidationError(_("Realisasi ini sudah dikoreksi."))
    if not reason.strip():
        raise ValidationError(_("Tulis alasan koreksi."))
    today = timezone.localdate()
    on = today if today.year == spending.line.year else spending.spent_on.replace(month=12, day=31)
    now = timezone.now()
    return Realisasi.objects.create(
        kelurahan_id=spending.kelurahan_id,
        line_id=spending.line_id,
        spent_on=on,
        amount=-spending.amount,
        purpose=_("Koreksi: %(purpose)s") % {"purpose": spending.purpose},
        reverses=spending,
        reversal_reason=reason.strip(),
        status=Status.DISETUJUI,
        approved_by=by,
        approved_at=now,
        created_by=by,
    )
