"""List filters of the cadres' field work: families accompanied, home visits."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from kelurahan.dates import parse_month
from kelurahan.models import RW, Lembaga
from kpm.models import Kader

from .filters import StuntingFilterSet
from .models import FamilyAssignment, HomeVisit


def _kader_filter():
    return django_filters.ModelChoiceFilter(label=_("Kader"), queryset=Kader.objects.none())


class FieldworkFilterSet(StuntingFilterSet):
    """Scopes the cadre choices to the user's kelurahan too."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.filters["kader"].queryset = Kader.objects.for_user(user).order_by("name")


class FamilyAssignmentFilter(FieldworkFilterSet):
    search_fields = ("family__head_name", "family__address", "kader__name")
    kader = _kader_filter()
    rw = django_filters.ModelChoiceFilter(
        label=_("RW"), field_name="family__rw", queryset=RW.objects.none()
    )
    posyandu = django_filters.ModelChoiceFilter(
        label=_("Posyandu"), field_name="family__posyandu", queryset=Lembaga.objects.none()
    )

    class Meta:
        model = FamilyAssignment
        fields = ["q", "kader", "rw", "posyandu", "kelurahan"]


class HomeVisitFilter(FieldworkFilterSet):
    search_fields = ("person__name", "person__family__head_name", "notes")
    kader = _kader_filter()
    bulan = django_filters.CharFilter(label=_("Bulan"), method="filter_month")
    purpose = django_filters.ChoiceFilter(label=_("Tujuan"), choices=HomeVisit.Purpose.choices)

    class Meta:
        model = HomeVisit
        fields = ["q", "kader", "bulan", "purpose", "kelurahan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["bulan"].widget.input_type = "month"

    def filter_month(self, queryset, name, value):
        month = parse_month(value)
        if value != f"{month:%Y-%m}":  # unreadable or out of range: ignored
            return queryset
        return queryset.in_month(month)
