"""Figures of the scorecard pages: a percentage with one decimal in the user's language
("83,3%"), or "–" where nothing applies (never 0%)."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from .scorecard_format import persen

register = template.Library()


@register.filter
def percent(ratio) -> str:
    """A `Ratio` (or anything with `.percent`) as "83,3%", or "–" where nothing applies."""
    return persen(ratio)


@register.filter
def lookup(mapping: dict, key):
    """`mapping[key]`, or "–" when it has none (an RW or posyandu name by id)."""
    return mapping.get(key, "–")


CELL_CLASS = {"Y": "y", "T": "t", "TS": "ts"}


@register.filter
def mark_cells(marks) -> str:
    """A target's Y / T / TS cells, each titled with its reason: rendered here rather than by
    a template loop, since a recap at city scale has thousands of them."""
    cells = (
        f'<td class="mark mark-{CELL_CLASS[mark.value]}" title="{escape(mark.reason)}">'
        f"{mark.value}</td>"
        for mark in marks
    )
    return mark_safe("".join(cells))  # noqa: S308 - the reason is escaped, the rest is ours
