"""The base of every ModelAdmin of the project: change history (django-simple-history), and
add forms that ignore prefill values in the query string which are not valid for their field
(`?kelurahan=abc` would otherwise end in a server error in the autocomplete widget)."""

from __future__ import annotations

import datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connection
from simple_history.admin import SimpleHistoryAdmin

INVALID = object()


def _cleaned(field, value):
    """The prefill value as the field's Python value, or INVALID."""
    target = field.target_field if field.is_relation else field
    values = value if isinstance(value, list) else [value]
    try:
        cleaned = [target.to_python(v) for v in values]
    except (ValidationError, ValueError, TypeError, OverflowError):
        return INVALID
    internal_type = target.get_internal_type()
    if internal_type in connection.ops.integer_field_ranges:
        low, high = connection.ops.integer_field_range(internal_type)
        if any(
            v is not None and ((low is not None and v < low) or (high is not None and v > high))
            for v in cleaned
        ):
            return INVALID
    if any(isinstance(v, datetime.date) and not 1 < v.year < 9999 for v in cleaned):
        return INVALID  # a time zone shift of the first or last day would overflow
    if field.is_relation:
        return value  # related objects are looked up by the widget from their pk
    return cleaned if isinstance(value, list) else cleaned[0]


class HistoryAdmin(SimpleHistoryAdmin):
    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            cleaned = _cleaned(field, value)
            if cleaned is INVALID:
                del initial[name]
            else:
                initial[name] = cleaned
        return initial
