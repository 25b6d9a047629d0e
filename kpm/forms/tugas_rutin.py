"""The form of a monthly task template (tugas rutin)."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kelurahan.forms import MonthInput, ScopedModelForm
from kelurahan.params import parse_id

from ..models import Kader, Program, TugasRutin

MONTH_FORMATS = ["%Y-%m", "%m/%Y", "%m-%Y", "%Y-%m-%d"]


class MonthField(forms.DateField):
    """A month (`<input type=month>`), kept as its first day. Browsers without a month picker
    show a text box: "2025-01" and "01/2025" are read too."""

    widget = MonthInput
    input_formats = MONTH_FORMATS
    default_error_messages = {
        "invalid": _("Isi bulan seperti 2025-01 (tahun-bulan)."),
    }

    def to_python(self, value) -> datetime.date | None:
        day = super().to_python(value)
        return day.replace(day=1) if day else None


class TugasRutinForm(ScopedModelForm):
    start_month = MonthField(label=_("Mulai bulan"))
    end_month = MonthField(
        label=_("Sampai bulan"),
        required=False,
        help_text=_("Kosongkan bila tugas ini berulang terus."),
    )
    due_day = forms.IntegerField(
        label=_("Batas waktu tiap bulan (tanggal)"),
        min_value=1,
        max_value=28,
        help_text=_("Tanggal 1-28 setiap bulan."),
    )

    class Meta:
        model = TugasRutin
        fields = [
            "title",
            "duty",
            "stage",
            "paket",
            "program",
            "kaders",
            "due_day",
            "start_month",
            "end_month",
            "is_active",
            "description",
        ]
        widgets = {
            "kaders": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kelurahan_id = self.instance.kelurahan_id or parse_id(
            self.data.get(self.add_prefix("kelurahan"))
        )
        current = [self.instance.pk] if self.instance.pk else []
        self.fields["kaders"].queryset = (
            Kader.objects.filter(kelurahan_id=kelurahan_id or None)
            .filter(Q(is_active=True) | Q(task_templates__pk__in=current))
            .distinct()
            .order_by("name")
        )
        self.fields["program"].queryset = Program.objects.filter(
            kelurahan_id=kelurahan_id or None
        ).order_by("-start_date")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_month"), cleaned.get("end_month")
        if start and end and end < start:
            self.add_error(
                "end_month", ValidationError(_("Bulan akhir tidak boleh sebelum bulan mulai."))
            )
        return cleaned
