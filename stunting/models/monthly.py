"""What every monthly record of the monitoring has: its kelurahan, its month (the first day of
the visit's month, kept by the services) and the recording cadre."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kelurahan.models import (
    ScopedQuerySet,
    TimeStampedModel,
    check_constraint,
    kelurahan_key,
    optional_key,
    unique_constraint,
)

__all__ = ["MonthlyRecord", "date_in_month", "month_index", "one_per_month"]


def month_index() -> models.Index:
    """Every monthly table's index: (kelurahan, month) for the pages' month filters, with
    `updated_at` so that the scorecard cache's data stamp (the count and latest change of the
    rows of some kelurahan and months) is read from the index alone."""
    return models.Index(fields=["kelurahan", "month", "updated_at"])


def one_per_month(name: str, subject: str, message) -> models.UniqueConstraint:
    """One record of `subject` (the child, the pregnancy) a month."""
    return unique_constraint(name, subject, "month", message=message)


def date_in_month(name: str, date_field: str, message) -> models.CheckConstraint:
    """The visit or measurement date is not before the record's month."""
    return check_constraint(name, Q(**{f"{date_field}__gte": models.F("month")}), message)


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

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def month_label(self) -> str:
        return date_format(self.month, "F Y")

    @property
    def month_anchor(self) -> str:
        """The fragment of the record's month on its person's or pregnancy's page ("#m2026-07")."""
        return f"#m{self.month:%Y-%m}"
