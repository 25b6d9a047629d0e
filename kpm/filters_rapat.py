"""List filters of the meetings, of the cadres to invite, and of the follow-ups."""

from __future__ import annotations

import django_filters
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelurahan.filters import SearchFilterSet
from kelurahan.forms import DateInput
from kelurahan.models import Kelurahan

from .models import Kader, Rapat, RapatTindakLanjut


class RapatFilter(SearchFilterSet):
    search_fields = ("title", "place", "chair_name")
    kelurahan = django_filters.ModelChoiceFilter(
        label=_("Kelurahan"), queryset=Kelurahan.objects.none(), method="filter_kelurahan"
    )
    start = django_filters.DateFilter(
        label=_("Dari tanggal"), field_name="starts_at", method="filter_start", widget=DateInput()
    )
    end = django_filters.DateFilter(
        label=_("Sampai tanggal"), field_name="starts_at", method="filter_end", widget=DateInput()
    )
    when = django_filters.ChoiceFilter(
        label=_("Waktu"),
        choices=[("akan_datang", _("Akan datang")), ("lalu", _("Sudah lewat"))],
        method="filter_when",
    )

    class Meta:
        model = Rapat
        fields = ["q", "kind", "level", "status", "when", "start", "end", "kelurahan"]

    def filter_kelurahan(self, queryset, name, value):
        return queryset.for_kelurahan(value)

    def filter_start(self, queryset, name, value):
        return queryset.filter(starts_at__date__gte=value)

    def filter_end(self, queryset, name, value):
        return queryset.filter(starts_at__date__lte=value)

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "akan_datang":
            return queryset.filter(starts_at__gte=now)
        return queryset.filter(starts_at__lt=now)


class InviteKaderFilter(django_filters.FilterSet):
    """Which cadres to show for invitation: by kelurahan, origin, status and name."""

    q = django_filters.CharFilter(label=_("Cari nama"), field_name="name", lookup_expr="icontains")
    kelurahan = django_filters.ModelChoiceFilter(
        label=_("Kelurahan"), queryset=Kelurahan.objects.none()
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("aktif", _("Aktif")), ("berhenti", _("Berhenti"))],
        method="filter_status",
        empty_label=_("Semua"),
    )

    class Meta:
        model = Kader
        fields = ["q", "kelurahan", "origin", "status"]

    def __init__(self, data=None, *args, rapat: Rapat, **kwargs):
        data = data.copy() if data else QueryDict(mutable=True)
        data.setdefault("status", "aktif")  # active cadres unless the user asks otherwise
        super().__init__(data, *args, **kwargs)
        kelurahan = rapat.participant_kelurahan()
        if len(kelurahan) > 1:
            self.filters["kelurahan"].queryset = Kelurahan.objects.filter(
                pk__in=[k.pk for k in kelurahan]
            )
        else:
            del self.filters["kelurahan"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(is_active=value == "aktif")


class TindakLanjutFilter(SearchFilterSet):
    search_fields = (
        "description",
        "assignee_name",
        "assignee_kader__name",
        "assignee_official__name",
        "rapat__title",
    )
    state = django_filters.ChoiceFilter(
        label=_("Keadaan"),
        choices=[
            ("terbuka", _("Belum selesai")),
            ("terlambat", _("Lewat batas waktu")),
            ("selesai", _("Selesai")),
        ],
        method="filter_state",
        empty_label=_("Semua"),
    )

    class Meta:
        model = RapatTindakLanjut
        fields = ["q", "state", "status", "kelurahan"]

    def filter_state(self, queryset, name, value):
        if value == "terbuka":
            return queryset.open()
        if value == "terlambat":
            return queryset.overdue()
        return queryset.filter(status=RapatTindakLanjut.Status.SELESAI)
