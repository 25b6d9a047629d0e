from django import template

from kelurahan.validators import format_phone

register = template.Library()


@register.filter
def phone(value: str) -> str:
    """A stored +62... number in the national form people dial: 0812-3456-7890."""
    return format_phone(value or "")


@register.filter
def in_section(view_name: str, prefixes: str) -> bool:
    """Whether a view name (`kpm:kader_detail`) starts with one of the comma-separated
    prefixes (`kpm:kader_`): the menu marks the entry of the page's section as active."""
    return view_name.startswith(tuple(prefixes.split(",")))


@register.filter
def active_filters(form, skip: int = 1) -> int:
    """How many of a bound filter form's fields (after the first `skip`) hold a value.

    The filter card folds its extra fields away on a phone; it opens itself when one of
    them is in use, so that a narrowed list never hides why it is narrowed.
    """
    if not form.is_bound:
        return 0
    fields = list(form)[skip:]
    return sum(1 for field in fields if field.value() not in (None, "", []))
