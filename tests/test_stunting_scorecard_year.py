"""A hand-computed quarter (K1 2025) of a small kelurahan, checked cell by cell against the
scorecard engine (shared/DESIGN.md §2 "Quarterly marking" and "Scorecard Konvergensi").

The quarter, its records and every mark computed by hand from DESIGN (before the engine's code
was read) are in tests/scorecard_year_data.py, whose docstring is the hand computation."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from stunting.models import HeightForAge, WeightForHeight
from stunting.scorecard.compute import as_json, compute, from_snapshot, snapshot

from .scorecard_helpers import marks, split
from .scorecard_year_data import (
    CHILD_INDICATORS,
    CHILDREN,
    K1_2025,
    MOTHER_INDICATORS,
    MOTHERS,
    build_year,
)


@pytest.fixture
def year(kelurahan, other_kelurahan):
    return build_year(kelurahan, other_kelurahan)


@pytest.fixture
def result(year, kelurahan):
    return compute([kelurahan.pk], K1_2025)


def by_pregnancy(result, year) -> dict:
    ids = {year[name].pk: name for name in MOTHERS}
    return {ids[t.pregnancy_id]: t for t in result.mothers}


def by_child(result, year) -> dict:
    ids = {year[name].pk: name for name in CHILDREN}
    return {ids[t.person_id]: t for t in result.children}


def assert_marked(targets: dict, expected: dict, group: str) -> None:
    """Each target's `group` (stage or band) and marks, cell by cell, as `expected` has them."""
    for name, (value, cells) in expected.items():
        target = targets[name]
        assert (name, getattr(target, group)) == (name, value)
        assert (name, marks(target)) == (name, split(cells))


def received(targets: dict) -> dict:
    return {name: (t.received, t.applicable) for name, t in targets.items()}


def test_the_fixture_categories_are_computed_as_planned(year):
    """The stunted and wasted children are so by their computed z-scores (Permenkes 2/2020)."""
    c2, c5, c7 = (year[name].last_measurement for name in ("C2", "C5", "C7"))
    assert c2.wfh_category == WeightForHeight.GIZI_KURANG and c2.hfa_category == "normal"
    assert c5.hfa_category == HeightForAge.PENDEK and c5.wfh_category == WeightForHeight.GIZI_BAIK
    assert c7.wfh_category == WeightForHeight.GIZI_BURUK and c7.hfa_category == "normal"
    for name in ("C1", "C3", "C4", "C6", "C8", "C9", "C10"):
        last = year[name].last_measurement
        assert (last.hfa_category, last.wfh_category) == ("normal", "gizi_baik"), name
        assert not last.needs_recheck, name


def test_every_mother_is_marked_cell_by_cell(result, year):
    mothers = by_pregnancy(result, year)
    assert set(mothers) == set(MOTHERS)  # M7 and the other kelurahan's mother are not in K1
    assert_marked(mothers, MOTHERS, "stage")
    for name, target in mothers.items():
        assert target.high_risk == (name in {"M2", "M3", "M6"}), name
    assert received(mothers) == {
        "M1": (5, 6),
        "M2": (4, 7),
        "M3": (4, 7),
        "M4": (4, 4),
        "M5": (1, 4),
        "M6": (7, 7),
    }
    assert mothers["M1"].ratio.percent == Decimal("83.3")
    assert mothers["M6"].ratio.percent == Decimal("100")


def test_every_child_is_marked_cell_by_cell(result, year):
    children = by_child(result, year)
    assert set(children) == set(CHILDREN)  # not the December-only child nor the other kelurahan's
    assert_marked(children, CHILDREN, "band")
    assert received(children) == {
        "C1": (3, 4),
        "C2": (6, 6),
        "C3": (5, 9),
        "C4": (7, 9),
        "C5": (4, 10),
        "C6": (8, 9),
        "C7": (7, 10),
        "C8": (6, 9),
        "C9": (4, 9),
        "C10": (3, 4),
    }
    assert {name for name, t in children.items() if t.father_counselled} == {"C4", "C8"}


def test_the_marks_give_their_reasons_in_words(result, year):
    children = by_child(result, year)
    for target in [*result.mothers, *result.children]:
        assert all(mark.reason for mark in target.marks), target.name
    weighed = children["C3"].marks[1]
    assert "5" in weighed.reason
    assert len(weighed.months) == 5  # October, November, December (no 2B), January, March


def test_table_3_counts_and_applicable_per_indicator(result):
    summary = result.summary()
    assert [(r.y, r.applicable) for r in summary.ibu.indicators] == MOTHER_INDICATORS
    assert [(r.y, r.applicable) for r in summary.anak.indicators] == CHILD_INDICATORS
    assert summary.ibu.indicators[2].percent == Decimal("100")
    assert summary.anak.indicators[4].percent == Decimal("66.7")


