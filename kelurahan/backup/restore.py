"""Restoring an archive: into an empty database and media folder, or over existing ones when forced.

Order: read the manifest; refuse an archive from a newer code version; say what would be
replaced; unpack every member into a staging area beside the targets while checking its
checksum (nothing is replaced if one fails); then load the database, move the files in, and
check the restored row counts and file checksums against the manifest.
"""

from __future__ import annotations

import gzip
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db.migrations.loader import MigrationLoader

from .archive import (
    MEDIA_PREFIX,
    ArchiveError,
    iter_verified,
    media_files,
    open_archive,
    sha256_file,
)
from .databases import BackupError, PostgresDatabase, SqliteDatabase


class RestoreIncomplete(BackupError):
    """The restore failed after it began replacing the database or the files."""


def code_migrations() -> tuple[set[str], set[str]]:
    """(every migration on disk, the migrations a fully migrated database has applied)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = {f"{app}.{name}" for app, name in loader.disk_migrations}
    graph = {f"{app}.{name}" for app, name in loader.graph.nodes}
    return known, graph


def check_migrations(manifest: dict) -> list[str]:
    """Refuse an archive from a newer version; return the migrations it still needs."""
    known, graph = code_migrations()
    archived = set(manifest["migrations"])
    unknown = sorted(archived - known)
    if unknown:
        shown = ", ".join(unknown[:5]) + (" ..." if len(unknown) > 5 else "")
        raise BackupError(
            f"The archive comes from a newer version of the app (version "
            f"{manifest.get('app_version', '?')}): this code does not know its migrations "
            f"{shown}. Install that version (or newer) of the app, then restore."
        )
    return sorted(graph - archived)


def check_vendor(manifest: dict, database: SqliteDatabase | PostgresDatabase) -> None:
    vendor = manifest["database"]["vendor"]
    if vendor != database.vendor:
        raise BackupError(
            f"The archive holds a {vendor} database and cannot be restored into {database}; "
            f"set DATABASE_URL to a {vendor} database (to move data between the two, restore "
            "it there, then use `manage.py dumpdata` and `loaddata`)."
        )


@dataclass
class Target:
    database: SqliteDatabase | PostgresDatabase
    media_root: Path

    def existing(self) -> list[str]:
        """What a restore would replace, in words; empty when both are empty."""
        found = []
        counts = self.database.table_counts()
        if counts:
            found.append(f"{self.database}: {len(counts)} tables, {sum(counts.values()):,} rows")
        files = media_files(self.media_root)
        if files:
            found.append(f"media folder {self.media_root}: {len(files):,} files")
        return found


def _stage(archive: Path, staging: Path) -> Path:
    """Unpack every member into `staging`, checking each; return the database file."""
    tar, manifest = open_archive(archive)
    db_member = manifest["database"]["member"]
    database_file = staging / "database"
    media = staging / "media"
    with tar:
        for name, _entry, chunks in iter_verified(tar, manifest, archive):
            if name == db_member:
                dest = staging / db_member
            else:
                dest = media / name.removeprefix(MEDIA_PREFIX)
                dest.parent.mkdir(parents=True, exist_ok=True)
            with open(dest, "wb") as f:
                for data in chunks:
                    f.write(data)
    if db_member.endswith(".gz"):
        try:
            with gzip.open(staging / db_member, "rb") as src, open(database_file, "wb") as dst:
                shutil.copyfileobj(src, dst, 1024 * 1024)
        except (OSError, EOFError) as error:
            raise ArchiveError(
                f"{archive}: the database copy cannot be unpacked ({error})."
            ) from None
        (staging / db_member).unlink()
    else:
        os.replace(staging / db_member, database_file)
    return database_file


def _replace_media(staged: Path, media_root: Path) -> None:
    """Empty MEDIA_ROOT (it may be a mount point, so it is kept) and move the staged files in."""
    media_root.mkdir(parents=True, exist_ok=True)
    for entry in media_root.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    if staged.is_dir():
        for entry in staged.iterdir():
            shutil.move(str(entry), media_root / entry.name)


def check_restored(manifest: dict, target: Target) -> None:
    """The restored database and files must be what the manifest describes."""
    counts = target.database.table_counts()
    expected = manifest["tables"]
    problems = [
        f"table {name}: {counts.get(name, 'missing')} rows, the archive had {n}"
        for name, n in expected.items()
        if counts.get(name) != n
    ]
    problems += [
        f"table {name} is not in the archive" for name in sorted(set(counts) - set(expected))
    ]
    on_disk = {
        p.relative_to(target.media_root).as_posix(): p for p in media_files(target.media_root)
    }
    for entry in manifest["media"]["files"]:
        path = on_disk.pop(entry["path"], None)
        if path is None or sha256_file(path) != entry["sha256"]:
            problems.append(f"file {entry['path']} is missing or differs")
    problems += [f"file {name} is not in the archive" for name in sorted(on_disk)]
    if problems:
        shown = "; ".join(problems[:10]) + (" ..." if len(problems) > 10 else "")
        raise BackupError(f"The restored data does not match the archive: {shown}")


def restore_archive(archive: Path, manifest: dict, target: Target, *, replace: bool) -> None:
    """Unpack and check, then replace the database and the media folder."""
    check_vendor(manifest, target.database)
    target.media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".kpm-restore-", dir=target.media_root.parent) as tmp:
        staging = Path(tmp)
        database_file = _stage(archive, staging)  # up to here, nothing is replaced
        try:
            target.database.restore(database_file, replace=replace)
            _replace_media(staging / "media", target.media_root)
            check_restored(manifest, target)
        except (BackupError, OSError) as error:
            raise RestoreIncomplete(
                f"{error} The database and the media folder may now be incomplete: restore "
                "again with --force (from this or another archive)."
            ) from None
