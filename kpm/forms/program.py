"""Forms of empowerment programmes: the programme itself and the day it entered a stage."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelurahan.forms import DateInput, ScopedModelForm
from kelurahan.models import OPD, KelompokMasyarakat, Lembaga

from ..models import Kader, Program, Tahap


def kelurahan_id_of(form: forms.ModelForm):
    """The kelurahan a scoped form's row belongs to (set, or chosen in the form by an admin)."""
    return form.instance.kelurahan_id or form.data.get(form.add_prefix("kelurahan")) or None


def kader_choices(kelurahan_id, *, current=()):
    """Active cadres of the kelurahan, and those already chosen (`current` ids)."""
    return (
        Kader.objects.filter(kelurahan_id=kelurahan_id)
        .filter(Q(is_active=True) | Q(pk__in=list(current)))
        .order_by("name")
    )


def opd_choices(kelurahan_id):
    """The service agencies of the kelurahan's city."""
    return OPD.objects.filter(kota__kecamatan_set__kelurahan_set__pk=kelurahan_id).order_by(
        "kind", "name"
    )


class ProgramForm(ScopedModelForm):
    class Meta:
        model = Program
        fields = [
            "name",
            "aims",
            "paket",
            "start_date",
            "end_date",
            "budget_line",
            "facilitators",
            "partner_lembaga",
            "partner_opd",
            "partner_kelompok",
            "notes",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "aims": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "facilitators": forms.CheckboxSelectMultiple,
            "partner_lembaga": forms.CheckboxSelectMultiple,
            "partner_opd": forms.CheckboxSelectMultiple,
            "partner_kelompok": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kelurahan_id = kelurahan_id_of(self)
        chosen = (
            list(self.instance.facilitators.values_list("pk", flat=True))
            if self.instance.pk
            else []
        )
        self.fields["facilitators"].queryset = kader_choices(kelurahan_id, current=chosen)
        self.fields["partner_lembaga"].queryset = Lembaga.objects.filter(
            kelurahan_id=kelurahan_id
        ).order_by("kind", "name")
        self.fields["partner_kelompok"].queryset = KelompokMasyarakat.objects.filter(
            kelurahan_id=kelurahan_id
        ).order_by("name")
        self.fields["partner_opd"].queryset = opd_choices(kelurahan_id)


class ProgramTahapForm(forms.Form):
    """The programme entered a stage on a day (posted from the programme's page)."""

    stage = forms.ChoiceField(label=_("Tahap"), choices=Tahap.choices)
    started_on = forms.DateField(label=_("Mulai tanggal"), widget=DateInput())
    note = forms.CharField(label=_("Catatan"), max_length=255, required=False)

    def __init__(self, *args, program: Program, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        if not self.is_bound:
            self.initial.setdefault("started_on", timezone.localdate())
            values = list(Tahap.values)  # the stage after the current one
            position = values.index(program.stage) if program.stage in values else -1
            self.initial.setdefault("stage", values[min(position + 1, len(values) - 1)])

    def clean_started_on(self):
        day = self.cleaned_data["started_on"]
        if day < self.program.start_date:
            raise forms.ValidationError(_("Tanggal tahap tidak boleh sebelum program dimulai."))
        return day
