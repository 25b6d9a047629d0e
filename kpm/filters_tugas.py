"""List filters of programmes and KPM tasks (the list, the board, the calendar and the export
read the same filter)."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelurahan.filters import MonthFilter, SearchFilterSet
from kelurahan.params import YEARS

from .models import Kader, PaketLayanan, Program, Tahap, Tugas


class ProgramFilter(SearchFilterSet):
    search_fields = ("name", "aims", "budget_line")

    class Meta:
        model = Program
        fields = ["q", "stage", "paket", "kelurahan"]


class TugasFilter(SearchFilterSet):
    search_fields = ("title", "description")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            ("terbuka", _("Belum selesai")),
            ("terlambat", _("Terlambat")),
            *Tugas.Status.choices,
        ],
        method="filter_status",
    )
    stage = django_filters.ChoiceFilter(label=_("Tahap siklus"), choices=Tahap.choices)
    paket = django_filters.ChoiceFilter(
        label=_("Paket layanan"),
        choices=[*PaketLayanan.choices, ("tanpa", _("Tanpa paket layanan"))],
        method="filter_paket",
    )
    kader = django_filters.ModelChoiceFilter(
        label=_("Kader"), queryset=Kader.objects.none(), field_name="kaders"
    )
    program = django_filters.ModelChoiceFilter(label=_("Program"), queryset=Program.objects.none())
    bulan = MonthFilter(label=_("Bulan batas waktu"), method="filter_month")

    class Meta:
        model = Tugas
        fields = ["q", "duty", "stage", "paket", "kader", "status", "bulan", "program", "kelurahan"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.filters["kader"].queryset = (
            Kader.objects.for_user(user).active().only("pk", "name").order_by("name")
        )
        self.filters["program"].queryset = (
            Program.objects.for_user(user).only("pk", "name").order_by("-start_date")
        )

    def filter_status(self, queryset, name, value):
        if value == "terbuka":
            return queryset.open()
        if value == "terlambat":
            return queryset.overdue(timezone.localdate())
        return queryset.filter(status=value)

    def filter_paket(self, queryset, name, value):
        return queryset.filter(paket="" if value == "tanpa" else value)

    def filter_month(self, queryset, name, value):
        if value.year not in YEARS:  # a month the calendar cannot step past: no task is due
            return queryset.none()
        return queryset.in_month(value.replace(day=1))
