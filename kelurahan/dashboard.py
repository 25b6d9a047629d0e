"""The dashboard: figures per kelurahan, contributed by each app.

An app contributes panels with `panels(user, kelurahan_list)` in its `dashboard.py` (this module
is kelurahan's own); `build_panels` asks every app in order (`kelurahan.plugins`), so the lower
app never imports a higher one.
A kecamatan user sees each kelurahan of the kecamatan as a column, side by side.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _


@dataclass
class Row:
    label: str
    values: list  # one value per kelurahan, in the order of the dashboard's columns
    url: str = ""
    highlight: bool = False


@dataclass
class Panel:
    title: str
    rows: list[Row] = field(default_factory=list)
    template: str = "kelurahan/_panel_table.html"
    extra: dict = field(default_factory=dict)
    note: str = ""


def counts_by_kelurahan(queryset, kelurahan_list, lookup: str = "kelurahan_id") -> Counter:
    """One GROUP BY query: rows of `queryset` per kelurahan id (reached through `lookup`)."""
    return grouped_counts(queryset, kelurahan_list, lookup=lookup, n=Q())["n"]


def grouped_counts(
    queryset, kelurahan_list, *, lookup: str = "kelurahan_id", **figures: Q
) -> dict[str, Counter]:
    """Several figures of `queryset` per kelurahan id in one GROUP BY query: each keyword names a
    figure and gives the condition its rows meet (`Q()` for all rows)."""
    ids = [k.pk for k in kelurahan_list]
    # order_by(): a model's default ordering on a relation (Measurement orders by person) would
    # otherwise join that table into the count, although the ORDER BY itself is dropped.
    rows = (
        queryset.filter(**{f"{lookup}__in": ids})
        .order_by()
        .values(lookup)
        .annotate(**{name: Count("pk", filter=q or None) for name, q in figures.items()})
    )
    counts: dict[str, Counter] = {name: Counter() for name in figures}
    for row in rows:
        for name in figures:
            counts[name][row[lookup]] = row[name]
    return counts


def row_from_counts(label: str, counts: Counter, kelurahan_list, url: str = "", **kw) -> Row:
    return Row(label=label, values=[counts.get(k.pk, 0) for k in kelurahan_list], url=url, **kw)


def build_panels(user, kelurahan_list) -> list[Panel]:
    if not kelurahan_list:
        return []
    from .plugins import app_modules

    modules = app_modules("dashboard")
    return [panel for module in modules for panel in module.panels(user, kelurahan_list)]


def panels(user, kelurahan_list) -> list[Panel]:
    """Kelurahan's own panel: its lurah, RW and RT, lembaga, kelompok and officials."""
    from .models import RT, RW, KelompokMasyarakat, Lembaga, Official

    lembaga_counts: dict[str, Counter] = {}
    rows = (
        Lembaga.objects.filter(kelurahan__in=kelurahan_list, is_active=True)
        .values("kelurahan_id", "kind")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        lembaga_counts.setdefault(row["kind"], Counter())[row["kelurahan_id"]] = row["n"]
    lembaga_url = reverse("kelurahan:lembaga_list")
    lembaga_rows = [
        row_from_counts(
            label, lembaga_counts.get(kind, Counter()), kelurahan_list, f"{lembaga_url}?kind={kind}"
        )
        for kind, label in Lembaga.Kind.choices
    ]
    wilayah = Panel(
        title=_("Wilayah dan lembaga"),
        rows=[
            row_from_counts(
                _("RW"),
                counts_by_kelurahan(RW.objects.all(), kelurahan_list),
                kelurahan_list,
                reverse("kelurahan:rw_list"),
            ),
            row_from_counts(
                _("RT"),
                counts_by_kelurahan(RT.objects.all(), kelurahan_list, "rw__kelurahan_id"),
                kelurahan_list,
            ),
            *lembaga_rows,
            row_from_counts(
                _("Kelompok masyarakat aktif"),
                counts_by_kelurahan(
                    KelompokMasyarakat.objects.filter(is_active=True), kelurahan_list
                ),
                kelurahan_list,
                reverse("kelurahan:kelompok_list"),
            ),
            row_from_counts(
                _("Pejabat dan tokoh yang masih menjabat"),
                counts_by_kelurahan(Official.objects.current(), kelurahan_list),
                kelurahan_list,
                reverse("kelurahan:official_list") + "?status=aktif",
            ),
        ],
    )
    lurah_by_kelurahan = {
        o.kelurahan_id: o.name
        for o in Official.objects.current()
        .filter(kelurahan__in=kelurahan_list, position=Official.Position.LURAH)
        .filter(~Q(name=""))
    }
    wilayah.rows.insert(
        0, Row(_("Lurah"), [lurah_by_kelurahan.get(k.pk, "–") for k in kelurahan_list])
    )
    from .backup.panel import backup_panel

    return [*backup_panel(user, kelurahan_list), wilayah]
