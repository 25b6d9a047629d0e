"""Monthly monitoring: forms 2A, 2B and 2C (measurements are in `measurement.py`).

Every record is one target in one month. Services are stored as facts and counts, not ticks, so
that the quarterly scorecard, or any later rule set with other thresholds, can be computed
exactly. Ages and the pregnancy stage are taken at the visit date and stored with the record.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.links import url_for
from kelurahan.models import Lembaga, check_constraint, optional_key, range_check

from .. import ages
from .checks import muac_and_hb_plausible
from .monthly import MonthlyRecord, date_in_month, month_index, one_per_month
from .targets import Person, Pregnancy

__all__ = ["ChildMonth", "PaudMonth", "PregnancyMonth", "STAGE_LABELS"]

STAGE_LABELS = {
    "t1": _("Trimester 1"),
    "t2": _("Trimester 2"),
    "t3": _("Trimester 3"),
    "nifas": _("Bersalin/nifas"),
}


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

    class Meta:
        verbose_name = _("pemantauan anak 0-23 bulan (2B)")
        verbose_name_plural = _("pemantauan anak 0-23 bulan (2B)")
        ordering = ["person", "month"]
        indexes = [month_index()]
        constraints = [
            one_per_month(
                "childmonth_one_per_child_per_month",
                "person",
                _("Anak ini sudah punya catatan formulir 2B pada bulan ini."),
            ),
            check_constraint(
                "childmonth_age_0_23",
                Q(age_months__lte=ages.FORM_2B_MONTHS[1]),
                _("Formulir 2B hanya untuk anak umur 0-23 bulan."),
            ),
            date_in_month(
                "childmonth_date_in_month",
                "visit_date",
                _("Tanggal kunjungan tidak cocok dengan bulannya."),
            ),
            check_constraint(
                "childmonth_home_visits_plausible",
                Q(home_visits__lte=31),
                _("Jumlah kunjungan rumah paling banyak 31 sebulan."),
            ),
        ]

    def __str__(self) -> str:
        return _("2B %(name)s, %(month)s") % {"name": self.person.name, "month": self.month_label}

    def get_absolute_url(self) -> str:
        return url_for("stunting:person_detail", self.person_id) + self.month_anchor

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
    paud = optional_key(
        Lembaga,
        on_delete=models.SET_NULL,
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

    class Meta:
        verbose_name = _("pemantauan PAUD anak 2-6 tahun (2C)")
        verbose_name_plural = _("pemantauan PAUD anak 2-6 tahun (2C)")
        ordering = ["person", "month"]
        indexes = [month_index()]
        constraints = [
            one_per_month(
                "paudmonth_one_per_child_per_month",
                "person",
                _("Anak ini sudah punya catatan formulir 2C pada bulan ini."),
            ),
            range_check(
                "paudmonth_age_2_6_years",
                "age_months",
                *ages.FORM_2C_MONTHS,
                _("Formulir 2C hanya untuk anak umur 2-6 tahun."),
            ),
            date_in_month(
                "paudmonth_date_in_month",
                "visit_date",
                _("Tanggal pemantauan tidak cocok dengan bulannya."),
            ),
            check_constraint(
                "paudmonth_participant_is_registered",
                Q(participated=False) | Q(registered=True),
                _("Anak yang ikut kegiatan PAUD harus terdaftar di PAUD."),
            ),
        ]

    def __str__(self) -> str:
        return _("2C %(name)s, %(month)s") % {"name": self.person.name, "month": self.month_label}

    def get_absolute_url(self) -> str:
        return url_for("stunting:person_detail", self.person_id) + self.month_anchor

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

    class Meta:
        verbose_name = _("pemantauan ibu hamil (2A)")
        verbose_name_plural = _("pemantauan ibu hamil (2A)")
        ordering = ["pregnancy", "month"]
        indexes = [month_index()]
        constraints = [
            one_per_month(
                "pregnancymonth_one_per_pregnancy_per_month",
                "pregnancy",
                _("Kehamilan ini sudah punya catatan formulir 2A pada bulan ini."),
            ),
            date_in_month(
                "pregnancymonth_date_in_month",
                "visit_date",
                _("Tanggal kunjungan tidak cocok dengan bulannya."),
            ),
            check_constraint(
                "pregnancymonth_counts_plausible",
                Q(
                    anc_visits__lte=31,
                    postnatal_visits__lte=31,
                    nutrition_counseling__lte=31,
                    home_visits__lte=31,
                ),
                _("Jumlah kunjungan paling banyak 31 sebulan."),
            ),
            check_constraint(
                "pregnancymonth_iron_plausible",
                Q(iron_tablets__lte=93),
                _("Tablet tambah darah paling banyak 93 butir sebulan."),
            ),
            *muac_and_hb_plausible("pregnancymonth"),
        ]

    def __str__(self) -> str:
        return _("2A %(name)s, %(month)s") % {
            "name": self.pregnancy.person.name,
            "month": self.month_label,
        }

    def get_absolute_url(self) -> str:
        return self.pregnancy.get_absolute_url() + self.month_anchor

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS.get(self.stage, "")
