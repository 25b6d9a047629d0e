"""Forms of the incentive pages: the scheme with its indicators and tiers, opening the assessment
of a period, the petugas' manual values, and an evidence check."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kelurahan.forms import LabelledInlineFormSet, ScopedModelForm, inline_rows
from kelurahan.params import YEARS, parse_id
from kpm.models import PosAnggaran

from ..incentive import periods
from ..models import EvidenceCheck, IncentiveScheme, SchemeIndicator, SchemeTier
from ..models.incentive import MANUAL

RUBRICS = {
    "inisiatif": _(
        "1 = tidak pernah mengusulkan atau memulai kegiatan; 2 = sesekali bila diminta; "
        "3 = mengusulkan kegiatan sesuai tugas; 4 = memulai kegiatan baru dan mengajak warga; "
        "5 = memulai kegiatan baru yang berlanjut dan ditiru kader lain."
    ),
    "kerja_sama": _(
        "1 = bekerja sendiri, sering tidak berkoordinasi; 2 = berkoordinasi bila diminta; "
        "3 = berkoordinasi dengan lurah, lembaga dan kader lain sesuai tugas; "
        "4 = aktif membantu kader dan lembaga lain; "
        "5 = menggerakkan kerja sama lintas lembaga dan OPD."
    ),
}

# (code, weight, floor, target): the indicators a new scheme starts with, weights summing to 100.
DEFAULT_INDICATORS = [
    ("kehadiran", 15, 50, 100),
    ("tugas", 20, 40, 90),
    ("pemantauan", 20, 50, 100),
    ("kunjungan", 15, 25, 100),
    ("rujukan", 10, 25, 100),
    ("inisiatif", 10, 1, 5),
    ("kerja_sama", 10, 1, 5),
]
DEFAULT_TIERS = [
    (_("Sangat baik"), 90, 100),
    (_("Baik"), 80, 75),
    (_("Cukup"), 70, 50),
    (_("Perlu pembinaan"), 60, 25),
    (_("Kurang"), 0, 0),
]


def default_indicators() -> list[dict]:
    return [
        {"code": c, "weight": w, "floor": f, "target": t, "rubric": RUBRICS.get(c, "")}
        for c, w, f, t in DEFAULT_INDICATORS
    ]


def default_tiers() -> list[dict]:
    return [{"label": label, "minimum": m, "percent": p} for label, m, p in DEFAULT_TIERS]


class SchemeForm(ScopedModelForm):
    class Meta:
        model = IncentiveScheme
        fields = [
            "name",
            "year",
            "period",
            "variable_amount",
            "is_shadow",
            "budget_line",
            "level_max",
            "improvement_max",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kelurahan_id = self.instance.kelurahan_id or parse_id(
            self.data.get(self.add_prefix("kelurahan"))
        )
        lines = PosAnggaran.objects.for_user(self.user).order_by("-year", "name")
        if kelurahan_id:
            lines = lines.filter(kelurahan_id=kelurahan_id)
        self.fields["budget_line"].queryset = lines
        self.fields["budget_line"].help_text = _(
            "Pos anggaran kelurahan ini pada tahun skema. Boleh kosong selama masa uji."
        )
        self.fields["year"].widget.attrs.update(min=2000, max=2100)
        self.fields["variable_amount"].widget.attrs.update(step=1000)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year not in YEARS:
            raise forms.ValidationError(_("Tahun tidak dikenal."))
        return year

    def clean(self):
        cleaned = super().clean()
        line, year = cleaned.get("budget_line"), cleaned.get("year")
        kelurahan_id = self.instance.kelurahan_id
        if line is not None and kelurahan_id and line.kelurahan_id != kelurahan_id:
            self.add_error("budget_line", _("Pos anggaran ini milik kelurahan lain."))
        elif line is not None and year is not None and line.year != year:
            self.add_error(
                "budget_line",
                _("Pos anggaran ini untuk tahun %(line)s, bukan %(year)s.")
                % {"line": line.year, "year": year},
            )
        if line is None and not cleaned.get("is_shadow"):
            self.add_error(
                "budget_line",
                _("Pilih pos anggaran tempat insentif dibayarkan, atau centang masa uji."),
            )
        return cleaned


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = SchemeIndicator
        fields = ["code", "weight", "floor", "target", "rubric"]
        widgets = {"rubric": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"rubric": ""}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["floor"].required = self.fields["target"].required = False

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("code")
        if code in MANUAL:
            floor = cleaned.get("floor")
            target = cleaned.get("target")
            cleaned["floor"] = self.instance.floor = Decimal(1) if floor is None else floor
            cleaned["target"] = self.instance.target = Decimal(5) if target is None else target
            if not 1 <= cleaned["floor"] < cleaned["target"] <= 5:
                self.add_error(
                    "target", _("Indikator penilaian: batas bawah dan target 1 sampai 5.")
                )
            if not cleaned.get("rubric"):
                cleaned["rubric"] = self.instance.rubric = str(RUBRICS[code])
        elif code:
            for name in ("floor", "target"):
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Wajib diisi."))
        return cleaned


class _IndicatorRows(LabelledInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not kept:
            raise forms.ValidationError(_("Skema perlu paling sedikit satu indikator."))
        total = sum((f.cleaned_data["weight"] for f in kept), Decimal(0))
        if total != 100:
            raise forms.ValidationError(
                _("Jumlah bobot indikator harus 100 (sekarang %(total)s).")
                % {"total": f"{total.normalize():f}"}
            )


class TierForm(forms.ModelForm):
    class Meta:
        model = SchemeTier
        fields = ["label", "minimum", "percent"]


class _TierRows(LabelledInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not any(f.cleaned_data["minimum"] == 0 for f in kept):
            raise forms.ValidationError(
                _("Skema perlu tingkat dengan skor minimum 0 (tingkat terendah).")
            )


IndicatorFormSet = inline_rows(
    IncentiveScheme, SchemeIndicator, IndicatorForm, extra=1, formset=_IndicatorRows
)
TierFormSet = inline_rows(IncentiveScheme, SchemeTier, TierForm, extra=1, formset=_TierRows)


def period_choices(schemes, taken: set[str]) -> list[tuple[str, str]]:
    """Every period of the schemes' years (quarters or months, as each scheme says) that has no
    assessment yet."""
    choices = []
    for scheme in schemes:
        quarterly = scheme.period == IncentiveScheme.Period.QUARTER
        first = periods.of(datetime.date(scheme.year, 1, 1), quarterly=quarterly)
        period = first
        while period.start.year == scheme.year:
            if period.code not in taken:
                choices.append((period.code, f"{period.label} · {scheme.name}"))
            period = period.next()
    return choices


class OpenAssessmentForm(forms.Form):
    period = forms.ChoiceField(label=_("Periode"))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = choices

    def clean_period(self) -> periods.Period:
        period = periods.parse(self.cleaned_data["period"])
        if period is None:
            raise forms.ValidationError(_("Periode tidak dikenal."))
        return period


VALUE_CHOICES = [("", "–"), *((str(n), str(n)) for n in range(1, 6))]


class ManualValuesForm(forms.Form):
    """One 1-5 select per manual indicator of every cadre (`r<result id>`), and the version of
    the assessment the page showed."""

    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, results, **kwargs):
        super().__init__(*args, **kwargs)
        for result in results:
            self.fields[f"r{result.pk}"] = forms.TypedChoiceField(
                choices=VALUE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=result.proposed,
                label=f"{result.cadre_score.kader.name}: {result.get_code_display()}",
            )
            field = self.fields[f"r{result.pk}"]
            field.widget.attrs.update(
                {"class": "form-select form-select-sm", "aria-label": field.label}
            )

    def values(self) -> dict[int, int]:
        return {
            int(name[1:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("r") and value is not None
        }


class VersionForm(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class EvidenceCheckForm(forms.Form):
    result = forms.ChoiceField(choices=EvidenceCheck.Result.choices)
    note = forms.CharField(
        label=_("Catatan"),
        max_length=255,
        required=False,
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-sm w-auto",
                "placeholder": _("Catatan (bila tidak cocok)"),
                "aria-label": _("Catatan pemeriksa"),
            }
        ),
    )
