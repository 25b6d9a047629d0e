"""The list pages' filter bar, rendered without crispy's per-field template machinery.

`{% filter_field field %}` gives the markup of crispy-bootstrap5's `as_crispy_field` (the same
wrapper, label, widget classes, ids, errors and help text) from a few lines of Python: crispy
renders seven nested templates per field, and Django's `<select>` one template include per
option, which made the filter bar a third of a list page's time. Checkbox, radio and file
widgets (no filter uses them) still go through crispy.
"""

from django import forms, template
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

CRISPY_WIDGETS = (
    forms.CheckboxInput,
    forms.RadioSelect,
    forms.CheckboxSelectMultiple,
    forms.FileInput,
)
SELECT_TEMPLATES = ("django/forms/widgets/select.html", "django/forms/widgets/select_option.html")


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html"""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        elif value is not False:
            parts.append(f' {conditional_escape(name)}="{escape(value)}"')
    return "".join(parts)


def _select(widget: forms.Select, name: str, value, attrs: dict) -> SafeString:
    """django/forms/widgets/select.html and select_option.html, without an include per option
    and with plain string joins (a page's filter bar has a few hundred options)."""
    context = widget.get_context(name, value, attrs)["widget"]
    parts = [f'<select name="{conditional_escape(context["name"])}"{_attrs(context["attrs"])}>']
    for group_name, options, _index in context["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))


def widget_html(field: forms.BoundField, css_class: str) -> SafeString:
    """The field's widget with crispy's classes: the widget's own class name, then `css_class`."""
    widget = field.field.widget
    class_name = widget.__class__.__name__.lower()
    classes = widget.attrs.get("class", "")
    if not classes:
        classes = class_name
    elif class_name not in classes:
        classes += f" {class_name}"
    for extra in css_class.split():
        if extra not in classes.split():
            classes += f" {extra}"
    widget.attrs["class"] = classes
    return fast_widget(field)


def _errors_and_help(field: forms.BoundField) -> SafeString:
    """bootstrap5/layout/field_errors_block.html and help_text.html"""
    html = ""
    if field.errors:
        html = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.errors.field_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((n, field.auto_id, e) for n, e in enumerate(field.errors, 1)),
            ),
        )
    if field.help_text:
        help_id = format_html('id="{}_helptext" ', field.auto_id) if field.auto_id else ""
        html += format_html(
            '<div {}class="form-text">{}</div>', help_id, mark_safe(field.help_text)
        )
    return mark_safe(html)


@register.simple_tag
def filter_field(field: forms.BoundField) -> SafeString:
    """One field of a filter bar, as crispy-bootstrap5's `as_crispy_field` renders it."""
    widget = field.field.widget
    if field.is_hidden:
        return field.as_widget()
    if (
        isinstance(widget, CRISPY_WIDGETS)
        or field.use_fieldset
        or hasattr(widget, "widgets")
        or hasattr(widget, "widget")
    ):
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

        return as_crispy_field(field)
    invalid = " is-invalid" if field.errors else ""
    css = ("form-select" if isinstance(widget, forms.Select) else "form-control") + invalid
    required = field.field.required
    label = ""
    if field.label:
        label = format_html(
            '<label{} class="form-label{}">{}{}</label>',
            format_html(' for="{}"', field.id_for_label) if field.id_for_label else "",
            " requiredField" if required else "",
            field.label,
            mark_safe('<span class="asteriskField">*</span>') if required else "",
        )
    wrapper_class = "mb-3" + (f" {field.css_classes()}" if field.css_classes() else "")
    return format_html(
        '<div id="div_{}" class="{}">{}{}{}</div>',
        field.auto_id,
        wrapper_class,
        label,
        widget_html(field, css),
        _errors_and_help(field),
    )


# Widgets whose template is Django's input.html (directly or through one include).
INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "number", "email", "hidden", "checkbox", "date", "url", "tel")
}


@register.simple_tag
def fast_widget(field: forms.BoundField) -> SafeString:
    """`{{ field }}` (the bare widget) for long editable tables such as the posyandu day, where
    Django's per-widget templates were most of the page's time: the same markup from the
    widget's own context, for inputs, checkboxes and selects; any other widget as Django
    renders it."""
    widget = field.field.widget
    if field.field.show_hidden_initial:
        return field.as_widget()
    if field.field.localize:
        widget.is_localized = True
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    templates = (widget.template_name, getattr(widget, "option_template_name", None))
    if templates == SELECT_TEMPLATES:
        return _select(widget, field.html_name, field.value(), attrs)
    if widget.template_name not in INPUT_TEMPLATES:
        return field.as_widget()
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    value = context["value"]
    kind, name = conditional_escape(context["type"]), conditional_escape(context["name"])
    value = f' value="{escape(value)}"' if value is not None else ""
    return mark_safe(f'<input type="{kind}" name="{name}"{value}{_attrs(context["attrs"])}>')
