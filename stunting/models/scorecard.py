"""The report of one kelurahan-quarter: the Scorecard Konvergensi's validation and its meta
facts (rembuk stunting, partners, notes).

A quarter is a draft (live figures, computed from the monthly records as they are now) until
the lurah validates it: then its figures are a stored snapshot that later edits of the monthly
records do not change. Reopening takes a reason; validations and reopenings are in the change
history (the snapshot itself is not copied into every history row).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.dates import Quarter
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
)

from ..scorecard.rules import DEFAULT

__all__ = ["QuarterReport"]

REASON_MAX_LENGTH = 1_000


class QuarterReportQuerySet(ScopedQuerySet):
    def for_quarter(self, kelurahan_id: int, quarter: Quarter) -> QuarterReportQuerySet:
        return self.filter(kelurahan_id=kelurahan_id, year=quarter.year, quarter=quarter.number)


class QuarterReport(TimeStampedModel):
    """One kelurahan's Scorecard Konvergensi of one quarter: draft or validated."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draf")
        VALIDATED = "tervalidasi", _("Tervalidasi")

    kelurahan = kelurahan_key("quarter_reports", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"))
    rule_set = models.CharField(_("aturan penilaian"), max_length=30, default=DEFAULT.code)
    state = models.CharField(_("status"), max_length=12, choices=State, default=State.DRAFT)
    snapshot = models.JSONField(_("angka tervalidasi"), null=True, blank=True, editable=False)
    validated_at = models.DateTimeField(_("divalidasi pada"), null=True, blank=True)
    validated_by = optional_key(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="validated_quarter_reports",
        verbose_name=_("divalidasi oleh"),
    )
    reopen_reason = LimitedTextField(
        _("alasan dibuka kembali"), max_length=REASON_MAX_LENGTH, blank=True
    )
    rembuk_held_on = models.DateField(_("tanggal rembuk stunting"), null=True, blank=True)
    rembuk_rapat = optional_key(
        "kpm.Rapat",
        on_delete=models.SET_NULL,
        related_name="quarter_reports",
        verbose_name=_("rapat rembuk stunting"),
    )
    partners = LimitedTextField(_("mitra yang terlibat"), max_length=NOTES_MAX_LENGTH, blank=True)
    notes = LimitedTextField(_("catatan"), max_length=NOTES_MAX_LENGTH, blank=True)
    history = HistoricalRecords(excluded_fields=["snapshot"])

    objects = QuarterReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("laporan triwulan scorecard")
        verbose_name_plural = _("laporan triwulan scorecard")
        ordering = ["kelurahan", "-year", "-quarter"]
        constraints = [
            unique_constraint(
                "quarterreport_one_per_kelurahan_quarter",
                "kelurahan",
                "year",
                "quarter",
                message=_("Kelurahan ini sudah punya laporan scorecard untuk triwulan ini."),
            ),
            range_check(
                "quarterreport_quarter_1_4", "quarter", 1, 4, _("Triwulan harus 1 sampai 4.")
            ),
            check_constraint(
                "quarterreport_validated_has_snapshot",
                Q(state="draft", snapshot__isnull=True)
                | Q(state="tervalidasi", snapshot__isnull=False, validated_at__isnull=False),
                _("Triwulan tervalidasi harus punya angka tersimpan; draf tidak."),
            ),
        ]

    def __str__(self) -> str:
        return _("Scorecard %(kelurahan)s %(quarter)s") % {
            "kelurahan": self.kelurahan,
            "quarter": self.period.label,
        }

    @property
    def period(self) -> Quarter:
        return Quarter(self.year, self.quarter)

    @property
    def is_validated(self) -> bool:
        return self.state == self.State.VALIDATED
