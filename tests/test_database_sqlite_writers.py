"""The embedded SQLite database under concurrent writers: no "database is locked" errors, and
every accepted save is stored. Runs whatever database the suite itself uses, since it makes its
own SQLite file in a process of its own."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_eight_concurrent_writers_on_sqlite_all_succeed(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'office.sqlite3'}"}
    env.pop("TEST_DATABASE_NAME", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "sqlite_writers.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert len(outcome["accepted"]) == 8 * 25
    assert [tuple(row) for row in outcome["stored"]] == [tuple(a) for a in outcome["accepted"]]
    assert outcome["journal_mode"] == "wal"
