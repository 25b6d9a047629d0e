"""The working-relations diagram, laid out on the server and drawn as SVG (it prints).

Cadres stand in the left column, their partners in the right column grouped by kind of partner;
a curve joins each cadre to each partner. The line shows the nature of the relation: solid for
koordinatif, dashed for konsultatif, thick for both.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import Kader, Relasi

WIDTH = 860
LEFT_X = 250
RIGHT_X = 560
ROW = 26
GROUP_GAP = 30
TOP = 20
LABEL_CHARS = 34

KIND_COLOURS = {
    Relasi.PartnerKind.LURAH: "#b02a37",
    Relasi.PartnerKind.LEMBAGA: "#0d6efd",
    Relasi.PartnerKind.KADER: "#198754",
    Relasi.PartnerKind.KADER_TEKNIS: "#6f42c1",
    Relasi.PartnerKind.KELOMPOK: "#c35a00",
    Relasi.PartnerKind.OPD: "#087990",
}
NATURE_STYLE = {
    Relasi.Nature.KOORDINATIF: {"width": 1.5, "dash": ""},
    Relasi.Nature.KONSULTATIF: {"width": 1.5, "dash": "6 4"},
    Relasi.Nature.KEDUANYA: {"width": 3, "dash": ""},
}
KADER_COLOUR = "#212529"


@dataclass
class Node:
    key: tuple
    label: str
    full_label: str
    url: str
    colour: str
    x: float = 0
    y: float = 0


@dataclass
class Group:
    kind: str
    label: str
    colour: str
    y: float
    nodes: list[Node] = field(default_factory=list)


@dataclass
class Edge:
    path: str
    colour: str
    width: float
    dash: str
    title: str


@dataclass
class Diagram:
    width: int
    height: int
    left: list[Node]
    groups: list[Group]
    edges: list[Edge]
    legend_y: int
    legend: list[dict]

    @property
    def is_empty(self) -> bool:
        return not self.edges


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _partner_url(relasi: Relasi, partner) -> str:
    if relasi.partner_kind == Relasi.PartnerKind.OPD:
        return ""
    return partner.get_absolute_url()


def _ends(relasi: Relasi, focus: Kader | None):
    """(cadre, partner kind, partner, partner label) as seen from `focus`."""
    if focus is not None and relasi.partner_kader_id == focus.pk:
        other = relasi.kader
        return focus, Relasi.PartnerKind.KADER, other, other.name
    return relasi.kader, relasi.partner_kind, relasi.partner, relasi.partner_name


def build_diagram(relations, *, focus: Kader | None = None) -> Diagram:
    """Lay out `relations` (already fetched with their partners), seen from `focus` if given."""
    left: dict[int, Node] = {}
    groups: dict[str, Group] = {}
    pairs = []
    for relasi in relations:
        kader, kind, partner, label = _ends(relasi, focus)
        if kader.pk not in left:
            left[kader.pk] = Node(
                key=("kader", kader.pk),
                label=_short(kader.name),
                full_label=kader.name,
                url=kader.get_absolute_url(),
                colour=KADER_COLOUR,
            )
        group = groups.setdefault(
            kind, Group(kind, Relasi.PartnerKind(kind).label, KIND_COLOURS[kind], 0)
        )
        key = (kind, partner.pk)
        node = next((n for n in group.nodes if n.key == key), None)
        if node is None:
            node = Node(key, _short(label), label, _partner_url(relasi, partner), group.colour)
            group.nodes.append(node)
        pairs.append((left[kader.pk], node, relasi))

    ordered = [groups[k] for k in Relasi.PartnerKind.values if k in groups]
    y = TOP
    for group in ordered:
        group.y = y + 12
        y += GROUP_GAP
        for node in group.nodes:
            node.x, node.y = RIGHT_X, y
            y += ROW
        y += 6
    right_height = y
    cadres = sorted(left.values(), key=lambda n: n.full_label)
    height = max(right_height, TOP + ROW * len(cadres) + 10, 120)
    spacing = (height - TOP) / max(len(cadres), 1)
    for index, node in enumerate(cadres):
        node.x, node.y = LEFT_X, TOP + spacing * (index + 0.5)

    edges = []
    middle = (LEFT_X + RIGHT_X) / 2
    for start, end, relasi in pairs:
        style = NATURE_STYLE[relasi.nature]
        edges.append(
            Edge(
                path=(
                    f"M{start.x + 7:.0f},{start.y:.0f} C{middle:.0f},{start.y:.0f} "
                    f"{middle:.0f},{end.y:.0f} {end.x - 7:.0f},{end.y:.0f}"
                ),
                colour=end.colour,
                width=style["width"],
                dash=style["dash"],
                title=f"{start.full_label} – {end.full_label}: {relasi.get_nature_display()}",
            )
        )
    legend_y = height + 10
    legend, legend_height = _legend([(str(g.label), g.colour) for g in ordered])
    return Diagram(
        width=WIDTH,
        height=legend_y + legend_height,
        left=cadres,
        groups=ordered,
        edges=edges,
        legend_y=legend_y,
        legend=legend,
    )


def _legend(kinds: list[tuple[str, str]]) -> tuple[list[dict], int]:
    """Legend items with their positions: the line styles, then the partner colours."""
    items = []
    x, y = 0, 10
    items.append({"heading": _("Sifat hubungan:"), "x": x, "y": y})
    x = 110
    for value, label in Relasi.Nature.choices:
        style = NATURE_STYLE[value]
        items.append({"line": True, "label": str(label), "x": x, "y": y, **style})
        x += 52 + int(len(str(label)) * 6.5)
    x, y = 0, y + 24
    items.append({"heading": _("Jenis mitra:"), "x": x, "y": y})
    x = 110
    for label, colour in kinds:
        width = 24 + int(len(label) * 6.5)
        if x + width > WIDTH - 10:
            x, y = 110, y + 20
        items.append({"dot": True, "label": label, "colour": colour, "x": x, "y": y})
        x += width
    return items, y + 16


@dataclass
class RelationRow:
    relasi: Relasi
    kader: Kader
    partner_label: str
    partner_url: str
    is_current: bool


@dataclass
class RelationGroup:
    kind: str
    label: str
    colour: str
    rows: list[RelationRow]


def group_relations(relations, *, focus: Kader | None = None) -> list[RelationGroup]:
    """The relations as table rows grouped by kind of partner, in the regulation's order."""
    groups: dict[str, list[RelationRow]] = {}
    for relasi in relations:
        kader, kind, partner, label = _ends(relasi, focus)
        groups.setdefault(kind, []).append(
            RelationRow(relasi, kader, label, _partner_url(relasi, partner), relasi.is_current())
        )
    return [
        RelationGroup(kind, Relasi.PartnerKind(kind).label, KIND_COLOURS[kind], groups[kind])
        for kind in Relasi.PartnerKind.values
        if kind in groups
    ]
