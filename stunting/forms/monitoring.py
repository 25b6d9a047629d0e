"""Forms of the monthly monitoring: measurement, 2A, 2B and 2C.

The view gives each form an instance whose target (person or pregnancy) and kelurahan are
set. The month, the age at the visit and the stage are computed from the visit date before the
database constraints are checked, so that a second record for the same target and month is a
form error in Indonesian, not a database error.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelurahan.forms import DateInput, ScopedModelForm
from kelurahan.models import Lembaga
from kpm.models import Kader

from .. import ages, rules, services
from ..models import ChildMonth, Measurement, PaudMonth, PregnancyMonth
from ..models.measurement import HEIGHT_RANGE_CM, WEIGHT_RANGE_KG
from .logged_visits import LoggedVisitsMixin

__all__ = [
    "MeasurementForm",
    "ChildMonthForm",
    "PaudMonthForm",
    "PregnancyMonthForm",
    "cadre_queryset",
    "weight_field",
    "height_field",
    "position_field",
    "recheck_field",
    "recheck_error",
    "not_in_future",
]

POSITION_CHOICES = [
    ("", "–"),
    ("1", gettext_lazy("Berbaring (PB)")),
    ("0", gettext_lazy("Berdiri (TB)")),
]


def cadre_queryset(kelurahan_id, current=None):
    """Active cadres of the kelurahan (and the one already recorded, even if inactive now)."""
    queryset = Kader.objects.filter(kelurahan_id=kelurahan_id, is_active=True)
    if current is not None:
        queryset = queryset | Kader.objects.filter(pk=current)
    return queryset.order_by("name")


def not_in_future(day: datetime.date):
    """For a form's `clean_<date field>`: the day, or its error when it is after today."""
    error = rules.not_in_future(day)
    if error:
        raise ValidationError(error)
    return day


def _decimal_field(label, decimal_places: int, step: str, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=4,
        decimal_places=decimal_places,
        required=False,
        widget=forms.NumberInput(attrs={"step": step, "inputmode": "decimal"}),
        **kwargs,
    )


def weight_field(**kwargs) -> forms.DecimalField:
    return _decimal_field(gettext_lazy("Berat badan (kg)"), 2, "0.01", **kwargs)


def height_field(**kwargs) -> forms.DecimalField:
    return _decimal_field(gettext_lazy("Panjang/tinggi badan (cm)"), 1, "0.1", **kwargs)


def position_field(**kwargs) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=gettext_lazy("Cara ukur"),
        choices=POSITION_CHOICES,
        coerce=lambda v: v == "1",
        empty_value=None,
        required=False,
        **kwargs,
    )


def recheck_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=gettext_lazy("Nilai sudah diperiksa ulang dan memang benar"), required=False
    )


def recheck_error(person, measured_on, cleaned: dict) -> str | None:
    """The warning for a weight or length that WHO flags as implausible for the child's age
    ("periksa ulang"), unless the user confirmed it (`recheck_confirmed`); None when plausible.
    Shared by the measurement form, the 2B form, the posyandu day and the imports."""
    weight, height = cleaned.get("weight_kg"), cleaned.get("height_cm")
    if cleaned.get("recheck_confirmed") or (weight is None and height is None):
        return None
    if measured_on is None or person.birth_date is None or measured_on < person.birth_date:
        return None
    probe = Measurement(
        person=person,
        measured_on=measured_on,
        weight_kg=weight,
        height_cm=height,
        measured_lying=cleaned.get("measured_lying") if height is not None else None,
        oedema=bool(cleaned.get("oedema")),
    )
    services.compute_zscores(probe, sex=person.sex, birth_date=person.birth_date)
    if not probe.needs_recheck:
        return None
    return _(
        "Nilai ini tidak wajar untuk umur dan ukuran anak menurut WHO (periksa ulang: "
        "%(indicators)s). Timbang atau ukur ulang; jika nilainya memang benar, centang "
        '"Nilai sudah diperiksa ulang dan memang benar".'
    ) % {"indicators": ", ".join(probe.recheck_indicators)}


def measurement_errors(cleaned: dict) -> dict[str, str]:
    """Field errors of a weight / length / position triple (ranges and the position)."""
    errors = {}
    weight, height = cleaned.get("weight_kg"), cleaned.get("height_cm")
    low, high = WEIGHT_RANGE_KG
    if weight is not None and not Decimal(str(low)) <= weight <= high:
        errors["weight_kg"] = _("Berat badan harus antara 0,5 dan 60 kg.")
    low, high = HEIGHT_RANGE_CM
    if height is not None and not low <= height <= high:
        errors["height_cm"] = _("Panjang/tinggi badan harus antara 35 dan 150 cm.")
    if height is not None and cleaned.get("measured_lying") is None:
        errors["measured_lying"] = _("Pilih cara ukur: berbaring (PB) atau berdiri (TB).")
    return errors


