"""A load check of concurrent saves: gunicorn on the DATABASE_URL database and staff of several
posyandu saving posyandu days at the same time. Fails on any server error or lost save."""

import json
import statistics
import threading
import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from kelurahan.bench_server import (
    delete_sessions,
    free_port,
    session_cookie,
    start_gunicorn,
    stop_gunicorn,
)

from ...bench_writers import Writer, check_saves, writer_targets


def _count(statuses: Counter, test) -> int:
    """The answers ("GET 200", "POST 302"...) that pass test(method, status)."""
    total = 0
    for key, n in statuses.items():
        method, _, status = key.partition(" ")
        if method in ("GET", "POST") and test(method, int(status)):
            total += n
    return total


class Command(BaseCommand):
    help = (
        "Start gunicorn (DEBUG off) on the DATABASE_URL database and let --writers staff "
        "members, each a petugas of another posyandu, save posyandu days over HTTP for "
        "--seconds; count the answers, then check that every accepted save is in the database. "
        "Exits non-zero on any server error, refused save or missing save."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=30)
        parser.add_argument("--writers", type=int, default=8)
        parser.add_argument("--workers", type=int, default=3, help="gunicorn workers.")
        parser.add_argument("--output", default="", help="Write the results as JSON here.")

    def handle(self, *args, **options):
        today = timezone.localdate()
        targets = writer_targets(options["writers"], today)
        if len(targets) < options["writers"]:
            raise CommandError(
                f"Found {len(targets)} posyandu with children and a petugas, "
                f"{options['writers']} needed: run `manage.py seed_scale` first."
            )
        writers = [
            Writer(number, posyandu.pk, session_cookie(user))
            for number, (posyandu, user) in enumerate(targets)
        ]
        # A test run (TESTING) serves its static files from the finders, without collectstatic.
        production = not settings.TESTING
        if production and not Path(settings.STATIC_ROOT, "staticfiles.json").exists():
            call_command("collectstatic", interactive=False, verbosity=0)
        port = free_port()
        server = start_gunicorn(port, options["workers"], production=production)
        try:
            started = time.monotonic()
            until = started + options["seconds"]
            threads = [
                threading.Thread(
                    target=w.run, args=(port,), kwargs={"until": until, "today": today}
                )
                for w in writers
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
        finally:
            stop_gunicorn(server)
            delete_sessions(w.session for w in writers)
        result = self._result(writers, elapsed, options)
        self._report(result, options)
        problems = [
            f"{result[key]} {label}"
            for key, label in (
                ("server_errors", "server errors"),
                ("connection_errors", "connection errors"),
                ("saves_refused", "refused saves"),
                ("missing_count", "accepted saves missing from the database"),
            )
            if result[key]
        ]
        if not result["saves_accepted"]:
            problems.append("no save was accepted")
        if problems:
            raise CommandError("bench_writers failed: " + ", ".join(problems) + ".")

    def _result(self, writers: list[Writer], elapsed: float, options) -> dict:
        statuses = sum((w.statuses for w in writers), Counter())
        expected = {}
        for w in writers:
            expected.update(w.expected)
        missing = check_saves(expected)
        save_ms = sorted(ms for w in writers for ms in w.save_ms)
        posts = _count(statuses, lambda method, _status: method == "POST")
        accepted = statuses["POST 302"]
        return {
            "database": connection.vendor,
            "seconds": round(elapsed, 1),
            "writers": len(writers),
            "gunicorn_workers": options["workers"],
            "saves_sent": posts,
            "saves_accepted": accepted,
            "saves_per_s": round(accepted / elapsed, 2) if elapsed else 0,
            "saves_refused": _count(
                statuses, lambda method, status: method == "POST" and status < 500
            )
            - accepted,
            "server_errors": _count(statuses, lambda _method, status: status >= 500),
            "connection_errors": statuses["connection error"],
            "rows_saved": sum(w.rows_sent for w in writers),
            "child_months_checked": len(expected),
            "missing_count": len(missing),
            "missing": missing[:50],
            "save_ms_median": round(statistics.median(save_ms)) if save_ms else None,
            "save_ms_p95": round(save_ms[int(len(save_ms) * 0.95)]) if save_ms else None,
            "save_ms_max": round(save_ms[-1]) if save_ms else None,
            "responses": dict(sorted(statuses.items())),
            "errors": [e for w in writers for e in w.errors][:50],
            "saves_per_writer": [w.statuses["POST 302"] for w in writers],
        }

    def _report(self, r: dict, options) -> None:
        self.stdout.write(
            f"{r['writers']} writers saving posyandu days for {r['seconds']} s on {r['database']} "
            f"(gunicorn {r['gunicorn_workers']} workers, DEBUG off)"
        )
        self.stdout.write(
            f"  saves sent {r['saves_sent']}, accepted {r['saves_accepted']} "
            f"({r['saves_per_s']}/s, {r['rows_saved']} rows), refused {r['saves_refused']}, "
            f"server errors {r['server_errors']}, connection errors {r['connection_errors']}"
        )
        self.stdout.write(
            f"  save time median {r['save_ms_median']} ms, p95 {r['save_ms_p95']} ms, "
            f"max {r['save_ms_max']} ms; saves per writer {r['saves_per_writer']}"
        )
        self.stdout.write(
            f"  accepted saves in the database: {r['child_months_checked'] - r['missing_count']} "
            f"of {r['child_months_checked']} child-months"
        )
        self.stdout.write(
            "  responses: " + ", ".join(f"{k}: {n}" for k, n in r["responses"].items())
        )
        for line in r["errors"][:10] + r["missing"][:10]:
            self.stdout.write(f"  ! {line}")
        if options["output"]:
            Path(options["output"]).write_text(json.dumps(r, indent=2))
            self.stdout.write(f"Results written to {options['output']}")
