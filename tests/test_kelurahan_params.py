"""Ids, years and months read from requests: hostile values read as "nothing", never as a
server error (tests/test_fuzz.py sends them to every page; these pin the shared readers)."""

import datetime

import pytest

from kelurahan.dates import parse_month, this_month
from kelurahan.models import Kelurahan
from kelurahan.params import parse_id
from kpm.models import SK, Kader


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("²", None),
        ("١٢", None),
        ("-1", None),
        ("0", None),
        ("abc", None),
        ("99999999999999999999", None),
        ("", None),
        (None, None),
        (3, 3),
    ],
)
def test_parse_id_takes_ascii_digits_within_the_id_range(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize("value", ["9999-12", "0001-01", "1899-12", "2101-01", "abc", "", None])
def test_a_month_far_out_of_range_reads_as_this_month(value):
    assert parse_month(value) == this_month()


def test_a_month_in_range_is_read():
    assert parse_month("2020-12") == datetime.date(2020, 12, 1)


def test_in_lookups_ignore_ids_past_the_integer_range(db):
    huge = 99999999999999999999
    assert list(Kader.objects.filter(pk__in=[huge, 1])) == []
    assert list(Kader.objects.filter(kelurahan__in=[huge])) == []
    assert list(SK.objects.filter(kaders__in=[huge])) == []
    assert list(Kelurahan.objects.filter(kader_set__in=[huge])) == []
