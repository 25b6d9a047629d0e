"""Trainings that cadres of the kelurahan took part in (pelatihan)."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.links import url_for
from kelurahan.models import (
    NOTES_MAX_LENGTH,
    LimitedTextField,
    ScopedQuerySet,
    TimeStampedModel,
    end_after_start,
    kelurahan_key,
)

from .kader import Kader

__all__ = ["Pelatihan"]


class PelatihanQuerySet(ScopedQuerySet):
    def for_list(self) -> Self:
        return (
            self.select_related("kelurahan")
            .annotate(participant_count=Count("participants", distinct=True))
            .order_by("-start_date", "-pk")
        )


class Pelatihan(TimeStampedModel):
    """A training that cadres of the kelurahan took part in."""

    kelurahan = kelurahan_key("kpm_pelatihan_set", on_delete=models.PROTECT)
    name = models.CharField(_("nama pelatihan"), max_length=200)
    organizer = models.CharField(_("penyelenggara"), max_length=150, blank=True)
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"), null=True, blank=True)
    location = models.CharField(_("tempat"), max_length=200, blank=True)
    hours = models.PositiveSmallIntegerField(_("jumlah jam pelajaran"), null=True, blank=True)
    participants = models.ManyToManyField(
        Kader, related_name="pelatihan_set", blank=True, verbose_name=_("peserta")
    )
    notes = LimitedTextField(_("keterangan"), max_length=NOTES_MAX_LENGTH, blank=True)
    history = HistoricalRecords(m2m_fields=[participants])

    objects = PelatihanQuerySet.as_manager()

    class Meta:
        verbose_name = _("pelatihan kader")
        verbose_name_plural = _("pelatihan kader")
        ordering = ["-start_date", "name"]
        constraints = [end_after_start("pelatihan_end_after_start")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_for("kpm:pelatihan_detail", self.pk)
