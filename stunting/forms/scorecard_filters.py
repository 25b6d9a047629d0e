"""The scorecard pages' two GET forms: the quarter chooser and the recap filters. Each carries
the other's values as hidden fields, so that choosing one keeps the other."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelurahan.params import YEARS

from ..models import Person

BLANK = "---------"
FILTERS = ("rw", "posyandu", "sex", "penduduk")


def _hidden() -> forms.CharField:
    return forms.CharField(required=False, widget=forms.HiddenInput)


class ScorecardFilterForm(forms.Form):
    """RW and posyandu of the kelurahan, sex, resident or not; the quarter and kelurahan ride
    along hidden."""

    rw = forms.TypedChoiceField(label=_("RW"), required=False, coerce=int, empty_value=None)
    posyandu = forms.TypedChoiceField(
        label=_("Posyandu"), required=False, coerce=int, empty_value=None
    )
    sex = forms.ChoiceField(
        label=_("Jenis kelamin"), required=False, choices=[("", BLANK), *Person.Sex.choices]
    )
    penduduk = forms.TypedChoiceField(
        label=_("Penduduk"),
        required=False,
        choices=[("", BLANK), ("1", _("Penduduk kelurahan")), ("0", _("Non-penduduk"))],
        coerce=lambda value: value == "1",
        empty_value=None,
    )
    tahun = _hidden()
    triwulan = _hidden()
    kelurahan = _hidden()

    def __init__(self, data, *, rws, posyandus):
        super().__init__(data)
        self.fields["rw"].choices = [("", BLANK), *((rw.pk, str(rw)) for rw in rws)]
        self.fields["posyandu"].choices = [("", BLANK), *((p.pk, p.name) for p in posyandus)]

    def valid_params(self) -> dict[str, str]:
        """The filters that hold a valid value, as query parameters (a hostile one is dropped)."""
        self.is_valid()
        return {
            name: self.data[name]
            for name in FILTERS
            if self.cleaned_data.get(name) not in (None, "")
        }

    def engine_filters(self) -> dict:
        """The filters as `QuarterResult.filtered` takes them."""
        data = self.cleaned_data
        return {
            "rw_id": data.get("rw"),
            "posyandu_id": data.get("posyandu"),
            "sex": data.get("sex") or "",
            "resident": data.get("penduduk"),
        }


class QuarterForm(forms.Form):
    """Year and quarter; the kelurahan and the filters ride along hidden."""

    tahun = forms.IntegerField(
        label=_("Tahun"), required=False, min_value=YEARS.start, max_value=YEARS.stop - 1
    )
    triwulan = forms.ChoiceField(
        label=_("Triwulan"), required=False, choices=[(str(n), f"K{n}") for n in range(1, 5)]
    )
    kelurahan = _hidden()
    rw = _hidden()
    posyandu = _hidden()
    sex = _hidden()
    penduduk = _hidden()
