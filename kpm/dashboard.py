"""The kpm panels of the dashboard (collected by `kelurahan.dashboard.build_panels`): a warning
of equipment that needs attention, the cadre register and its terms, then meetings and their
follow-ups, then KPM tasks and spending awaiting the lurah. A fixed number of grouped queries,
whatever the number of kelurahan.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kelurahan.dashboard import Panel, Row, counts_by_kelurahan, grouped_counts, row_from_counts
from kelurahan.dates import aware, next_month

from .models import Kader, Peralatan, Rapat, RapatTindakLanjut, Realisasi, Tugas
from .models.kader import TERM_WARNING_DAYS


def panels(user, kelurahan_list) -> list[Panel]:
    return (
        _peralatan_panels(kelurahan_list)
        + _kader_panels(kelurahan_list)
        + _rapat_panels(user, kelurahan_list)
        + [_tugas_panel(kelurahan_list)]
        + _spending_panels(user, kelurahan_list)
    )


# --- Cadre register ------------------------------------------------------------------------------

TERM_PANEL_LIMIT = 10


def _kader_panels(kelurahan_list) -> list[Panel]:
    today = timezone.localdate()
    limit = today + datetime.timedelta(TERM_WARNING_DAYS)
    # One row per cadre (its term end computed once), counted here: grouped counts with a
    # FILTER per figure would evaluate the term-end subquery once per figure and cadre.
    rows = (
        Kader.objects.filter(kelurahan__in=kelurahan_list)
        .with_term()
        .order_by()
        .values_list("kelurahan_id", "is_active", "origin", "term_end")
    )
    by_kelurahan: dict[int, Counter] = {}
    for kelurahan_id, is_active, origin, term_end in rows:
        counts = by_kelurahan.setdefault(kelurahan_id, Counter())
        if not is_active:
            counts["nonaktif"] += 1
            continue
        counts["aktif"] += 1
        counts[f"origin_{origin}"] += 1
        if term_end is None:
            counts["tanpa_sk"] += 1
        elif term_end < today:
            counts["habis"] += 1
        elif term_end <= limit:
            counts["segera"] += 1
    url = reverse("kpm:kader_list")

    def row(label, key, query, highlight=False):
        values = [by_kelurahan.get(k.pk, {}).get(key, 0) for k in kelurahan_list]
        return Row(label, values, f"{url}?{query}", highlight=highlight and any(values))

    register = Panel(
        title=_("Kader Pemberdayaan Masyarakat"),
        rows=[
            row(_("Kader aktif"), "aktif", "status=aktif"),
            *(
                row("— " + str(label), f"origin_{value}", f"status=aktif&origin={value}")
                for value, label in Kader.Origin.choices
            ),
            row(_("Masa bakti berakhir dalam 60 hari"), "segera", "status=segera", True),
            row(_("Masa bakti sudah habis (perlu SK baru)"), "habis", "status=habis", True),
            row(_("Aktif tanpa SK"), "tanpa_sk", "status=tanpa_sk", True),
            row(_("Kader berhenti"), "nonaktif", "status=nonaktif"),
        ],
    )
    ending = list(
        Kader.objects.filter(kelurahan__in=kelurahan_list)
        .term_ending(today=today)
        .select_related("kelurahan")
        .order_by("term_end", "name")[: TERM_PANEL_LIMIT + 1]
    )
    terms = Panel(
        title=_("Masa bakti kader yang berakhir dalam 60 hari"),
        template="kpm/_kader_panel_terms.html",
        extra={
            "kaders": ending[:TERM_PANEL_LIMIT],
            "more": len(ending) > TERM_PANEL_LIMIT,
            "url": f"{url}?status=segera",
            "show_kelurahan": len(kelurahan_list) > 1,
        },
    )
    return [register, terms]


# --- Meetings and follow-ups ---------------------------------------------------------------------

PANEL_LIMIT = 8


def _meeting_starts(kelurahan_list, since, until) -> list[tuple[int, datetime.datetime]]:
    """(kelurahan id, start) of every scheduled meeting a kelurahan hosts or takes part in,
    starting in [since, until): one query (a UNION of hosted and joined meetings)."""
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


def _rapat_panels(user, kelurahan_list) -> list[Panel]:
    now = timezone.now()
    today = timezone.localdate()
    month_start = aware(today.replace(day=1))
    month_end = aware(next_month(today))
    soon = now + datetime.timedelta(days=30)
    this_month, next_30_days = Counter(), Counter()
    for kelurahan_id, starts_at in _meeting_starts(
        kelurahan_list, min(month_start, now), max(month_end, soon)
    ):
        if month_start <= starts_at < month_end:
            this_month[kelurahan_id] += 1
        if now <= starts_at < soon:
            next_30_days[kelurahan_id] += 1
    followups = grouped_counts(
        RapatTindakLanjut.objects.open(), kelurahan_list, n=Q(), late=Q(due_date__lt=today)
    )
    open_counts, overdue = followups["n"], followups["late"]
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
    since = aware(today)
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


# --- KPM tasks -----------------------------------------------------------------------------------


def _tugas_panel(kelurahan_list) -> Panel:
    """Open and overdue ("terlambat": open past the due date, never stored) tasks per kelurahan:
    one GROUP BY query."""
    today = timezone.localdate()
    tasks = grouped_counts(Tugas.objects.open(), kelurahan_list, n=Q(), late=Q(due_date__lt=today))
    open_counts, overdue = tasks["n"], tasks["late"]
    url = reverse("kpm:tugas_list")
    return Panel(
        title=_("Tugas KPM"),
        rows=[
            row_from_counts(
                _("Tugas belum selesai"), open_counts, kelurahan_list, f"{url}?status=terbuka"
            ),
            row_from_counts(
                _("Tugas terlambat"),
                overdue,
                kelurahan_list,
                f"{url}?status=terlambat",
                highlight=any(overdue.values()),
            ),
        ],
    )


# --- Spending awaiting the lurah -----------------------------------------------------------------


def _spending_panels(user, kelurahan_list) -> list[Panel]:
    """For the lurah (and admins): spending awaiting their confirmation (over its line) or
    approval (drafts), per kelurahan, linking to the filtered list. One GROUP BY query."""
    if not any(user.can_sign_for(kelurahan_id=k.pk, kecamatan_id=None) for k in kelurahan_list):
        return []
    S = Realisasi.Status
    counts = grouped_counts(
        Realisasi.objects.filter(status__in=[S.MENUNGGU, S.DRAF]),
        kelurahan_list,
        waiting=Q(status=S.MENUNGGU),
        drafts=Q(status=S.DRAF),
    )
    waiting, drafts = counts["waiting"], counts["drafts"]
    url = reverse("kpm:realisasi_list")
    return [
        Panel(
            title=_("Realisasi belanja KPM yang menunggu lurah"),
            rows=[
                row_from_counts(
                    _("Melebihi pagu, menunggu konfirmasi"),
                    waiting,
                    kelurahan_list,
                    f"{url}?status=menunggu",
                    highlight=any(waiting.values()),
                ),
                row_from_counts(
                    _("Draf menunggu persetujuan"), drafts, kelurahan_list, f"{url}?status=draf"
                ),
            ],
        )
    ]


# --- Equipment -----------------------------------------------------------------------------------


def _peralatan_panels(kelurahan_list) -> list[Panel]:
    """A warning while any equipment is broken or not checked for 12 months: one GROUP BY
    query; no panel when all is well."""
    counts = counts_by_kelurahan(Peralatan.objects.needing_attention(), kelurahan_list)
    total = sum(counts.values())
    if not total:
        return []
    url = reverse("kpm:peralatan_list") + "?perhatian=ya"
    per_kelurahan = [
        (k, counts[k.pk], f"{url}&kelurahan={k.pk}") for k in kelurahan_list if counts.get(k.pk)
    ]
    warning = Panel(
        title=_("Peralatan perlu perhatian"),
        template="kpm/_peralatan_dashboard_warning.html",
        extra={"total": total, "url": url, "per_kelurahan": per_kelurahan},
    )
    return [warning]
