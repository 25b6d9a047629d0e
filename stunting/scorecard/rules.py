"""Rule sets of the quarterly marking: every threshold is data of a versioned rule set, so that
a quarter records which rule set computed it and a newer guide (e.g. 6 antenatal visits) is a
new rule set, not an edit of the code."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Window:
    """A look-back window: the months of this quarter and the `quarters - 1` before it, in
    which a service must be found in at least `months` months."""

    quarters: int
    months: int


@dataclass(frozen=True)
class RuleSet:
    code: str
    name: str
    # Ibu hamil, per stage t1 / t2 / t3: visits, counselling sessions in the quarter.
    anc_visits: dict[str, int]
    iron_tablets: int
    postnatal_visits: int
    counseling_sessions: dict[str, int]
    risk_home_visits: int
    # Anak 0-23 bulan, per age band.
    weighing: dict[str, Window]
    counseling: dict[str, Window]
    parenting: dict[str, Window]
    child_home_visits: int
    # Immunisation: from this age (completed months) campak/MR is part of "complete".
    measles_from_months: int
    # Diukur panjang/tinggi: per quarter number, (ages up to which it is TS, then a list of
    # (highest age in months, months of the year in which a measurement is needed)).
    length_schedule: dict[int, tuple[int, tuple[tuple[int, tuple[int, ...]], ...]]] = field(
        default_factory=dict
    )


KPM_2018 = RuleSet(
    code="kpm-2018",
    name=_("Scorecard KPM 2018-2020"),
    anc_visits={"t1": 1, "t2": 1, "t3": 2},
    iron_tablets=30,
    postnatal_visits=3,
    counseling_sessions={"t1": 1, "t2": 1, "t3": 2},
    risk_home_visits=1,
    weighing={"6-12": Window(2, 5), "13-18": Window(4, 8), "19-23": Window(6, 15)},
    counseling={"6-12": Window(2, 5), "13-18": Window(4, 8), "19-23": Window(6, 15)},
    parenting={"6-12": Window(2, 5), "13-18": Window(2, 5), "19-23": Window(2, 5)},
    child_home_visits=2,
    measles_from_months=10,
    length_schedule={
        1: (3, ((23, (2,)),)),
        2: (3, ((23, (2,)),)),
        3: (3, ((8, (8,)), (23, (2, 8)))),
        4: (6, ((11, (8,)), (23, (2, 8)))),
    },
)

RULE_SETS = {KPM_2018.code: KPM_2018}
DEFAULT = KPM_2018


def rule_set(code: str) -> RuleSet:
    return RULE_SETS.get(code, DEFAULT)
