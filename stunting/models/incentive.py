"""The performance-based incentive of the cadres: a scheme per kelurahan and year (indicators,
weights, floors and targets, tiers, the variable amount and the budget line it is paid from),
and per period an assessment of every active cadre, reviewed by the kasi kesra.

The scheme in force is copied into each assessment (`scheme_snapshot`) when it is opened, and a
scheme that has assessments can no longer change: next year's scheme never changes this year's
results. An approved assessment is locked; reopening takes the kasi kesra and a reason; every
step is an `AssessmentEvent` (who, when, what, why).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Self

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.links import url_for
from kelurahan.models import (
    NOTES_MAX_LENGTH,
    LimitedTextField,
    ScopedQuerySet,
    TimeStampedModel,
    check_constraint,
    kelurahan_key,
    optional_key,
    range_check,
    unique_constraint,
    user_key,
)
from kpm.models import Kader, PosAnggaran, Realisasi

from ..incentive import periods

__all__ = [
    "Assessment",
    "AssessmentEvent",
    "CadreScore",
    "EvidenceCheck",
    "IncentiveScheme",
    "IndicatorResult",
    "SchemeIndicator",
    "SchemeTier",
]

REASON_MAX_LENGTH = 1_000


class Indicator(models.TextChoices):
    """The indicators a scheme may use: computed from the records, or scored by hand."""

    ATTENDANCE = "kehadiran", _("Kehadiran rapat (rapat yang dihadiri / rapat yang diundang)")
    TASKS = "tugas", _("Tugas selesai tepat waktu / tugas yang jatuh tempo")
    MONITORING = "pemantauan", _("Cakupan pemantauan 2A/2B keluarga binaan (dicatat / seharusnya)")
    HOME_VISITS = "kunjungan", _("Kunjungan rumah sasaran prioritas (dilakukan / seharusnya)")
    REFERRALS = "rujukan", _("Rujukan yang tuntas dalam 30 hari")
    CONFIRMATION = "konfirmasi", _("Bukti yang terkonfirmasi pada pemeriksaan sampel")
    INITIATIVE = "inisiatif", _("Inisiatif (penilaian)")
    COOPERATION = "kerja_sama", _("Kerja sama dalam hubungan kerja (penilaian)")


MANUAL = {Indicator.INITIATIVE, Indicator.COOPERATION}


class IncentiveScheme(TimeStampedModel):
    """The incentive rules of a kelurahan for one year."""

    class Period(models.TextChoices):
        QUARTER = "triwulan", _("Triwulan")
        MONTH = "bulan", _("Bulan")

    kelurahan = kelurahan_key("stunting_incentive_schemes", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("tahun"))
    name = models.CharField(_("nama skema"), max_length=150)
    period = models.CharField(
        _("periode penilaian"), max_length=10, choices=Period, default=Period.QUARTER
    )
    variable_amount = models.PositiveIntegerField(
        _("insentif variabel per kader per periode (Rp)"),
        help_text=_("Yang dibayarkan penuh (100%) kepada kader dengan tingkat tertinggi."),
    )
    budget_line = optional_key(
        PosAnggaran,
        on_delete=models.PROTECT,
        related_name="incentive_schemes",
        verbose_name=_("dibayar dari pos anggaran"),
    )
    is_shadow = models.BooleanField(
        _("masa uji (dihitung, tidak dibayar)"),
        default=False,
        help_text=_(
            "Periode pertama skema baru: skor dihitung dan ditampilkan sebagai dasar, "
            "tanpa pembayaran."
        ),
    )
    level_max = models.DecimalField(
        _("nilai capaian maksimum"), max_digits=5, decimal_places=2, default=Decimal(100)
    )
    improvement_max = models.DecimalField(
        _("nilai peningkatan maksimum"), max_digits=5, decimal_places=2, default=Decimal(90)
    )
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("skema insentif")
        verbose_name_plural = _("skema insentif")
        ordering = ["-year"]
        constraints = [
            unique_constraint(
                "incentivescheme_one_per_year",
                "kelurahan",
                "year",
                message=_("Kelurahan ini sudah punya skema insentif untuk tahun ini."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def get_absolute_url(self) -> str:
        return url_for("stunting:incentive_scheme_detail", self.pk)


class SchemeIndicator(models.Model):
    """One indicator of a scheme: its weight, floor and target (and the rubric of a manual one)."""

    scheme = models.ForeignKey(
        IncentiveScheme,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("skema"),
    )
    code = models.CharField(_("indikator"), max_length=15, choices=Indicator)
    weight = models.DecimalField(
        _("bobot"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    floor = models.DecimalField(_("batas bawah"), max_digits=6, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=6, decimal_places=2)
    rubric = LimitedTextField(
        _("rubrik 1-5"),
        max_length=NOTES_MAX_LENGTH,
        blank=True,
        help_text=_("Untuk indikator penilaian: arti nilai 1 sampai 5."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator skema")
        verbose_name_plural = _("indikator skema")
        ordering = ["scheme", "pk"]
        constraints = [
            unique_constraint(
                "schemeindicator_once",
                "scheme",
                "code",
                message=_("Indikator ini sudah ada di skema."),
            ),
            check_constraint(
                "schemeindicator_target_above_floor",
                Q(target__gt=models.F("floor")),
                _("Target harus lebih tinggi dari batas bawah."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_code_display()

    @property
    def is_manual(self) -> bool:
        return self.code in MANUAL


class SchemeTier(models.Model):
    """A tier: totals from `minimum` (to the next tier's) pay `percent` of the variable amount."""

    scheme = models.ForeignKey(
        IncentiveScheme, on_delete=models.CASCADE, related_name="tiers", verbose_name=_("skema")
    )
    label = models.CharField(_("tingkat"), max_length=50)
    minimum = models.DecimalField(_("skor minimum"), max_digits=5, decimal_places=2)
    percent = models.PositiveSmallIntegerField(
        _("persen insentif"), validators=[MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("tingkat insentif")
        verbose_name_plural = _("tingkat insentif")
        ordering = ["scheme", "-minimum"]
        constraints = [
            unique_constraint(
                "schemetier_unique_minimum",
                "scheme",
                "minimum",
                message=_("Dua tingkat tidak boleh punya skor minimum yang sama."),
            ),
            check_constraint(
                "schemetier_percent_0_100", Q(percent__lte=100), _("Persen paling besar 100.")
            ),
        ]

    def __str__(self) -> str:
        return self.label


class AssessmentQuerySet(ScopedQuerySet):
    def for_list(self) -> Self:
        return self.select_related("kelurahan", "scheme").order_by("-period_start", "-pk")


class Assessment(TimeStampedModel):
    """The assessment of every cadre active in one period of a scheme."""

    class Status(models.TextChoices):
        TERBUKA = "terbuka", _("Sedang diisi petugas")
        DIAJUKAN = "diajukan", _("Diajukan ke kasi kesra")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan ke petugas")
        DISETUJUI = "disetujui", _("Disetujui (terkunci)")

    kelurahan = kelurahan_key("stunting_assessments", on_delete=models.PROTECT)
    scheme = models.ForeignKey(
        IncentiveScheme,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("skema"),
    )
    period = models.CharField(_("periode"), max_length=7)  # "2026-Q3" or "2026-07"
    period_start = models.DateField(_("awal periode"))
    period_end = models.DateField(_("akhir periode"))
    scheme_snapshot = models.JSONField(_("skema yang berlaku"), default=dict, editable=False)
    is_shadow = models.BooleanField(_("masa uji (tidak dibayar)"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.TERBUKA, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    submitted_by = user_key(_("diajukan oleh"), editable=False)
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True, editable=False)
    appeal_until = models.DateField(_("batas sanggahan"), null=True, blank=True, editable=False)
    approved_by = user_key(_("disetujui oleh"), editable=False)
    approved_at = models.DateTimeField(_("disetujui pada"), null=True, blank=True, editable=False)
    review_note = models.CharField(
        _("catatan kasi kesra"), max_length=REASON_MAX_LENGTH, blank=True, editable=False
    )
    payout_available = models.BigIntegerField(
        _("sisa pos anggaran saat disetujui"), null=True, blank=True, editable=False
    )
    payout_spending = models.OneToOneField(
        Realisasi,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incentive_assessment",
        verbose_name=_("realisasi pembayaran"),
        editable=False,
    )
    history = HistoricalRecords(excluded_fields=["scheme_snapshot"])

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("penilaian kinerja kader")
        verbose_name_plural = _("penilaian kinerja kader")
        ordering = ["-period_start", "-pk"]
        constraints = [
            unique_constraint(
                "assessment_one_per_period",
                "kelurahan",
                "period",
                message=_("Periode ini sudah punya penilaian."),
            ),
            check_constraint(
                "assessment_period_order",
                Q(period_end__gte=models.F("period_start")),
                _("Akhir periode tidak boleh sebelum awalnya."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kelurahan} {self.period}"

    def get_absolute_url(self) -> str:
        return url_for("stunting:assessment_detail", self.pk)

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.DISETUJUI

    @property
    def period_label(self) -> str:
        """ "Triwulan ..." or "07/2026", as people read the period."""
        period = periods.parse(self.period)
        return period.label if period else self.period


class CadreScore(TimeStampedModel):
    """One cadre in an assessment: the part of the period served, the total, tier and amount,
    the evidence confirmation rate, and an appeal with its answer."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="cadres", verbose_name=_("penilaian")
    )
    kader = models.ForeignKey(
        Kader, on_delete=models.PROTECT, related_name="scores", verbose_name=_("kader")
    )
    active_from = models.DateField(_("aktif dari"))
    active_to = models.DateField(_("aktif sampai"))
    total = models.DecimalField(_("skor"), max_digits=5, decimal_places=2, null=True, blank=True)
    tier = models.CharField(_("tingkat"), max_length=50, blank=True)
    tier_percent = models.PositiveSmallIntegerField(_("persen insentif"), default=0)
    wanted_amount = models.PositiveIntegerField(_("insentif menurut tingkat (Rp)"), default=0)
    amount = models.PositiveIntegerField(_("insentif dibayar (Rp)"), default=0)
    confirmation_rate = models.DecimalField(
        _("bukti terkonfirmasi (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    appeal = LimitedTextField(_("sanggahan kader"), max_length=NOTES_MAX_LENGTH, blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_answer = LimitedTextField(
        _("jawaban sanggahan"), max_length=NOTES_MAX_LENGTH, blank=True
    )
    answered_by = user_key(_("dijawab oleh"))
    answered_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skor kader")
        verbose_name_plural = _("skor kader")
        ordering = ["assessment", "kader__name"]
        constraints = [
            unique_constraint(
                "cadrescore_once",
                "assessment",
                "kader",
                message=_("Kader ini sudah dinilai pada periode ini."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kader} {self.assessment.period}"

    def get_absolute_url(self) -> str:
        return url_for("stunting:cadre_score_detail", self.pk)


class IndicatorResult(models.Model):
    """One indicator of one cadre: the value and where it came from, the baseline, level,
    improvement, score and the weight it carried; for a manual one the petugas' proposal and the
    kasi kesra's adjustment with its reason."""

    cadre_score = models.ForeignKey(
        CadreScore, on_delete=models.CASCADE, related_name="results", verbose_name=_("skor kader")
    )
    code = models.CharField(_("indikator"), max_length=15, choices=Indicator)
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    value = models.DecimalField(_("nilai"), max_digits=6, decimal_places=2, null=True, blank=True)
    baseline = models.DecimalField(
        _("nilai periode lalu"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    level = models.DecimalField(_("capaian"), max_digits=5, decimal_places=2, null=True, blank=True)
    improvement = models.DecimalField(
        _("peningkatan"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    score = models.DecimalField(_("skor"), max_digits=5, decimal_places=2, null=True, blank=True)
    weight = models.DecimalField(_("bobot"), max_digits=5, decimal_places=2)
    effective_weight = models.DecimalField(_("bobot dipakai"), max_digits=5, decimal_places=2)
    reason = models.CharField(_("asal nilai"), max_length=500, blank=True)
    proposed = models.PositiveSmallIntegerField(
        _("usulan petugas (1-5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    adjust_reason = models.CharField(
        _("alasan perubahan"), max_length=REASON_MAX_LENGTH, blank=True
    )
    adjusted_by = user_key(_("diubah oleh"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nilai indikator")
        verbose_name_plural = _("nilai indikator")
        ordering = ["cadre_score", "pk"]
        constraints = [
            unique_constraint(
                "indicatorresult_once",
                "cadre_score",
                "code",
                message=_("Indikator ini sudah dinilai."),
            ),
            range_check(
                "indicatorresult_manual_1_5",
                "proposed",
                1,
                5,
                _("Nilai penilaian 1 sampai 5."),
                may_be_empty=True,
            ),
        ]

    def __str__(self) -> str:
        return self.get_code_display()

    @property
    def is_manual(self) -> bool:
        return self.code in MANUAL


class EvidenceCheck(models.Model):
    """A record drawn at random from a cadre's records of the period, for a second person to
    confirm against the registers. The one who confirms never recorded it."""

    class Result(models.TextChoices):
        COCOK = "cocok", _("Cocok dengan register")
        TIDAK_COCOK = "tidak_cocok", _("Tidak cocok")

    cadre_score = models.ForeignKey(
        CadreScore, on_delete=models.CASCADE, related_name="checks", verbose_name=_("skor kader")
    )
    kind = models.CharField(_("jenis catatan"), max_length=20)  # "2a", "2b", "kunjungan", ...
    object_id = models.PositiveBigIntegerField()
    label = models.CharField(_("catatan"), max_length=255)
    month = models.DateField(_("bulan"))
    recorded_by = user_key(_("dicatat oleh"))
    result = models.CharField(_("hasil"), max_length=12, choices=Result, blank=True)
    note = models.CharField(_("catatan pemeriksa"), max_length=255, blank=True)
    checked_by = user_key(_("diperiksa oleh"))
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("pemeriksaan bukti")
        verbose_name_plural = _("pemeriksaan bukti")
        ordering = ["cadre_score", "month", "pk"]
        constraints = [
            unique_constraint(
                "evidencecheck_once",
                "cadre_score",
                "kind",
                "object_id",
                message=_("Catatan ini sudah masuk sampel."),
            ),
            check_constraint(
                "evidencecheck_not_own_record",
                Q(checked_by__isnull=True)
                | Q(recorded_by__isnull=True)
                | ~Q(checked_by=models.F("recorded_by")),
                _("Pemeriksa tidak boleh orang yang mencatat."),
            ),
        ]

    def __str__(self) -> str:
        return self.label


class AssessmentEvent(models.Model):
    """One step of an assessment's review: who did what, when and why."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="events", verbose_name=_("penilaian")
    )
    action = models.CharField(_("tindakan"), max_length=30)
    note = models.CharField(_("catatan"), max_length=REASON_MAX_LENGTH, blank=True)
    by = user_key(_("oleh"))
    at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat penilaian")
        verbose_name_plural = _("riwayat penilaian")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.action}"
