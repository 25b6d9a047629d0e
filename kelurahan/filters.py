import django_filters
import django_filters.fields
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .forms import MonthInput
from .models import RW, KelompokMasyarakat, Kelurahan, Lembaga, Official
from .params import YEARS


class YearFilter(django_filters.NumberFilter):
    """A year, as a whole number the calendar can hold (a year out of range is a form error)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", YEARS.start)
        kwargs.setdefault("max_value", YEARS.stop - 1)
        super().__init__(*args, **kwargs)


class MonthFilter(django_filters.DateFilter):
    """A month picked with the browser's month input (`?bulan=2024-03`); the value is a date in
    that month."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, input_formats=["%Y-%m"], widget=MonthInput(), **kwargs)


class _PlainChoices(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class PlainModelChoiceIterator(django_filters.fields.ModelChoiceIterator, _PlainChoices):
    """The choices of a filter's select, read with one plain query. Django reads them with
    `iterator()`, which on PostgreSQL opens a server-side cursor: three round trips, dearer
    than the few dozen rows of a filter bar."""


class PlainModelChoiceField(django_filters.fields.ModelChoiceField):
    iterator = PlainModelChoiceIterator


class SearchFilterSet(django_filters.FilterSet):
    """A FilterSet with a free-text `q` over `search_fields` and a kelurahan filter for users
    whose scope holds several kelurahan."""

    search_fields: tuple[str, ...] = ("name",)
    q = django_filters.CharFilter(label=_("Cari"), method="search")
    kelurahan = django_filters.ModelChoiceFilter(
        label=_("Kelurahan"), queryset=Kelurahan.objects.none()
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for model_filter in self.filters.values():
            if model_filter.field_class is django_filters.fields.ModelChoiceField:
                model_filter.field_class = PlainModelChoiceField
        # The options read only what their labels show (str(): a name, an RW's number).
        kelurahan_qs = Kelurahan.objects.for_user(user).only("pk", "name")
        if user.kelurahan_id:
            del self.filters["kelurahan"]
        else:
            self.filters["kelurahan"].queryset = kelurahan_qs
        if "rw" in self.filters:
            self.filters["rw"].queryset = RW.objects.for_user(user).only("pk", "number")

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "1")

    def search(self, queryset, name, value):
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


def active_filter():
    """Status filter for rows with `is_active`: all, active or inactive."""
    return django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("1", _("Aktif")), ("0", _("Tidak aktif"))],
        method="filter_active",
    )


class LembagaFilter(SearchFilterSet):
    search_fields = ("name", "address", "officers__name")
    rw = django_filters.ModelChoiceFilter(label=_("RW"), queryset=RW.objects.none())
    is_active = active_filter()

    class Meta:
        model = Lembaga
        fields = ["q", "kind", "rw", "is_active", "kelurahan"]

    def search(self, queryset, name, value):
        return super().search(queryset, name, value).distinct()


class KelompokMasyarakatFilter(SearchFilterSet):
    search_fields = ("name", "contact_name")
    rw = django_filters.ModelChoiceFilter(label=_("RW"), queryset=RW.objects.none())
    is_active = active_filter()

    class Meta:
        model = KelompokMasyarakat
        fields = ["q", "kind", "rw", "is_active", "kelurahan"]


class OfficialFilter(SearchFilterSet):
    search_fields = ("name", "position_detail", "nip")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("aktif", _("Masih menjabat")), ("selesai", _("Sudah selesai"))],
        method="filter_status",
    )

    class Meta:
        model = Official
        fields = ["q", "position", "status", "kelurahan"]

    def filter_status(self, queryset, name, value):
        current = queryset.current()
        if value == "aktif":
            return current
        return queryset.exclude(pk__in=current.values("pk"))
