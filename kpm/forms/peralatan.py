"""The form of one piece of equipment (or stock) of a posyandu, PAUD or institution."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelurahan.forms import DateInput, ScopedModelForm
from kelurahan.models import Lembaga
from kelurahan.params import parse_id

from ..models import Kader, Peralatan, Realisasi
from ..services_anggaran import rupiah

ONE_HOLDER = _("Pilih kader pemegang atau tulis nama pemegang lain, tidak keduanya.")


class SpendingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Realisasi) -> str:
        return f"{obj.spent_on:%d-%m-%Y} · {obj.purpose} · {rupiah(obj.amount)}"


class PeralatanForm(ScopedModelForm):
    class Meta:
        model = Peralatan
        fields = [
            "lembaga",
            "kind",
            "name",
            "quantity",
            "condition",
            "last_checked_on",
            "holder_kader",
            "holder_name",
            "acquired_with",
            "notes",
        ]
        field_classes = {"acquired_with": SpendingChoiceField}
        widgets = {"last_checked_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "lembaga": _("Kosongkan bila peralatan milik kantor kelurahan."),
            "last_checked_on": _(
                "Untuk dacin dan timbangan: tanggal kalibrasi terakhir. Kosongkan bila belum "
                "pernah diperiksa."
            ),
            "holder_name": _("Bila pemegangnya bukan kader KPM (misalnya bidan atau ketua RW)."),
            "quantity": _("Untuk stok KMS/buku KIA: jumlah buku yang tersedia."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A user of several kelurahan picks one in the form: its choices follow the posted one.
        kelurahan_id = self.instance.kelurahan_id or parse_id(
            self.data.get(self.add_prefix("kelurahan"))
        )
        instance = self.instance
        self.fields["lembaga"].queryset = (
            Lembaga.objects.filter(kelurahan_id=kelurahan_id)
            .filter(Q(is_active=True) | Q(pk=instance.lembaga_id))
            .order_by("kind", "name")
        )
        self.fields["holder_kader"].queryset = (
            Kader.objects.filter(kelurahan_id=kelurahan_id)
            .filter(Q(is_active=True) | Q(pk=instance.holder_kader_id))
            .order_by("name")
        )
        self.fields["acquired_with"].queryset = (
            Realisasi.objects.filter(kelurahan_id=kelurahan_id, reverses__isnull=True)
            .filter(Q(status__in=Realisasi.COUNTED) | Q(pk=instance.acquired_with_id))
            .order_by("-spent_on", "-pk")
        )
        self.fields["acquired_with"].help_text = _(
            "Bila dibeli dari anggaran KPM: pilih belanjanya."
        )

    def clean_last_checked_on(self):
        checked = self.cleaned_data.get("last_checked_on")
        if checked and checked > timezone.localdate():
            raise forms.ValidationError(_("Tanggal pemeriksaan tidak boleh sesudah hari ini."))
        return checked

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("holder_kader") and cleaned.get("holder_name"):
            self.add_error("holder_name", ONE_HOLDER)
        return cleaned
