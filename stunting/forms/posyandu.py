"""The posyandu day: a whole posyandu's month entered in one table, saved together."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelurahan.dates import this_month
from kelurahan.formguard import StampField
from kelurahan.forms import DateInput, MonthInput
from kelurahan.models import Lembaga
from kpm.models import Kader

from .. import ages, rules, services
from ..models import ChildMonth, Person
from .monitoring import (
    cadre_queryset,
    height_field,
    measurement_errors,
    not_in_future,
    position_field,
    recheck_error,
    recheck_field,
    weight_field,
)

__all__ = ["PosyanduChoiceForm", "PosyanduHeaderForm", "PosyanduRowForm", "PosyanduFormSet"]


class PosyanduChoiceForm(forms.Form):
    posyandu = forms.ModelChoiceField(
        label=gettext_lazy("Posyandu"), queryset=Lembaga.objects.none()
    )
    month = forms.DateField(
        label=gettext_lazy("Bulan"), input_formats=["%Y-%m"], widget=MonthInput()
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posyandu"].queryset = (
            Lembaga.objects.for_user(user)
            .filter(kind=Lembaga.Kind.POSYANDU, is_active=True)
            .select_related("kelurahan")
            .order_by("kelurahan__name", "name")
        )
        if not user.kelurahan_id:
            self.fields["posyandu"].label_from_instance = lambda p: f"{p} ({p.kelurahan.name})"
        self.initial.setdefault("month", this_month())

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month > timezone.localdate():
            raise forms.ValidationError(_("Bulan tidak boleh di masa depan."))
        return month


class PosyanduHeaderForm(forms.Form):
    visit_date = forms.DateField(label=gettext_lazy("Tanggal posyandu"), widget=DateInput())
    recorded_by = forms.ModelChoiceField(
        label=gettext_lazy("Kader pencatat"), queryset=Kader.objects.none(), required=False
    )

    def __init__(self, *args, posyandu: Lembaga, month: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.month = month
        self.fields["recorded_by"].queryset = cadre_queryset(posyandu.kelurahan_id)

    def clean_visit_date(self):
        day = self.cleaned_data["visit_date"]
        if ages.month_start(day) != self.month:
            raise forms.ValidationError(_("Tanggal posyandu harus di bulan yang dipilih."))
        return not_in_future(day)


MAT_CHOICES = ChildMonth.Mat.choices


class PosyanduRowForm(forms.Form):
    """One child's row. Children past 23 months have only the measurement columns."""

    SERVICE_FIELDS = (
        "growth_mat",
        "counseling_father",
        "counseling_mother",
        "parenting_class",
        "breastfeeding",
        "supplementary_feeding",
    )

    person = forms.IntegerField(label=gettext_lazy("Anak"), widget=forms.HiddenInput)
    versi = StampField()  # the row's measurement and 2B record as the page showed them
    weight_kg = weight_field()
    height_cm = height_field()
    measured_lying = position_field()
    oedema = forms.BooleanField(label=gettext_lazy("Edema"), required=False)
    recheck_confirmed = recheck_field()
    growth_mat = forms.ChoiceField(
        label=gettext_lazy("Tikar"), choices=MAT_CHOICES, initial=ChildMonth.Mat.TIDAK_DIUKUR
    )
    counseling_father = forms.BooleanField(label=gettext_lazy("Konseling ayah"), required=False)
    counseling_mother = forms.BooleanField(label=gettext_lazy("Konseling ibu"), required=False)
    parenting_class = forms.BooleanField(label=gettext_lazy("Kelas parenting"), required=False)
    breastfeeding = forms.BooleanField(label=gettext_lazy("ASI eksklusif / MP-ASI"), required=False)
    supplementary_feeding = forms.BooleanField(label=gettext_lazy("PMT"), required=False)

    def __init__(self, *args, child: Person, visit_date: datetime.date | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        self.visit_date = visit_date
        self.age_months = ages.age_months(child.birth_date, visit_date) if visit_date else None
        self.has_2b = self.age_months is not None and self.age_months <= ages.FORM_2B_MONTHS[1]
        self.fields["measured_lying"].choices = [("", "–"), ("1", "PB"), ("0", "TB")]
        if not self.has_2b:
            for name in self.SERVICE_FIELDS:
                self.fields[name].disabled = True
        for field in self.fields.values():
            attrs = field.widget.attrs
            if isinstance(field.widget, forms.HiddenInput):
                continue
            attrs["aria-label"] = f"{field.label} {child.name}"
            if isinstance(field.widget, forms.CheckboxInput):
                attrs["class"] = "form-check-input"
            elif isinstance(field.widget, forms.Select):
                attrs["class"] = "form-select form-select-sm"
            else:
                attrs["class"] = "form-control form-control-sm"

    def clean_person(self):
        if self.cleaned_data["person"] != self.child.pk:
            raise forms.ValidationError(
                _("Daftar anak berubah sejak halaman dibuka. Muat ulang halaman.")
            )
        return self.child

    def clean(self):
        cleaned = super().clean()
        for field, error in measurement_errors(cleaned).items():
            self.add_error(field, error)
        if self.visit_date and self.has_changed():
            error = rules.visit_date_error(
                birth_date=self.child.birth_date,
                visit_date=self.visit_date,
                months=ages.MEASUREMENT_MONTHS,
            )
            if error:
                raise forms.ValidationError(error)
            error = not self.errors and recheck_error(self.child, self.visit_date, cleaned)
            if error:
                self.add_error("recheck_confirmed", error)
        return cleaned

    def to_row(self) -> services.PosyanduRow:
        data = self.cleaned_data
        services_data = {}
        if self.has_2b:
            services_data = {
                name: data[name] for name in self.SERVICE_FIELDS if name not in ("breastfeeding",)
            }
            feeding = data["breastfeeding"]
            if self.age_months < 6:
                services_data["exclusive_breastfeeding"] = feeding
            else:
                services_data["complementary_feeding"] = feeding
        return services.PosyanduRow(
            person=self.child,
            measurement=services.MeasurementInput(
                weight_kg=data["weight_kg"],
                height_cm=data["height_cm"],
                measured_lying=data["measured_lying"],
                oedema=data["oedema"],
                recheck_confirmed=data["recheck_confirmed"],
            ),
            services=services_data,
        )


class PosyanduFormSet(forms.BaseFormSet):
    """Rows for `children`, in order; a row is saved only when something in it changed."""

    def __init__(self, *args, children: list[Person], visit_date, **kwargs):
        self.children = children
        self.visit_date = visit_date
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"child": self.children[index], "visit_date": self.visit_date}

    def total_form_count(self):
        return len(self.children)

    def changed_forms(self) -> list[PosyanduRowForm]:
        return [form for form in self.forms if form.has_changed()]

    def changed_rows(self) -> list[services.PosyanduRow]:
        return [form.to_row() for form in self.changed_forms()]

    @property
    def error_rows(self) -> int:
        return sum(1 for form in self.forms if form.errors)


PosyanduFormSet = forms.formset_factory(
    PosyanduRowForm, formset=PosyanduFormSet, extra=0, max_num=2000, absolute_max=2000
)
