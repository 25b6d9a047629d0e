"""KPM tasks (tugas) in integrated stunting prevention and other empowerment work, their
progress notes with evidence, and the monthly templates that recurring duties are made from.

"Terlambat" (overdue) is derived from the due date and the status, never stored.
"""

from __future__ import annotations

import datetime
from typing import Self

from django.db import models
from django.db.models import Case, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.dates import next_month
from kelurahan.links import url_for
from kelurahan.models import (
    NOTES_MAX_LENGTH,
    OPD,
    DueDateQuerySet,
    Lembaga,
    LimitedTextField,
    ScopedQuerySet,
    TimeStampedModel,
    check_constraint,
    end_after_start,
    kelurahan_key,
    optional_key,
    range_check,
    unique_constraint,
    user_key,
)

from .kader import Kader
from .program import PaketLayanan, Program, Tahap
from .tindak_lanjut import RapatTindakLanjut

__all__ = ["Duty", "Tugas", "TugasCatatan", "TugasRutin"]


class Duty(models.TextChoices):
    """The KPM duties in integrated stunting prevention (and other empowerment work)."""

    SOSIALISASI = "sosialisasi", _("Sosialisasi konvergensi dan tikar pertumbuhan")
    PENDATAAN = "pendataan", _("Pendataan rumah tangga 1000 HPK")
    PEMANTAUAN = "pemantauan", _("Pemantauan layanan sasaran 1000 HPK")
    ANGGARAN = "anggaran", _("Fasilitasi dan advokasi anggaran kelurahan untuk stunting")
    AYAH = "ayah", _("Pelibatan ayah/suami dalam konseling gizi dan KIA")
    PARTISIPASI = "partisipasi", _("Fasilitasi partisipasi masyarakat")
    KOORDINASI = "koordinasi", _("Koordinasi dengan bidan, puskesmas dan guru PAUD")
    LAINNYA = "lainnya", _("Pemberdayaan lainnya")


class TugasContent(TimeStampedModel):
    """What a task is about: the same in a task and in the monthly template it is made from."""

    title = models.CharField(_("judul tugas"), max_length=200)
    description = LimitedTextField(_("uraian"), max_length=NOTES_MAX_LENGTH, blank=True)
    duty = models.CharField(_("tugas KPM"), max_length=15, choices=Duty)
    stage = models.CharField(_("tahap siklus"), max_length=15, choices=Tahap, blank=True)
    paket = models.CharField(_("paket layanan"), max_length=10, choices=PaketLayanan, blank=True)

    class Meta:
        abstract = True


class TugasQuerySet(DueDateQuerySet):
    def for_kader(self, kader: Kader) -> Self:
        return self.filter(kaders=kader)

    def in_month(self, month: datetime.date) -> Self:
        """Tasks due in the month that starts on `month`."""
        end = next_month(month)
        return self.filter(due_date__gte=month, due_date__lt=end)

    def for_list(self) -> Self:
        """Open tasks first, the nearest due date first; then the finished and cancelled."""
        closed = Case(When(status__in=Tugas.OPEN, then=Value(0)), default=Value(1))
        return (
            self.select_related("kelurahan", "program", "partner_opd", "partner_lembaga")
            .prefetch_related("kaders")
            .order_by(closed, "due_date", "pk")
        )

    def for_board(self) -> Self:
        """What a board card shows: the task, its kelurahan and its cadres' names."""
        cadres = Prefetch("kaders", queryset=Kader.objects.only("pk", "name"))
        return self.select_related("kelurahan").prefetch_related(cadres)


