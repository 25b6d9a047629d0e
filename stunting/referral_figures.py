"""The figures of referral pages: per OPD and per kelurahan (referred, resolved, refused, open
and the median days to resolve), each table read with two queries whatever its length."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from .models import Referral
from .referrals import figures_by, median_days_by

__all__ = ["Figures", "figures_per", "total_figures"]


@dataclass
class Figures:
    """One row of a table: what it is about (an OPD, a kelurahan, or a label) and its counts."""

    subject: object
    referred: int = 0
    resolved: int = 0
    refused: int = 0
    open: int = 0
    median_days: float | None = None

    @property
    def resolved_percent(self) -> int | None:
        """Resolved as a share of what was referred (None: nothing referred)."""
        if not self.referred:
            return None
        return round(100 * self.resolved / self.referred)


def _row(subject, counts: dict | None, median) -> Figures:
    counts = counts or {}
    return Figures(
        subject=subject,
        referred=counts.get("referred", 0),
        resolved=counts.get("resolved", 0),
        refused=counts.get("refused", 0),
        open=counts.get("open", 0),
        median_days=None if median is None else float(median),
    )


def figures_per(referrals: QuerySet, field: str, subjects) -> list[Figures]:
    """A row per subject (OPD, kelurahan: objects with a `pk`) of `referrals` grouped by
    `field`, in the subjects' order; subjects without a referral have a row of zeros."""
    counts = figures_by(referrals, field)
    medians = median_days_by(referrals, field)
    return [_row(s, counts.get(s.pk), medians.get(s.pk)) for s in subjects]


def total_figures(referrals: QuerySet, label) -> Figures:
    """One row over all of `referrals` (three small queries: the counts, then the one or two
    middle rows of the resolved ones for the median)."""
    Status = Referral.Status
    counts = referrals.order_by().aggregate(
        referred=Count("pk"),
        resolved=Count("pk", filter=Q(status=Status.SELESAI)),
        refused=Count("pk", filter=Q(status=Status.DITOLAK)),
        open=Count("pk", filter=Q(status__in=Referral.OPEN)),
    )
    days = (
        referrals.filter(status=Status.SELESAI)
        .order_by("days_to_resolve", "pk")
        .values_list("days_to_resolve", flat=True)
    )
    size, median = counts["resolved"], None
    if size:
        middle = list(days[(size - 1) // 2 : size // 2 + 1])
        median = sum(middle) / len(middle)
    return _row(label, counts, median)
