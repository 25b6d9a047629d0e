"""One backup archive: a plain tar holding the database copy, every uploaded file and a manifest.

Layout of `kpm-backup-YYYYMMDD-HHMMSS.tar`:
  database.sqlite3.gz | database.pgdump   the database (SQLite gzipped; pg_dump is compressed)
  media/<path>                            every file under MEDIA_ROOT, as it is
  manifest.json                           written last: versions, migrations, rows per table,
                                          size and SHA-256 of every other member
The tar itself is not compressed, so the manifest at its end is found by reading headers only.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json
import os
import shutil
import sys
import tarfile
import tempfile
import time
import tomllib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.utils import timezone

from .databases import BackupError, PostgresDatabase, SqliteDatabase

FORMAT = "kpm-backup/1"
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
NAME_PREFIX = "kpm-backup-"
NAME_FORMAT = "%Y%m%d-%H%M%S"
CHUNK = 1024 * 1024


class ArchiveError(BackupError):
    """The archive is damaged, incomplete or not ours."""


def app_version() -> str:
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as f:
            return tomllib.load(f)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def human_size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:,.0f} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1000
    return ""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingReader:
    """Reads a file for tarfile, hashing what it hands over."""

    def __init__(self, f):
        self.f = f
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.f.read(size)
        self.digest.update(data)
        return data


@dataclass
class ArchiveResult:
    path: Path
    size: int
    manifest: dict
    seconds: float


def media_files(media_root: Path) -> list[Path]:
    """Every regular file under MEDIA_ROOT (symbolic links are not followed)."""
    if not media_root.is_dir():
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(media_root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return found


def _archive_path(output_dir: Path, now: datetime.datetime) -> Path:
    stem = NAME_PREFIX + timezone.localtime(now).strftime(NAME_FORMAT)
    path, n = output_dir / f"{stem}.tar", 1
    while path.exists():
        n += 1
        path = output_dir / f"{stem}-{n}.tar"
    return path


def _add_file(tar: tarfile.TarFile, path: Path, arcname: str) -> dict:
    with open(path, "rb") as f:
        stat = os.fstat(f.fileno())
        info = tarfile.TarInfo(arcname)
        info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o644
        reader = _HashingReader(f)
        tar.addfile(info, reader)
    return {"size": info.size, "sha256": reader.digest.hexdigest()}


def _database_member(database, snapshot_path: Path, work: Path) -> Path:
    if isinstance(database, SqliteDatabase):
        packed = work / database.member
        with open(snapshot_path, "rb") as src, gzip.open(packed, "wb", compresslevel=1) as dst:
            shutil.copyfileobj(src, dst, CHUNK)
        return packed
    return snapshot_path


def _write_tar(partial: Path, manifest: dict, database, member_path: Path, media_root: Path):
    """Database, then media files, then the manifest, which by then knows every member's size
    and checksum."""
    with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
        manifest["database"] = {"vendor": database.vendor, "member": database.member}
        manifest["database"].update(_add_file(tar, member_path, database.member))
        files = []
        for path in media_files(media_root):
            relative = path.relative_to(media_root).as_posix()
            files.append({"path": relative, **_add_file(tar, path, MEDIA_PREFIX + relative)})
        manifest["media"] = {
            "count": len(files),
            "bytes": sum(f["size"] for f in files),
            "files": files,
        }
        data = json.dumps(manifest, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
        tar.addfile(info, BytesIO(data))
    with open(partial, "rb+") as f:
        os.fsync(f.fileno())
    partial.chmod(0o600)  # personal data: readable by the account that backs up only


def create_archive(
    *, database: SqliteDatabase | PostgresDatabase, media_root: Path, output_dir: Path
) -> ArchiveResult:
    """Write and verify one archive; a failed or unverifiable one is removed, never left."""
    started = time.monotonic()
    if output_dir.resolve().is_relative_to(media_root.resolve()):
        raise BackupError(f"Write the archives outside MEDIA_ROOT ({media_root}).")
    output_dir.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    final = _archive_path(output_dir, now)
    partial = final.with_name(f".{final.name}.partial")
    with tempfile.TemporaryDirectory(prefix=".kpm-backup-", dir=output_dir) as tmp:
        work = Path(tmp)
        # The database first: files uploaded meanwhile are then in the archive too.
        snapshot = database.snapshot(work / "snapshot")
        if not snapshot.tables:
            raise BackupError(f"{database} has no tables: is DATABASE_URL right?")
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "app_version": app_version(),
            "django_version": django.get_version(),
            "python_version": sys.version.split()[0],
            "migrations": snapshot.migrations,
            "tables": snapshot.tables,
        }
        member_path = _database_member(database, snapshot.path, work)
        try:
            _write_tar(partial, manifest, database, member_path, media_root)
            verify_archive(partial)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    os.replace(partial, final)
    return ArchiveResult(final, final.stat().st_size, manifest, time.monotonic() - started)


def _check_member_name(name: str) -> None:
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "\\" in name or not name:
        raise ArchiveError(f"The archive names an unsafe path: {name!r}.")


def read_manifest(tar: tarfile.TarFile, path: Path) -> dict:
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.loads(tar.extractfile(member).read())
    except KeyError:
        raise ArchiveError(
            f"{path} has no manifest: the archive is incomplete (a truncated copy?) "
            "or was not written by `manage.py backup`."
        ) from None
    except (tarfile.TarError, OSError, ValueError, AttributeError) as error:
        raise ArchiveError(f"{path}: the manifest cannot be read ({error}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(f"{path} is not a KPM backup archive of format {FORMAT}.")
    for entry in manifest["media"]["files"]:
        _check_member_name(entry["path"])
    return manifest


def expected_members(manifest: dict) -> dict[str, dict]:
    """Member name -> {"size", "sha256"} for every member the manifest vouches for."""
    members = {manifest["database"]["member"]: manifest["database"]}
    for entry in manifest["media"]["files"]:
        members[MEDIA_PREFIX + entry["path"]] = entry
    return members


def open_archive(path: Path) -> tuple[tarfile.TarFile, dict]:
    """Open an archive and read its manifest (headers only)."""
    if not path.is_file():
        raise ArchiveError(f"{path} does not exist.")
    try:
        tar = tarfile.open(path, "r:")  # noqa: SIM115  (closed by the caller)
    except (tarfile.TarError, OSError) as error:
        raise ArchiveError(f"{path} is not a readable tar archive ({error}).") from None
    try:
        return tar, read_manifest(tar, path)
    except BaseException:
        tar.close()
        raise


def _truncated(path: Path, error: Exception, name: str = "") -> str:
    where = f" at {name}" if name else ""
    return f"{path} cannot be read to the end{where} ({error}): it is truncated or damaged."


def iter_verified(tar: tarfile.TarFile, manifest: dict, path: Path):
    """Yield (member name, expected entry, chunks iterator) for each member, checking each one's
    size and SHA-256 once its chunks are consumed; then check that nothing is missing."""
    expected = expected_members(manifest)
    seen = set()
    try:
        for member in tar:
            if member.name == MANIFEST:
                continue
            entry = expected.get(member.name)
            if entry is None or not member.isfile():
                raise ArchiveError(
                    f"{path} holds {member.name!r}, which the manifest does not list."
                )
            if member.name in seen:
                raise ArchiveError(f"{path} holds {member.name!r} twice.")
            seen.add(member.name)
            if member.size != entry["size"]:
                raise ArchiveError(
                    f"{path}: {member.name} has {member.size} bytes, the manifest says "
                    f"{entry['size']}: the archive is damaged."
                )
            digest = hashlib.sha256()
            f = tar.extractfile(member)

            def chunks(f=f, digest=digest, name=member.name):
                try:
                    while data := f.read(CHUNK):
                        digest.update(data)
                        yield data
                except (tarfile.TarError, OSError, EOFError) as error:
                    raise ArchiveError(_truncated(path, error, name)) from None

            yield member.name, entry, chunks()
            if digest.hexdigest() != entry["sha256"]:
                raise ArchiveError(
                    f"{path}: {member.name} does not match its checksum in the manifest: "
                    "the archive is damaged or was changed."
                )
    except (tarfile.TarError, OSError, EOFError) as error:
        raise ArchiveError(_truncated(path, error)) from None
    missing = sorted(set(expected) - seen)
    if missing:
        raise ArchiveError(
            f"{path} lacks {len(missing)} member(s) the manifest lists (first: {missing[0]}): "
            "the archive is incomplete."
        )


def verify_archive(path: Path) -> dict:
    """Read every member and compare it with the manifest; return the manifest."""
    tar, manifest = open_archive(path)
    with tar:
        for _name, _entry, chunks in iter_verified(tar, manifest, path):
            for _ in chunks:
                pass
    return manifest