class MonthlyForm(ScopedModelForm):
    """Base of the monthly forms: the visit date rules and the computed fields."""

    date_field = "visit_date"
    target_field = "person"
    age_range: tuple[int, int] | None = None
    computed_fields = ("month", "age_months")
    # (title, field names) to show the form in groups; fields not named go in the first.
    fieldsets: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def groups(self) -> list[tuple[str, list]]:
        if not self.fieldsets:
            return [("", list(self))]
        named = {name for _title, names in self.fieldsets for name in names}
        groups = [
            (title, [self[name] for name in names if name in self.fields])
            for title, names in self.fieldsets
        ]
        groups[0][1][:0] = [self[n] for n in self.fields if n not in named]
        return groups

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial_month = self.instance.month if self.instance.pk else None
        if "recorded_by" in self.fields:
            self.fields["recorded_by"].queryset = cadre_queryset(
                self.instance.kelurahan_id, self.instance.recorded_by_id
            )

    def _fill(self) -> None:
        raise NotImplementedError

    def _month_kept_error(self, day) -> str | None:
        return None

    def _date_error(self, day) -> str | None:
        return rules.visit_date_error(
            birth_date=self.instance.person.birth_date, visit_date=day, months=self.age_range
        )

    def clean(self):
        cleaned = super().clean()
        day = cleaned.get(self.date_field)
        if day is not None:
            error = self._date_error(day) or self._month_kept_error(day)
            if error:
                self.add_error(self.date_field, error)
            else:
                setattr(self.instance, self.date_field, day)
                self._fill()
        return cleaned

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        if self.date_field not in self._errors:
            exclusions.difference_update({self.target_field, *self.computed_fields})
        return exclusions


class MeasurementForm(MonthlyForm):
    date_field = "measured_on"
    age_range = ages.MEASUREMENT_MONTHS
    computed_fields = ("month",)

    weight_kg = weight_field()
    height_cm = height_field()
    measured_lying = position_field()

    class Meta:
        model = Measurement
        fields = [
            "measured_on",
            "weight_kg",
            "height_cm",
            "measured_lying",
            "oedema",
            "recheck_confirmed",
            "posyandu",
            "recorded_by",
        ]
        widgets = {"measured_on": DateInput()}
        labels = {"recheck_confirmed": gettext_lazy("Nilai sudah diperiksa ulang dan memang benar")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posyandu"].queryset = Lembaga.objects.filter(
            kelurahan_id=self.instance.kelurahan_id, kind=Lembaga.Kind.POSYANDU
        )
        if self.instance.pk and self.instance.measured_lying is not None:
            self.initial["measured_lying"] = "1" if self.instance.measured_lying else "0"

    def _fill(self) -> None:
        self.instance.month = ages.month_start(self.instance.measured_on)

    def clean(self):
        cleaned = super().clean()
        for field, error in measurement_errors(cleaned).items():
            self.add_error(field, error)
        if cleaned.get("weight_kg") is None and cleaned.get("height_cm") is None:
            raise ValidationError(_("Isi berat badan atau panjang/tinggi badan."))
        if not self.errors:
            error = recheck_error(self.instance.person, self.instance.measured_on, cleaned)
            if error:
                self.add_error("recheck_confirmed", error)
        return cleaned


class ChildMonthForm(LoggedVisitsMixin, MonthlyForm):
    """Formulir 2B, with this month's weight and length (saved as the month's measurement)."""

    age_range = ages.FORM_2B_MONTHS
    fieldsets = (
        (gettext_lazy("Kunjungan"), ("visit_date", "recorded_by")),
        (
            gettext_lazy("Penimbangan dan pengukuran"),
            (
                "weight_kg",
                "height_cm",
                "measured_lying",
                "oedema",
                "recheck_confirmed",
                "growth_mat",
            ),
        ),
        (
            gettext_lazy("Layanan bulan ini"),
            (
                "basic_immunization_complete",
                "measles_immunized",
                "counseling_father",
                "counseling_mother",
                "parenting_class",
                "home_visits",
                "exclusive_breastfeeding",
                "complementary_feeding",
                "supplementary_feeding",
            ),
        ),
        (
            gettext_lazy("Rumah tangga dan dokumen"),
            ("safe_water", "proper_latrine", "birth_certificate", "health_insurance"),
        ),
    )

    weight_kg = weight_field()
    height_cm = height_field()
    measured_lying = position_field()
    oedema = forms.BooleanField(
        label=gettext_lazy("Edema (bengkak) kedua punggung kaki"), required=False
    )
    recheck_confirmed = recheck_field()

    class Meta:
        model = ChildMonth
        fields = [
            "visit_date",
            "recorded_by",
            "weight_kg",
            "height_cm",
            "measured_lying",
            "oedema",
            "growth_mat",
            "basic_immunization_complete",
            "measles_immunized",
            "counseling_father",
            "counseling_mother",
            "home_visits",
            "parenting_class",
            "exclusive_breastfeeding",
            "complementary_feeding",
            "supplementary_feeding",
            "safe_water",
            "proper_latrine",
            "birth_certificate",
            "health_insurance",
        ]
        widgets = {"visit_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            measurement = self.instance.person.measurements.filter(
                month=self.instance.month
            ).first()
            if measurement:
                self.initial.update(
                    weight_kg=measurement.weight_kg,
                    height_cm=measurement.height_cm,
                    oedema=measurement.oedema,
                    recheck_confirmed=measurement.recheck_confirmed,
                    measured_lying=""
                    if measurement.measured_lying is None
                    else ("1" if measurement.measured_lying else "0"),
                )

    def _fill(self) -> None:
        services.fill_child_month(self.instance)

    def clean(self):
        cleaned = super().clean()
        for field, error in measurement_errors(cleaned).items():
            self.add_error(field, error)
        if not self.errors:
            error = recheck_error(self.instance.person, self.instance.visit_date, cleaned)
            if error:
                self.add_error("recheck_confirmed", error)
        return cleaned

    def measurement_input(self) -> services.MeasurementInput:
        """This month's weight and length as entered (saved with the record by the view)."""
        return services.MeasurementInput(
            weight_kg=self.cleaned_data["weight_kg"],
            height_cm=self.cleaned_data["height_cm"],
            measured_lying=self.cleaned_data["measured_lying"],
            oedema=self.cleaned_data["oedema"],
            recheck_confirmed=self.cleaned_data["recheck_confirmed"],
        )


