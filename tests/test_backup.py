"""Backup and restore: a round trip on the suite's database kind, damaged and newer archives,
retention, and the admin's dashboard panel.

The round trip runs the real commands in subprocesses against a database of its own (a SQLite
file, or a fresh PostgreSQL database when the suite runs on PostgreSQL), with demo data and an
uploaded SK scan and meeting photo, while another thread keeps writing.
"""

import datetime
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import threading
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from kelurahan.backup import archive as archive_module
from kelurahan.backup.archive import ArchiveError, create_archive, verify_archive
from kelurahan.backup.databases import (
    BackupError,
    PostgresDatabase,
    SqliteDatabase,
    database_for,
)
from kelurahan.backup.restore import RestoreIncomplete, Target, check_vendor, restore_archive
from kelurahan.backup.retention import archives_in, prune
from kelurahan.backup.scratch import scratch_database
from kelurahan.models import BackupRecord
from tests.pages import assert_shows

ROOT = Path(__file__).resolve().parent.parent
WRITER_TABLES = ("django_session", "django_admin_log")

SETUP = """
import os
import django
django.setup()
from io import StringIO
from django.core.files.base import ContentFile
from django.core.management import call_command
call_command("migrate", verbosity=0)  # a no-op where the suite's migrated database was copied
call_command("seed_demo", force=True, stdout=StringIO())
from kpm.models import SK, Rapat, RapatFoto
sk = SK.objects.order_by("pk").first()
sk.scan.save("sk.pdf", ContentFile(b"%PDF-1.4\\n" + os.urandom(60_000)))
RapatFoto.objects.create(
    rapat=Rapat.objects.order_by("pk").first(),
    image=ContentFile(os.urandom(90_000), name="foto.jpg"),
    thumbnail=ContentFile(os.urandom(9_000), name="foto-kecil.jpg"),
    content_type="image/jpeg",
)
"""


def _like_suite_database():
    """A database of the suite's kind: a file for SQLite, the server for PostgreSQL."""
    dictionary = settings.DATABASES["default"]
    if dictionary["ENGINE"].endswith("sqlite3"):
        return SqliteDatabase("unused")
    return database_for(dictionary)


def _url(database) -> str:
    if isinstance(database, SqliteDatabase):
        return f"sqlite:///{database.path}"
    s = database.settings
    auth = quote(s.get("USER") or "postgres")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"])
    return f"postgres://{auth}@{s.get('HOST') or 'localhost'}:{s.get('PORT') or 5432}/{s['NAME']}"


def manage(*args, database, media: Path, check=True) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": _url(database), "MEDIA_ROOT": str(media)}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def connect(database):
    if isinstance(database, SqliteDatabase):
        return sqlite3.connect(database.path, timeout=30)
    return database.connect()


def execute(database, sql: str, params=()) -> list:
    conn = connect(database)
    try:
        cursor = conn.cursor()
        if isinstance(database, SqliteDatabase):
            sql = sql.replace("%s", "?")
        cursor.execute(sql, params)
        rows = cursor.fetchall() if cursor.description else []
        conn.commit()
        return rows
    finally:
        conn.close()


def all_rows(database) -> dict[str, list]:
    """Every row of every table, sorted, as the database driver returns them."""
    tables = database.table_counts()
    return {name: sorted(execute(database, f'SELECT * FROM "{name}"'), key=repr) for name in tables}


