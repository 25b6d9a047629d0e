"""CI runs the suite twice; this proves each run is on the database it claims."""

import os

import pytest
from django.db import connection


@pytest.mark.skipif(not os.environ.get("KPM_EXPECT_DB"), reason="only where CI names the database")
def test_suite_runs_on_the_expected_database(db):
    assert connection.vendor == os.environ["KPM_EXPECT_DB"]
