"""Validating a kelurahan-quarter, reopening it, and what changed since.

`validate_quarter` stores the quarter's figures (`compute.snapshot`) in its `QuarterReport`:
from then on `compute.load` reads them instead of the live figures, and later edits of the
monthly records only show up in `changed_since`. `reopen_quarter` (the lurah, with a reason)
makes it a draft again; both are in the report's change history (`reopen_history`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kelurahan.dates import Quarter

from ..models import ChildMonth, Measurement, PaudMonth, PregnancyMonth, QuarterReport
from .compute import Ratio, compute, load, snapshot

# The longest look-back window a quarter's marks read (anak 19-23 bulan: this quarter and the
# five before it).
LOOK_BACK_QUARTERS = 6
MONTHLY_MODELS = (PregnancyMonth, ChildMonth, PaudMonth, Measurement)


def report_for(kelurahan, quarter: Quarter, *, lock: bool = False) -> QuarterReport:
    """The quarter's report, created as a draft when there is none yet."""
    queryset = QuarterReport.objects.select_for_update() if lock else QuarterReport.objects
    report, _created = queryset.get_or_create(
        kelurahan=kelurahan,
        year=quarter.year,
        quarter=quarter.number,
    )
    return report


@transaction.atomic
def validate_quarter(*, kelurahan, quarter: Quarter, by) -> tuple[QuarterReport, bool]:
    """Lock the quarter's figures as they are now. Returns the report and whether it was
    validated now (False: it already was, and nothing changed)."""
    report = report_for(kelurahan, quarter, lock=True)
    if report.is_validated:
        return report, False
    # The moment is taken before the records are read: an edit during the computation counts
    # as changed since validation rather than slipping by unnoticed.
    now = timezone.now()
    result = compute([kelurahan.pk], quarter)
    report.snapshot = snapshot(result)
    report.rule_set = result.rule_set.code
    report.state = QuarterReport.State.VALIDATED
    report.validated_at = now
    report.validated_by = by
    report.reopen_reason = ""
    report._history_user = by
    report.save()
    return report, True


@transaction.atomic
def reopen_quarter(*, report: QuarterReport, by, reason: str) -> bool:
    """Make a validated quarter a draft again (live figures), keeping `reason` in its history.
    Returns False when it was not validated (nothing changed)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Tuliskan alasan membuka kembali triwulan ini."))
    QuarterReport._meta.get_field("reopen_reason").run_validators(reason)
    locked = QuarterReport.objects.select_for_update().get(pk=report.pk)
    if not locked.is_validated:
        return False
    locked.state = QuarterReport.State.DRAFT
    locked.snapshot = None
    locked.validated_at = None
    locked.validated_by = None
    locked.reopen_reason = reason
    locked._history_user = by
    locked.save()
    report.refresh_from_db()
    return True


@dataclass(frozen=True)
class Event:
    """One validation or reopening of a quarter, from its change history."""

    validated: bool
    by: object  # the user, or None when unknown
    at: datetime.datetime
    reason: str


def history_events(report: QuarterReport) -> list[Event]:
    """The quarter's validations and reopenings, newest first (one query)."""
    events, previous = [], QuarterReport.State.DRAFT
    rows = report.history.select_related("history_user").order_by("history_date", "history_id")
    for row in rows:
        if row.state != previous:
            validated = row.state == QuarterReport.State.VALIDATED
            reason = "" if validated else row.reopen_reason
            events.append(Event(validated, row.history_user, row.history_date, reason))
        previous = row.state
    return events[::-1]


def reopen_history(report: QuarterReport) -> list[Event]:
    """Who reopened the quarter, when and why, newest first."""
    return [event for event in history_events(report) if not event.validated]


def read_months(quarter: Quarter) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the months a quarter's marks read."""
    return quarter.shifted(-(LOOK_BACK_QUARTERS - 1)).start, quarter.end


def changed_since(report: QuarterReport) -> int:
    """How many monthly records (2A, 2B, 2C, measurements) of the kelurahan in the months the
    quarter's marks read were added, edited or deleted after it was validated (one query)."""
    if not report.is_validated:
        return 0
    months = read_months(report.period)
    rows = []
    for model in MONTHLY_MODELS:
        scope = {"kelurahan_id": report.kelurahan_id, "month__range": months}
        rows.append(
            model.objects.filter(**scope, updated_at__gt=report.validated_at)
            .order_by()
            .values_list("pk")
        )
        rows.append(
            model.history.filter(**scope, history_type="-", history_date__gt=report.validated_at)
            .order_by()
            .values_list("history_id")
        )
    first, *others = rows
    return first.union(*others, all=True).count()


def previous_year_konvergensi(kelurahan_id: int, quarter: Quarter) -> Ratio:
    """The kelurahan's konvergensi in the same quarter a year earlier (its validated figures
    when that quarter was validated, else live)."""
    return load(kelurahan_id, quarter.shifted(-4)).summary().kelurahan_konvergensi
