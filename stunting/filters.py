"""List filters: by RW, posyandu, sex, age band and status, on top of the shared search."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelurahan.filters import SearchFilterSet
from kelurahan.models import RW, Lembaga

from . import ages
from .models import Family, Person, Pregnancy
from .models.measurement import STUNTED, UNDERWEIGHT, WASTED, awaiting_recheck, counted

AGE_BAND_CHOICES = [
    ("0-5", _("0-5 bulan")),
    ("6-12", _("6-12 bulan")),
    ("13-18", _("13-18 bulan")),
    ("19-23", _("19-23 bulan")),
    ("24-59", _("24-59 bulan")),
    ("60-83", _("5-6 tahun")),
]

STATUS_CHOICES = [
    ("stunting", _("Pendek atau sangat pendek (stunting)")),
    ("sangat_pendek", _("Sangat pendek")),
    ("wasting", _("Gizi kurang atau gizi buruk")),
    ("gizi_buruk", _("Gizi buruk")),
    ("underweight", _("Berat badan kurang atau sangat kurang")),
    ("normal", _("Panjang/tinggi normal")),
    ("recheck", _("Periksa ulang")),
    ("never", _("Belum pernah diukur")),
]

_COUNTED = counted("last_measurement__")
_STATUS_CONDITIONS = {
    "stunting": Q(last_measurement__hfa_category__in=STUNTED) & _COUNTED,
    "sangat_pendek": Q(last_measurement__hfa_category="sangat_pendek") & _COUNTED,
    "wasting": Q(last_measurement__wfh_category__in=WASTED) & _COUNTED,
    "gizi_buruk": Q(last_measurement__wfh_category="gizi_buruk") & _COUNTED,
    "underweight": Q(last_measurement__wfa_category__in=UNDERWEIGHT) & _COUNTED,
    "normal": Q(last_measurement__hfa_category__in=["normal", "tinggi"]) & _COUNTED,
    "recheck": awaiting_recheck("last_measurement__"),
    "never": Q(last_measurement__isnull=True),
}


def _posyandu_filter(lookup: str):
    return django_filters.ModelChoiceFilter(
        label=_("Posyandu"), field_name=lookup, queryset=Lembaga.objects.none()
    )


class StuntingFilterSet(SearchFilterSet):
    """Scopes the RW and posyandu choices to the user's kelurahan."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if "posyandu" in self.filters:
            self.filters["posyandu"].queryset = Lembaga.objects.for_user(user).filter(
                kind=Lembaga.Kind.POSYANDU
            )


class FamilyFilter(StuntingFilterSet):
    search_fields = ("head_name", "kk_number", "address", "members__name")
    rw = django_filters.ModelChoiceFilter(label=_("RW"), queryset=RW.objects.none())
    posyandu = _posyandu_filter("posyandu")

    class Meta:
        model = Family
        fields = ["q", "rw", "posyandu", "is_resident", "kelurahan"]

    def search(self, queryset, name, value):
        return super().search(queryset, name, value).distinct()


class ChildFilter(StuntingFilterSet):
    search_fields = ("name", "nik", "family__head_name", "mother__name")
    rw = django_filters.ModelChoiceFilter(
        label=_("RW"), field_name="family__rw", queryset=RW.objects.none()
    )
    posyandu = _posyandu_filter("family__posyandu")
    sex = django_filters.ChoiceFilter(label=_("Jenis kelamin"), choices=Person.Sex.choices)
    age_band = django_filters.ChoiceFilter(
        label=_("Umur saat ini"), choices=AGE_BAND_CHOICES, method="filter_age_band"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status gizi terakhir"), choices=STATUS_CHOICES, method="filter_status"
    )

    class Meta:
        model = Person
        fields = ["q", "rw", "posyandu", "sex", "age_band", "status", "kelurahan"]

    def filter_age_band(self, queryset, name, value):
        low, high = (int(part) for part in value.split("-"))
        return queryset.aged_months(low, high, timezone.localdate())

    def filter_status(self, queryset, name, value):
        return queryset.filter(_STATUS_CONDITIONS[value])


class ActionListFilter(ChildFilter):
    """The lists a kelurahan acts on: the status is the list itself, not a filter."""

    class Meta(ChildFilter.Meta):
        fields = ["q", "rw", "posyandu", "sex", "age_band", "kelurahan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.filters["status"]


class PregnancyFilter(StuntingFilterSet):
    search_fields = ("person__name", "person__nik", "person__family__head_name")
    rw = django_filters.ModelChoiceFilter(
        label=_("RW"), field_name="person__family__rw", queryset=RW.objects.none()
    )
    posyandu = _posyandu_filter("person__family__posyandu")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("risiko", _("KEK atau risiko tinggi")), *Pregnancy.Status.choices],
        method="filter_status",
    )
    stage = django_filters.ChoiceFilter(
        label=_("Tahap saat ini"),
        choices=[
            ("t1", _("Trimester 1")),
            ("t2", _("Trimester 2")),
            ("t3", _("Trimester 3")),
            ("nifas", _("Bersalin/nifas")),
        ],
        method="filter_stage",
    )
    period = django_filters.ChoiceFilter(
        label=_("Periode"),
        choices=[("semua", _("Termasuk yang sudah selesai"))],
        method="filter_period",
        empty_label=_("Hamil dan nifas saat ini"),
    )

    class Meta:
        model = Pregnancy
        fields = ["q", "rw", "posyandu", "status", "stage", "period", "kelurahan"]

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.is_bound or not self.form.cleaned_data.get("period"):
            queryset = queryset.current()
        return queryset

    def filter_status(self, queryset, name, value):
        if value == "risiko":
            return queryset.high_risk()
        return queryset.filter(status=value)

    def filter_period(self, queryset, name, value):
        return queryset

    def filter_stage(self, queryset, name, value):
        today = timezone.localdate()
        if value == "nifas":
            return queryset.filter(delivered_on__isnull=False, delivered_on__lte=today)
        low, high = {"t1": (0, 3), "t2": (4, 6), "t3": (7, 12)}[value]
        # Months of pregnancy from the HPHT (or HPL - 280 days) at today.
        latest = today - _days(low)
        earliest = today - _days(high + 1)
        lmp_known = Q(last_period_date__gt=earliest, last_period_date__lte=latest)
        by_hpl = Q(
            last_period_date__isnull=True,
            expected_delivery_date__gt=earliest + _days_exact(280),
            expected_delivery_date__lte=latest + _days_exact(280),
        )
        return queryset.filter(delivered_on__isnull=True).filter(lmp_known | by_hpl)


def _days(months: int):
    import datetime

    return datetime.timedelta(days=int(months * ages.DAYS_PER_MONTH + 0.999999))


def _days_exact(days: int):
    import datetime

    return datetime.timedelta(days=days)
