"""Page-context builders of kpm: what a page shows beside its own record, read in a fixed
number of queries. Templates name the builder they need in their header comment.
"""

from __future__ import annotations

from django.utils import timezone

from .models import (
    Rapat,
    RapatPeserta,
    RapatTindakLanjut,
    Tugas,
    attendance_summary_for_kader,
)

PERSON_PAGE_LIMIT = 20


def _person_context(rows, followups, user, *, summary=None) -> dict:
    visible = Rapat.objects.for_user(user).values("pk")
    rows = list(
        rows.filter(rapat__in=visible)
        .select_related("rapat")
        .order_by("-rapat__starts_at", "-pk")[: PERSON_PAGE_LIMIT + 1]
    )
    return {
        "rows": rows[:PERSON_PAGE_LIMIT],
        "more": len(rows) > PERSON_PAGE_LIMIT,
        "summary": summary,
        "followups": followups.filter(rapat__in=visible)
        .open()
        .select_related("rapat", "assignee_kader", "assignee_official")
        .order_by("due_date", "pk"),
        "today": timezone.localdate(),
    }


def rapat_context_for_kader(kader, user) -> dict:
    """What `templates/kpm/_rapat_for_kader.html` shows on a cadre's page: the latest meetings
    the cadre was invited to, the attendance summary, and open follow-ups (4 queries)."""
    return _person_context(
        RapatPeserta.objects.filter(kader=kader),
        RapatTindakLanjut.objects.for_kader(kader),
        user,
        summary=attendance_summary_for_kader(kader),
    )


def rapat_context_for_official(official, user) -> dict:
    """The same for an official's page (`templates/kpm/_rapat_for_official.html`,
    rendered by the `rapat_for_official` tag of `kpm_tags` on `kelurahan/official_detail.html`)."""
    return _person_context(
        RapatPeserta.objects.filter(official=official),
        RapatTindakLanjut.objects.for_official(official),
        user,
    )


RECENTLY_FINISHED = 5


def tugas_context_for_kader(kader) -> dict:
    """What `templates/kpm/_tugas_for_kader.html` shows on a cadre's page: the cadre's open
    tasks (nearest due date first) and the last ones finished (2 queries)."""
    tasks = Tugas.objects.for_kader(kader).select_related("program")
    open_tasks = list(tasks.open().order_by("due_date", "pk")[: PERSON_PAGE_LIMIT + 1])
    finished = tasks.filter(status=Tugas.Status.SELESAI).order_by("-finished_on", "-pk")
    return {
        "open": open_tasks[:PERSON_PAGE_LIMIT],
        "more": len(open_tasks) > PERSON_PAGE_LIMIT,
        "finished": list(finished[:RECENTLY_FINISHED]),
        "today": timezone.localdate(),
    }
