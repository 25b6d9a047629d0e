"""`url_for(view_name, *ids)`: Django's `reverse()` for the URLs of records, at the cost of a
string join.

A list page links every row (its record, its actions): a hundred `reverse()` calls a page, each
walking the URL resolver (about 30 µs here). A URL whose arguments are ids differs from row to
row only in those ids, so it is reversed once per process with placeholder ids and then filled
in. The cache key holds everything `reverse()` reads besides the arguments (the view name, the
URL configuration and script prefix in use, the current app); arguments that are not ids
(negative numbers, words, keyword arguments) go through `reverse()` itself. Every `{% url %}` of
the templates goes through it (templatetags/links.py, a builtin), and models' `get_absolute_url`.
"""

from __future__ import annotations

from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

PLACEHOLDER = 987654321  # placeholder ids: PLACEHOLDER, PLACEHOLDER + 1, ...


def is_id(value) -> bool:
    """A whole number of zero or more, as an int or as ASCII digits: what every id URL takes."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value >= 0
    return isinstance(value, str) and value.isascii() and value.isdigit()


@lru_cache(maxsize=4096)
def _parts(view_name: str, count: int, urlconf, prefix: str, current_app) -> tuple | None:
    """The URL cut at its `count` ids, or None where it cannot be (then `reverse()` is used)."""
    del prefix  # part of the key only: reverse() reads it itself
    placeholders = [str(PLACEHOLDER + n) for n in range(count)]
    try:
        url = reverse(view_name, urlconf=urlconf, args=placeholders, current_app=current_app)
    except NoReverseMatch:
        return None
    parts, rest = [], url
    for placeholder in placeholders:
        if rest.count(placeholder) != 1:
            return None
        before, rest = rest.split(placeholder)
        parts.append(before)
    parts.append(rest)
    return tuple(parts)


def url_for(view_name: str, *args, current_app=None) -> str:
    """`reverse(view_name, args=args)`, the same string."""
    if all(is_id(arg) for arg in args):
        parts = _parts(view_name, len(args), get_urlconf(), get_script_prefix(), current_app)
        if parts is not None:
            pieces = [parts[0]]
            for arg, after in zip(args, parts[1:], strict=True):
                pieces += (str(arg), after)
            return "".join(pieces)
    return reverse(view_name, args=args, current_app=current_app)
