"""Run one of the tests' scripts in a process of its own, on a fresh SQLite file."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_on_sqlite_file(script: str, directory: Path, *, timeout: int = 120) -> dict:
    """Run `tests/<script>` with DATABASE_URL naming a new SQLite file in `directory`; the JSON
    object it prints last."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{directory / 'office.sqlite3'}"}
    env.pop("TEST_DATABASE_NAME", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / script)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])
