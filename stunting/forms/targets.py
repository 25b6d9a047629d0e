"""Forms of the register: families, children, adults (mothers) and pregnancies."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelurahan.forms import ChildSelect, DateInput, ScopedModelForm, digits_field
from kelurahan.models import RT, Lembaga
from kelurahan.validators import clean_nik, nik_mismatches, validate_nik

from .. import ages, services
from ..models import Family, Person, Pregnancy

__all__ = ["FamilyForm", "ChildForm", "AdultForm", "PregnancyForm", "FAMILY_FACTS"]

# The family's yes / no / unknown facts, in the form's order (an import leaves them unknown).
FAMILY_FACTS = [
    "has_kk",
    "has_ktp",
    "stopped_open_defecation",
    "family_assistance",
    "receives_pkh",
    "receives_bpnt",
    "receives_blt",
    "at_risk",
]


class FamilyForm(ScopedModelForm):
    kk_number = digits_field(
        gettext_lazy("Nomor KK"), help_text=gettext_lazy("16 digit, jika ada."), required=False
    )

    class Meta:
        model = Family
        fields = [
            "head_name",
            "kk_number",
            "address",
            "rw",
            "rt",
            "posyandu",
            "is_resident",
            *FAMILY_FACTS,
            "notes",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 2}),
            "rt": ChildSelect(filter_by="id_rw", parent_attr="rw_id"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kelurahan_id = self.instance.kelurahan_id or self.data.get(self.add_prefix("kelurahan"))
        self.fields["rt"].queryset = RT.objects.filter(
            rw__kelurahan_id=kelurahan_id or None
        ).select_related("rw")
        self.fields["posyandu"].queryset = Lembaga.objects.filter(
            kelurahan_id=kelurahan_id or None, kind=Lembaga.Kind.POSYANDU, is_active=True
        )

    def clean_kk_number(self):
        value = "".join(self.cleaned_data["kk_number"].split())
        if value and (not value.isascii() or not value.isdigit() or len(value) != 16):
            raise ValidationError(_("Nomor KK harus 16 digit angka."))
        return value

    def clean(self):
        cleaned = super().clean()
        rw, rt = cleaned.get("rw"), cleaned.get("rt")
        if rt and rw and rt.rw_id != rw.pk:
            self.add_error("rt", _("RT ini bukan bagian dari RW yang dipilih."))
        elif rt and not rw:
            cleaned["rw"] = rt.rw
        return cleaned


class PersonFormBase(ScopedModelForm):
    """Shared by the child and adult forms: NIK rules and the duplicate warning.

    A likely duplicate (the same NIK, or the same name, birth date and mother) is not refused:
    the form shows the matches and asks the user to confirm that this is another person.
    """

    confirm_field = "confirm_duplicate"

    class Meta:
        model = Person
        fields = ["name", "nik", "sex", "birth_date"]  # first in every person form
        widgets = {"birth_date": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}

    nik = digits_field(
        gettext_lazy("NIK"),
        help_text=gettext_lazy("Boleh kosong, misalnya bayi yang belum punya NIK."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.data.get(self.add_prefix(self.confirm_field)):
            self.fields[self.confirm_field] = self._confirm_field()

    @staticmethod
    def _confirm_field() -> forms.BooleanField:
        return forms.BooleanField(
            label=gettext_lazy("Sudah saya periksa: ini orang yang berbeda, tetap simpan."),
            required=False,
        )

    def clean_nik(self):
        value = clean_nik(self.cleaned_data["nik"])
        if value:
            validate_nik(value)
        return value

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        if value and value > timezone.localdate():
            raise ValidationError(_("Tanggal lahir tidak boleh di masa depan."))
        return value

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean(self):
        cleaned = super().clean()
        nik = cleaned.get("nik")
        if nik and "sex" in cleaned:
            for field, error in nik_mismatches(
                nik, birth_date=cleaned.get("birth_date"), sex=cleaned["sex"]
            ).items():
                self.add_error(field, error)
        if not self.errors:
            self._check_duplicates(cleaned)
        return cleaned

    def _check_duplicates(self, cleaned) -> None:
        if cleaned.get(self.confirm_field):
            return
        probe = Person(
            pk=self.instance.pk,
            name=cleaned.get("name", ""),
            nik=cleaned.get("nik", ""),
            birth_date=cleaned.get("birth_date"),
            mother=cleaned.get("mother", self.instance.mother if self.instance.pk else None),
        )
        kelurahan_id = self.instance.kelurahan_id
        here = list(
            Person.objects.filter(kelurahan_id=kelurahan_id)
            .likely_duplicates_of(probe)
            .select_related("family")[:5]
        )
        elsewhere = (
            probe.nik
            and Person.objects.exclude(kelurahan_id=kelurahan_id).filter(nik=probe.nik).exists()
        )
        if not here and not elsewhere:
            return
        self.fields[self.confirm_field] = self._confirm_field()
        items = format_html_join(
            "",
            '<li><a href="{}" target="_blank">{}</a> ({}, {})</li>',
            (
                (
                    p.get_absolute_url(),
                    p.name,
                    date_format(p.birth_date, "j M Y") if p.birth_date else "–",
                    p.family,
                )
                for p in here
            ),
        )
        message = _(
            "Kemungkinan data ganda: sasaran dengan NIK yang sama, atau nama, tanggal "
            "lahir dan ibu yang sama, sudah terdaftar."
        )
        if elsewhere:
            message += " " + _("NIK ini juga terdaftar di kelurahan lain.")
        self.duplicate_matches = items
        self.add_error(
            self.confirm_field,
            message + " " + _("Periksa, lalu centang kotak ini jika memang orang yang berbeda."),
        )


class ChildForm(PersonFormBase):
    class Meta(PersonFormBase.Meta):
        fields = [
            *PersonFormBase.Meta.fields,
            "mother",
            "family_role",
            "is_resident",
            "birth_weight_kg",
            "birth_length_cm",
            "has_birth_certificate",
            "birth_certificate_number",
            "paud",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        family_id = self.instance.family_id
        mothers = Person.objects.filter(family_id=family_id, sex=Person.Sex.PEREMPUAN)
        if self.instance.pk:
            mothers = mothers.exclude(pk=self.instance.pk)
        self.fields["mother"].queryset = mothers
        self.fields["mother"].help_text = _(
            "Pilih dari anggota keluarga ini. Daftarkan ibu sebagai anggota keluarga lebih dulu."
        )
        self.fields["birth_date"].required = True
        self.fields["paud"].queryset = Lembaga.objects.filter(
            kelurahan_id=self.instance.kelurahan_id, kind=Lembaga.Kind.PAUD, is_active=True
        )
        if not self.instance.pk:
            self.initial.setdefault("family_role", Person.FamilyRole.ANAK)

    def clean_birth_date(self):
        value = super().clean_birth_date()
        if value and ages.age_months(value, timezone.localdate()) > ages.FORM_2C_MONTHS[1]:
            raise ValidationError(
                _("Anak sasaran berumur di bawah 7 tahun. Daftarkan orang dewasa sebagai anggota.")
            )
        outside = services.records_outside_age(self.instance, value) if value else []
        if outside:
            raise ValidationError(
                _(
                    "Dengan tanggal lahir ini, umur anak pada %(record)s di luar rentang umur "
                    "formulirnya. Periksa tanggal lahir, atau perbaiki catatan itu lebih dulu."
                )
                % {"record": outside[0]}
            )
        return value


class AdultForm(PersonFormBase):
    """A family member who is not a child target: a mother, father, or a future group."""

    class Meta(PersonFormBase.Meta):
        fields = [
            *PersonFormBase.Meta.fields,
            "family_role",
            "is_resident",
            "phone",
            "notes",
        ]

    def __init__(self, *args, women_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if women_only:
            self.fields["sex"].choices = [
                c for c in self.fields["sex"].choices if c[0] == Person.Sex.PEREMPUAN
            ]
            self.initial["sex"] = Person.Sex.PEREMPUAN
            self.initial.setdefault("family_role", Person.FamilyRole.ISTRI)


class PregnancyForm(ScopedModelForm):
    class Meta:
        model = Pregnancy
        fields = [
            "pregnancy_number",
            "last_period_date",
            "expected_delivery_date",
            "status",
            "muac_cm",
            "hb",
            "delivered_on",
            "outcome",
            "postpartum_family_planning",
            "notes",
        ]
        widgets = {
            "last_period_date": DateInput(),
            "expected_delivery_date": DateInput(),
            "delivered_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        lmp = cleaned.get("last_period_date")
        expected = cleaned.get("expected_delivery_date")
        if lmp and lmp > today:
            self.add_error("last_period_date", _("HPHT tidak boleh di masa depan."))
        elif lmp and lmp < today - datetime.timedelta(days=3 * 365):
            self.add_error("last_period_date", _("HPHT terlalu lama. Periksa kembali tanggalnya."))
        elif lmp and not expected:
            cleaned["expected_delivery_date"] = lmp + datetime.timedelta(days=280)
        if expected and not (
            today - datetime.timedelta(days=3 * 365) <= expected <= today + datetime.timedelta(300)
        ):
            self.add_error(
                "expected_delivery_date",
                _("Hari perkiraan lahir tidak masuk akal. Periksa kembali tanggalnya."),
            )
        delivered = cleaned.get("delivered_on")
        if delivered and delivered > today:
            self.add_error("delivered_on", _("Tanggal melahirkan tidak boleh di masa depan."))
        if delivered and not cleaned.get("outcome"):
            self.add_error(
                "outcome", _("Isi hasil persalinan untuk kehamilan yang sudah berakhir.")
            )
        return cleaned

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        if self.instance.person_id:
            exclusions.discard("person")  # one ongoing pregnancy per woman
        return exclusions
