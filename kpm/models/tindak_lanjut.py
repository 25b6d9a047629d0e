"""Follow-ups (tindak lanjut) agreed in a meeting: what, who, by when, and how far it has come."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.models import (
    DueDateQuerySet,
    Kelurahan,
    Official,
    Scope,
    TimeStampedModel,
    check_constraint,
    optional_key,
)

from .rapat import Rapat, RapatRowQuerySet

__all__ = ["RapatTindakLanjut"]


class RapatTindakLanjutQuerySet(RapatRowQuerySet, DueDateQuerySet):
    def for_kader(self, kader) -> Self:
        return self.filter(assignee_kader=kader)

    def for_official(self, official) -> Self:
        return self.filter(assignee_official=official)

    def for_list(self) -> Self:
        return self.select_related("rapat", "kelurahan").order_by("due_date", "pk")


class RapatTindakLanjut(TimeStampedModel):
    """A follow-up agreed in a meeting: what, who, by when, and how far it has come."""

    class Status(models.TextChoices):
        BELUM = "belum", _("Belum dikerjakan")
        PROSES = "proses", _("Sedang dikerjakan")
        SELESAI = "selesai", _("Selesai")
        BATAL = "batal", _("Dibatalkan")

    OPEN = [Status.BELUM, Status.PROSES]

    rapat = models.ForeignKey(
        Rapat, on_delete=models.CASCADE, related_name="tindak_lanjut", verbose_name=_("rapat")
    )
    description = models.CharField(_("tindak lanjut"), max_length=255)
    assignee_kader = optional_key(
        "kpm.Kader",
        on_delete=models.SET_NULL,
        related_name="rapat_tindak_lanjut",
        verbose_name=_("penanggung jawab (kader)"),
    )
    assignee_official = optional_key(
        Official,
        on_delete=models.SET_NULL,
        related_name="rapat_tindak_lanjut",
        verbose_name=_("penanggung jawab (pejabat/tokoh)"),
    )
    assignee_name = models.CharField(
        _("penanggung jawab (lainnya)"),
        max_length=150,
        blank=True,
        help_text=_("Isi jika penanggung jawab bukan kader atau pejabat yang terdaftar."),
    )
    kelurahan = optional_key(
        Kelurahan,
        on_delete=models.SET_NULL,
        related_name="rapat_tindak_lanjut",
        verbose_name=_("kelurahan penanggung jawab"),
    )
    due_date = models.DateField(_("batas waktu"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.BELUM)
    done_on = models.DateField(_("tanggal selesai"), null=True, blank=True)
    notes = models.CharField(_("catatan perkembangan"), max_length=255, blank=True)
    history = HistoricalRecords()

    objects = RapatTindakLanjutQuerySet.as_manager()

    class Meta:
        verbose_name = _("tindak lanjut rapat")
        verbose_name_plural = _("tindak lanjut rapat")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"], name="rapattl_status_due")]
        constraints = [
            check_constraint(
                "rapattl_one_assignee",
                Q(assignee_kader__isnull=True) | Q(assignee_official__isnull=True),
                _("Pilih satu penanggung jawab saja: kader atau pejabat/tokoh."),
            ),
            check_constraint(
                "rapattl_done_has_date",
                ~Q(status="selesai") | Q(done_on__isnull=False),
                _("Tindak lanjut yang selesai harus punya tanggal selesai."),
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def assignee_display(self) -> str:
        if self.assignee_kader_id:
            return self.assignee_kader.name
        if self.assignee_official_id:
            return self.assignee_official.name
        return self.assignee_name

    def is_editable_by(self, user) -> bool:
        """The meeting's editors, and a kelurahan's editors for a follow-up of their own people
        (its `kelurahan`), whoever holds the meeting."""
        scope = Scope.of(user)
        if scope.is_kelurahan and self.kelurahan_id == scope.kelurahan_id:
            return user.can_edit_records
        return self.rapat.is_editable_by(user)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN
