"""What the cadre register contributes to the menu, dashboard, demo, scale data and benchmark."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NAV_SECTIONS = [(gettext_lazy("Kader KPM"), "kpm:kader_list")]

TERM_PANEL_LIMIT = 10


def dashboard_panels(user, kelurahan_list) -> list:
    from kelurahan.dashboard import Panel, Row

    from ..models import Kader
    from ..models.kader import TERM_WARNING_DAYS

    today = timezone.localdate()
    limit = today + datetime.timedelta(TERM_WARNING_DAYS)
    active = Q(is_active=True)
    origins = {value: Count("pk", filter=active & Q(origin=value)) for value in Kader.Origin.values}
    rows = (
        Kader.objects.filter(kelurahan__in=kelurahan_list)
        .with_term()
        .values("kelurahan_id")
        .annotate(
            aktif=Count("pk", filter=active),
            nonaktif=Count("pk", filter=~active),
            segera=Count("pk", filter=active & Q(term_end__gte=today, term_end__lte=limit)),
            habis=Count("pk", filter=active & Q(term_end__lt=today)),
            tanpa_sk=Count("pk", filter=active & Q(term_end__isnull=True)),
            **{f"origin_{value}": count for value, count in origins.items()},
        )
        .order_by()
    )
    by_kelurahan = {row["kelurahan_id"]: row for row in rows}
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


def seed_demo(*, stdout) -> None:
    from ..demo_kader import seed_demo as seed

    seed(stdout=stdout)


def seed_scale(*, stdout, scale) -> None:
    from ..scale_kader import seed_scale as seed

    seed(stdout=stdout, scale=scale)


def bench_pages(context) -> list:
    from ..scale_kader import bench_pages as pages

    return pages(context)
