"""Empowerment programmes (program pemberdayaan) and the six stages of the empowerment cycle
that KPM facilitate: perencanaan, pelaksanaan, pemantauan, pengendalian, penilaian, pelestarian.
"""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.links import url_for
from kelurahan.models import (
    NOTES_MAX_LENGTH,
    OPD,
    KelompokMasyarakat,
    Lembaga,
    LimitedTextField,
    ScopedQuerySet,
    TimeStampedModel,
    end_after_start,
    kelurahan_key,
    unique_constraint,
)

from .kader import Kader

__all__ = ["PaketLayanan", "Program", "ProgramTahap", "Tahap"]


class Tahap(models.TextChoices):
    """The empowerment cycle, in its order."""

    PERENCANAAN = "perencanaan", _("Perencanaan")
    PELAKSANAAN = "pelaksanaan", _("Pelaksanaan")
    PEMANTAUAN = "pemantauan", _("Pemantauan")
    PENGENDALIAN = "pengendalian", _("Pengendalian")
    PENILAIAN = "penilaian", _("Penilaian")
    PELESTARIAN = "pelestarian", _("Pelestarian")


class PaketLayanan(models.TextChoices):
    """The five service packages of convergent stunting prevention (empty: none)."""

    KIA = "kia", _("Kesehatan ibu dan anak (KIA)")
    GIZI = "gizi", _("Konseling gizi terpadu")
    SANITASI = "sanitasi", _("Air bersih dan sanitasi")
    PERLINSOS = "perlinsos", _("Perlindungan sosial")
    PAUD = "paud", _("Pendidikan anak usia dini (PAUD)")


class ProgramQuerySet(ScopedQuerySet):
    def for_list(self) -> Self:
        return (
            self.select_related("kelurahan")
            .annotate(
                facilitator_count=Count("facilitators", distinct=True),
                task_count=Count("tasks", distinct=True),
            )
            .order_by("-start_date", "-pk")
        )


class Program(TimeStampedModel):
    """An empowerment programme of the kelurahan that KPM facilitate (not only stunting)."""

    kelurahan = kelurahan_key("kpm_program_set", on_delete=models.PROTECT)
    name = models.CharField(_("nama program"), max_length=200)
    aims = LimitedTextField(_("tujuan"), max_length=NOTES_MAX_LENGTH, blank=True)
    paket = models.CharField(_("paket layanan"), max_length=10, choices=PaketLayanan, blank=True)
    facilitators = models.ManyToManyField(
        Kader, related_name="programs", blank=True, verbose_name=_("kader fasilitator")
    )
    partner_lembaga = models.ManyToManyField(
        Lembaga, related_name="kpm_programs", blank=True, verbose_name=_("lembaga mitra")
    )
    partner_opd = models.ManyToManyField(
        OPD, related_name="kpm_programs", blank=True, verbose_name=_("OPD mitra")
    )
    partner_kelompok = models.ManyToManyField(
        KelompokMasyarakat,
        related_name="kpm_programs",
        blank=True,
        verbose_name=_("kelompok masyarakat mitra"),
    )
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"), null=True, blank=True)
    budget_line = models.CharField(
        _("sumber/pos anggaran"),
        max_length=200,
        blank=True,
        help_text=_("Misalnya: APBD kota, dana kelurahan, swadaya masyarakat."),
    )
    stage = models.CharField(
        _("tahap saat ini"), max_length=15, choices=Tahap, default=Tahap.PERENCANAAN
    )
    notes = LimitedTextField(_("keterangan"), max_length=NOTES_MAX_LENGTH, blank=True)
    history = HistoricalRecords(m2m_fields=[facilitators])

    objects = ProgramQuerySet.as_manager()

    class Meta:
        verbose_name = _("program pemberdayaan")
        verbose_name_plural = _("program pemberdayaan")
        ordering = ["-start_date", "name"]
        constraints = [end_after_start("program_end_after_start")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_for("kpm:program_detail", self.pk)


class ProgramTahap(TimeStampedModel):
    """The date a programme entered one stage of the cycle (its timeline)."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="stages", verbose_name=_("program")
    )
    stage = models.CharField(_("tahap"), max_length=15, choices=Tahap)
    started_on = models.DateField(_("mulai tanggal"))
    note = models.CharField(_("catatan"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tahap program")
        verbose_name_plural = _("tahap program")
        ordering = ["started_on", "pk"]
        constraints = [
            unique_constraint(
                "programtahap_once_per_stage",
                "program",
                "stage",
                message=_("Tahap ini sudah tercatat untuk program ini."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.program}: {self.get_stage_display()}"