def checksums(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def _copy_migrated_suite_database(database, django_db_blocker) -> None:
    """On SQLite, start from a copy of the suite's freshly migrated (in-memory) database:
    migrating a new file would cost most of this module's time."""
    from django.db import connection

    with django_db_blocker.unblock():
        connection.ensure_connection()
        dest = sqlite3.connect(database.path)
        try:
            connection.connection.backup(dest)
        finally:
            dest.close()


@pytest.fixture(scope="module")
def source(tmp_path_factory, django_db_setup, django_db_blocker):
    """Demo data and two uploads, in a database of the suite's kind; dropped at the end."""
    folder = tmp_path_factory.mktemp("source")
    with scratch_database(_like_suite_database(), folder, "bksrc") as database:
        if isinstance(database, SqliteDatabase):
            _copy_migrated_suite_database(database, django_db_blocker)
        manage("-c", SETUP, database=database, media=folder / "media")
        yield database, folder / "media"


@pytest.fixture(scope="module")
def round_trip(source, tmp_path_factory):
    """Back up while a thread writes, then restore into a fresh database and media folder."""
    database, media = source
    out = tmp_path_factory.mktemp("archives")
    for n in (1, 2, 3):  # three old archives of one day: pruning keeps the newest of them
        (out / f"kpm-backup-20240105-0{n}0000.tar").write_bytes(b"")
    written, stop = [], threading.Event()

    def writer():
        conn = connect(database)
        user_id = execute(database, "SELECT min(id) FROM kelurahan_user")[0][0]
        p = "?" if isinstance(database, SqliteDatabase) else "%s"
        try:
            while not stop.is_set():
                n = len(written)
                cursor = conn.cursor()  # one transaction writes a row to each table
                cursor.execute(
                    f"INSERT INTO django_session VALUES ({p}, {p}, {p})",
                    (f"writer{n:06d}", "x" * 500, timezone.now()),
                )
                cursor.execute(
                    "INSERT INTO django_admin_log (action_time, object_id, object_repr,"
                    f" action_flag, change_message, user_id) VALUES ({p}, {p}, {p}, 1, '', {p})",
                    (timezone.now(), str(n), f"writer{n:06d}", user_id),
                )
                conn.commit()
                written.append(n)
                stop.wait(0.005)  # a busy office, not a lock held forever
        finally:
            conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    while len(written) < 20:
        stop.wait(0.01)
    before = len(written)
    backup = manage(
        "manage.py", "backup", "--output", str(out), "--prune", database=database, media=media
    )
    after = len(written)
    stop.set()
    thread.join()
    (archive,) = [p for p in out.glob("kpm-backup-2*.tar") if p.stat().st_size]
    target_folder = tmp_path_factory.mktemp("target")
    with scratch_database(_like_suite_database(), target_folder, "bkdst") as target:
        restore = manage(
            "manage.py", "restore", str(archive), database=target, media=target_folder / "media"
        )
        yield {
            "source": database,
            "media": media,
            "target": target,
            "target_media": target_folder / "media",
            "archive": archive,
            "out": out,
            "backup": backup.stdout + backup.stderr,
            "restore": restore.stdout,
            "writes": (before, after),
        }


def test_round_trip_restores_every_row_and_file(round_trip):
    assert f"Backup written and verified: {round_trip['archive']}" in round_trip["backup"]
    assert "size " in round_trip["backup"]
    assert "row counts and file checksums match the archive" in round_trip["restore"]
    source, target = all_rows(round_trip["source"]), all_rows(round_trip["target"])
    assert set(source) == set(target)
    for table in set(source) - {*WRITER_TABLES, "kelurahan_backuprecord"}:
        assert target[table] == source[table], table  # every row, field by field
    assert len(target["kpm_sk"]) >= 1 and len(target["kpm_rapatfoto"]) == 1
    # The thread's rows: as many of each kind (one consistent snapshot), written meanwhile.
    before, after = round_trip["writes"]
    restored = [len(target[table]) for table in WRITER_TABLES]
    assert restored[0] == restored[1]
    assert before <= restored[0] <= after
    for table in WRITER_TABLES:
        assert set(target[table]) <= set(source[table])
    # Every uploaded file (the SK scan, the photo and its thumbnail), byte for byte.
    files = checksums(round_trip["media"])
    assert len(files) == 3 and any(name.startswith("kpm/sk/") for name in files)
    assert checksums(round_trip["target_media"]) == files


def test_backup_notes_the_archive_and_prunes_old_ones(round_trip):
    record = execute(round_trip["source"], "SELECT path, size_bytes FROM kelurahan_backuprecord")
    assert record == [(str(round_trip["archive"]), round_trip["archive"].stat().st_size)]
    left = sorted(p.name for _when, p in archives_in(round_trip["out"]))
    assert left == ["kpm-backup-20240105-030000.tar", round_trip["archive"].name]
    assert "2 old archive(s) deleted" in round_trip["backup"]


def test_restore_refuses_a_target_that_is_not_empty(round_trip):
    result = manage(
        "manage.py",
        "restore",
        str(round_trip["archive"]),
        database=round_trip["target"],
        media=round_trip["target_media"],
        check=False,
    )
    assert result.returncode == 1
    assert "the target is not empty" in result.stderr
    assert "--force" in result.stderr


def _copy(archive: Path, folder: Path) -> Path:
    return Path(shutil.copy(archive, folder / archive.name))


def test_truncated_archive_is_refused(round_trip, tmp_path):
    damaged = _copy(round_trip["archive"], tmp_path)
    with open(damaged, "r+b") as f:
        f.truncate(damaged.stat().st_size // 2)
    with pytest.raises(CommandError, match="incomplete|truncated"):
        call_command("restore", str(damaged), stdout=StringIO())


def test_changed_file_is_refused(round_trip, tmp_path):
    damaged = _copy(round_trip["archive"], tmp_path)
    with tarfile.open(damaged) as tar:
        scan = next(m for m in tar.getmembers() if m.name.startswith("media/kpm/sk/"))
    with open(damaged, "r+b") as f:
        f.seek(scan.offset_data + 100)
        byte = f.read(1)
        f.seek(scan.offset_data + 100)
        f.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(damaged), stdout=StringIO())
    with pytest.raises(ArchiveError, match=scan.name):
        verify_archive(damaged)


def test_archive_from_newer_migrations_is_refused(round_trip, tmp_path):
    target = round_trip["target"]  # a throw-away copy: change its migration state
    execute(
        target,
        "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, %s)",
        ("kpm", "0999_from_the_future", timezone.now()),
    )
    try:
        newer = create_archive(database=target, media_root=tmp_path / "none", output_dir=tmp_path)
    finally:
        execute(target, "DELETE FROM django_migrations WHERE name = %s", ("0999_from_the_future",))
    with pytest.raises(CommandError, match=r"newer version.*kpm\.0999_from_the_future"):
        call_command("restore", str(newer.path), stdout=StringIO())


# The tables of stunting 0008_incentive, children first.
INCENTIVE_TABLES = [
    "assessmentevent",
    "evidencecheck",
    "historicalindicatorresult",
    "indicatorresult",
    "historicalcadrescore",
    "cadrescore",
    "historicalassessment",
    "assessment",
    "schemetier",
    "historicalschemeindicator",
    "schemeindicator",
    "historicalincentivescheme",
    "incentivescheme",
]
# stunting 0009_monthly_stamp_index: (table, index it adds, index it removes).
MONTH_INDEXES = [
    ("childmonth", "stunting_ch_kelurah_826be4_idx", "stunting_ch_kelurah_c595cd_idx"),
    ("measurement", "stunting_me_kelurah_8628a2_idx", "stunting_me_kelurah_9af82e_idx"),
    ("paudmonth", "stunting_pa_kelurah_9c386e_idx", "stunting_pa_kelurah_cbc5e4_idx"),
    ("pregnancymonth", "stunting_pr_kelurah_42f0c4_idx", "stunting_pr_kelurah_71a054_idx"),
]


def test_older_archive_is_migrated_after_restore(round_trip, tmp_path):
    older_db = round_trip["target"]  # made into the state before stunting 0008 and 0009
    for table, added, removed in MONTH_INDEXES:
        execute(older_db, f"DROP INDEX {added}")
        execute(older_db, f"CREATE INDEX {removed} ON stunting_{table} (kelurahan_id, month)")
    for table in INCENTIVE_TABLES:  # children first: PostgreSQL keeps the foreign keys
        execute(older_db, f"DROP TABLE stunting_{table}")
    execute(
        older_db,
        "DELETE FROM django_migrations WHERE app = %s AND name IN (%s, %s)",
        ("stunting", "0008_incentive", "0009_monthly_stamp_index"),
    )
    older = create_archive(database=older_db, media_root=tmp_path / "none", output_dir=tmp_path)
    with scratch_database(_like_suite_database(), tmp_path, "bkold") as fresh:
        result = manage(
            "manage.py", "restore", str(older.path), database=fresh, media=tmp_path / "m"
        )
        assert "applying 2 migration(s)" in result.stdout
        assert "stunting_assessment" in fresh.table_counts()


def test_archive_of_one_database_kind_is_not_restored_into_the_other(round_trip):
    manifest = verify_archive(round_trip["archive"])
    other = (
        PostgresDatabase({"NAME": "kpm"})
        if manifest["database"]["vendor"] == "sqlite"
        else SqliteDatabase("db.sqlite3")
    )
    with pytest.raises(BackupError, match="cannot be restored into"):
        check_vendor(manifest, other)


def test_restore_checks_the_restored_rows_against_the_manifest(round_trip, tmp_path):
    manifest = verify_archive(round_trip["archive"])
    manifest["tables"]["kpm_sk"] += 1  # as if a row had been lost on the way
    lost = "table kpm_sk: .* rows, the archive had"
    with (
        scratch_database(_like_suite_database(), tmp_path, "bkchk") as fresh,
        pytest.raises(RestoreIncomplete, match=lost),
    ):
        restore_archive(
            round_trip["archive"], manifest, Target(fresh, tmp_path / "m"), replace=False
        )


def test_backup_leaves_no_archive_it_could_not_verify(round_trip, tmp_path, monkeypatch):
    def damaged(path):
        raise ArchiveError(f"{path}: checksum mismatch")

    monkeypatch.setattr(archive_module, "verify_archive", damaged)
    with pytest.raises(ArchiveError):
        create_archive(
            database=round_trip["source"], media_root=tmp_path / "none", output_dir=tmp_path / "o"
        )
    assert list((tmp_path / "o").iterdir()) == []


def test_backup_is_not_written_inside_media_root(tmp_path):
    with pytest.raises(BackupError, match="outside MEDIA_ROOT"):
        create_archive(
            database=SqliteDatabase(tmp_path / "db.sqlite3"),
            media_root=tmp_path,
            output_dir=tmp_path / "backups",
        )


def test_retention_keeps_days_weeks_and_months(tmp_path):
    start = datetime.datetime(2025, 1, 1, 2, 0)
    for day in range(400):  # one nightly archive for 400 days, and a second one on the last day
        when = start + datetime.timedelta(days=day)
        (tmp_path / f"kpm-backup-{when:%Y%m%d-%H%M%S}.tar").write_bytes(b"")
    (tmp_path / "kpm-backup-20260205-120000.tar").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("not an archive")
    removed = prune(tmp_path, daily=7, weekly=4, monthly=12)
    kept = [when for when, _path in archives_in(tmp_path)]
    assert (tmp_path / "notes.txt").exists()
    assert len(kept) + len(removed) == 401
    last = datetime.datetime(2026, 2, 5, 12, 0)
    assert kept[0] == last and datetime.datetime(2026, 2, 5, 2, 0) not in kept
    assert [d.date() for d in kept[:7]] == [
        last.date() - datetime.timedelta(days=n) for n in range(7)
    ]
    months = {(d.year, d.month) for d in kept}
    assert len(months) == 12 and (2025, 2) not in months
    assert len(kept) <= 7 + 4 + 12


def test_admin_sees_the_last_backup_on_the_dashboard(client, admin_user, kelurahan):
    BackupRecord.objects.create(
        path="/srv/kpm/backups/kpm-backup-20261128-020000.tar",
        size_bytes=52_000_000,
        database_vendor="sqlite",
        created_at=timezone.now() - datetime.timedelta(hours=5),
    )
    client.force_login(admin_user)
    response = client.get(reverse("kelurahan:dashboard"))
    assert_shows(
        response,
        ["Cadangan terakhir:", "kpm-backup-20261128-020000.tar", "49,6\xa0MB"],
        ["dua hari terakhir"],
    )


def test_admin_is_warned_when_no_backup_for_two_days(client, admin_user, kelurahan):
    client.force_login(admin_user)
    assertContains(client.get(reverse("kelurahan:dashboard")), "Belum pernah ada cadangan data.")
    BackupRecord.objects.create(
        path="/srv/kpm/backups/old.tar",
        size_bytes=1000,
        database_vendor="postgresql",
        created_at=timezone.now() - datetime.timedelta(days=2, hours=1),
    )
    response = client.get(reverse("kelurahan:dashboard"))
    assertContains(response, "Tidak ada cadangan data dalam dua hari terakhir.")


def test_other_roles_do_not_see_the_backup_panel(client, petugas, kecamatan_user):
    for user in (petugas, kecamatan_user):
        client.force_login(user)
        assertNotContains(client.get(reverse("kelurahan:dashboard")), "Cadangan data")
