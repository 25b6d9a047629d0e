"""Forms of KPM tasks: the task, a progress note with its evidence, a change of status."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelurahan.forms import DateInput, ScopedModelForm
from kelurahan.models import NOTES_MAX_LENGTH, Lembaga

from ..models import Program, Tugas
from ..uploads import MAX_PDF_BYTES, MAX_PHOTO_BYTES
from .program import kader_choices, kelurahan_id_of, opd_choices


class TugasForm(ScopedModelForm):
    class Meta:
        model = Tugas
        fields = [
            "title",
            "description",
            "duty",
            "stage",
            "paket",
            "program",
            "due_date",
            "kaders",
            "partner_lembaga",
            "partner_opd",
        ]
        widgets = {
            "due_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "kaders": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kelurahan_id = kelurahan_id_of(self)
        chosen = list(self.instance.kaders.values_list("pk", flat=True)) if self.instance.pk else []
        self.fields["kaders"].queryset = kader_choices(kelurahan_id, current=chosen)
        self.fields["kaders"].help_text = _("Centang kader yang mengerjakan tugas ini.")
        self.fields["partner_lembaga"].queryset = Lembaga.objects.filter(
            kelurahan_id=kelurahan_id
        ).order_by("kind", "name")
        self.fields["partner_opd"].queryset = opd_choices(kelurahan_id)
        self.fields["program"].queryset = Program.objects.filter(
            kelurahan_id=kelurahan_id
        ).order_by("-start_date", "name")


class TugasCatatanForm(forms.Form):
    """A progress note, typed on a phone, with an optional photo or PDF as evidence (checked
    by the service, which reads the file's content)."""

    note = forms.CharField(
        label=_("Catatan kemajuan"),
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    kader = forms.ModelChoiceField(label=_("Kader"), queryset=None, required=False)
    attachment = forms.FileField(
        label=_("Bukti (foto atau PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )

    def __init__(self, *args, tugas: Tugas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kader"].queryset = tugas.kaders.order_by("name")
        self.fields["attachment"].help_text = _(
            "Foto JPEG/PNG paling besar %(photo)d MB, atau PDF paling besar %(pdf)d MB."
        ) % {"photo": MAX_PHOTO_BYTES // 1024 // 1024, "pdf": MAX_PDF_BYTES // 1024 // 1024}


class TugasStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Tugas.Status.choices)
