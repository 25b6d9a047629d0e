"""The choosers of the yearly financing report (the year, and the kelurahan for users who see
several) and of the kecamatan side by side (the year, and the kecamatan for users who see them
all), read from the query string (GET)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelurahan.models import Kecamatan, Kelurahan

YEARS_BACK = 5


def _years(year: int) -> list[tuple[int, str]]:
    newest = max(timezone.localdate().year + 1, year)
    years = sorted({*range(newest - YEARS_BACK - 1, newest + 1), year}, reverse=True)
    return [(value, str(value)) for value in years]


class ReportYearForm(forms.Form):
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan"), queryset=Kelurahan.objects.none(), empty_label=None, required=False
    )
    tahun = forms.TypedChoiceField(label=_("Tahun anggaran"), coerce=int, required=False)

    def __init__(self, *, year: int, kelurahan: Kelurahan, user):
        super().__init__(initial={"kelurahan": kelurahan, "tahun": year})
        if user.scope.is_kelurahan:
            del self.fields["kelurahan"]
        else:
            choices = Kelurahan.objects.for_user(user).select_related("kecamatan")
            self.fields["kelurahan"].queryset = choices.order_by("kecamatan__name", "name")
            self.fields["kelurahan"].label_from_instance = lambda k: (
                f"{k.name} ({k.kecamatan.name})"
            )
        self.fields["tahun"].choices = _years(year)


class KecamatanYearForm(forms.Form):
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.none(), empty_label=None, required=False
    )
    tahun = forms.TypedChoiceField(label=_("Tahun anggaran"), coerce=int, required=False)

    def __init__(self, *, year: int, kecamatan: Kecamatan, choose_kecamatan: bool):
        super().__init__(initial={"kecamatan": kecamatan, "tahun": year})
        if choose_kecamatan:
            self.fields["kecamatan"].queryset = Kecamatan.objects.order_by("name")
        else:
            del self.fields["kecamatan"]
        self.fields["tahun"].choices = _years(year)
