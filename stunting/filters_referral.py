"""The filter of the referral list: status (or all still open), OPD, paket layanan, reason,
referring cadre and the month referred, on top of the shared search."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from kelurahan.dates import next_month
from kelurahan.filters import MonthFilter
from kelurahan.models import OPD
from kelurahan.params import YEARS
from kpm.models import Kader, PaketLayanan

from .filters import StuntingFilterSet
from .models import Referral

OPEN = "terbuka"


class ReferralFilter(StuntingFilterSet):
    search_fields = ("person__name", "person__nik", "person__family__head_name")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(OPEN, _("Masih terbuka")), *Referral.Status.choices],
        method="filter_status",
    )
    opd = django_filters.ModelChoiceFilter(label=_("OPD tujuan"), queryset=OPD.objects.none())
    paket = django_filters.ChoiceFilter(label=_("Paket layanan"), choices=PaketLayanan.choices)
    reason = django_filters.ChoiceFilter(label=_("Alasan rujukan"), choices=Referral.Reason.choices)
    kader = django_filters.ModelChoiceFilter(
        label=_("Kader perujuk"), queryset=Kader.objects.none()
    )
    bulan = MonthFilter(label=_("Bulan dirujuk"), method="filter_month")

    class Meta:
        model = Referral
        fields = ["q", "status", "opd", "paket", "reason", "kader", "bulan", "kelurahan"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.filters["opd"].queryset = OPD.objects.for_user(user).only("pk", "name")
        self.filters["kader"].queryset = (
            Kader.objects.for_user(user).only("pk", "name").order_by("name")
        )

    def filter_status(self, queryset, name, value):
        if value == OPEN:
            return queryset.open()
        return queryset.filter(status=value)

    def filter_month(self, queryset, name, value):
        if value.year not in YEARS:  # far from year 1 and 9999: ignored
            return queryset
        month = value.replace(day=1)
        return queryset.filter(referred_on__gte=month, referred_on__lt=next_month(month))


class OPDReferralFilter(ReferralFilter):
    """The list on an OPD's page: the OPD is the page itself, not a filter."""

    class Meta(ReferralFilter.Meta):
        fields = ["q", "status", "paket", "reason", "kader", "bulan", "kelurahan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.filters["opd"]
