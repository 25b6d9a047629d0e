"""The one Excel (.xlsx) import engine: the upload checks, the archive bounds, the row and
column caps, and the cell readers every import shares.

An .xlsx file is a zip archive. Before openpyxl opens it, the archive's directory is read and the
file refused when it has too many members, a member or the whole expands too much, or a member
is compressed suspiciously well (a "zip bomb": a 2 MB file whose shared strings expand a
thousandfold). Python's zip reader never returns more than a member's declared size, so the
bounds checked here are the bounds openpyxl works within. Then at most `MAX_ROWS` non-empty rows
and `MAX_COLUMNS` columns of the first sheet are read. Each import checks every row with the
same forms as the pages and saves all rows or none (see kpm.importers and stunting.imports).
"""

from __future__ import annotations

import datetime
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .xlsx import is_example

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for members past RATIO_FROM_BYTES
RATIO_FROM_BYTES = 1024 * 1024
MAX_ROWS = 5000  # data rows (not counting the header)
MAX_SHEET_ROWS = 20000  # rows scanned, empty ones included (templates format empty rows)
MAX_COLUMNS = 60
ASCII_DIGITS = frozenset("0123456789")


class ImportRefused(Exception):
    """The whole file is refused; the message says why, in Indonesian."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RowError(Exception):
    """One row is refused; the messages say why, in Indonesian."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


# --- The uploaded file -----------------------------------------------------------------------


def _too_big(size: int) -> str:
    return _("Berkas terlalu besar (%(size).1f MB). Batasnya %(limit)d MB.") % {
        "size": size / 1024 / 1024,
        "limit": MAX_UPLOAD_BYTES // 1024 // 1024,
    }


def not_xlsx() -> str:
    return _("Berkas harus berformat Excel .xlsx (simpan ulang dari Excel sebagai .xlsx).")


def archive_error(upload) -> str | None:
    """Why this upload cannot be an .xlsx file we open, or None. Reads only the zip directory."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        return _too_big(size)
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04":
        return not_xlsx()
    try:
        members = zipfile.ZipFile(upload).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return _("Berkas tidak dapat dibaca sebagai Excel .xlsx.")
    finally:
        upload.seek(0)
    refused = _(
        "Berkas ditolak: isinya jauh lebih besar daripada ukuran berkasnya (%(reason)s). "
        "Simpan ulang dari Excel sebagai .xlsx biasa."
    )
    if len(members) > MAX_MEMBERS:
        return refused % {"reason": _("%(n)d bagian") % {"n": len(members)}}
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MAX_MEMBER_BYTES or (
            member.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO
        ):
            return refused % {
                "reason": _("%(name)s mengembang menjadi %(size)d MB")
                % {"name": member.filename, "size": member.file_size // 1024 // 1024}
            }
    if total > MAX_TOTAL_BYTES:
        return refused % {"reason": _("%(size)d MB seluruhnya") % {"size": total // 1024 // 1024}}
    return None


def check_upload(upload) -> None:
    """The upload checks of every import form: the name, the size and the archive."""
    if not upload.name.lower().endswith(".xlsx"):
        raise ValidationError(not_xlsx(), code="xlsx_name")
    error = archive_error(upload)
    if error:
        raise ValidationError(error, code="xlsx_refused")


# --- Reading the sheet -----------------------------------------------------------------------


@dataclass
class Table:
    header: list  # the first row's values
    rows: list[tuple[int, tuple]]  # (row number in the sheet, values) of the non-empty rows


def _empty(values) -> bool:
    return all(v is None or str(v).strip() == "" for v in values)


def read_table(upload, *, max_rows: int = MAX_ROWS) -> Table:
    """The first sheet of a checked upload: its header and non-empty rows, capped; or
    ImportRefused."""
    error = archive_error(upload)
    if error:
        raise ImportRefused(error)
    unreadable = _("Berkas tidak dapat dibaca sebagai Excel .xlsx.")
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors on a damaged file
        raise ImportRefused(unreadable) from exc
    try:
        rows = book.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS)
        header = list(next(rows, ()))
        table = Table(header=header, rows=[])
        for number, values in enumerate(rows, start=2):
            if number > MAX_SHEET_ROWS:
                raise ImportRefused(
                    _("Berkas terlalu panjang: lebih dari %(n)d baris.") % {"n": MAX_SHEET_ROWS}
                )
            if _empty(values) or is_example(values):
                continue
            table.rows.append((number, tuple(values)))
            if len(table.rows) > max_rows:
                raise ImportRefused(_("Paling banyak %(n)d baris per berkas.") % {"n": max_rows})
    except ImportRefused:
        raise
    except Exception as exc:  # a damaged sheet inside a valid archive
        raise ImportRefused(unreadable) from exc
    finally:
        book.close()
        upload.seek(0)
    return table


def normal_header(value) -> str:
    """A header as compared with the template's: lower case, no '*', single spaces."""
    return " ".join(str(value or "").lower().replace("*", "").split())


# --- Reading cells ---------------------------------------------------------------------------


def text(value) -> str:
    """A cell as text: whole numbers without ".0", dates as ISO, spaces folded."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def digits(value) -> str:
    """The digits 0-9 of a cell (a NIK written 3578 0152..., a number written 03).

    Other characters that Python counts as digits (², ३, ٣) are not numbers a register keeps:
    the row is refused with a message, rather than crashing later."""
    written = text(value)
    odd = [ch for ch in written if ch.isdigit() and ch not in ASCII_DIGITS]
    if odd:
        raise RowError(
            [
                _("'%(value)s' berisi angka yang tidak dikenal (%(chars)s); tulis dengan 0-9.")
                % {"value": written, "chars": "".join(odd)}
            ]
        )
    return "".join(ch for ch in written if ch in ASCII_DIGITS)


def iso_date(value) -> str:
    """A form-ready ISO date from a date cell or text (31-12-2024, 31/12/2024, 2024-12-31);
    other text is returned as written (the form says what is wrong with it)."""
    written = text(value)
    for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(written, fmt).date().isoformat()
        except ValueError:
            continue
    return written


def optional_date(value) -> str:
    return iso_date(value) if value not in (None, "") else ""


def number(value) -> str:
    """A decimal number for a form field (a comma is read as the decimal separator)."""
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    return text(value).replace(",", ".")


_YES = {"ya", "y", "yes", "1", "true", "v", "√", "ada", "sudah"}


def checkbox(value) -> str:
    return "on" if text(value).lower() in _YES else ""


def form_errors(form, labels: dict[str, str]) -> list[str]:
    """The form's errors, each prefixed with its column's header."""
    messages = []
    for name, errors in form.errors.items():
        label = labels.get(name) or (str(form.fields[name].label) if name in form.fields else "")
        for error in errors:
            messages.append(f"{label}: {error}" if label and name != "__all__" else str(error))
    return messages
