"""Figures of the scorecard pages: a percentage with one decimal in the user's language
("83,3%"), or "–" where nothing applies (never 0%)."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(ratio) -> str:
    """A `Ratio` (or anything with `.percent`) as "83,3%", or "–" where nothing applies."""
    value = ratio.percent
    if value is None:
        return "–"
    return f"{number_format(value, 1)}%"


@register.filter
def lookup(mapping: dict, key):
    """`mapping[key]`, or "–" when it has none (an RW or posyandu name by id)."""
    return mapping.get(key, "–")
