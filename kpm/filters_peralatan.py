"""List filter of the equipment of posyandu, PAUD and institutions (the list and its export
read the same filter)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from kelurahan.filters import SearchFilterSet
from kelurahan.models import RW, Lembaga

from .models import Peralatan


class PeralatanFilter(SearchFilterSet):
    search_fields = ("name", "holder_name", "holder_kader__name", "notes")
    lembaga = django_filters.ModelChoiceFilter(
        label=_("Posyandu/PAUD/lembaga"),
        queryset=Lembaga.objects.none(),
        null_label=_("Milik kantor kelurahan (tanpa lembaga)"),
    )
    kind = django_filters.ChoiceFilter(label=_("Jenis"), choices=Peralatan.Kind, null_label=None)
    condition = django_filters.ChoiceFilter(
        label=_("Kondisi"), choices=Peralatan.Condition, null_label=None
    )
    perhatian = django_filters.ChoiceFilter(
        label=_("Perlu perhatian"),
        choices=[
            ("ya", _("Rusak atau belum diperiksa 12 bulan")),
            ("belum_diperiksa", _("Belum pernah diperiksa")),
        ],
        method="filter_attention",
        null_label=None,
    )
    rw = django_filters.ModelChoiceFilter(
        label=_("RW"), queryset=RW.objects.none(), field_name="lembaga__rw"
    )

    class Meta:
        model = Peralatan
        fields = ["q", "lembaga", "kind", "condition", "perhatian", "rw", "kelurahan"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.filters["lembaga"].queryset = (
            Lembaga.objects.for_user(user).only("pk", "name").order_by("kind", "name")
        )

    def filter_attention(self, queryset, name, value):
        if value == "belum_diperiksa":
            return queryset.filter(last_checked_on__isnull=True)
        return queryset.needing_attention()
