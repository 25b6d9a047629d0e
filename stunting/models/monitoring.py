"""Monthly monitoring: measurements with their WHO z-scores, and forms 2A, 2B and 2C.

Every record is one target in one month (`month` is the first day of the visit's month, kept by
the services). Services are stored as facts and counts, not ticks, so that the quarterly
scorecard, or any later rule set with other thresholds, can be computed exactly. Ages and the
pregnancy stage are taken at the visit date and stored with the record.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from simple_history.models import HistoricalRecords

from kelurahan.models import Kelurahan, Lembaga, ScopedQuerySet, TimeStampedModel

from .. import ages, anthropometry
from .targets import Person, Pregnancy

__all__ = [
    "WeightForAge",
    "HeightForAge",
    "WeightForHeight",
    "Measurement",
    "ChildMonth",
    "PaudMonth",
    "PregnancyMonth",
    "STAGE_LABELS",
]

# Plausible ranges: values outside are refused (input errors); WHO's z-score flags beyond
# these ask for a re-check instead.
WEIGHT_RANGE_KG = (0.5, 60)
HEIGHT_RANGE_CM = (35, 150)

STAGE_LABELS = {
    "t1": _("Trimester 1"),
    "t2": _("Trimester 2"),
    "t3": _("Trimester 3"),
    "nifas": _("Bersalin/nifas"),
}


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


class MonthlyRecord(TimeStampedModel):
    """What every monthly record has: its kelurahan, month, visit date and recording cadre."""

    kelurahan = models.ForeignKey(
        Kelurahan,
        on_delete=models.PROTECT,
        related_name="stunting_%(class)s_set",
        verbose_name=_("kelurahan"),
    )
    month = models.DateField(_("bulan"), editable=False)
    recorded_by = models.ForeignKey(
        "kpm.Kader",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stunting_%(class)s_set",
        verbose_name=_("kader pencatat"),
    )

    class Meta:
        abstract = True

    @property
    def month_label(self) -> str:
        from django.utils.formats import date_format

        return date_format(self.month, "F Y")


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
    posyandu = models.ForeignKey(
        Lembaga,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
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
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengukuran")
        verbose_name_plural = _("pengukuran")
        ordering = ["person", "month"]
        indexes = [
            models.Index(fields=["kelurahan", "month"]),
            models.Index(fields=["posyandu", "month"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "month"],
                name="measurement_one_per_child_per_month",
                violation_error_message=_(
                    "Anak ini sudah punya pengukuran pada bulan ini. Ubah data yang sudah ada."
                ),
            ),
            models.CheckConstraint(
                condition=Q(weight_kg__isnull=False) | Q(height_cm__isnull=False),
                name="measurement_has_weight_or_height",
                violation_error_message=_("Isi berat badan atau panjang/tinggi badan."),
            ),
            models.CheckConstraint(
                condition=Q(weight_kg__isnull=True)
                | Q(weight_kg__gte=WEIGHT_RANGE_KG[0], weight_kg__lte=WEIGHT_RANGE_KG[1]),
                name="measurement_weight_plausible",
                violation_error_message=_("Berat badan harus antara 0,5 dan 60 kg."),
            ),
            models.CheckConstraint(
                condition=Q(height_cm__isnull=True)
                | Q(height_cm__gte=HEIGHT_RANGE_CM[0], height_cm__lte=HEIGHT_RANGE_CM[1]),
                name="measurement_height_plausible",
                violation_error_message=_("Panjang/tinggi badan harus antara 35 dan 150 cm."),
            ),
            models.CheckConstraint(
                condition=Q(height_cm__isnull=True) | Q(measured_lying__isnull=False),
                name="measurement_height_has_position",
                violation_error_message=_("Pilih cara ukur: berbaring (PB) atau berdiri (TB)."),
            ),
            models.CheckConstraint(
                condition=Q(measured_on__gte=models.F("month")),
                name="measurement_date_in_month",
                violation_error_message=_("Tanggal pengukuran tidak cocok dengan bulannya."),
            ),
        ]

    def __str__(self) -> str:
        return _("Pengukuran %(name)s, %(date)s") % {
            "name": self.person.name,
            "date": self.measured_on.isoformat(),
        }

    def get_absolute_url(self) -> str:
        return reverse("stunting:person_detail", args=[self.person_id]) + f"#m{self.month:%Y-%m}"

    @property
    def weight_label(self) -> str:
        """17,9 rather than 17,90; 12,0 rather than 12; 3,25 kept."""
        return _measure_label(self.weight_kg)

    @property
    def height_label(self) -> str:
        return _measure_label(self.height_cm)

    @property
    def is_stunted(self) -> bool:
        return self.hfa_category in STUNTED

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


class ChildMonth(MonthlyRecord):
    """Formulir 2B: a child of 0-23 months in one month.

    Whether the child was weighed or measured this month is the `Measurement` of the same month
    (and its weight or length), never a separate tick.
    """

    class Mat(models.TextChoices):
        HIJAU = "hijau", _("Hijau")
        KUNING = "kuning", _("Kuning")
        MERAH = "merah", _("Merah")
        TIDAK_DIUKUR = "tidak_diukur", _("Tidak diukur")

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="child_months", verbose_name=_("anak")
    )
    visit_date = models.DateField(_("tanggal kunjungan/pemantauan"))
    age_months = models.PositiveSmallIntegerField(_("umur (bulan)"), editable=False)
    basic_immunization_complete = models.BooleanField(
        _("imunisasi dasar lengkap sesuai umur (selain campak)"), default=False
    )
    measles_immunized = models.BooleanField(_("sudah imunisasi campak/MR"), default=False)
    counseling_father = models.BooleanField(_("ayah ikut konseling gizi"), default=False)
    counseling_mother = models.BooleanField(_("ibu ikut konseling gizi"), default=False)
    home_visits = models.PositiveSmallIntegerField(_("jumlah kunjungan rumah"), default=0)
    safe_water = models.BooleanField(_("akses air minum aman"), default=False)
    proper_latrine = models.BooleanField(_("jamban layak"), default=False)
    birth_certificate = models.BooleanField(_("memiliki akta lahir"), default=False)
    health_insurance = models.BooleanField(_("memiliki jaminan kesehatan"), default=False)
    parenting_class = models.BooleanField(
        _("orang tua ikut kelas pengasuhan/parenting"), default=False
    )
    growth_mat = models.CharField(
        _("warna tikar pertumbuhan (dilihat di tikar)"),
        max_length=15,
        choices=Mat,
        default=Mat.TIDAK_DIUKUR,
    )
    exclusive_breastfeeding = models.BooleanField(
        _("ASI eksklusif (umur < 6 bulan)"), null=True, blank=True
    )
    complementary_feeding = models.BooleanField(
        _("mendapat MP-ASI (umur 6-23 bulan)"), null=True, blank=True
    )
    supplementary_feeding = models.BooleanField(_("mendapat PMT (makanan tambahan)"), default=False)
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pemantauan anak 0-23 bulan (2B)")
        verbose_name_plural = _("pemantauan anak 0-23 bulan (2B)")
        ordering = ["person", "month"]
        indexes = [models.Index(fields=["kelurahan", "month"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "month"],
                name="childmonth_one_per_child_per_month",
                violation_error_message=_(
                    "Anak ini sudah punya catatan formulir 2B pada bulan ini."
                ),
            ),
            models.CheckConstraint(
                condition=Q(age_months__lte=ages.FORM_2B_MONTHS[1]),
                name="childmonth_age_0_23",
                violation_error_message=_("Formulir 2B hanya untuk anak umur 0-23 bulan."),
            ),
            models.CheckConstraint(
                condition=Q(visit_date__gte=models.F("month")),
                name="childmonth_date_in_month",
                violation_error_message=_("Tanggal kunjungan tidak cocok dengan bulannya."),
            ),
            models.CheckConstraint(
                condition=Q(home_visits__lte=31),
                name="childmonth_home_visits_plausible",
                violation_error_message=_("Jumlah kunjungan rumah paling banyak 31 sebulan."),
            ),
        ]

    def __str__(self) -> str:
        return _("2B %(name)s, %(month)s") % {"name": self.person.name, "month": self.month_label}

    def get_absolute_url(self) -> str:
        return reverse("stunting:person_detail", args=[self.person_id]) + f"#m{self.month:%Y-%m}"

    @property
    def counseling(self) -> bool:
        return self.counseling_father or self.counseling_mother


class PaudMonth(MonthlyRecord):
    """Formulir 2C: a child of 2-6 years and PAUD in one month."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="paud_months", verbose_name=_("anak")
    )
    visit_date = models.DateField(_("tanggal pemantauan"))
    age_months = models.PositiveSmallIntegerField(_("umur (bulan)"), editable=False)
    paud = models.ForeignKey(
        Lembaga,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stunting_paud_months",
        limit_choices_to={"kind": Lembaga.Kind.PAUD},
        verbose_name=_("PAUD"),
    )
    registered = models.BooleanField(_("terdaftar di PAUD"), default=False)
    participated = models.BooleanField(
        _("ikut kegiatan bulan ini"),
        default=False,
        help_text=_("Umur 2-<3 tahun: kelas parenting; umur 3-6 tahun: kelas PAUD."),
    )
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pemantauan PAUD anak 2-6 tahun (2C)")
        verbose_name_plural = _("pemantauan PAUD anak 2-6 tahun (2C)")
        ordering = ["person", "month"]
        indexes = [models.Index(fields=["kelurahan", "month"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "month"],
                name="paudmonth_one_per_child_per_month",
                violation_error_message=_(
                    "Anak ini sudah punya catatan formulir 2C pada bulan ini."
                ),
            ),
            models.CheckConstraint(
                condition=Q(
                    age_months__gte=ages.FORM_2C_MONTHS[0], age_months__lte=ages.FORM_2C_MONTHS[1]
                ),
                name="paudmonth_age_2_6_years",
                violation_error_message=_("Formulir 2C hanya untuk anak umur 2-6 tahun."),
            ),
            models.CheckConstraint(
                condition=Q(visit_date__gte=models.F("month")),
                name="paudmonth_date_in_month",
                violation_error_message=_("Tanggal pemantauan tidak cocok dengan bulannya."),
            ),
            models.CheckConstraint(
                condition=Q(participated=False) | Q(registered=True),
                name="paudmonth_participant_is_registered",
                violation_error_message=_("Anak yang ikut kegiatan PAUD harus terdaftar di PAUD."),
            ),
        ]

    def __str__(self) -> str:
        return _("2C %(name)s, %(month)s") % {"name": self.person.name, "month": self.month_label}

    def get_absolute_url(self) -> str:
        return reverse("stunting:person_detail", args=[self.person_id]) + f"#m{self.month:%Y-%m}"

    @property
    def activity_label(self) -> str:
        return _("kelas parenting") if self.age_months < 36 else _("kelas PAUD")


