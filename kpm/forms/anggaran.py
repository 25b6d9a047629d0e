"""Forms of the KPM's financing: funding source, budget line, spending (with its receipt) and
the lurah's reason (for an overspend or a correction). Amounts are whole Rupiah (RupiahField)."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kelurahan.forms import DateInput, RupiahField, ScopedModelForm
from kelurahan.params import YEARS

from ..models import PosAnggaran, Program, Rapat, Realisasi, SumberDana, Tugas
from ..uploads import MAX_PDF_BYTES, MAX_PHOTO_BYTES


class SumberDanaForm(ScopedModelForm):
    year = forms.IntegerField(
        label=_("Tahun anggaran"), min_value=YEARS.start, max_value=YEARS.stop - 1
    )
    amount = RupiahField(label=_("Jumlah (Rp)"), help_text=_("Rupiah utuh, misalnya 25.000.000."))

    class Meta:
        model = SumberDana
        fields = ["year", "kind", "name", "amount", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class PosAnggaranForm(forms.ModelForm):
    """A budget line: its kelurahan and year are its source's (see `save_line`)."""

    amount = RupiahField(label=_("Alokasi (Rp)"), help_text=_("Rupiah utuh, misalnya 5.000.000."))

    class Meta:
        model = PosAnggaran
        fields = ["source", "name", "activity", "amount", "is_stunting_specific", "paket"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        sources = SumberDana.objects.for_user(user).select_related("kelurahan")
        if self.instance.kelurahan_id:
            sources = sources.filter(kelurahan_id=self.instance.kelurahan_id)
        self.fields["source"].queryset = sources.order_by("-year", "name")
        if not user.kelurahan_id:
            self.fields["source"].label_from_instance = lambda s: f"{s} — {s.kelurahan.name}"

    def clean(self):
        cleaned = super().clean()
        source = cleaned.get("source")
        if source is not None:  # so that the duplicate-name check reads the right year
            self.instance.kelurahan_id, self.instance.year = source.kelurahan_id, source.year
        return cleaned

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        if self.instance.kelurahan_id and self.instance.year:  # from the source: unique per year
            exclusions.discard("kelurahan")
            exclusions.discard("year")
        return exclusions


PAID_FOR = ("rapat", "program", "tugas", "is_incentive_payout")


class RealisasiForm(forms.ModelForm):
    """A spending on one of the year's lines of the user's kelurahan, with what it paid for and
    its receipt (checked by its content when saved: `save_spending`)."""

    amount = RupiahField(
        label=_("Jumlah (Rp)"), min_value=1, help_text=_("Rupiah utuh, misalnya 350.000.")
    )
    upload = forms.FileField(
        label=_("Kuitansi/bukti (foto atau PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )

    class Meta:
        model = Realisasi
        fields = [
            "line",
            "spent_on",
            "amount",
            "purpose",
            "rapat",
            "program",
            "tugas",
            "is_incentive_payout",
        ]
        widgets = {"spent_on": DateInput()}

    def __init__(self, *args, user, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        lines = PosAnggaran.objects.for_user(user).in_year(year).select_related("kelurahan")
        self.fields["line"].queryset = lines.order_by("name")
        if not user.kelurahan_id:
            self.fields["line"].label_from_instance = lambda line: f"{line} — {line.kelurahan.name}"
        rapat = Rapat.objects.for_user(user).filter(starts_at__year=year).order_by("-starts_at")
        self.fields["rapat"].queryset = rapat
        self.fields["rapat"].label_from_instance = lambda r: f"{r.starts_at:%d/%m/%Y} — {r.title}"
        started = Q(start_date__year__lte=year)
        running = Q(end_date__isnull=True) | Q(end_date__year__gte=year)
        self.fields["program"].queryset = (
            Program.objects.for_user(user).filter(started & running).order_by("name")
        )
        self.fields["tugas"].queryset = (
            Tugas.objects.for_user(user).filter(due_date__year=year).order_by("-due_date")
        )
        limits = {"photo": MAX_PHOTO_BYTES // 1024 // 1024, "pdf": MAX_PDF_BYTES // 1024 // 1024}
        self.fields["upload"].help_text = (
            _(
                "Foto JPEG/PNG (paling besar %(photo)d MB) atau PDF (paling besar %(pdf)d MB). "
                "Isi berkas diperiksa."
            )
            % limits
        )
        if self.instance.receipt:
            self.fields["upload"].label = _("Ganti kuitansi/bukti")

    def clean(self):
        cleaned = super().clean()
        chosen = [name for name in PAID_FOR if cleaned.get(name)]
        if len(chosen) > 1:
            raise forms.ValidationError(
                _("Pilih salah satu saja: rapat, program, tugas, atau pembayaran insentif kader.")
            )
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Tulis alasannya."))
        return reason
