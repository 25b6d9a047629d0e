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
