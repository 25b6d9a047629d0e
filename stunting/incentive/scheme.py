"""An incentive scheme as an assessment uses it: whether it is ready (`check_scheme`), the
copy an assessment keeps of it (`snapshot`), and that copy's indicators and tiers for the
scoring (`specs`, `tiers`). The scheme may change later; an assessment reads only its copy."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from ..models import IncentiveScheme
from . import scoring


def check_scheme(scheme: IncentiveScheme) -> list[str]:
    """What keeps a scheme from being used, in words (empty when it is ready)."""
    problems = []
    rows = list(scheme.indicators.all())
    if not rows:
        problems.append(_("Skema belum punya indikator."))
    total = sum((r.weight for r in rows), Decimal(0))
    if rows and total != 100:
        problems.append(
            _("Jumlah bobot indikator harus 100 (sekarang %(total)s).") % {"total": total}
        )
    if not scheme.tiers.filter(minimum=0).exists():
        problems.append(_("Skema perlu tingkat dengan skor minimum 0 (tingkat terendah)."))
    if not scheme.is_shadow and scheme.budget_line_id is None:
        problems.append(
            _("Pilih pos anggaran tempat insentif dibayarkan (atau jalankan masa uji).")
        )
    return problems


def snapshot(scheme: IncentiveScheme) -> dict:
    """The scheme as the assessment will use it, whatever happens to the scheme later."""
    return {
        "name": scheme.name,
        "year": scheme.year,
        "period": scheme.period,
        "variable_amount": scheme.variable_amount,
        "budget_line": scheme.budget_line_id,
        "level_max": str(scheme.level_max),
        "improvement_max": str(scheme.improvement_max),
        "indicators": [
            {
                "code": r.code,
                "weight": str(r.weight),
                "floor": str(r.floor),
                "target": str(r.target),
                "rubric": r.rubric,
            }
            for r in scheme.indicators.order_by("pk")
        ],
        "tiers": [
            {"label": t.label, "minimum": str(t.minimum), "percent": t.percent}
            for t in scheme.tiers.order_by("-minimum")
        ],
    }


def specs(snap: dict) -> list[scoring.Spec]:
    return [
        scoring.Spec(
            code=i["code"],
            weight=Decimal(i["weight"]),
            floor=Decimal(i["floor"]),
            target=Decimal(i["target"]),
            level_max=Decimal(snap["level_max"]),
            improvement_max=Decimal(snap["improvement_max"]),
        )
        for i in snap["indicators"]
    ]


def tiers(snap: dict) -> list[scoring.Tier]:
    return [
        scoring.Tier(t["label"], t["label"], Decimal(t["minimum"]), t["percent"])
        for t in snap["tiers"]
    ]
