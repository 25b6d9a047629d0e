"""Throw-away databases beside the configured one, for the benchmark and the tests."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

from .databases import PostgresDatabase, SqliteDatabase, quote_name


@contextlib.contextmanager
def scratch_database(
    like: SqliteDatabase | PostgresDatabase, folder: Path, label: str = "scratch"
) -> Iterator[SqliteDatabase | PostgresDatabase]:
    """An empty database of the same kind (a file in `folder`, or a new PostgreSQL database
    on the same server), dropped afterwards."""
    if isinstance(like, SqliteDatabase):
        yield SqliteDatabase(folder / f"{label}.sqlite3")
        return
    name = f"{like.name}_{label}_{os.getpid()}_{uuid.uuid4().hex[:6]}"[:63]
    _admin(like, f"CREATE DATABASE {quote_name(name)}")
    try:
        yield PostgresDatabase({**like.settings, "NAME": name})
    finally:
        _admin(like, f"DROP DATABASE IF EXISTS {quote_name(name)} WITH (FORCE)")


def _admin(like: PostgresDatabase, statement: str) -> None:
    conn = like.connect(dbname="postgres")
    try:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(statement)
    finally:
        conn.close()
