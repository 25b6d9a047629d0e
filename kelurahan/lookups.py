"""`__in` lookups on integer columns (every id and foreign key) ignore values that the column
cannot hold.

Django already does this for `=` and the comparisons (an id past the 64-bit range matches
nothing), but not for `__in`, so a multi-select posted with such an id ended in an
OverflowError on SQLite instead of the form's "pilihan tidak valid". Registered once, by
importing this module in `KelurahanConfig.ready`.
"""

from django.db import models
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


class DropOutOfRangeMixin:
    def process_rhs(self, compiler, connection):
        field = self.lhs.output_field
        field = getattr(field, "target_field", None) or field
        internal_type = field.get_internal_type()
        if self.rhs_is_direct_value() and internal_type in connection.ops.integer_field_ranges:
            low, high = connection.ops.integer_field_range(internal_type)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


@models.IntegerField.register_lookup
class IntegerFieldIn(DropOutOfRangeMixin, In):
    pass


@models.ForeignObject.register_lookup
@models.ManyToManyField.register_lookup
class ForeignKeyIn(DropOutOfRangeMixin, RelatedIn):
    pass
