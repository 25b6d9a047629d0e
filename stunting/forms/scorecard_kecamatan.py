"""The chooser of the kecamatan comparison: the kecamatan (for users who see them all), the year
and the quarter, read from the query string (GET)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelurahan.dates import Quarter
from kelurahan.models import Kecamatan

YEARS_BACK = 5


class KecamatanQuarterForm(forms.Form):
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.none(), empty_label=None, required=False
    )
    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int, required=False)
    triwulan = forms.TypedChoiceField(
        label=_("Triwulan"),
        coerce=int,
        required=False,
        choices=[
            (1, _("K1 (Januari-Maret)")),
            (2, _("K2 (April-Juni)")),
            (3, _("K3 (Juli-September)")),
            (4, _("K4 (Oktober-Desember)")),
        ],
    )

    def __init__(self, *, quarter: Quarter, kecamatan, choose_kecamatan: bool):
        super().__init__(
            initial={"kecamatan": kecamatan, "tahun": quarter.year, "triwulan": quarter.number}
        )
        if choose_kecamatan:
            self.fields["kecamatan"].queryset = Kecamatan.objects.order_by("name")
        else:
            del self.fields["kecamatan"]
        newest = max(Quarter.current().year, quarter.year)
        years = sorted({*range(newest - YEARS_BACK, newest + 1), quarter.year}, reverse=True)
        self.fields["tahun"].choices = [(year, str(year)) for year in years]
