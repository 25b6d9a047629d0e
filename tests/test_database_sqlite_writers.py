"""The embedded SQLite database under concurrent writers: no "database is locked" errors, and
every accepted save is stored. Runs whatever database the suite itself uses, since it makes its
own SQLite file in a process of its own."""

from .scripts import run_on_sqlite_file


def test_eight_concurrent_writers_on_sqlite_all_succeed(tmp_path):
    outcome = run_on_sqlite_file("sqlite_writers.py", tmp_path)
    assert outcome["errors"] == []
    assert len(outcome["accepted"]) == 8 * 25
    assert [tuple(row) for row in outcome["stored"]] == [tuple(a) for a in outcome["accepted"]]
    assert outcome["journal_mode"] == "wal"
