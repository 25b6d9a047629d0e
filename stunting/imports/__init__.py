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
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kelurahan.imports import ImportRefused, RowError, normal_header, read_table

from .base import Context, ImportKind, ImportResult
from .kinds import KINDS

__all__ = ["KINDS", "ImportKind", "ImportResult", "run_import", "template_workbook"]


def run_import(kind: ImportKind, file, *, user, kelurahan) -> ImportResult:
    """Check and save every row of the upload, in order, all or none."""
    result = ImportResult()
    try:
        table = read_table(file)
    except ImportRefused as refused:
        result.file_error = refused.message
        return result
    positions = {normal_header(h): i for i, h in enumerate(table.header) if h is not None}
    keys = {c.key: positions.get(normal_header(c.header)) for c in kind.columns}
    missing = [str(c.header) for c in kind.columns if c.required and keys[c.key] is None]
    if missing:
        result.file_error = _("Kolom wajib tidak ditemukan di baris judul: %(cols)s.") % {
            "cols": ", ".join(missing)
        }
        return result
    ctx = Context(user=user, kelurahan=kelurahan)
    with transaction.atomic():
        for number, values in table.rows:
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
