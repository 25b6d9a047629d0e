"""The two databases the app runs on, as the backup sees them: snapshot, row counts, restore.

SQLite is copied with its online backup API (a consistent copy even while the app writes);
PostgreSQL with `pg_dump --format=custom` inside an exported snapshot, so that the row counts
in the manifest come from exactly the data in the dump. Neither touches Django's own connection.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


@dataclass
class Snapshot:
    """A database copy on disk, with what it contains."""

    path: Path
    tables: dict[str, int]  # row count per table
    migrations: list[str]  # "app.name", applied, sorted


def _sqlite_connect(target: str | Path, **kwargs) -> sqlite3.Connection:
    """A plain connection that also knows the SQL functions Django adds (CHECK constraints
    such as a NIK pattern use REGEXP, which the integrity check evaluates)."""
    from django.db.backends.sqlite3._functions import register

    conn = sqlite3.connect(target, **kwargs)
    register(conn)
    return conn


def quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class SqliteDatabase:
    vendor = "sqlite"
    member = "database.sqlite3.gz"

    def __init__(self, path: Path | str):
        self.path = Path(path)

    def __str__(self) -> str:
        return f"SQLite database {self.path}"

    def _connect(self, *, readonly: bool) -> sqlite3.Connection:
        if readonly:
            return _sqlite_connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
        return _sqlite_connect(self.path, timeout=30)

    def snapshot(self, dest: Path) -> Snapshot:
        """Copy the live database to `dest` in one step of the online backup API."""
        if not self.path.is_file():
            raise BackupError(f"{self} does not exist.")
        source = self._connect(readonly=True)
        copy = _sqlite_connect(dest)
        try:
            source.backup(copy)  # all pages at once, under one read lock: a consistent copy
        finally:
            source.close()
        try:
            check_sqlite_file(copy, dest)
            return Snapshot(dest, _sqlite_counts(copy), _sqlite_migrations(copy))
        finally:
            copy.close()

    def table_counts(self) -> dict[str, int]:
        if not self.path.exists():
            return {}
        conn = self._connect(readonly=True)
        try:
            return _sqlite_counts(conn)
        finally:
            conn.close()

    def restore(self, snapshot_file: Path, *, replace: bool) -> None:
        """Write the snapshot over this database through the backup API (safe with -wal files)."""
        source = _sqlite_connect(f"file:{snapshot_file}?mode=ro", uri=True)
        try:
            check_sqlite_file(source, snapshot_file)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            target = self._connect(readonly=False)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()


def check_sqlite_file(conn: sqlite3.Connection, path: Path) -> None:
    result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"The database copy {path} fails SQLite's integrity check: {result}")


def _sqlite_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    count = "SELECT count(*) FROM {}"
    return {name: conn.execute(count.format(quote_name(name))).fetchone()[0] for name in names}


def _sqlite_migrations(conn: sqlite3.Connection) -> list[str]:
    try:
        rows = conn.execute("SELECT app, name FROM django_migrations").fetchall()
    except sqlite3.OperationalError:
        return []
    return sorted(f"{app}.{name}" for app, name in rows)


class PostgresDatabase:
    vendor = "postgresql"
    member = "database.pgdump"

    def __init__(self, settings_dict: dict):
        self.settings = settings_dict
        self.name = settings_dict["NAME"]

    def __str__(self) -> str:
        host = self.settings.get("HOST") or "localhost"
        return f"PostgreSQL database {self.name} on {host}"

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
            if self.settings.get(key):
                env[var] = str(self.settings[key])
        if self.settings.get("PASSWORD"):
            env["PGPASSWORD"] = str(self.settings["PASSWORD"])
        sslmode = (self.settings.get("OPTIONS") or {}).get("sslmode")
        if sslmode:
            env["PGSSLMODE"] = sslmode
        env["PGDATABASE"] = self.name
        return env

    def connect(self, dbname: str | None = None):
        import psycopg2

        params = {
            "dbname": dbname or self.name,
            "user": self.settings.get("USER") or None,
            "password": self.settings.get("PASSWORD") or None,
            "host": self.settings.get("HOST") or None,
            "port": self.settings.get("PORT") or None,
        }
        try:
            return psycopg2.connect(**{k: v for k, v in params.items() if v is not None})
        except psycopg2.OperationalError as error:
            raise BackupError(f"Cannot connect to {self}: {error}".strip()) from None

    def _run(self, args: list[str]) -> None:
        tool = shutil.which(args[0])
        if tool is None:
            raise BackupError(f"{args[0]} is not installed (apt-get install postgresql-client).")
        result = subprocess.run(
            [tool, *args[1:]], env=self._env(), capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise BackupError(f"{args[0]} failed: {result.stderr.strip()}")

    def snapshot(self, dest: Path) -> Snapshot:
        """pg_dump inside an exported REPEATABLE READ snapshot, counted in the same snapshot."""
        conn = self.connect()
        try:
            conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
            with conn.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot_id = cursor.fetchone()[0]
                tables = _pg_counts(cursor)
                migrations = _pg_migrations(cursor, tables)
                self._run(
                    ["pg_dump", "--format=custom", f"--snapshot={snapshot_id}", f"--file={dest}"]
                )
            conn.rollback()
        finally:
            conn.close()
        self._run(["pg_restore", "--list", str(dest)])  # the dump's table of contents reads back
        return Snapshot(dest, tables, migrations)

    def table_counts(self) -> dict[str, int]:
        conn = self.connect()
        try:
            with conn.cursor() as cursor:
                return _pg_counts(cursor)
        finally:
            conn.close()

    def restore(self, snapshot_file: Path, *, replace: bool) -> None:
        if replace:
            self.drop_tables()
        self._run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={self.name}",
                str(snapshot_file),
            ]
        )

    def drop_tables(self) -> None:
        conn = self.connect()
        try:
            with conn, conn.cursor() as cursor:
                cursor.execute(
                    "SELECT table_name, table_type FROM information_schema.tables"
                    " WHERE table_schema = current_schema()"
                )
                for name, kind in cursor.fetchall():
                    what = "VIEW" if kind == "VIEW" else "TABLE"
                    cursor.execute(f"DROP {what} IF EXISTS {quote_name(name)} CASCADE")
                cursor.execute(
                    "SELECT sequence_name FROM information_schema.sequences"
                    " WHERE sequence_schema = current_schema()"
                )
                for (name,) in cursor.fetchall():
                    cursor.execute(f"DROP SEQUENCE IF EXISTS {quote_name(name)} CASCADE")
        finally:
            conn.close()


def _pg_counts(cursor) -> dict[str, int]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    counts = {}
    for (name,) in cursor.fetchall():
        cursor.execute(f"SELECT count(*) FROM {quote_name(name)}")
        counts[name] = cursor.fetchone()[0]
    return counts


def _pg_migrations(cursor, tables: dict[str, int]) -> list[str]:
    if "django_migrations" not in tables:
        return []
    cursor.execute("SELECT app, name FROM django_migrations")
    return sorted(f"{app}.{name}" for app, name in cursor.fetchall())


def database_for(settings_dict: dict) -> SqliteDatabase | PostgresDatabase:
    """The backup's view of a Django DATABASES entry."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        name = str(settings_dict["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            raise BackupError("An in-memory SQLite database cannot be backed up or restored.")
        return SqliteDatabase(name)
    if engine.endswith(("postgresql", "postgis")):
        return PostgresDatabase(settings_dict)
    raise BackupError(f"Backups are made for SQLite and PostgreSQL only, not {engine}.")
