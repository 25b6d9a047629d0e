"""What the stunting imports share: the column and result types, and saving a row's form. The
engine and the cell readers are kelurahan's (`kelurahan.imports`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from kelurahan.imports import RowError, form_errors


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    required: bool = False
    help: str = ""
    example: object = ""  # the template's example row
    choices: tuple = ()  # the template's dropdown


YES = (gettext_lazy("Ya"),)  # a yes/no column: "Ya" or empty


def yes_col(key: str, header, example: str = "Ya") -> Col:
    return Col(key, header, help=gettext_lazy("Ya atau kosong."), example=example, choices=YES)


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


def save_form(form, columns: dict[str, str], save: Callable | None = None):
    """Check the row's form and save it with `save(form)` (a service; default `form.save()`)."""
    if not form.is_valid():
        raise RowError(form_errors(form, columns))
    return save(form) if save else form.save()


def labels(columns) -> dict[str, str]:
    return {c.key: str(c.header) for c in columns}
