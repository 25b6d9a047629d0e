"""Filters of the financing pages: `{{ amount|rupiah }}` ("Rp 1.500.000") and
`{{ percent|persen_anggaran }}` ("12,5%", or "–" when nothing was allocated)."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from kpm.services_anggaran import rupiah as rupiah_text

register = template.Library()

DASH = "–"


@register.filter
def rupiah(value) -> str:
    if value is None or value == "":
        return DASH
    return rupiah_text(int(value))


@register.filter
def persen_anggaran(value) -> str:
    if value is None or value == "":
        return DASH
    return f"{number_format(Decimal(value), 1)}%"
