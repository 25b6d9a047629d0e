"""How the scorecard pages write a share: one decimal in the language's format ("83,3%" in
Indonesian) and "–" where nothing applies (never 0%)."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()

DASH = "–"


@register.filter
def persen(value) -> str:
    """A `Ratio` (or its `.percent`) as "83,3%"; "–" where nothing applies."""
    percent = getattr(value, "percent", value)
    if percent is None or percent == "":
        return DASH
    return f"{number_format(Decimal(percent), 1)}%"
