from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from kelurahan.backup.archive import create_archive, human_size
from kelurahan.backup.databases import BackupError, database_for
from kelurahan.backup.retention import prune
from kelurahan.models import BackupRecord


def default_backup_dir() -> Path:
    return Path(settings.BASE_DIR) / "backups"


class Command(BaseCommand):
    help = (
        "Write one dated, verified archive (kpm-backup-YYYYMMDD-HHMMSS.tar) with a consistent "
        "snapshot of the database taken while the app runs, every uploaded file under MEDIA_ROOT "
        "and a manifest (versions, migrations, rows per table, file checksums). An archive that "
        "does not verify is deleted and the command fails. With --prune, older archives in the "
        "same folder are then thinned out (by default 7 daily, 4 weekly, 12 monthly are kept). "
        "Safe to re-run: each run writes a new archive."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Folder for the archives (default: backups/ beside manage.py).",
        )
        parser.add_argument(
            "--prune", action="store_true", help="After a good backup, delete old archives."
        )
        parser.add_argument("--keep-daily", type=int, default=7)
        parser.add_argument("--keep-weekly", type=int, default=4)
        parser.add_argument("--keep-monthly", type=int, default=12)

    def handle(self, *args, output, **options):
        output = (output or default_backup_dir()).resolve()
        try:
            database = database_for(settings.DATABASES["default"])
            result = create_archive(
                database=database, media_root=Path(settings.MEDIA_ROOT), output_dir=output
            )
        except (BackupError, OSError) as error:
            raise CommandError(f"No backup written: {error}") from None
        media = result.manifest["media"]
        self.stdout.write(
            self.style.SUCCESS(f"Backup written and verified: {result.path}")
            + f"\n  size {human_size(result.size)} ({result.size:,} bytes), "
            f"{sum(result.manifest['tables'].values()):,} rows in "
            f"{len(result.manifest['tables'])} tables, {media['count']:,} uploaded files, "
            f"{result.seconds:.1f} s"
        )
        self._record(result, database.vendor)
        if options["prune"]:
            self._prune(output, options)

    def _record(self, result, vendor: str) -> None:
        try:
            BackupRecord.objects.create(
                path=str(result.path),
                size_bytes=result.size,
                database_vendor=vendor,
                file_count=result.manifest["media"]["count"],
                duration_s=round(result.seconds, 2),
            )
        except DatabaseError as error:
            self.stderr.write(
                f"The archive is good, but it could not be noted for the dashboard ({error}); "
                "run `manage.py migrate`."
            )

    def _prune(self, output: Path, options) -> None:
        removed = prune(
            output,
            daily=options["keep_daily"],
            weekly=options["keep_weekly"],
            monthly=options["keep_monthly"],
        )
        for path in removed:
            self.stdout.write(f"  pruned {path.name}")
        self.stdout.write(f"Pruning: {len(removed)} old archive(s) deleted.")
