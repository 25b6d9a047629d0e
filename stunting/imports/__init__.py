"""Import targets and monthly records from .xlsx: all rows or none, with an error per row.

Every row goes through the same forms as the pages, so an import keeps exactly the rules (and
the Indonesian messages) of manual entry. Rows are saved in order inside one transaction, so a
later row sees the family or the record an earlier row created; if any row fails, everything is
rolled back and the user gets the list of rows to fix.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from kelurahan.imports import ImportRefused, RowError, normal_header, read_table
from kelurahan.xlsx import TemplateColumn, template_book

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
    """The kind's template, by the one Excel writer: headers (required ones marked *), a
    marked example row that the import skips, dropdowns, and the instructions sheet."""
    columns = [
        TemplateColumn(
            str(c.header) + (" *" if c.required else ""),
            example=c.example,
            choices=tuple(str(choice) for choice in c.choices),
            as_text="nik" in c.key or c.key == "kk_number",
            help=(_("Wajib.") + " " if c.required else "") + str(c.help),
        )
        for c in kind.columns
    ]
    guide = [
        str(kind.description),
        _(
            "Semua baris disimpan bersama, atau tidak satu pun jika ada baris yang salah. "
            "Tanggal boleh ditulis 31-12-2024. Ya/Tidak ditulis Ya atau kosong."
        ),
        _("Baris contoh, ditandai (contoh), tidak ikut diimpor."),
    ]
    return template_book(
        title=_("Data"),
        columns=columns,
        guide=guide,
        guide_headers=[_("Kolom"), _("Keterangan")],
    )
