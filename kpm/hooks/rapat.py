"""What the meetings contribute to the menu, dashboard, demo data, scale data and benchmark."""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NAV_SECTIONS = [(gettext_lazy("Rapat"), "kpm:rapat_list")]

PANEL_LIMIT = 8


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute)),
        timezone.get_default_timezone(),
    )


# --- Dashboard -----------------------------------------------------------------------------------


def _meeting_starts(kelurahan_list, since, until) -> list[tuple[int, datetime.datetime]]:
    """(kelurahan id, start) of every scheduled meeting a kelurahan hosts or takes part in,
    starting in [since, until): one query (a UNION of hosted and joined meetings)."""
    from ..models import Rapat

    ids = [k.pk for k in kelurahan_list]
    hosted = Rapat.objects.filter(
        status=Rapat.Status.TERJADWAL,
        level=Rapat.Level.KELURAHAN,
        kelurahan_id__in=ids,
        starts_at__gte=since,
        starts_at__lt=until,
    ).values_list("kelurahan_id", "starts_at")
    joined = Rapat.participants.through.objects.filter(
        kelurahan_id__in=ids,
        rapat__status=Rapat.Status.TERJADWAL,
        rapat__level=Rapat.Level.KECAMATAN,
        rapat__starts_at__gte=since,
        rapat__starts_at__lt=until,
    ).values_list("kelurahan_id", "rapat__starts_at")
    return list(hosted.order_by().union(joined.order_by(), all=True))


def _followup_counts(kelurahan_list, today) -> tuple[Counter, Counter]:
    """Open and overdue follow-ups per responsible kelurahan: one GROUP BY query."""
    from ..models import RapatTindakLanjut

    rows = (
        RapatTindakLanjut.objects.open()
        .filter(kelurahan__in=kelurahan_list)
        .values("kelurahan_id")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(due_date__lt=today)))
        .order_by()
    )
    open_counts, overdue = Counter(), Counter()
    for row in rows:
        open_counts[row["kelurahan_id"]] = row["n"]
        overdue[row["kelurahan_id"]] = row["late"]
    return open_counts, overdue


def dashboard_panels(user, kelurahan_list) -> list:
    from kelurahan.dashboard import Panel, row_from_counts

    from ..models import Rapat, RapatTindakLanjut

    now = timezone.now()
    today = timezone.localdate()
    month_start = _at(today.replace(day=1), 0)
    month_end = _at((today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1), 0)
    soon = now + datetime.timedelta(days=30)
    this_month, next_30_days = Counter(), Counter()
    for kelurahan_id, starts_at in _meeting_starts(
        kelurahan_list, min(month_start, now), max(month_end, soon)
    ):
        if month_start <= starts_at < month_end:
            this_month[kelurahan_id] += 1
        if now <= starts_at < soon:
            next_30_days[kelurahan_id] += 1
    open_counts, overdue = _followup_counts(kelurahan_list, today)
    list_url = reverse("kpm:rapat_list")
    followup_url = reverse("kpm:rapat_followup_list")
    figures = Panel(
        title=_("Rapat dan tindak lanjut"),
        rows=[
            row_from_counts(
                _("Rapat bulan ini"), this_month, kelurahan_list, reverse("kpm:rapat_calendar")
            ),
            row_from_counts(
                _("Rapat 30 hari ke depan"),
                next_30_days,
                kelurahan_list,
                f"{list_url}?when=akan_datang&status=terjadwal",
            ),
            row_from_counts(
                _("Tindak lanjut belum selesai"),
                open_counts,
                kelurahan_list,
                f"{followup_url}?state=terbuka",
            ),
            row_from_counts(
                _("Tindak lanjut lewat batas waktu"),
                overdue,
                kelurahan_list,
                f"{followup_url}?state=terlambat",
                highlight=any(overdue.values()),
            ),
        ],
    )
    visible = Rapat.objects.for_user(user)
    # Today's meetings stay in the list all day, so that attendance is one tap away.
    since = _at(today, 0)
    upcoming = list(visible.upcoming(since).select_related("kelurahan", "kecamatan")[:PANEL_LIMIT])
    open_followups = list(
        RapatTindakLanjut.objects.filter(rapat__in=visible.values("pk"))
        .open()
        .select_related("rapat", "assignee_kader", "assignee_official")
        .order_by("due_date", "pk")[: PANEL_LIMIT + 1]
    )
    lists = Panel(
        title=_("Rapat mendatang dan tindak lanjut terbuka"),
        template="kpm/_rapat_dashboard_panel.html",
        extra={
            "upcoming": upcoming,
            "followups": open_followups[:PANEL_LIMIT],
            "more_followups": len(open_followups) > PANEL_LIMIT,
            "followup_url": f"{followup_url}?state=terbuka",
            "today": today,
        },
    )
    return [figures, lists]


# --- Demo data, scale data and benchmark (kpm/demo_rapat.py, kpm/scale_rapat.py) ---


def seed_demo(*, stdout) -> None:
    from ..demo_rapat import seed_demo as seed

    seed(stdout=stdout)


def seed_scale(*, stdout, scale) -> None:
    from ..scale_rapat import seed_scale as seed

    seed(stdout=stdout, scale=scale)


def bench_pages(context) -> list:
    from ..scale_rapat import bench_pages as pages

    return pages(context)
