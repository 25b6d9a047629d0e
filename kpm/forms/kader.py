"""Forms of the cadre register: cadre, deactivation, SK, training, working relation, import."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kelurahan.forms import DateInput, ScopedModelForm, digits_field
from kelurahan.imports import check_upload
from kelurahan.models import OPD, KelompokMasyarakat, Kelurahan, Lembaga, Official
from kelurahan.validators import clean_nik, normalize_phone

from ..models import SK, Kader, Pelatihan, Relasi

ORIGIN_LEMBAGA_KINDS = [
    Lembaga.Kind.POSYANDU,
    Lembaga.Kind.PAUD,
    Lembaga.Kind.PKK,
    Lembaga.Kind.LPM,
    Lembaga.Kind.KARANG_TARUNA,
    Lembaga.Kind.LAINNYA,
]


def _kelurahan_id(form: forms.ModelForm):
    return form.instance.kelurahan_id or form.data.get(form.add_prefix("kelurahan")) or None


class KaderForm(ScopedModelForm):
    nik = digits_field(_("NIK"), help_text=_("16 digit sesuai KTP."))

    class Meta:
        model = Kader
        fields = [
            "name",
            "nik",
            "sex",
            "birth_place",
            "birth_date",
            "education",
            "courses",
            "origin",
            "origin_lembaga",
            "origin_detail",
            "bidang",
            "address",
            "rw",
            "phone",
            "notes",
        ]
        widgets = {
            "birth_date": DateInput(),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "placeholder": "0812-3456-7890"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin_lembaga"].queryset = (
            Lembaga.objects.filter(kelurahan_id=_kelurahan_id(self), kind__in=ORIGIN_LEMBAGA_KINDS)
            .filter(Q(is_active=True) | Q(pk=self.instance.origin_lembaga_id))
            .order_by("kind", "name")
        )
        self.fields["origin_lembaga"].help_text = _(
            "Wajib untuk kader posyandu (pilih posyandunya) dan guru PAUD (pilih PAUD-nya)."
        )
        self.fields["phone"].max_length = 30
        self.fields["phone"].widget.attrs["maxlength"] = 30

    def clean_nik(self) -> str:
        return clean_nik(self.cleaned_data["nik"])

    def _get_validation_exclusions(self):
        # The one-active-cadre-per-NIK rule reads `is_active`, which is not a form field.
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("is_active")
        return exclusions

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data.get("phone", ""))


class KaderDeactivateForm(forms.ModelForm):
    """End a cadre's term: the date, and the SK or the reason that ended it."""

    class Meta:
        model = Kader
        fields = ["ended_on", "end_sk", "end_reason"]
        widgets = {"ended_on": DateInput()}
        labels = {"end_sk": _("SK yang mengakhiri masa bakti (jika ada)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].required = True
        self.fields["end_sk"].queryset = SK.objects.filter(
            kelurahan_id=self.instance.kelurahan_id
        ).order_by("-date")
        self.fields["end_reason"].help_text = _(
            "Misalnya: pindah domisili, mengundurkan diri, meninggal dunia, masa bakti habis."
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("end_sk") and not cleaned.get("end_reason"):
            raise ValidationError(_("Isi SK pemberhentian atau alasan berhenti kader."))
        self.instance.is_active = False
        return cleaned


class LurahChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Official) -> str:
        end = obj.end_date.strftime("%d-%m-%Y") if obj.end_date else _("sekarang")
        return f"{obj.name} ({obj.start_date:%d-%m-%Y} – {end})"


class SKForm(ScopedModelForm):
    class Meta:
        model = SK
        fields = [
            "kind",
            "number",
            "date",
            "title",
            "term_start",
            "term_end",
            "signatory",
            "scan",
            "kaders",
            "notes",
        ]
        field_classes = {"signatory": LurahChoiceField}
        widgets = {
            "date": DateInput(),
            "term_start": DateInput(),
            "term_end": DateInput(),
            "kaders": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 2}),
            "scan": forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kelurahan_id = _kelurahan_id(self)
        self.fields["signatory"].queryset = Official.objects.lurah().filter(
            kelurahan_id=kelurahan_id
        )
        self.fields["signatory"].required = True
        for name in ("term_start", "term_end"):
            self.fields[name].help_text = _("Wajib untuk SK pengangkatan.")
        current = [self.instance.pk] if self.instance.pk else []
        self.fields["kaders"].queryset = (
            Kader.objects.filter(kelurahan_id=kelurahan_id)
            .filter(Q(is_active=True) | Q(sks__pk__in=current))
            .distinct()
            .order_by("name")
        )
        self.fields["kaders"].help_text = _(
            "Centang kader yang diangkat atau diberhentikan SK ini."
        )
        if not self.instance.pk and kelurahan_id and not self.is_bound:
            lurah = Official.objects.current().lurah().filter(kelurahan_id=kelurahan_id)
            self.initial["signatory"] = lurah.values_list("pk", flat=True).first()

    def clean(self):
        cleaned = super().clean()
        kind, date, signer = cleaned.get("kind"), cleaned.get("date"), cleaned.get("signatory")
        if kind == SK.Kind.PENGANGKATAN:
            for name in ("term_start", "term_end"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("Wajib diisi untuk SK pengangkatan."))
            start, end = cleaned.get("term_start"), cleaned.get("term_end")
            if start and end and end <= start:
                self.add_error("term_end", _("Akhir masa bakti harus sesudah awal masa bakti."))
        if signer and date and not signer.in_office_on(date):
            self.add_error(
                "signatory",
                _("%(name)s tidak menjabat lurah pada tanggal SK.") % {"name": signer.name},
            )
        return cleaned

    def validate_constraints(self):
        # The term rule is reported on its fields by clean(); skip the duplicate form-level one.
        if self.cleaned_data.get("kind") == SK.Kind.PENGANGKATAN and (
            self.has_error("term_start") or self.has_error("term_end")
        ):
            return
        super().validate_constraints()


class PelatihanForm(ScopedModelForm):
    class Meta:
        model = Pelatihan
        fields = [
            "name",
            "organizer",
            "start_date",
            "end_date",
            "location",
            "hours",
            "participants",
            "notes",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "participants": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = [self.instance.pk] if self.instance.pk else []
        self.fields["participants"].queryset = (
            Kader.objects.filter(kelurahan_id=_kelurahan_id(self))
            .filter(Q(is_active=True) | Q(pelatihan_set__pk__in=current))
            .distinct()
            .order_by("name")
        )


class RelasiForm(forms.ModelForm):
    """A working relation of one cadre with one partner of the kind chosen in the URL."""

    class Meta:
        model = Relasi
        fields = [
            "official",
            "lembaga",
            "partner_kader",
            "kelompok",
            "opd",
            "nature",
            "activity",
            "start_date",
            "end_date",
            "notes",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, kader: Kader, partner_kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.kader = kader
        self.instance.partner_kind = partner_kind
        partner_field = Relasi.PARTNER_FIELD[partner_kind]
        for name in set(Relasi.PARTNER_FIELD.values()) - {partner_field}:
            del self.fields[name]
        field = self.fields[partner_field]
        field.required = True
        field.queryset = self._partners(kader, partner_kind)
        field.label = Relasi.PartnerKind(partner_kind).label
        self.partner_field = partner_field
        if not self.instance.pk:
            nature, activity = Relasi.PROPOSED[partner_kind]
            self.initial["nature"] = self.initial.get("nature") or nature
            self.initial["activity"] = self.initial.get("activity") or activity

    @staticmethod
    def _partners(kader: Kader, kind: str):
        kelurahan_id = kader.kelurahan_id
        if kind in (Relasi.PartnerKind.LURAH, Relasi.PartnerKind.KADER_TEKNIS):
            position = (
                Official.Position.LURAH
                if kind == Relasi.PartnerKind.LURAH
                else Official.Position.KADER_TEKNIS
            )
            return Official.objects.filter(kelurahan_id=kelurahan_id, position=position).order_by(
                "end_date", "name"
            )
        if kind == Relasi.PartnerKind.LEMBAGA:
            return Lembaga.objects.filter(kelurahan_id=kelurahan_id, is_active=True)
        if kind == Relasi.PartnerKind.KADER:
            return Kader.objects.filter(kelurahan_id=kelurahan_id, is_active=True).exclude(
                pk=kader.pk
            )
        if kind == Relasi.PartnerKind.KELOMPOK:
            return KelompokMasyarakat.objects.filter(kelurahan_id=kelurahan_id, is_active=True)
        kota_id = Kelurahan.objects.filter(pk=kelurahan_id).values("kecamatan__kota_id")
        return OPD.objects.filter(kota_id__in=kota_id)

    def clean(self):
        cleaned = super().clean()
        partner = cleaned.get(self.partner_field)
        if partner is not None:
            duplicate = (
                Relasi.objects.current()
                .filter(kader=self.instance.kader, **{self.partner_field: partner})
                .exclude(pk=self.instance.pk)
            )
            if duplicate.exists():
                self.add_error(
                    self.partner_field,
                    _("Hubungan kerja kader ini dengan mitra tersebut sudah tercatat."),
                )
        return cleaned


class KaderImportForm(forms.Form):
    kelurahan = forms.ModelChoiceField(label=_("Kelurahan"), queryset=Kelurahan.objects.none())
    file = forms.FileField(
        label=_("Berkas Excel (.xlsx)"),
        help_text=_("Gunakan templat yang dapat diunduh di halaman ini. Paling besar 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.kelurahan_id:
            del self.fields["kelurahan"]
            self.kelurahan = user.kelurahan
        else:
            self.fields["kelurahan"].queryset = Kelurahan.objects.for_user(user)
            self.kelurahan = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        if "kelurahan" in cleaned:
            self.kelurahan = cleaned["kelurahan"]
        return cleaned


class RelasiViewForm(forms.Form):
    """The options of the kelurahan's relations page."""

    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan"), queryset=Kelurahan.objects.none(), required=False
    )
    semua = forms.BooleanField(
        label=_("Tampilkan juga hubungan yang sudah selesai"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.kelurahan_id:
            del self.fields["kelurahan"]
        else:
            self.fields["kelurahan"].queryset = Kelurahan.objects.for_user(user)
