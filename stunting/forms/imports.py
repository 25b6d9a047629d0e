"""The upload form of the .xlsx imports."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from kelurahan.imports import check_upload
from kelurahan.models import Kelurahan

__all__ = ["ImportForm"]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas Excel (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.kelurahan_id:
            self.fields["kelurahan"] = forms.ModelChoiceField(
                label=gettext_lazy("Kelurahan"), queryset=Kelurahan.objects.for_user(user)
            )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload

    @property
    def kelurahan(self):
        return self.cleaned_data.get("kelurahan") or self.user.kelurahan
