"""bench_writers (issue 9): eight staff members of different posyandu save posyandu days at the
same time through gunicorn (3 workers); no server error, and every accepted save is stored.
Runs on the suite's database: on SQLite a file copy of it, since the in-memory test database
cannot be opened by another process."""

import datetime
import json
import os
import sqlite3
import subprocess
import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from stunting.bench_writers import DayPage, check_saves
from tests.factories import make_kecamatan, make_kelurahan, make_lembaga, make_user
from tests.factories_stunting import make_child, make_family, make_measurement

ROOT = Path(__file__).resolve().parent.parent


def seed_posyandu(kelurahan_count: int = 4, posyandu_per_kelurahan: int = 2) -> None:
    """Kelurahan with a petugas each, and posyandu with three children under five each."""
    kecamatan = make_kecamatan()
    for _k in range(kelurahan_count):
        kelurahan = make_kelurahan(kecamatan)
        make_user(kelurahan=kelurahan)
        for _p in range(posyandu_per_kelurahan):
            posyandu = make_lembaga(kelurahan)
            for age_days in (200, 500, 1000):
                make_child(make_family(kelurahan, posyandu=posyandu), age_days=age_days)


def database_url(tmp_path: Path) -> str:
    """A URL of the suite's database (committed rows) that another process can open."""
    if connection.vendor == "sqlite":
        path = tmp_path / "writers.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{path}"
    s = connection.settings_dict
    login = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{login}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


def stored_measurements(url: str) -> int:
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute("SELECT count(*) FROM stunting_measurement").fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM stunting_measurement")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_eight_concurrent_savers_get_no_server_error_and_every_save_is_stored(tmp_path):
    seed_posyandu()
    url = database_url(tmp_path)
    output = tmp_path / "writers.json"
    env = {**os.environ, "DATABASE_URL": url, "TESTING": "1"}
    env.pop("TEST_DATABASE_NAME", None)
    command = [sys.executable, "manage.py", "bench_writers", "--seconds", "3"]
    result = subprocess.run(
        [*command, "--output", str(output)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    outcome = json.loads(output.read_text())
    assert outcome["writers"] == 8 and outcome["gunicorn_workers"] == 3
    assert outcome["server_errors"] == 0 and outcome["connection_errors"] == 0
    assert outcome["saves_refused"] == 0
    assert outcome["saves_accepted"] >= 8
    assert outcome["missing_count"] == 0
    assert all(n >= 1 for n in outcome["saves_per_writer"])
    # Nobody had been measured: one measurement per child-month the writers saved.
    assert stored_measurements(url) == outcome["child_months_checked"] > 0
    assert "accepted saves in the database" in result.stdout


def test_too_few_posyandu_is_a_clear_error(db):
    seed_posyandu(kelurahan_count=1, posyandu_per_kelurahan=3)
    with pytest.raises(CommandError, match="Found 3 posyandu with children and a petugas, 8"):
        call_command("bench_writers", seconds=1, stdout=StringIO())


def test_a_save_missing_from_the_database_is_reported(db):
    child = make_child(kelurahan=make_kelurahan())
    measurement = make_measurement(child, weight="8.5")
    month = measurement.month
    assert check_saves({(child.pk, month): Decimal("8.5")}) == []
    lost = {(child.pk, month): Decimal("9.1"), (child.pk, datetime.date(2020, 1, 1)): Decimal(7)}
    assert check_saves(lost) == [
        f"child {child.pk}, 2020-01: saved 7 kg, stored None",
        f"child {child.pk}, {month:%Y-%m}: saved 9.1 kg, stored 8.50",
    ]


def test_the_day_page_is_read_as_a_browser_sends_it():
    page = DayPage()
    page.feed(
        '<form id="other"><input name="q" value="x"></form>'
        '<form id="posyandu-form"><input type="hidden" name="csrfmiddlewaretoken" value="t">'
        '<tr data-row="0"><td>1<input type="hidden" name="form-0-person" value="7"></td>'
        "<td><span>L · 14 bln</span></td>"
        '<td><input name="form-0-weight_kg" value="9.5"></td>'
        '<td><select name="form-0-measured_lying"><option value="">-</option>'
        '<option value="1" selected>PB</option></select></td>'
        '<td><select name="form-0-growth_mat"><option value="hijau">H</option></select></td>'
        '<td><input type="checkbox" name="form-0-oedema"></td>'
        '<td><input type="checkbox" name="form-0-counseling_father" checked></td>'
        '<td><input type="checkbox" name="form-0-pmt" disabled checked></td></tr></form>'
    )
    assert page.fields == [
        ["csrfmiddlewaretoken", "t"],
        ["form-0-person", "7"],
        ["form-0-weight_kg", "9.5"],
        ["form-0-measured_lying", "1"],
        ["form-0-growth_mat", "hijau"],
        ["form-0-counseling_father", "on"],
    ]
    assert page.ages == {0: 14}
