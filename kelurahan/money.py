"""Money: whole Rupiah (int), never float. Formatting for pages and reading what people type."""

from __future__ import annotations

import re

from django.utils.formats import number_format

MAX_RUPIAH = 1_000_000_000_000  # a trillion: no kelurahan budget comes near it

# Plain digits, or digits grouped by thousands with dots as Indonesians write them.
_GROUPED = re.compile(r"\d+|\d{1,3}(?:\.\d{3})+")
_PREFIX = re.compile(r"^rp\.?\s*", re.IGNORECASE)


def rupiah(amount: int) -> str:
    """ "Rp 1.500.000": whole Rupiah with the thousands grouped (a negative with a minus sign)."""
    sign = "−" if amount < 0 else ""
    return f"{sign}Rp {number_format(abs(amount), force_grouping=True)}"


class RupiahError(ValueError):
    """What is wrong with a typed amount: `code` is "negative", "decimal" or "invalid"."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def parse_rupiah(text: str) -> int:
    """ "1500000", "1.500.000" and "Rp 1.500.000" are 1500000; a decimal ("1.500,50",
    "1500.5"), a negative or text is a RupiahError."""
    value = _PREFIX.sub("", str(text).strip()).strip()
    if value.startswith(("-", "−")):
        raise RupiahError("negative")
    if not value.isascii():
        raise RupiahError("invalid")
    if "," in value or re.fullmatch(r"\d+\.\d{1,2}", value):
        raise RupiahError("decimal")
    if not _GROUPED.fullmatch(value):
        raise RupiahError("invalid")
    return int(value.replace(".", ""))
