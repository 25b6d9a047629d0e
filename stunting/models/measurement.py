"""Measurements of a child's weight and length/height, with the WHO z-scores and the
Permenkes No. 2 Tahun 2020 categories computed from them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from simple_history.models import HistoricalRecords

from kelurahan.links import url_for
from kelurahan.models import Lembaga, check_constraint, optional_key, range_check

from .. import anthropometry
from .monthly import MonthlyRecord, date_in_month, month_index, one_per_month
from .targets import Person

__all__ = [
    "WeightForAge",
    "HeightForAge",
    "WeightForHeight",
    "Measurement",
]

# Plausible ranges: values outside are refused (input errors); WHO's z-score flags beyond
# these ask for a re-check instead.
WEIGHT_RANGE_KG = (0.5, 60)
HEIGHT_RANGE_CM = (35, 150)


class WeightForAge(models.TextChoices):
    """BB/U, Permenkes No. 2 Tahun 2020."""

    SANGAT_KURANG = "sangat_kurang", _("Berat badan sangat kurang")
    KURANG = "kurang", _("Berat badan kurang")
    NORMAL = "normal", _("Normal")
    RISIKO_LEBIH = "risiko_lebih", _("Risiko berat badan lebih")


class HeightForAge(models.TextChoices):
    """PB/U or TB/U."""

    SANGAT_PENDEK = "sangat_pendek", _("Sangat pendek")
    PENDEK = "pendek", _("Pendek")
    NORMAL = "normal", _("Normal")
    TINGGI = "tinggi", _("Tinggi")


class WeightForHeight(models.TextChoices):
    """BB/PB, BB/TB and IMT/U."""

    GIZI_BURUK = "gizi_buruk", _("Gizi buruk")
    GIZI_KURANG = "gizi_kurang", _("Gizi kurang")
    GIZI_BAIK = "gizi_baik", _("Gizi baik")
    BERISIKO_GIZI_LEBIH = "berisiko_gizi_lebih", _("Berisiko gizi lebih")
    GIZI_LEBIH = "gizi_lebih", _("Gizi lebih")
    OBESITAS = "obesitas", _("Obesitas")


STUNTED = [HeightForAge.SANGAT_PENDEK, HeightForAge.PENDEK]
WASTED = [WeightForHeight.GIZI_BURUK, WeightForHeight.GIZI_KURANG]
UNDERWEIGHT = [WeightForAge.SANGAT_KURANG, WeightForAge.KURANG]


def counted(prefix: str = "") -> Q:
    """Measurements that count in status lists and prevalence: plausible ones, and implausible
    ones ("periksa ulang") once someone re-checked and confirmed them. `prefix` reaches the
    measurement through a relation (`"last_measurement__"`)."""
    return Q(**{f"{prefix}needs_recheck": False}) | Q(**{f"{prefix}recheck_confirmed": True})


def awaiting_recheck(prefix: str = "") -> Q:
    """Implausible measurements nobody has confirmed yet: the "periksa ulang" list."""
    return Q(**{f"{prefix}needs_recheck": True, f"{prefix}recheck_confirmed": False})


class Measurement(MonthlyRecord):
    """A child's weight and length/height in one month, with the z-scores computed from them.

    The z-scores and categories are never typed: `services.save_measurement` computes them
    with `stunting.anthropometry` whenever the measurement or the child's birth date or sex
    change.
    """

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="measurements", verbose_name=_("anak")
    )
    measured_on = models.DateField(_("tanggal pengukuran"))
    posyandu = optional_key(
        Lembaga,
        on_delete=models.SET_NULL,
        related_name="stunting_measurements",
        verbose_name=_("posyandu"),
    )
    weight_kg = models.DecimalField(
        _("berat badan (kg)"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    height_cm = models.DecimalField(
        _("panjang/tinggi badan (cm)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    measured_lying = models.BooleanField(
        _("cara ukur"),
        null=True,
        blank=True,
        choices=[(True, _("Berbaring (PB)")), (False, _("Berdiri (TB)"))],
    )
    oedema = models.BooleanField(_("edema (bengkak) kedua punggung kaki"), default=False)
    # Computed at save time.
    age_days = models.PositiveIntegerField(_("umur (hari)"), editable=False)
    age_months = models.PositiveSmallIntegerField(_("umur (bulan)"), editable=False)
    wfa_z = models.FloatField(_("z BB/U"), null=True, editable=False)
    hfa_z = models.FloatField(_("z PB/U atau TB/U"), null=True, editable=False)
    wfh_z = models.FloatField(_("z BB/PB atau BB/TB"), null=True, editable=False)
    bfa_z = models.FloatField(_("z IMT/U"), null=True, editable=False)
    wfa_category = models.CharField(
        _("BB/U"), max_length=20, choices=WeightForAge, blank=True, editable=False
    )
    hfa_category = models.CharField(
        _("PB/U atau TB/U"), max_length=20, choices=HeightForAge, blank=True, editable=False
    )
    wfh_category = models.CharField(
        _("BB/PB atau BB/TB"), max_length=20, choices=WeightForHeight, blank=True, editable=False
    )
    bfa_category = models.CharField(
        _("IMT/U"), max_length=20, choices=WeightForHeight, blank=True, editable=False
    )
    needs_recheck = models.BooleanField(_("periksa ulang"), default=False, editable=False)
    recheck_confirmed = models.BooleanField(
        _("nilai tidak wajar sudah diperiksa ulang"),
        default=False,
        help_text=_(
            "Nilai di luar batas wajar WHO dihitung dalam daftar status dan prevalensi hanya "
            "setelah diperiksa ulang dan dikonfirmasi."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengukuran")
        verbose_name_plural = _("pengukuran")
        ordering = ["person", "month"]
        indexes = [
            month_index(),
            models.Index(fields=["posyandu", "month"]),
        ]
        constraints = [
            one_per_month(
                "measurement_one_per_child_per_month",
                "person",
                _("Anak ini sudah punya pengukuran pada bulan ini. Ubah data yang sudah ada."),
            ),
            check_constraint(
                "measurement_has_weight_or_height",
                Q(weight_kg__isnull=False) | Q(height_cm__isnull=False),
                _("Isi berat badan atau panjang/tinggi badan."),
            ),
            range_check(
                "measurement_weight_plausible",
                "weight_kg",
                *WEIGHT_RANGE_KG,
                _("Berat badan harus antara 0,5 dan 60 kg."),
                may_be_empty=True,
            ),
            range_check(
                "measurement_height_plausible",
                "height_cm",
                *HEIGHT_RANGE_CM,
                _("Panjang/tinggi badan harus antara 35 dan 150 cm."),
                may_be_empty=True,
            ),
            check_constraint(
                "measurement_height_has_position",
                Q(height_cm__isnull=True) | Q(measured_lying__isnull=False),
                _("Pilih cara ukur: berbaring (PB) atau berdiri (TB)."),
            ),
            date_in_month(
                "measurement_date_in_month",
                "measured_on",
                _("Tanggal pengukuran tidak cocok dengan bulannya."),
            ),
        ]

    def __str__(self) -> str:
        return _("Pengukuran %(name)s, %(date)s") % {
            "name": self.person.name,
            "date": self.measured_on.isoformat(),
        }

    def get_absolute_url(self) -> str:
        return url_for("stunting:person_detail", self.person_id) + self.month_anchor

    @property
    def weight_label(self) -> str:
        """17,9 rather than 17,90; 12,0 rather than 12; 3,25 kept."""
        return _measure_label(self.weight_kg)

    @property
    def height_label(self) -> str:
        return _measure_label(self.height_cm)

    @property
    def awaits_recheck(self) -> bool:
        """Implausible and not yet confirmed: shown as "periksa ulang", counted nowhere."""
        return self.needs_recheck and not self.recheck_confirmed

    @property
    def is_stunted(self) -> bool:
        return self.hfa_category in STUNTED and not self.awaits_recheck

    @property
    def recheck_indicators(self) -> list[str]:
        """Labels of the indicators that WHO flags as implausible ("periksa ulang")."""
        labels = {"wfa": "BB/U", "hfa": "PB/U", "wfh": "BB/PB", "bfa": "IMT/U"}
        return [
            label
            for key, label in labels.items()
            if anthropometry.is_implausible(key, getattr(self, f"{key}_z"))
        ]

    @property
    def position_label(self) -> str:
        if self.measured_lying is None:
            return ""
        if self.measured_lying:
            return pgettext("measured lying: panjang badan", "PB")
        return pgettext("measured standing: tinggi badan", "TB")


def _measure_label(value) -> str:
    """A measurement with at least one decimal and no trailing zeros beyond it."""
    if value is None:
        return ""
    places = max(1, -value.normalize().as_tuple().exponent)
    return number_format(value, decimal_pos=places)