class PregnancyMonth(MonthlyRecord):
    """Formulir 2A: a pregnant (or post-partum) woman in one month."""

    pregnancy = models.ForeignKey(
        Pregnancy, on_delete=models.PROTECT, related_name="months", verbose_name=_("kehamilan")
    )
    visit_date = models.DateField(_("tanggal kunjungan/pemantauan"))
    status = models.CharField(
        _("status kehamilan"), max_length=10, choices=Pregnancy.Status, default="normal"
    )
    gestational_months = models.PositiveSmallIntegerField(
        _("usia kehamilan (bulan)"), null=True, editable=False
    )
    stage = models.CharField(_("tahap"), max_length=5, editable=False)
    anc_visits = models.PositiveSmallIntegerField(_("jumlah pemeriksaan kehamilan"), default=0)
    iron_tablets = models.PositiveSmallIntegerField(_("tablet tambah darah (butir)"), default=0)
    postnatal_visits = models.PositiveSmallIntegerField(_("jumlah pemeriksaan nifas"), default=0)
    nutrition_counseling = models.PositiveSmallIntegerField(
        _("jumlah konseling gizi/kelas ibu hamil"), default=0
    )
    home_visits = models.PositiveSmallIntegerField(_("jumlah kunjungan rumah"), default=0)
    safe_water = models.BooleanField(_("akses air minum aman"), default=False)
    proper_latrine = models.BooleanField(_("jamban layak"), default=False)
    health_insurance = models.BooleanField(_("memiliki jaminan kesehatan"), default=False)
    muac_cm = models.DecimalField(
        _("LiLA (cm)"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    hb = models.DecimalField(
        _("kadar Hb (g/dL)"), max_digits=3, decimal_places=1, null=True, blank=True
    )
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pemantauan ibu hamil (2A)")
        verbose_name_plural = _("pemantauan ibu hamil (2A)")
        ordering = ["pregnancy", "month"]
        indexes = [models.Index(fields=["kelurahan", "month"])]
        constraints = [
            models.UniqueConstraint(
                fields=["pregnancy", "month"],
                name="pregnancymonth_one_per_pregnancy_per_month",
                violation_error_message=_(
                    "Kehamilan ini sudah punya catatan formulir 2A pada bulan ini."
                ),
            ),
            models.CheckConstraint(
                condition=Q(visit_date__gte=models.F("month")),
                name="pregnancymonth_date_in_month",
                violation_error_message=_("Tanggal kunjungan tidak cocok dengan bulannya."),
            ),
            models.CheckConstraint(
                condition=Q(
                    anc_visits__lte=31,
                    postnatal_visits__lte=31,
                    nutrition_counseling__lte=31,
                    home_visits__lte=31,
                ),
                name="pregnancymonth_counts_plausible",
                violation_error_message=_("Jumlah kunjungan paling banyak 31 sebulan."),
            ),
            models.CheckConstraint(
                condition=Q(iron_tablets__lte=93),
                name="pregnancymonth_iron_plausible",
                violation_error_message=_("Tablet tambah darah paling banyak 93 butir sebulan."),
            ),
            models.CheckConstraint(
                condition=Q(muac_cm__isnull=True) | Q(muac_cm__gte=10, muac_cm__lte=50),
                name="pregnancymonth_muac_plausible",
                violation_error_message=_("LiLA harus antara 10 dan 50 cm."),
            ),
            models.CheckConstraint(
                condition=Q(hb__isnull=True) | Q(hb__gte=3, hb__lte=20),
                name="pregnancymonth_hb_plausible",
                violation_error_message=_("Kadar Hb harus antara 3 dan 20 g/dL."),
            ),
        ]

    def __str__(self) -> str:
        return _("2A %(name)s, %(month)s") % {
            "name": self.pregnancy.person.name,
            "month": self.month_label,
        }

    def get_absolute_url(self) -> str:
        return self.pregnancy.get_absolute_url() + f"#m{self.month:%Y-%m}"

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS.get(self.stage, "")


def _measure_label(value) -> str:
    """A measurement with at least one decimal and no trailing zeros beyond it."""
    if value is None:
        return ""
    places = max(1, -value.normalize().as_tuple().exponent)
    return number_format(value, decimal_pos=places)
