"""The one Excel (.xlsx) writer of every export and template.

- Real dates and numbers: a date is a date cell (shown DD-MM-YYYY), a Decimal a number.
- Whole sheet names: Excel allows 31 characters; a longer title is shortened at a word
  boundary, never cut mid-word (exports choose titles that fit).
- Headers over their own columns: a sheet is a list of `Column`s, each a header and the function
  that gives its value, so that headers and values cannot drift apart.
- No live formulas from data: text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
  is written as a text cell (and marked so that Excel keeps it as text when it is edited).
- Streaming (openpyxl's write-only mode), so that long lists use little memory.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_NAME_MAX = 31
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_NAME_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable
    width: int = 14


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: list[Column]
    rows: Iterable


def sheet_name(title) -> str:
    """A valid, whole-word sheet name of at most 31 characters."""
    name = " ".join(str(title).translate(_SHEET_NAME_FORBIDDEN).split()).strip("'")
    if len(name) <= SHEET_NAME_MAX:
        return name or "Data"
    words, kept = name.split(" "), ""
    for word in words:
        candidate = f"{kept} {word}".strip()
        if len(candidate) > SHEET_NAME_MAX:
            break
        kept = candidate
    return kept or name[:SHEET_NAME_MAX]


def text_cell(sheet, value: str, **style):
    """A cell that holds `value` as text, whatever it starts with."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if value.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # openpyxl reads a leading "=" as a formula
        cell.quotePrefix = True
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def set_text(target, value: str) -> None:
    """Write `value` as text into a cell of an ordinary (not write-only) worksheet."""
    value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    target.value = value
    if value.startswith(FORMULA_STARTS):
        target.data_type = "s"
        target.quotePrefix = True


def cell(sheet, value):
    """The cell of one value: dates as dates, numbers as numbers, everything else as text."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value)
        result = WriteOnlyCell(sheet, value=value)
        result.number_format = "DD-MM-YYYY HH:MM"
        return result
    if isinstance(value, datetime.date):
        result = WriteOnlyCell(sheet, value=value)
        result.number_format = "DD-MM-YYYY"
        return result
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (bool, int, float)):
        return value
    return text_cell(sheet, str(value))


def write_sheet(book: Workbook, sheet: Sheet) -> None:
    ws = book.create_sheet(sheet_name(sheet.title))
    for index, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    ws.append([text_cell(ws, str(c.header), font=Font(bold=True)) for c in sheet.columns])
    for row in sheet.rows:
        ws.append([cell(ws, c.value(row)) for c in sheet.columns])


def workbook(*sheets: Sheet) -> bytes:
    """The .xlsx file of these sheets, in order."""
    book = Workbook(write_only=True)
    for sheet in sheets:
        write_sheet(book, sheet)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def dated_filename(name: str) -> str:
    """`<name>-YYYYMMDD.xlsx`, dated today."""
    return f"{slugify(name)}-{timezone.localdate():%Y%m%d}.xlsx"