def test_table_4_konvergensi_and_all_services(result):
    summary = result.summary()
    assert (summary.ibu.konvergensi.y, summary.ibu.konvergensi.applicable) == (25, 35)
    assert (summary.anak.konvergensi.y, summary.anak.konvergensi.applicable) == (53, 79)
    kelurahan = summary.kelurahan_konvergensi
    assert (kelurahan.y, kelurahan.applicable) == (78, 114)
    assert summary.ibu.konvergensi.percent == Decimal("71.4")
    assert summary.anak.konvergensi.percent == Decimal("67.1")
    assert kelurahan.percent == Decimal("68.4")
    # Targets that received every applicable service: M4, M6; C2.
    assert (summary.ibu.complete.y, summary.ibu.complete.applicable) == (2, 6)
    assert (summary.anak.complete.y, summary.anak.complete.applicable) == (1, 10)
    assert (summary.complete.y, summary.complete.applicable) == (3, 16)


def test_tables_1_and_2_and_paud(result):
    summary = result.summary()
    assert summary.table1 == {
        "rumah_tangga": 11,
        "ibu_hamil": 6,
        "ibu_hamil_kek_risti": 3,
        "anak_0_23": 10,
        "gizi_kurang": 1,
        "gizi_buruk": 1,
        "stunting": 1,
    }
    assert summary.table2 == {"hijau": 5, "kuning": 3, "merah": 1, "tidak_diukur": 1}
    assert summary.paud_registered == 4
    assert (summary.paud_active.y, summary.paud_active.applicable) == (2, 4)


def test_paud_targets_one_by_one(result, year):
    names = {year[name].pk: name for name in ("P1", "P2", "P3", "P4", "P5")}
    paud = {
        names[t.person_id]: (t.registered, t.active) for t in result.paud if t.person_id in names
    }
    assert paud == {
        "P1": (True, True),
        "P2": (True, False),
        "P3": (True, False),
        "P4": (True, True),
        "P5": (False, False),
    }


def test_the_json_of_the_quarter(result, year, kelurahan):
    data = as_json(result, kelurahan_id=kelurahan.pk, validated=False)
    mothers = [
        {
            "pregnancy": year[name].pk,
            "person": year[name].person_id,
            "stage": stage,
            "marks": split(expected),
        }
        for name, (stage, expected) in MOTHERS.items()
    ]
    children = [
        {"person": year[name].pk, "band": band, "marks": split(expected)}
        for name, (band, expected) in CHILDREN.items()
    ]
    data["ibu_hamil"]["targets"].sort(key=lambda t: t["pregnancy"])
    data["anak_0_23"]["targets"].sort(key=lambda t: t["person"])

    def ratios(pairs):
        return [{"y": y, "applicable": n} for y, n in pairs]

    assert data == {
        "kelurahan": kelurahan.pk,
        "year": 2025,
        "quarter": 1,
        "rule_set": "kpm-2018",
        "validated": False,
        "ibu_hamil": {
            "targets": sorted(mothers, key=lambda t: t["pregnancy"]),
            "indicators": ratios(MOTHER_INDICATORS),
            "konvergensi": {"y": 25, "applicable": 35},
        },
        "anak_0_23": {
            "targets": sorted(children, key=lambda t: t["person"]),
            "indicators": ratios(CHILD_INDICATORS),
            "konvergensi": {"y": 53, "applicable": 79},
            "fathers_counselled": 2,
        },
        "paud": {"registered": 4, "aktif": 2},
        "kelurahan_konvergensi": {"y": 78, "applicable": 114},
        "table1": {
            "rumah_tangga": 11,
            "ibu_hamil": 6,
            "ibu_hamil_kek_risti": 3,
            "anak_0_23": 10,
            "gizi_kurang": 1,
            "gizi_buruk": 1,
            "stunting": 1,
        },
        "table2": {"hijau": 5, "kuning": 3, "merah": 1, "tidak_diukur": 1},
    }


def test_the_other_kelurahan_sees_only_its_own(year, other_kelurahan):
    result = compute([other_kelurahan.pk], K1_2025)
    assert (len(result.mothers), len(result.children)) == (1, 1)
    summary = result.summary()
    assert summary.table1["rumah_tangga"] == 1
    assert summary.paud_registered == 0


def test_the_stored_snapshot_reads_back_the_same_quarter(result, kelurahan):
    """A validated quarter is stored as JSON data: read back, every table and mark is the same."""
    stored = json.loads(json.dumps(snapshot(result)))
    again = from_snapshot(stored)
    assert as_json(again, kelurahan_id=kelurahan.pk, validated=True) == as_json(
        result, kelurahan_id=kelurahan.pk, validated=True
    )
    assert [marks(t) for t in again.children] == [marks(t) for t in result.children]
    assert [(t.registered, t.active) for t in again.paud] == [
        (t.registered, t.active) for t in result.paud
    ]
    summary = again.summary()
    assert (summary.complete.y, summary.complete.applicable) == (3, 16)
    assert [m.reason for m in again.mothers[0].marks] == [m.reason for m in result.mothers[0].marks]
