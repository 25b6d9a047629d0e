"""What every monthly record of the monitoring has: its kelurahan, its month (the first day of
the visit's month, kept by the services) and the recording cadre."""

from __future__ import annotations

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kelurahan.models import TimeStampedModel, kelurahan_key, optional_key

__all__ = ["MonthlyRecord", "month_index"]


def month_index() -> models.Index:
    """Every monthly table's index: (kelurahan, month) for the pages' month filters, with
    `updated_at` so that the scorecard cache's data stamp (the count and latest change of the
    rows of some kelurahan and months) is read from the index alone."""
    return models.Index(fields=["kelurahan", "month", "updated_at"])


class MonthlyRecord(TimeStampedModel):
    """What every monthly record has: its kelurahan, month, visit date and recording cadre."""

    kelurahan = kelurahan_key("stunting_%(class)s_set", on_delete=models.PROTECT)
    month = models.DateField(_("bulan"), editable=False)
    recorded_by = optional_key(
        "kpm.Kader",
        on_delete=models.SET_NULL,
        related_name="stunting_%(class)s_set",
        verbose_name=_("kader pencatat"),
    )

    class Meta:
        abstract = True

    @property
    def month_label(self) -> str:
        return date_format(self.month, "F Y")
