"""The equipment list as .xlsx (headers in Indonesian: the office passes the file around)."""

from __future__ import annotations

from collections.abc import Callable

from kelurahan.xlsx import Column, Sheet, workbook

from .models import Peralatan


def check_state(item: Peralatan) -> str:
    if item.last_checked_on is None:
        return "Belum pernah diperiksa"
    if item.is_check_overdue:
        return "Lebih dari 12 bulan"
    return "Dalam 12 bulan"


def _rw_number(item: Peralatan) -> int | None:
    return item.lembaga.rw.number if item.lembaga_id and item.lembaga.rw_id else None


def _item(value: Callable[[Peralatan], object]) -> Callable:
    """A column value of the item in a (number, item) row."""
    return lambda row: value(row[1])


COLUMNS = [
    Column("No.", lambda row: row[0], 5),
    Column("Kelurahan", _item(lambda p: p.kelurahan.name), 20),
    Column("Posyandu/PAUD/lembaga", _item(lambda p: p.lembaga.name if p.lembaga_id else ""), 28),
    Column("RW", _item(_rw_number), 5),
    Column("Jenis", _item(lambda p: p.get_kind_display()), 26),
    Column("Nama/merek", _item(lambda p: p.name), 22),
    Column("Jumlah", _item(lambda p: p.quantity), 8),
    Column("Kondisi", _item(lambda p: p.get_condition_display()), 12),
    Column("Terakhir diperiksa/dikalibrasi", _item(lambda p: p.last_checked_on), 14),
    Column("Pemeriksaan", _item(check_state), 20),
    Column("Dipegang oleh", _item(lambda p: p.holder), 24),
    Column("Keterangan", _item(lambda p: p.notes), 30),
]


def peralatan_xlsx(queryset) -> bytes:
    rows = enumerate(queryset.iterator(chunk_size=500), start=1)
    return workbook(Sheet("Peralatan posyandu dan PAUD", COLUMNS, rows))
