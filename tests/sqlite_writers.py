"""Run as a script by tests/test_database_sqlite_writers.py, in a process of its own with
DATABASE_URL naming a fresh SQLite file: eight threads, each with its own connection, run short
transactions that read and then write, the shape of a posyandu-day save. Prints one JSON line."""

import json
import os
import sys
import threading
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import OperationalError, connection, connections, transaction  # noqa: E402

WRITERS, SAVES = 8, 25


def main() -> None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE saves (id INTEGER PRIMARY KEY, writer INTEGER, n INTEGER)")
    accepted, errors = [], []

    def writer(number: int) -> None:
        try:
            for n in range(SAVES):
                try:
                    with transaction.atomic(), connection.cursor() as cursor:
                        cursor.execute("SELECT count(*) FROM saves WHERE writer = %s", [number])
                        cursor.fetchone()
                        time.sleep(0.002)  # the form's work between the read and the write
                        cursor.execute("INSERT INTO saves (writer, n) VALUES (%s, %s)", [number, n])
                    accepted.append((number, n))
                except OperationalError as error:
                    errors.append(str(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connection.cursor() as cursor:
        cursor.execute("SELECT writer, n FROM saves")
        stored = sorted(cursor.fetchall())
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
    print(
        json.dumps(
            {
                "accepted": sorted(accepted),
                "stored": stored,
                "errors": errors,
                "journal_mode": journal,
            }
        )
    )


if __name__ == "__main__":
    main()
