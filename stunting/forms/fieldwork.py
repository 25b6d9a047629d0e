"""Forms of the cadres' field work: families a cadre accompanies, home visits, and a KPM task
about a target."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelurahan.forms import DateInput, ScopedModelForm
from kpm.models import Kader, Tugas
from kpm.uploads import MAX_PHOTO_BYTES, check_photo

from .. import rules
from ..fieldwork import in_pregnancy
from ..models import Family, HomeVisit
from .monitoring import cadre_queryset, not_in_future

__all__ = ["AssignFamiliesForm", "HomeVisitForm", "TaskForTargetForm"]

TASK_DUE_DAYS = 7


class FamilyChoices(forms.ModelMultipleChoiceField):
    """Families as checkboxes: head of family, RW and the cadres who already accompany them
    (read from the prefetched `current_assignments`)."""

    widget = forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})

    def label_from_instance(self, family: Family) -> str:
        parts = [family.head_name]
        if family.rw_id:
            parts.append(str(family.rw))
        if family.address:
            parts.append(family.address)
        cadres = [a.kader.name for a in getattr(family, "current_assignments", [])]
        if cadres:
            parts.append(_("kader: %(names)s") % {"names": ", ".join(cadres)})
        return " · ".join(parts)


class AssignFamiliesForm(forms.Form):
    """Choose a cadre and the families of their kelurahan they accompany from now on."""

    instance = None  # not a model form: the form view shape reads `form.instance`

    kader = forms.ModelChoiceField(label=gettext_lazy("Kader pendamping"), queryset=None)
    families = FamilyChoices(
        label=gettext_lazy("Keluarga binaan"),
        queryset=None,
        error_messages={"required": gettext_lazy("Pilih paling sedikit satu keluarga.")},
    )
    started_on = forms.DateField(
        label=gettext_lazy("Mulai mendampingi"), widget=DateInput(), initial=timezone.localdate
    )

    def __init__(self, *args, kaders, families, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kader"].queryset = kaders
        self.fields["families"].queryset = families

    def clean_started_on(self):
        return not_in_future(self.cleaned_data["started_on"])

    def clean(self):
        cleaned = super().clean()
        kader, families = cleaned.get("kader"), cleaned.get("families")
        if kader and families and any(f.kelurahan_id != kader.kelurahan_id for f in families):
            self.add_error("families", _("Keluarga binaan harus dari kelurahan kader."))
        return cleaned


class HomeVisitForm(ScopedModelForm):
    """One home visit to one target; the view sets the instance's person (and kelurahan)."""

    foto = forms.FileField(
        label=gettext_lazy("Foto (tidak wajib)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    class Meta:
        model = HomeVisit
        fields = ["visit_date", "kader", "purpose", "pregnancy", "notes"]
        widgets = {"visit_date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.instance.person
        self.fields["kader"].queryset = cadre_queryset(person.kelurahan_id, self.instance.kader_id)
        pregnancies = person.pregnancies.order_by("-last_period_date", "-pk")
        if person.sex == "P" and not person.is_child:
            self.fields["pregnancy"].queryset = pregnancies
            self.fields["pregnancy"].label = _("Kehamilan (dihitung di formulir 2A)")
            self.fields["pregnancy"].label_from_instance = _pregnancy_label
        else:
            del self.fields["pregnancy"]
        limit = MAX_PHOTO_BYTES // 1024 // 1024
        self.fields["foto"].help_text = _("JPEG atau PNG, paling besar %(mb)d MB.") % {"mb": limit}

    def clean_visit_date(self):
        day = self.cleaned_data["visit_date"]
        birth = self.instance.person.birth_date
        error = rules.not_in_future(day)
        if not error and birth and day < birth:
            error = _("Tanggal kunjungan tidak boleh sebelum tanggal lahir sasaran.")
        if error:
            raise forms.ValidationError(error)
        return day

    def clean_foto(self):
        upload = self.cleaned_data.get("foto")
        if upload:
            check_photo(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        pregnancy, day = cleaned.get("pregnancy"), cleaned.get("visit_date")
        if pregnancy and day and not in_pregnancy(pregnancy, day):
            self.add_error(
                "visit_date",
                _("Tanggal ini di luar masa kehamilan dan nifas (42 hari) kehamilan yang dipilih."),
            )
        return cleaned


def _pregnancy_label(pregnancy) -> str:
    number = pregnancy.pregnancy_number or "?"
    due = pregnancy.expected_delivery_date
    text = _("Kehamilan ke-%(n)s") % {"n": number}
    if due:
        text += " · " + _("HPL %(date)s") % {"date": due.strftime("%d/%m/%Y")}
    return text


class TaskForTargetForm(ScopedModelForm):
    """A KPM task about a target: what, which duty, by when, which cadres."""

    kaders = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Kader pelaksana"),
        queryset=Kader.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Tugas
        fields = ["title", "duty", "due_date", "description"]
        widgets = {"due_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kaders"].queryset = cadre_queryset(self.instance.kelurahan_id)

    def clean_due_date(self):
        day = self.cleaned_data["due_date"]
        if day < timezone.localdate() - datetime.timedelta(days=365):
            raise forms.ValidationError(_("Batas waktu terlalu jauh di masa lalu."))
        return day
