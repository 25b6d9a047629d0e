"""The one Excel (.xlsx) writer of every export and template.

- Real dates and numbers: a date is a date cell (shown DD-MM-YYYY), a Decimal a number.
- Whole sheet names: Excel allows 31 characters; a longer title is shortened at a word
  boundary, never cut mid-word (exports choose titles that fit).
- Headers over their own columns: a sheet is a list of `Column`s, each a header and the function
  that gives its value, so that headers and values cannot drift apart.
- No live formulas from data: text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
  is written as a text cell (and marked so that Excel keeps it as text when it is edited).
- Streaming (openpyxl's write-only mode), so that long lists use little memory.
- Import templates (`template_book`): bold headers, one example row marked "(contoh)" that the
  import engine skips, dropdowns from a "Daftar pilihan" sheet, and a "Petunjuk" sheet.
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
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_NAME_MAX = 31
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_NAME_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")
# The first cell of a template's example row starts with this; imports skip such rows.
EXAMPLE_MARK = "(contoh)"
TEMPLATE_ROWS = 1000  # rows of a template that get the dropdowns and text formats


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


@dataclass(frozen=True)
class TemplateColumn:
    header: str
    example: object = ""
    choices: tuple[str, ...] = ()  # a dropdown of these values (free text still accepted)
    as_text: bool = False  # digits kept as typed (NIK, KK): the column is formatted as text
    help: str = ""


def is_example(values) -> bool:
    """Whether a row read from a template is its example row (its first cell is marked)."""
    first = next((v for v in values if v is not None and str(v).strip()), "")
    return str(first).strip().lower().startswith(EXAMPLE_MARK)


def template_book(
    *, title: str, columns: list[TemplateColumn], guide: list[str], guide_headers: list[str]
) -> bytes:
    """An import template: the data sheet (headers, the marked example row, dropdowns, text
    columns), the "Daftar pilihan" sheet the dropdowns read, and the "Petunjuk" sheet (a row per
    column with its help, then the `guide` lines)."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name(title)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="D1E7DD")
    example_font = Font(italic=True, color="6C757D")
    sheet.freeze_panes = "A2"
    lists = book.create_sheet("Daftar pilihan")
    list_count = 0
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        head = sheet.cell(row=1, column=index)
        set_text(head, column.header)
        head.font, head.fill = bold, fill
        sheet.column_dimensions[letter].width = max(14, len(column.header) + 4)
        example = sheet.cell(row=2, column=index)
        value = column.example
        if index == 1:
            value = f"{EXAMPLE_MARK} {value}".strip()
        if isinstance(value, str):
            set_text(example, value)
        else:
            example.value = value
            if isinstance(value, datetime.date):
                example.number_format = "DD-MM-YYYY"
        example.font = example_font
        if column.as_text:
            for row in range(3, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
        if column.choices:
            list_count += 1
            list_letter = get_column_letter(list_count)
            lists.cell(row=1, column=list_count, value=column.header).font = bold
            for row, choice in enumerate(column.choices, start=2):
                set_text(lists.cell(row=row, column=list_count), choice)
            lists.column_dimensions[list_letter].width = 30
            last = len(column.choices) + 1
            validation = DataValidation(
                type="list",
                formula1=f"='Daftar pilihan'!${list_letter}$2:${list_letter}${last}",
                allow_blank=True,
                showErrorMessage=False,
            )
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            sheet.add_data_validation(validation)
    help_sheet = book.create_sheet("Petunjuk")
    help_sheet.append(guide_headers)
    for cell in help_sheet[1]:
        cell.font = bold
    for column in columns:
        help_sheet.append([column.header, column.help])
    help_sheet.append([])
    for line in guide:
        help_sheet.append(["", line])
    help_sheet.column_dimensions["A"].width = 30
    help_sheet.column_dimensions["B"].width = 90
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
