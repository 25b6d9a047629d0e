"""Ids and years read from query parameters and posted values: ASCII digits within range, or
None. `str.isdigit()` accepts digits that `int()` refuses (e.g. "²"), and an id past the
database's integer range ends in an error on SQLite: both must read as "no such value"."""

from __future__ import annotations

MAX_ID = 2**63 - 1  # BigAutoField
YEARS = range(1900, 2101)


def parse_id(value) -> int | None:
    text = str(value if value is not None else "").strip()
    if not text or not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def parse_text(value, max_length: int = 100) -> str:
    """Free text from a query parameter, as a search reads it: trimmed, at most `max_length`
    characters, without NUL characters (PostgreSQL refuses them in a string)."""
    return str(value or "").replace("\x00", "").strip()[:max_length]
