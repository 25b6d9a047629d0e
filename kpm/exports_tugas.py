"""The KPM tasks as .xlsx: the filtered tasks of the list, the board and the calendar."""

from __future__ import annotations

import datetime

from kelurahan.xlsx import Column, Sheet, workbook

from .models import Duty, PaketLayanan, Tahap, Tugas

YES, NO = "ya", "tidak"


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else (YES if value else NO)


def _partners(tugas: Tugas) -> str:
    partners = [tugas.partner_lembaga, tugas.partner_opd]
    return "; ".join(str(partner) for partner in partners if partner is not None)


def task_columns(today: datetime.date) -> list[Column]:
    """The export's columns, each header with its value (the headers stay Indonesian: the file
    passes between the office's staff)."""
    stages, pakets = dict(Tahap.choices), dict(PaketLayanan.choices)
    statuses = dict(Tugas.Status.choices)
    duties = dict(Duty.choices)
    return [
        Column("Judul", lambda t: t.title, 36),
        Column("Tugas KPM", lambda t: str(duties.get(t.duty, t.duty)), 30),
        Column("Tahap siklus", lambda t: str(stages.get(t.stage, "")) or None, 14),
        Column("Paket layanan", lambda t: str(pakets.get(t.paket, "")) or None, 22),
        Column("Kader", lambda t: ", ".join(k.name for k in t.kaders.all()) or None, 30),
        Column("Mitra", lambda t: _partners(t) or None, 26),
        Column("Program", lambda t: t.program.name if t.program_id else None, 26),
        Column("Batas waktu", lambda t: t.due_date, 12),
        Column("Status", lambda t: str(statuses[t.status]), 12),
        Column("Terlambat", lambda t: YES if t.is_overdue(today) else NO, 10),
        Column("Selesai tanggal", lambda t: t.finished_on, 14),
        Column("Tepat waktu", lambda t: _yes_no(t.finished_on_time), 11),
        Column("Kelurahan", lambda t: t.kelurahan.name, 20),
    ]


def tasks_xlsx(queryset, *, today: datetime.date) -> bytes:
    """`queryset` (fetched with `Tugas.objects.for_list()`) as one sheet."""
    rows = queryset.iterator(chunk_size=500)
    return workbook(Sheet("Tugas KPM", task_columns(today), rows))
