"""Simultaneous POSTs (issue 9), real threads with a database connection each: four submits
of one new-family form store one family; four forms racing for one KK number store one and
tell the others in the form; three submits of one import confirmation import once. Never a
500. On PostgreSQL in this process; on SQLite in a process of its own (see concurrent_posts)."""

import pytest
from django.db import connection

from . import concurrent_posts
from .scripts import run_on_sqlite_file


@pytest.fixture(scope="module")
def sqlite_outcomes(tmp_path_factory) -> dict:
    """Every scenario run once on a fresh SQLite file, in a process of its own."""
    directory = tmp_path_factory.mktemp("concurrent")
    return run_on_sqlite_file("concurrent_posts.py", directory, timeout=300)


@pytest.fixture
def outcome(request, transactional_db):
    """Run the scenario named like the test (after `test_`)."""

    def run(scenario):
        if connection.vendor == "sqlite":
            return request.getfixturevalue("sqlite_outcomes")[scenario.__name__]
        return scenario(concurrent_posts.editor(scenario.__name__))

    return run


def test_one_family_form_posted_four_times_at_once_stores_one(outcome):
    result = outcome(concurrent_posts.one_family_form_four_times)
    assert result == {"statuses": [302] * 4, "rows": 1, "kk_errors": 0}


def test_four_family_forms_racing_for_one_kk_store_one_and_tell_the_others(outcome):
    result = outcome(concurrent_posts.four_family_forms_one_kk)
    assert result == {"statuses": [200, 200, 200, 302], "rows": 1, "kk_errors": 3}


def test_one_import_confirmed_three_times_at_once_imports_once(outcome):
    result = outcome(concurrent_posts.one_import_confirmed_three_times)
    assert result == {"statuses": [302] * 3, "rows": 2, "kk_errors": 0}