class PaudMonthForm(MonthlyForm):
    age_range = ages.FORM_2C_MONTHS

    class Meta:
        model = PaudMonth
        fields = ["visit_date", "recorded_by", "paud", "registered", "participated"]
        widgets = {"visit_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paud"].queryset = Lembaga.objects.filter(
            kelurahan_id=self.instance.kelurahan_id, kind=Lembaga.Kind.PAUD
        )
        if not self.instance.pk and self.instance.person.paud_id:
            self.initial.setdefault("paud", self.instance.person.paud_id)
            self.initial.setdefault("registered", True)

    def _fill(self) -> None:
        services.fill_paud_month(self.instance)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("participated") and not cleaned.get("registered"):
            self.add_error("registered", _("Anak yang ikut kegiatan PAUD harus terdaftar di PAUD."))
        return cleaned


class PregnancyMonthForm(LoggedVisitsMixin, MonthlyForm):
    """Formulir 2A. A delivery date entered here is written to the pregnancy."""

    target_field = "pregnancy"
    computed_fields = ("month", "gestational_months", "stage")
    fieldsets = (
        (gettext_lazy("Kunjungan"), ("visit_date", "recorded_by", "status", "delivered_on")),
        (
            gettext_lazy("Layanan bulan ini"),
            (
                "anc_visits",
                "iron_tablets",
                "postnatal_visits",
                "nutrition_counseling",
                "home_visits",
                "muac_cm",
                "hb",
            ),
        ),
        (
            gettext_lazy("Rumah tangga"),
            ("safe_water", "proper_latrine", "health_insurance"),
        ),
    )

    delivered_on = forms.DateField(
        label=gettext_lazy("Tanggal melahirkan (jika sudah)"), required=False, widget=DateInput()
    )

    class Meta:
        model = PregnancyMonth
        fields = [
            "visit_date",
            "recorded_by",
            "status",
            "delivered_on",
            "anc_visits",
            "iron_tablets",
            "postnatal_visits",
            "nutrition_counseling",
            "home_visits",
            "muac_cm",
            "hb",
            "safe_water",
            "proper_latrine",
            "health_insurance",
        ]
        widgets = {"visit_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pregnancy = self.instance.pregnancy
        self.initial.setdefault("delivered_on", pregnancy.delivered_on)

    def _date_error(self, day) -> str | None:
        pregnancy = self.instance.pregnancy
        error = rules.not_in_future(day)
        if error:
            return error
        if pregnancy.lmp and day < pregnancy.lmp:
            return _("Tanggal kunjungan tidak boleh sebelum HPHT.")
        delivered = self.cleaned_data.get("delivered_on") or pregnancy.delivered_on
        if delivered and (day - delivered).days > ages.NIFAS_DAYS:
            return _("Tanggal kunjungan sudah lewat masa nifas (42 hari setelah melahirkan).")
        return None

    def _fill(self) -> None:
        pregnancy = self.instance.pregnancy
        saved_delivery = pregnancy.delivered_on
        pregnancy.delivered_on = self.cleaned_data.get("delivered_on") or saved_delivery
        services.fill_pregnancy_month(self.instance)
        pregnancy.delivered_on = saved_delivery

    def clean(self):
        cleaned = super().clean()
        delivered = cleaned.get("delivered_on")
        pregnancy = self.instance.pregnancy
        if delivered:
            error = rules.not_in_future(delivered)
            if error:
                self.add_error("delivered_on", error)
            elif pregnancy.lmp and delivered <= pregnancy.lmp:
                self.add_error("delivered_on", _("Tanggal melahirkan harus sesudah HPHT."))
        return cleaned
