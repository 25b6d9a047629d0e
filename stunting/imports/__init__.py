"""Import targets and monthly records from .xlsx: all rows or none, with an error per row.

Every row goes through the same forms as the pages, so an import keeps exactly the rules (and
the Indonesian messages) of manual entry. Rows are saved in order inside one transaction, so a
later row sees the family or the record an earlier row created; if any row fails, everything is
rolled back and the user gets the list of rows to fix.
"""

from __future__ import annotations

from io import BytesIO

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .base import MAX_ROWS, Context, ImportKind, ImportResult, RowError, text
from .kinds import KINDS

__all__ = ["KINDS", "ImportKind", "ImportResult", "run_import", "template_workbook"]


def _normal(header) -> str:
    return " ".join(str(header or "").lower().replace("*", "").split())


def run_import(kind: ImportKind, file, *, user, kelurahan) -> ImportResult:
    result = ImportResult()
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable upload is the same user error
        result.file_error = _("Berkas tidak bisa dibaca. Unggah berkas Excel .xlsx.")
        return result
    rows = book.active.iter_rows(values_only=True)
    header = next(rows, None) or ()
    positions = {_normal(h): i for i, h in enumerate(header) if h is not None}
    keys = {c.key: positions.get(_normal(c.header)) for c in kind.columns}
    missing = [str(c.header) for c in kind.columns if c.required and keys[c.key] is None]
    if missing:
        result.file_error = _("Kolom wajib tidak ditemukan di baris judul: %(cols)s.") % {
            "cols": ", ".join(missing)
        }
        return result
    ctx = Context(user=user, kelurahan=kelurahan)
    with transaction.atomic():
        for number, values in enumerate(rows, start=2):
            if number > MAX_ROWS + 1:
                result.file_error = _("Paling banyak %(n)d baris per berkas.") % {"n": MAX_ROWS}
                break
            if all(v is None or text(v) == "" for v in values):
                continue
            row = {
                key: (values[i] if i is not None and i < len(values) else None)
                for key, i in keys.items()
            }
            try:
                with transaction.atomic():
                    kind.handler(row, ctx)
                result.saved += 1
            except RowError as exc:
                result.errors.append((number, exc.messages))
        if not result.ok:
            transaction.set_rollback(True)
            result.saved = 0
    return result


def template_workbook(kind: ImportKind) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Data"))
    sheet.append([str(c.header) + (" *" if c.required else "") for c in kind.columns])
    for index, cell in enumerate(sheet[1], start=1):
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(cell.value) + 2)
    guide = book.create_sheet(str(_("Petunjuk")))
    guide.append([str(_("Kolom")), str(_("Wajib")), str(_("Keterangan"))])
    for column in kind.columns:
        guide.append([str(column.header), _("Ya") if column.required else "", str(column.help)])
    guide.append([])
    guide.append([str(kind.description)])
    guide.append(
        [
            str(
                _(
                    "Semua baris disimpan bersama, atau tidak satu pun jika ada baris yang salah. "
                    "Tanggal boleh ditulis 31-12-2024. Ya/Tidak ditulis Ya atau kosong."
                )
            )
        ]
    )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
