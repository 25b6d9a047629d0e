"""The scorecard of a kelurahan-quarter is computed in the database in a number of queries that
does not grow with the number of targets (issue 11: pinned at 20 or fewer)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kelurahan.dates import Quarter
from stunting.scorecard.compute import as_json, compute, compute_quarters, snapshot
from tests.factories_stunting import (
    make_child,
    make_child_month,
    make_family,
    make_measurement,
    make_mother,
    make_paud_month,
    make_pregnancy,
    make_pregnancy_month,
)

QUARTER = Quarter.current().shifted(-1)


def add_targets(kelurahan, count: int) -> None:
    """`count` of each: a pregnancy with a 2A record, a child of 0-23 months with 2B records
    and measurements across the look-back window, and a child of 2-6 years with a 2C record."""
    for n in range(count):
        family = make_family(kelurahan)
        visit = QUARTER.months[1] + datetime.timedelta(days=9)
        pregnancy = make_pregnancy(
            make_mother(family), last_period_date=visit - datetime.timedelta(days=100)
        )
        make_pregnancy_month(pregnancy, on=visit, anc_visits=1, iron_tablets=30)
        child = make_child(family, birth_date=QUARTER.start - datetime.timedelta(days=200 + 5 * n))
        for month in QUARTER.shifted(-1).months + QUARTER.months:
            on = month + datetime.timedelta(days=9)
            make_child_month(child, on=on, counseling_mother=True, safe_water=True)
            make_measurement(child, on=on)
        older = make_child(family, age_days=1200)
        make_paud_month(older, on=visit, registered=True, participated=True)


def queries_for(kelurahan) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        result = compute([kelurahan.pk], QUARTER)
        summary = result.filtered(kelurahan_id=kelurahan.pk).summary()
        data = as_json(result, kelurahan_id=kelurahan.pk, validated=False)
        for child in summary.anak.targets:
            [mark.reason for mark in child.marks]
    return len(captured), data


def test_scorecard_queries_do_not_grow_with_the_targets(kelurahan, other_kelurahan):
    add_targets(kelurahan, 3)
    add_targets(other_kelurahan, 30)
    few, few_data = queries_for(kelurahan)
    many, many_data = queries_for(other_kelurahan)
    assert len(few_data["anak_0_23"]["targets"]) == 3
    assert len(many_data["anak_0_23"]["targets"]) == 30
    assert len(many_data["ibu_hamil"]["targets"]) == 30
    assert many_data["paud"] == {"registered": 30, "aktif": 30}
    assert few == many
    assert many <= 20


def test_several_quarters_read_together_match_one_at_a_time(kelurahan):
    add_targets(kelurahan, 3)
    quarters = [QUARTER.shifted(-n) for n in range(4)]
    with CaptureQueriesContext(connection) as captured:
        together = compute_quarters([kelurahan.pk], quarters)
    assert len(captured) <= 20
    for quarter, result in zip(quarters, together, strict=True):
        alone = compute([kelurahan.pk], quarter)
        assert result.quarter == quarter
        assert snapshot(result) == snapshot(alone)
    assert [len(r.children) for r in together] == [3, 3, 0, 0]
