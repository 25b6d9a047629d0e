from django import template

from kelurahan.validators import format_phone

register = template.Library()


@register.filter
def phone(value: str) -> str:
    """A stored +62... number in the national form people dial: 0812-3456-7890."""
    return format_phone(value or "")


@register.simple_tag(takes_context=True)
def render_section(context, template_name: str, extra: dict):
    """Render a section that another app adds to a page (see kelurahan.extensions)."""
    template = context.template.engine.get_template(template_name)
    with context.push(**extra):
        return template.render(context)


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