class Tugas(TugasContent):
    """One task of the KPM: what, which duty and stage, who, with whom, by when, how far."""

    class Status(models.TextChoices):
        BARU = "baru", _("Baru")
        BERJALAN = "berjalan", _("Berjalan")
        SELESAI = "selesai", _("Selesai")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    OPEN = [Status.BARU, Status.BERJALAN]

    kelurahan = kelurahan_key("kpm_tugas_set", on_delete=models.PROTECT)
    kaders = models.ManyToManyField(
        Kader, related_name="tasks", blank=True, verbose_name=_("kader pelaksana")
    )
    partner_lembaga = optional_key(
        Lembaga,
        on_delete=models.SET_NULL,
        related_name="kpm_tasks",
        verbose_name=_("lembaga mitra"),
    )
    partner_opd = optional_key(
        OPD, on_delete=models.SET_NULL, related_name="kpm_tasks", verbose_name=_("OPD mitra")
    )
    due_date = models.DateField(_("batas waktu"))
    program = optional_key(
        Program, on_delete=models.SET_NULL, related_name="tasks", verbose_name=_("program")
    )
    followup = models.OneToOneField(
        RapatTindakLanjut,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="task",
        verbose_name=_("dari tindak lanjut rapat"),
    )
    template = optional_key(
        "TugasRutin",
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name=_("tugas rutin"),
    )
    month = models.DateField(_("bulan tugas rutin"), null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.BARU)
    finished_on = models.DateField(_("tanggal selesai"), null=True, blank=True, editable=False)
    finished_by = user_key(_("diselesaikan oleh"), editable=False)
    finished_on_time = models.BooleanField(
        _("selesai tepat waktu"), null=True, blank=True, editable=False
    )
    created_by = user_key(_("dibuat oleh"), editable=False)
    history = HistoricalRecords(m2m_fields=[kaders])

    objects = TugasQuerySet.as_manager()

    class Meta:
        verbose_name = _("tugas KPM")
        verbose_name_plural = _("tugas KPM")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["kelurahan", "status", "due_date"], name="tugas_open_due")]
        constraints = [
            unique_constraint(
                "tugas_once_per_template_month",
                "template",
                "month",
                message=_("Tugas rutin ini sudah dibuat untuk bulan ini."),
                condition=Q(template__isnull=False),
            ),
            check_constraint(
                "tugas_finished_has_date",
                ~Q(status="selesai") | Q(finished_on__isnull=False),
                _("Tugas yang selesai harus punya tanggal selesai."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return url_for("kpm:tugas_detail", self.pk)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())


def _evidence_path(instance: TugasCatatan, filename: str) -> str:
    return f"tugas/{instance.tugas_id}/{filename}"


class TugasCatatan(TimeStampedModel):
    """A progress note on a task, with optional evidence: a photo (re-encoded as meeting photos
    are) or a PDF. Files are served through the task's scoped view only."""

    class Kind(models.TextChoices):
        NONE = "", _("Tanpa lampiran")
        PHOTO = "foto", _("Foto")
        PDF = "pdf", _("PDF")

    tugas = models.ForeignKey(
        Tugas, on_delete=models.CASCADE, related_name="notes", verbose_name=_("tugas")
    )
    note = LimitedTextField(_("catatan kemajuan"), max_length=NOTES_MAX_LENGTH)
    kader = optional_key(
        Kader, on_delete=models.SET_NULL, related_name="task_notes", verbose_name=_("kader")
    )
    written_by = user_key(_("dicatat oleh"), editable=False)
    attachment_kind = models.CharField(
        _("jenis lampiran"), max_length=5, choices=Kind, blank=True, editable=False
    )
    attachment = models.FileField(
        _("lampiran"), upload_to=_evidence_path, max_length=255, blank=True
    )
    thumbnail = models.FileField(
        _("gambar kecil"), upload_to=_evidence_path, max_length=255, blank=True, editable=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("catatan kemajuan tugas")
        verbose_name_plural = _("catatan kemajuan tugas")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.note[:60]


class TugasRutinQuerySet(ScopedQuerySet):
    def running_in(self, month: datetime.date) -> Self:
        """Templates that make a task for the month that starts on `month`."""
        return self.filter(is_active=True, start_month__lte=month).filter(
            Q(end_month__isnull=True) | Q(end_month__gte=month)
        )

    def for_list(self) -> Self:
        return self.select_related("kelurahan", "program").prefetch_related("kaders")


class TugasRutin(TugasContent):
    """A monthly duty ("kunjungan rumah ibu hamil KEK", "rekap posyandu"): each month gets its
    own task made from it, once."""

    kelurahan = kelurahan_key("kpm_tugas_rutin_set", on_delete=models.PROTECT)
    kaders = models.ManyToManyField(
        Kader, related_name="task_templates", blank=True, verbose_name=_("kader pelaksana")
    )
    program = optional_key(
        Program,
        on_delete=models.SET_NULL,
        related_name="task_templates",
        verbose_name=_("program"),
    )
    due_day = models.PositiveSmallIntegerField(
        _("batas waktu tiap bulan (tanggal)"),
        default=25,
        help_text=_("Tanggal 1-28 setiap bulan."),
    )
    start_month = models.DateField(_("mulai bulan"))
    end_month = models.DateField(_("sampai bulan"), null=True, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords(m2m_fields=[kaders])

    objects = TugasRutinQuerySet.as_manager()

    class Meta:
        verbose_name = _("tugas rutin bulanan")
        verbose_name_plural = _("tugas rutin bulanan")
        ordering = ["title", "pk"]
        constraints = [
            range_check(
                "tugasrutin_due_day_1_28",
                "due_day",
                1,
                28,
                _("Batas waktu tiap bulan harus tanggal 1 sampai 28."),
            ),
            end_after_start(
                "tugasrutin_end_after_start",
                start="start_month",
                end="end_month",
                message=_("Bulan akhir tidak boleh sebelum bulan mulai."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return url_for("kpm:tugas_rutin_update", self.pk)
