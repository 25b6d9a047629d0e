"""What every import shares: the row error, the column and result types, and the readers that
turn an Excel cell into what a form expects."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_ROWS = 5000


class RowError(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    required: bool = False
    help: str = ""


@dataclass
class Context:
    user: object
    kelurahan: object


@dataclass
class ImportResult:
    saved: int = 0
    errors: list[tuple[int, list[str]]] = field(default_factory=list)
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_error


@dataclass(frozen=True)
class ImportKind:
    slug: str
    title: str
    description: str
    columns: tuple[Col, ...]
    handler: Callable[[dict, Context], None]


# --- Reading cells ---------------------------------------------------------------------------


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def digits(value) -> str:
    return "".join(ch for ch in text(value) if ch.isdigit()) if value is not None else ""


def iso_date(value) -> str:
    """A form-ready ISO date from a date cell or text (31-12-2024, 31/12/2024, 2024-12-31)."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    written = text(value)
    for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(written, fmt).date().isoformat()
        except ValueError:
            continue
    return written  # the form says what is wrong with it


def optional_date(value) -> str:
    return iso_date(value) if value not in (None, "") else ""


def number(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    return text(value).replace(",", ".")


_YES = {"ya", "y", "yes", "1", "true", "v", "√", "ada", "sudah"}


def checkbox(value) -> str:
    return "on" if text(value).lower() in _YES else ""


def form_errors(form, columns: dict[str, str]) -> list[str]:
    messages = []
    for name, errors in form.errors.items():
        label = columns.get(name) or (str(form.fields[name].label) if name in form.fields else "")
        for error in errors:
            messages.append(f"{label}: {error}" if label and name != "__all__" else str(error))
    return messages


def save_form(form, columns: dict[str, str]):
    if not form.is_valid():
        raise RowError(form_errors(form, columns))
    return form.save()


def labels(columns) -> dict[str, str]:
    return {c.key: str(c.header) for c in columns}
