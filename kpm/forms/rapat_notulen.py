"""Forms of what a meeting produced: minutes (notulen), decisions, follow-ups (tindak lanjut)
and documentation photos."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelurahan.forms import DateInput, LabelledInlineFormSet, inline_rows
from kelurahan.models import Official

from ..models import (
    Kader,
    Rapat,
    RapatAgenda,
    RapatKeputusan,
    RapatTindakLanjut,
)
from ..uploads import MAX_PHOTO_BYTES, check_photo
from .rapat import OrderInput


class RapatMinutesForm(forms.ModelForm):
    class Meta:
        model = Rapat
        fields = ["minutes", "minute_taker_name", "minute_taker_position"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 8})}


class AgendaDiscussionForm(forms.ModelForm):
    class Meta:
        model = RapatAgenda
        fields = ["order", "title", "discussion"]
        widgets = {"order": OrderInput(), "discussion": forms.Textarea(attrs={"rows": 4})}


AgendaDiscussionFormSet = inline_rows(Rapat, RapatAgenda, AgendaDiscussionForm, extra=1)


class KeputusanForm(forms.ModelForm):
    class Meta:
        model = RapatKeputusan
        fields = ["order", "text"]
        widgets = {"order": OrderInput(), "text": forms.Textarea(attrs={"rows": 2})}


KeputusanFormSet = inline_rows(Rapat, RapatKeputusan, KeputusanForm, extra=2)


class TindakLanjutForm(forms.ModelForm):
    class Meta:
        model = RapatTindakLanjut
        fields = [
            "description",
            "assignee_kader",
            "assignee_official",
            "assignee_name",
            "due_date",
            "status",
            "done_on",
            "notes",
        ]
        widgets = {"due_date": DateInput(), "done_on": DateInput()}
        labels = {
            "assignee_kader": _("Kader"),
            "assignee_official": _("Pejabat/tokoh"),
            "assignee_name": _("Lainnya"),
        }
        help_texts = {"assignee_name": ""}

    def __init__(self, *args, rapat: Rapat, kader_choices, official_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.rapat = rapat
        self.fields["assignee_kader"].queryset = kader_choices
        self.fields["assignee_official"].queryset = official_choices

    def clean(self):
        cleaned = super().clean()
        kader, official = cleaned.get("assignee_kader"), cleaned.get("assignee_official")
        if kader and official:  # marked on the second choice, said once
            self.add_error(
                "assignee_official",
                _("Pilih satu penanggung jawab saja: kader atau pejabat/tokoh."),
            )
            return cleaned
        if not (kader or official or cleaned.get("assignee_name")):
            self.add_error("assignee_name", _("Isi siapa penanggung jawabnya."))
        if cleaned.get("status") == RapatTindakLanjut.Status.SELESAI and not cleaned.get("done_on"):
            cleaned["done_on"] = timezone.localdate()
        if kader or official:
            cleaned["assignee_name"] = ""
        self.instance.kelurahan = (
            kader.kelurahan if kader else official.kelurahan if official else self.rapat.kelurahan
        )
        return cleaned


class _TindakLanjutBaseFormSet(LabelledInlineFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rapat = self.instance
        # The people who can take a follow-up: the invited cadres and officials.
        self.kader_choices = Kader.objects.filter(rapat_peserta__rapat=rapat).order_by("name")
        self.official_choices = Official.objects.filter(rapat_peserta__rapat=rapat).order_by("name")
        # Evaluate once for every row of the formset.
        self.kader_choices = _cached(self.kader_choices)
        self.official_choices = _cached(self.official_choices)

    def get_form_kwargs(self, index):
        return {
            **super().get_form_kwargs(index),
            "rapat": self.instance,
            "kader_choices": self.kader_choices,
            "official_choices": self.official_choices,
        }


def _cached(queryset):
    """A queryset whose rows are fetched once, however many select boxes render it."""
    queryset._fetch_all()
    return queryset


TindakLanjutFormSet = inline_rows(
    Rapat, RapatTindakLanjut, TindakLanjutForm, extra=2, formset=_TindakLanjutBaseFormSet
)


class TindakLanjutStatusForm(forms.ModelForm):
    class Meta:
        model = RapatTindakLanjut
        fields = ["status", "notes"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == RapatTindakLanjut.Status.SELESAI:
            self.instance.done_on = self.instance.done_on or timezone.localdate()
        else:
            self.instance.done_on = None
        return cleaned


class FotoForm(forms.Form):
    image = forms.FileField(
        label=_("Foto (JPEG atau PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    caption = forms.CharField(label=_("Keterangan foto"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted here, in the request's language (at import time it would stay Indonesian).
        limit = MAX_PHOTO_BYTES // 1024 // 1024
        self.fields["image"].help_text = _("Paling besar %(mb)d MB.") % {"mb": limit}

    def clean_image(self):
        upload = self.cleaned_data["image"]
        check_photo(upload)
        return upload
