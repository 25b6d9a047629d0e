"""List filters of the cadre register."""

from __future__ import annotations

import datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelurahan.filters import SearchFilterSet, YearFilter
from kelurahan.models import RW, Lembaga

from .models import SK, Kader, Pelatihan
from .models.kader import TERM_WARNING_DAYS


class KaderFilter(SearchFilterSet):
    search_fields = ("name", "address", "origin_lembaga__name", "origin_detail")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            ("aktif", _("Aktif")),
            ("segera", _("Masa bakti berakhir ≤ 60 hari")),
            ("habis", _("Masa bakti sudah habis")),
            ("tanpa_sk", _("Aktif tanpa SK")),
            ("nonaktif", _("Berhenti")),
        ],
        method="filter_status",
    )
    origin_lembaga = django_filters.ModelChoiceFilter(
        label=_("Posyandu/PAUD/lembaga asal"), queryset=Lembaga.objects.none()
    )
    rw = django_filters.ModelChoiceFilter(label=_("RW"), queryset=RW.objects.none())

    class Meta:
        model = Kader
        fields = ["q", "status", "origin", "origin_lembaga", "bidang", "sex", "rw", "kelurahan"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.filters["origin_lembaga"].queryset = (
            Lembaga.objects.for_user(user)
            .filter(kind__in=["posyandu", "paud", "pkk"])
            .only("pk", "name")
            .order_by("kind", "name")
        )

    def search(self, queryset, name, value):
        value = value.strip()
        if value.isdigit() and len(value) == 16:
            # A whole NIK finds its cadre; parts of a NIK find nothing (personal data).
            return queryset.filter(nik=value)
        return super().search(queryset, name, value)

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == "nonaktif":
            return queryset.filter(is_active=False)
        queryset = queryset.filter(is_active=True)
        if value == "segera":
            return queryset.filter(
                term_end__gte=today, term_end__lte=today + datetime.timedelta(TERM_WARNING_DAYS)
            )
        if value == "habis":
            return queryset.filter(term_end__lt=today)
        if value == "tanpa_sk":
            return queryset.filter(term_end__isnull=True)
        return queryset


class SKFilter(SearchFilterSet):
    search_fields = ("number", "title")

    class Meta:
        model = SK
        fields = ["q", "kind", "kelurahan"]


class PelatihanFilter(SearchFilterSet):
    search_fields = ("name", "organizer", "location")
    year = YearFilter(label=_("Tahun"), field_name="start_date__year")

    class Meta:
        model = Pelatihan
        fields = ["q", "year", "kelurahan"]
