"""How a cadre's incentive score is made: pure arithmetic, no database (shared/DESIGN.md §1,
the incentive issue).

- Each indicator has a value x (a rate in %, or a 1-5 rubric score), a floor and a target.
  level = 100 × clamp((x − floor) / (target − floor), 0, 1);
  improvement = 90 × clamp((x − baseline) / (target − baseline), 0, 1), the baseline being the
  cadre's own value in the previous period; the indicator scores the higher of the two. A first
  period (no baseline), or a baseline already at the target, scores on level alone.
- The total is the weighted mean of the indicators that apply: one that does not apply passes
  its weight to the others pro rata.
- Tiers map the total to a share of the period's variable amount. When the budget line cannot
  pay everyone, every amount is scaled by the same factor and rounded down to whole Rupiah
  (never some cadres dropped); what is left over is the remainder.

Every number here is a parameter of the scheme; scores are Decimals with two places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

LEVEL_MAX = Decimal(100)
IMPROVEMENT_MAX = Decimal(90)
TWO_PLACES = Decimal("0.01")


def _q(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _clamp01(value: Decimal) -> Decimal:
    return max(Decimal(0), min(Decimal(1), value))


@dataclass(frozen=True)
class Spec:
    """One indicator of a scheme, as the arithmetic needs it."""

    code: str
    weight: Decimal
    floor: Decimal
    target: Decimal
    level_max: Decimal = LEVEL_MAX
    improvement_max: Decimal = IMPROVEMENT_MAX


@dataclass(frozen=True)
class IndicatorScore:
    """An indicator's score for one cadre, with the parts it was made of."""

    code: str
    value: Decimal | None  # None: does not apply to this cadre
    baseline: Decimal | None
    level: Decimal | None
    improvement: Decimal | None  # None: scored on level alone
    score: Decimal | None
    weight: Decimal  # the scheme's weight
    effective_weight: Decimal  # after the weights of what does not apply are passed on

    @property
    def applies(self) -> bool:
        return self.value is not None

    @property
    def by_improvement(self) -> bool:
        return self.improvement is not None and self.improvement > (self.level or 0)


def level(spec: Spec, x: Decimal) -> Decimal:
    span = spec.target - spec.floor
    return _q(spec.level_max * _clamp01((x - spec.floor) / span))


def improvement(spec: Spec, x: Decimal, baseline: Decimal | None) -> Decimal | None:
    """None where improvement does not count: no baseline, or a baseline at the target."""
    if baseline is None or baseline >= spec.target:
        return None
    return _q(spec.improvement_max * _clamp01((x - baseline) / (spec.target - baseline)))


def score_indicator(spec: Spec, x: Decimal | None, baseline: Decimal | None) -> IndicatorScore:
    if x is None:
        return IndicatorScore(spec.code, None, baseline, None, None, None, spec.weight, Decimal(0))
    lvl = level(spec, x)
    imp = improvement(spec, x, baseline)
    best = max(lvl, imp) if imp is not None else lvl
    return IndicatorScore(spec.code, x, baseline, lvl, imp, best, spec.weight, spec.weight)


@dataclass(frozen=True)
class Total:
    """A cadre's total: the weighted mean of the indicators that apply (None if none does)."""

    indicators: tuple[IndicatorScore, ...]
    total: Decimal | None

    @property
    def passed_on(self) -> tuple[IndicatorScore, ...]:
        """The indicators that did not apply: their weight went to the others."""
        return tuple(i for i in self.indicators if not i.applies)


def total(specs: Sequence[Spec], values: dict, baselines: dict) -> Total:
    """Score every indicator of `specs` (values and baselines by code; a missing value: does not
    apply) and the weighted mean of those that apply, weights rescaled to sum to 100."""
    scored = [score_indicator(s, values.get(s.code), baselines.get(s.code)) for s in specs]
    applying = [i for i in scored if i.applies]
    weight = sum((i.weight for i in applying), Decimal(0))
    if not applying or weight == 0:
        return Total(tuple(scored), None)
    rescaled = [
        IndicatorScore(
            i.code,
            i.value,
            i.baseline,
            i.level,
            i.improvement,
            i.score,
            i.weight,
            _q(i.weight * 100 / weight) if i.applies else Decimal(0),
        )
        for i in scored
    ]
    mean = sum((i.score * i.weight for i in applying), Decimal(0)) / weight
    return Total(tuple(rescaled), _q(mean))


@dataclass(frozen=True)
class Tier:
    """Totals of at least `minimum` (and below the next tier's) pay `percent` of the amount."""

    code: str
    label: str
    minimum: Decimal
    percent: int


DEFAULT_TIERS = (
    Tier("sangat_baik", "Sangat baik", Decimal(90), 100),
    Tier("baik", "Baik", Decimal(80), 75),
    Tier("cukup", "Cukup", Decimal(70), 50),
    Tier("perlu_pembinaan", "Perlu pembinaan", Decimal(60), 25),
    Tier("kurang", "Kurang", Decimal(0), 0),
)


def tier_of(score: Decimal | None, tiers: Sequence[Tier] = DEFAULT_TIERS) -> Tier:
    """The highest tier whose minimum the score reaches (the lowest tier without a score)."""
    ordered = sorted(tiers, key=lambda t: t.minimum, reverse=True)
    if score is None:
        return ordered[-1]
    for tier in ordered:
        if score >= tier.minimum:
            return tier
    return ordered[-1]


def tier_amount(tier: Tier, variable_amount: int) -> int:
    """The tier's share of the period's variable amount, in whole Rupiah (rounded down)."""
    return variable_amount * tier.percent // 100


@dataclass(frozen=True)
class Payout:
    """Amounts per cadre after scaling to what the budget line can pay."""

    amounts: dict = field(default_factory=dict)  # key -> whole Rupiah
    wanted: int = 0  # the sum of the tier amounts
    paid: int = 0  # the sum of the amounts
    available: int | None = None
    scaled: bool = False

    @property
    def remainder(self) -> int:
        """What the line keeps: the Rupiah left by rounding down, or unspent money."""
        return 0 if self.available is None else self.available - self.paid


def payout(wanted: dict, available: int | None) -> Payout:
    """Scale the tier amounts (`wanted`, key -> Rupiah) pro rata to `available`, rounding each
    down to whole Rupiah, when they do not fit; otherwise pay them as they are."""
    total_wanted = sum(wanted.values())
    if available is None or total_wanted <= available:
        return Payout(dict(wanted), total_wanted, total_wanted, available, False)
    amounts = {key: amount * max(available, 0) // total_wanted for key, amount in wanted.items()}
    return Payout(amounts, total_wanted, sum(amounts.values()), available, True)
