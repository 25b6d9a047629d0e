"""Filters of the financing reports: `{{ percent|persen_anggaran }}` ("12,5%", or "–" when
nothing was allocated). Amounts use `kelurahan_tags`' `rupiah`."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()

DASH = "–"


@register.filter
def persen_anggaran(value) -> str:
    if value is None or value == "":
        return DASH
    return f"{number_format(Decimal(value), 1)}%"
