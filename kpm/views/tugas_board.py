"""KPM tasks seen together: the board by status, the month calendar of due dates, the .xlsx
export. All three read the task list's filter (`TugasFilter`) from the query string."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone

from kelurahan import dates
from kelurahan.viewhelpers import in_indonesian
from kelurahan.xlsx import dated_filename, xlsx_response

from ..exports_tugas import tasks_xlsx
from ..filters_tugas import TugasFilter
from ..models import Tugas

CARD_LIMIT = 50  # cards per board column; the rest are counted and found in the list
RECENT_DAYS = 30  # finished and cancelled tasks stay on the board this long
CALENDAR_LIMIT = 1000  # tasks in one month's calendar; past it the page asks for a filter

Status = Tugas.Status
# Each column's order: open work by due date, closed work most recent first.
COLUMN_ORDER = {
    Status.BARU: ("due_date", "pk"),
    Status.BERJALAN: ("due_date", "pk"),
    Status.SELESAI: ("-finished_on", "-pk"),
    Status.DIBATALKAN: ("-updated_at", "-pk"),
}


def filtered_tasks(request, queryset=None) -> TugasFilter:
    """The task list's filter over the user's tasks (read as the list reads them, unless
    `queryset` says otherwise)."""
    if queryset is None:
        queryset = Tugas.objects.for_user(request.user).for_list()
    return TugasFilter(request.GET or None, queryset=queryset, user=request.user)


def chosen_month(filterset: TugasFilter) -> datetime.date | None:
    """The month the filter keeps (`?bulan=`), once its query has been read."""
    return getattr(filterset.form, "cleaned_data", {}).get("bulan")


def recent(queryset, status: str, since: datetime.date):
    if status == Status.SELESAI:
        return queryset.filter(finished_on__gte=since)
    return queryset.filter(updated_at__gte=dates.aware(since))


def board_columns(queryset, *, since: datetime.date | None) -> list[dict]:
    """One column per status with its first cards and the number of its tasks not shown
    (past the card limit, or finished or cancelled before `since` when it is given)."""
    totals = dict(
        queryset.prefetch_related(None).order_by().values_list("status").annotate(Count("pk"))
    )
    columns = []
    for status, order in COLUMN_ORDER.items():
        rows = queryset.filter(status=status)
        if since is not None and status not in Tugas.OPEN:
            rows = recent(rows, status, since)
        cards = list(rows.order_by(*order)[:CARD_LIMIT])
        rest = totals.get(status, 0) - len(cards)
        columns.append({"status": status, "label": status.label, "cards": cards, "rest": rest})
    return columns


@login_required
def tugas_board(request):
    filterset = filtered_tasks(request, Tugas.objects.for_user(request.user).for_board())
    queryset = filterset.qs
    today = timezone.localdate()
    since = None if chosen_month(filterset) else today - datetime.timedelta(days=RECENT_DAYS)
    context = {
        "filter": filterset,
        "columns": board_columns(queryset, since=since),
        "since": since,
        "today": today,
    }
    return render(request, "kpm/tugas_board.html", context)


@login_required
def tugas_calendar(request):
    first = dates.parse_month(request.GET.get("bulan"))
    filterset = filtered_tasks(request)
    rows = list(filterset.qs.in_month(first)[: CALENDAR_LIMIT + 1])
    by_day: dict = {}
    for tugas in rows[:CALENDAR_LIMIT]:
        by_day.setdefault(tugas.due_date, []).append(tugas)
    context = {
        "filter": filterset,
        "month": first,
        "weeks": dates.month_weeks(first, by_day),
        "days": sorted(by_day.items()),
        "too_many": len(rows) > CALENDAR_LIMIT,
        "limit": CALENDAR_LIMIT,
        "previous": dates.previous_month(first),
        "following": dates.next_month(first),
        "today": timezone.localdate(),
    }
    return render(request, "kpm/tugas_calendar.html", context)


@login_required
@in_indonesian
def tugas_export(request):
    """The filtered tasks as .xlsx (the board's and the list's filters)."""
    content = tasks_xlsx(filtered_tasks(request).qs, today=timezone.localdate())
    return xlsx_response(content, dated_filename("tugas-kpm"))
