"""Forms of a quarter's report: its meta facts, and the reason for reopening it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelurahan.forms import DateInput, ScopedModelForm
from kelurahan.models.base import limit_text
from kpm.models import Rapat

from ..models import QuarterReport
from ..models.scorecard import REASON_MAX_LENGTH

__all__ = ["QuarterNotesForm", "ReopenForm"]


class QuarterNotesForm(ScopedModelForm):
    """Rembuk stunting, partners and notes of the quarter: a meeting only of the kelurahan's
    own (hosted or joined)."""

    class Meta:
        model = QuarterReport
        fields = ["rembuk_held_on", "rembuk_rapat", "partners", "notes"]
        widgets = {
            "rembuk_held_on": DateInput(),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rembuk_rapat"].queryset = Rapat.objects.for_kelurahan(
            self.instance.kelurahan_id
        ).order_by("-starts_at", "-pk")


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan membuka kembali"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib diisi; disimpan dalam riwayat triwulan ini."),
        error_messages={"required": _("Tuliskan alasan membuka kembali triwulan ini.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_text(self.fields["reason"], REASON_MAX_LENGTH)
