"""List filter of the spending (realisasi): year, budget line, status, what it paid for."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from kelurahan.filters import SearchFilterSet, YearFilter

from .models import PosAnggaran, Realisasi

PAID_FOR_CHOICES = [
    ("rapat", _("Rapat")),
    ("program", _("Program")),
    ("tugas", _("Tugas")),
    ("insentif", _("Pembayaran insentif kader")),
    ("lainnya", _("Lainnya")),
]


class RealisasiFilter(SearchFilterSet):
    search_fields = ("purpose",)
    tahun = YearFilter(label=_("Tahun anggaran"), method="filter_year")
    line = django_filters.ModelChoiceFilter(
        label=_("Pos anggaran"), queryset=PosAnggaran.objects.none()
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("perlu_lurah", _("Perlu tindakan lurah")), *Realisasi.Status.choices],
        method="filter_status",
    )
    untuk = django_filters.ChoiceFilter(
        label=_("Untuk"), choices=PAID_FOR_CHOICES, method="filter_paid_for"
    )

    class Meta:
        model = Realisasi
        fields = ["q", "tahun", "line", "status", "untuk", "kelurahan"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.filters["line"].queryset = (
            PosAnggaran.objects.for_user(user).only("pk", "name", "year").order_by("-year", "name")
        )

    def filter_year(self, queryset, name, value):
        return queryset.in_year(value)

    def filter_status(self, queryset, name, value):
        if value == "perlu_lurah":  # awaiting the lurah: a confirmation or an approval
            return queryset.filter(status__in=[Realisasi.Status.MENUNGGU, Realisasi.Status.DRAF])
        return queryset.filter(status=value)

    def filter_paid_for(self, queryset, name, value):
        if value == "insentif":
            return queryset.filter(is_incentive_payout=True)
        if value == "lainnya":
            return queryset.filter(
                rapat__isnull=True,
                program__isnull=True,
                tugas__isnull=True,
                is_incentive_payout=False,
            )
        return queryset.filter(**{f"{value}__isnull": False})
