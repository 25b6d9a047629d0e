from django import template

from kelurahan.validators import format_phone

register = template.Library()


@register.filter
def phone(value: str) -> str:
    """A stored +62... number in the national form people dial: 0812-3456-7890."""
    return format_phone(value or "")
