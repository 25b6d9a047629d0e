"""A computed quarter is kept in the cache for the state of the data it read: the next page
reads it with one query, and any save, bulk create or delete of what the engine reads makes
it compute again (a stale figure is never shown)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kelurahan.dates import Quarter
from stunting.models import ChildMonth
from stunting.scorecard.compute import load

from .factories_stunting import make_child, make_child_month, make_family

QUARTER = Quarter(2026, 3)
HOUSEHOLD = {"safe_water": True, "proper_latrine": True, "health_insurance": True}


@pytest.fixture
def child(kelurahan):
    child = make_child(make_family(kelurahan), birth_date=datetime.date(2025, 10, 1))
    for month in (7, 8, 9):
        make_child_month(child, on=datetime.date(2026, month, 10), **HOUSEHOLD)
    return child


def water(kelurahan) -> tuple[int, int]:
    ratio = load(kelurahan.pk, QUARTER).summary().anak.indicators[5]
    return ratio.y, ratio.applicable


def queries(kelurahan) -> int:
    with CaptureQueriesContext(connection) as context:
        load(kelurahan.pk, QUARTER)
    return len(context.captured_queries)


def test_a_second_read_of_the_same_data_is_one_query_more_than_the_report(kelurahan, child):
    first = queries(kelurahan)
    again = queries(kelurahan)
    assert again == 2  # the quarter's report and the data stamp
    assert first > again


def test_an_edit_is_seen_at_once(kelurahan, child):
    assert water(kelurahan) == (1, 1)
    record = ChildMonth.objects.get(person=child, month=datetime.date(2026, 9, 1))
    record.safe_water = False
    record.save()
    assert water(kelurahan) == (0, 1)


def test_a_delete_and_a_bulk_create_are_seen_at_once(kelurahan, child, other_kelurahan):
    assert water(kelurahan) == (1, 1)
    ChildMonth.objects.filter(person=child, month=datetime.date(2026, 9, 1)).delete()
    # The last record of the quarter is now August's: still Y, but the count changed.
    assert load(kelurahan.pk, QUARTER).children[0].marks[5].months == [datetime.date(2026, 8, 1)]
    second = make_child(make_family(kelurahan), birth_date=datetime.date(2025, 11, 1))
    template = make_child_month(second, on=datetime.date(2026, 8, 11))
    ChildMonth.objects.bulk_create(
        [
            ChildMonth(
                kelurahan=kelurahan,
                person=second,
                month=datetime.date(2026, 9, 1),
                visit_date=datetime.date(2026, 9, 11),
                age_months=template.age_months + 1,
            )
        ]
    )
    assert water(kelurahan) == (1, 2)
    # Another kelurahan's records are another key: they do not touch this one's figures.
    assert load(other_kelurahan.pk, QUARTER).summary().anak.indicators[5].applicable == 0


def test_the_trend_follows_validation_and_reopening(kelurahan, child, lurah):
    """Validated, the quarter's point is its stored figure even after an edit; reopened, the
    point is the live figure again at once (the reports are part of the data stamp)."""
    from stunting.scorecard.trend import konvergensi_trend
    from stunting.scorecard.validation import reopen_quarter, validate_quarter

    def point():
        return konvergensi_trend([kelurahan.pk], QUARTER)[-1].anak

    before = point()
    report, _now = validate_quarter(kelurahan=kelurahan, quarter=QUARTER, by=lurah)
    ChildMonth.objects.filter(person=child).update(safe_water=False)  # no updated_at change
    assert point() == before
    reopen_quarter(report=report, by=lurah, reason="Data air minum dikoreksi")
    after = point()
    assert after.applicable == before.applicable and after.y == before.y - 1


def test_the_process_keeps_the_result_it_read_until_the_data_or_the_cache_changes(kelurahan, child):
    """A warm page reuses the very result (no unpickling): only while the data stamp and the
    cache's key are the same."""
    from django.core.cache import cache

    first = load(kelurahan.pk, QUARTER)
    assert load(kelurahan.pk, QUARTER) is first
    assert first.summary() is first.summary()  # the tables are summed once per result
    cache.clear()
    assert load(kelurahan.pk, QUARTER) is not first
    kept = load(kelurahan.pk, QUARTER)
    record = ChildMonth.objects.get(person=child, month=datetime.date(2026, 9, 1))
    record.safe_water = False
    record.save()
    changed = load(kelurahan.pk, QUARTER)
    assert changed is not kept and changed.summary().anak.indicators[5].y == 0
