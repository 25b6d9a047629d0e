"""A cadre's field work with the targets: the families they accompany (wilayah binaan), the
home visits they make, and the targets a KPM task concerns.

These link `kpm` records (cadres, tasks) to `stunting` ones, so they live here: a lower app never
imports a higher one.

A home visit is counted in its month's 2A or 2B "kunjungan rumah" number by the services
(`stunting.fieldwork`), exactly once: the visit keeps the monthly record it was counted in.
"""

from __future__ import annotations

import datetime
from typing import Self

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.dates import next_month
from kelurahan.links import url_for
from kelurahan.models import (
    NOTES_MAX_LENGTH,
    LimitedTextField,
    ScopedQuerySet,
    TimeStampedModel,
    check_constraint,
    end_after_start,
    kelurahan_key,
    optional_key,
    unique_constraint,
    user_key,
)
from kpm.models import Kader, Tugas

from .monitoring import ChildMonth, PregnancyMonth
from .targets import Family, Person, Pregnancy

__all__ = ["FamilyAssignment", "HomeVisit", "TaskTarget"]


class FamilyAssignmentQuerySet(ScopedQuerySet):
    def current(self) -> Self:
        return self.filter(ended_on__isnull=True)


class FamilyAssignment(TimeStampedModel):
    """A target family that a cadre accompanies (keluarga binaan). A family may have several
    cadres; a cadre about twenty families."""

    kelurahan = kelurahan_key("stunting_family_assignments", on_delete=models.PROTECT)
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("keluarga")
    )
    kader = models.ForeignKey(
        Kader,
        on_delete=models.CASCADE,
        related_name="family_assignments",
        verbose_name=_("kader pendamping"),
    )
    started_on = models.DateField(_("mulai mendampingi"), default=datetime.date.today)
    ended_on = models.DateField(_("selesai mendampingi"), null=True, blank=True)
    history = HistoricalRecords()

    objects = FamilyAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("keluarga binaan")
        verbose_name_plural = _("keluarga binaan")
        ordering = ["family", "kader"]
        constraints = [
            unique_constraint(
                "familyassignment_once",
                "family",
                "kader",
                message=_("Kader ini sudah mendampingi keluarga ini."),
            ),
            end_after_start("familyassignment_end_after_start", start="started_on", end="ended_on"),
        ]

    def __str__(self) -> str:
        return f"{self.kader} – {self.family}"


class HomeVisitQuerySet(ScopedQuerySet):
    def in_month(self, month: datetime.date) -> Self:
        end = next_month(month)
        return self.filter(visit_date__gte=month, visit_date__lt=end)

    def for_list(self) -> Self:
        return self.select_related("person__family", "kader", "pregnancy").order_by(
            "-visit_date", "-pk"
        )


def _photo_path(instance: HomeVisit, filename: str) -> str:
    return f"kunjungan/{instance.kelurahan_id}/{filename}"


class HomeVisit(TimeStampedModel):
    """A home visit (kunjungan rumah) of a cadre to a target: a child, or a (pregnant) mother.

    The visit counts in the "kunjungan rumah" number of the month's 2B record of the child, or
    2A record of the pregnancy (made if the month has none); `child_month` / `pregnancy_month`
    is the record it was counted in.
    """

    class Purpose(models.TextChoices):
        PEMANTAUAN = "pemantauan", _("Pemantauan tumbuh kembang anak")
        GIZI = "gizi", _("Konseling gizi dan pemberian makan")
        IBU_HAMIL = "ibu_hamil", _("Pendampingan ibu hamil KEK/risiko tinggi")
        NIFAS = "nifas", _("Pendampingan ibu nifas dan bayi baru lahir")
        RUJUKAN = "rujukan", _("Tindak lanjut rujukan")
        LAINNYA = "lainnya", _("Lainnya")

    kelurahan = kelurahan_key("stunting_home_visits", on_delete=models.PROTECT)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="home_visits", verbose_name=_("sasaran")
    )
    pregnancy = optional_key(
        Pregnancy,
        on_delete=models.CASCADE,
        related_name="home_visits",
        verbose_name=_("kehamilan"),
    )
    kader = models.ForeignKey(
        Kader, on_delete=models.PROTECT, related_name="home_visits", verbose_name=_("kader")
    )
    visit_date = models.DateField(_("tanggal kunjungan"))
    purpose = models.CharField(_("tujuan"), max_length=15, choices=Purpose)
    notes = LimitedTextField(_("catatan"), max_length=NOTES_MAX_LENGTH, blank=True)
    photo = models.FileField(_("foto"), upload_to=_photo_path, max_length=255, blank=True)
    thumbnail = models.FileField(
        _("gambar kecil"), upload_to=_photo_path, max_length=255, blank=True, editable=False
    )
    child_month = optional_key(
        ChildMonth,
        on_delete=models.SET_NULL,
        related_name="logged_visits",
        verbose_name=_("dihitung di 2B"),
        editable=False,
    )
    pregnancy_month = optional_key(
        PregnancyMonth,
        on_delete=models.SET_NULL,
        related_name="logged_visits",
        verbose_name=_("dihitung di 2A"),
        editable=False,
    )
    created_by = user_key(_("dicatat oleh"), editable=False)
    history = HistoricalRecords()

    objects = HomeVisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("kunjungan rumah")
        verbose_name_plural = _("kunjungan rumah")
        ordering = ["-visit_date", "-pk"]
        indexes = [models.Index(fields=["kelurahan", "visit_date"], name="homevisit_kel_date")]
        constraints = [
            check_constraint(
                "homevisit_counted_once",
                Q(child_month__isnull=True) | Q(pregnancy_month__isnull=True),
                _("Satu kunjungan rumah dihitung di satu formulir saja."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.visit_date:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return url_for("stunting:home_visit_update", self.pk)


class TaskTarget(models.Model):
    """A target a KPM task concerns (a task may concern several, or none)."""

    task = models.ForeignKey(
        Tugas, on_delete=models.CASCADE, related_name="target_links", verbose_name=_("tugas")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="task_links", verbose_name=_("sasaran")
    )

    class Meta:
        verbose_name = _("sasaran tugas")
        verbose_name_plural = _("sasaran tugas")
        constraints = [
            unique_constraint(
                "tasktarget_once",
                "task",
                "person",
                message=_("Sasaran ini sudah tercantum pada tugas ini."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.task} – {self.person}"
