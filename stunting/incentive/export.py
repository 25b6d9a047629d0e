"""An assessment as plain data: what `manage.py incentive --json` prints for audits and other
tools (shared/DESIGN.md §6), and what the payout list and report cards read. Scores are
strings of Decimals with two places ("75.00"), never floats; amounts are whole Rupiah."""

from __future__ import annotations

from decimal import Decimal

from ..models import Assessment, CadreScore, IndicatorResult


def _d(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def indicator_json(row: IndicatorResult) -> dict:
    return {
        "code": row.code,
        "applies": row.value is not None,
        "value": _d(row.value),
        "numerator": row.numerator,
        "denominator": row.denominator,
        "baseline": _d(row.baseline),
        "level": _d(row.level),
        "improvement": _d(row.improvement),
        "score": _d(row.score),
        "weight": _d(row.weight),
        "effective_weight": _d(row.effective_weight),
        "reason": row.reason,
    }


def cadre_json(score: CadreScore, rows: list[IndicatorResult]) -> dict:
    return {
        "kader_id": score.kader_id,
        "name": score.kader.name,
        "active_from": score.active_from.isoformat(),
        "active_to": score.active_to.isoformat(),
        "indicators": [indicator_json(r) for r in rows],
        "total": _d(score.total),
        "tier": score.tier,
        "tier_percent": score.tier_percent,
        "wanted_amount": score.wanted_amount,
        "amount": score.amount,
        "confirmation_rate": _d(score.confirmation_rate),
    }


def assessment_json(assessment: Assessment, *, preview: bool = False) -> dict:
    """Every cadre's indicators (value, level, improvement, score, weights, reason), total,
    tier and amount, with the scheme the assessment used. Three queries."""
    scores = list(assessment.cadres.select_related("kader").order_by("kader__name", "pk"))
    rows: dict = {}
    for row in IndicatorResult.objects.filter(cadre_score__assessment=assessment).order_by("pk"):
        rows.setdefault(row.cadre_score_id, []).append(row)
    paid = sum(s.amount for s in scores)
    return {
        "kelurahan": {"id": assessment.kelurahan_id, "name": str(assessment.kelurahan)},
        "period": assessment.period,
        "start": assessment.period_start.isoformat(),
        "end": assessment.period_end.isoformat(),
        "status": "preview" if preview else assessment.status,
        "shadow": assessment.is_shadow,
        "scheme": assessment.scheme_snapshot,
        "cadres": [cadre_json(s, rows.get(s.pk, [])) for s in scores],
        "payout": {
            "wanted": sum(s.wanted_amount for s in scores),
            "paid": paid,
            "available": assessment.payout_available,
            "remainder": None
            if assessment.payout_available is None
            else assessment.payout_available - paid,
        },
    }
