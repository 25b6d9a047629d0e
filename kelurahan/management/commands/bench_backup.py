import json
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kelurahan.backup.archive import create_archive, human_size
from kelurahan.backup.databases import BackupError, database_for
from kelurahan.backup.restore import Target, check_migrations, restore_archive
from kelurahan.backup.scratch import scratch_database


class Command(BaseCommand):
    help = (
        "Time a backup of the configured database (the bench database in `make bench`) and a "
        "restore of that archive into a throw-away database and media folder; print seconds "
        "and sizes. Nothing is kept, and nothing is noted on the dashboard."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default="", help="Write the result as JSON here.")

    def handle(self, *args, output, **options):
        try:
            result = self._measure()
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"backup: {result['backup_s']:.1f} s, archive {human_size(result['archive_bytes'])} "
            f"({result['rows']:,} rows in {result['tables']} tables, {result['files']:,} files); "
            f"restore: {result['restore_s']:.1f} s (checked); {result['vendor']}"
        )
        if output:
            Path(output).write_text(json.dumps(result, indent=2))

    def _measure(self) -> dict:
        database = database_for(settings.DATABASES["default"])
        with tempfile.TemporaryDirectory(prefix="kpm-bench-backup-") as tmp:
            folder = Path(tmp)
            archive = create_archive(
                database=database, media_root=Path(settings.MEDIA_ROOT), output_dir=folder
            )
            with scratch_database(database, folder, "restore") as scratch:
                started = time.monotonic()
                check_migrations(archive.manifest)
                target = Target(scratch, folder / "media")
                restore_archive(archive.path, archive.manifest, target, replace=False)
                restore_s = time.monotonic() - started
        tables = archive.manifest["tables"]
        return {
            "vendor": database.vendor,
            "backup_s": round(archive.seconds, 2),
            "restore_s": round(restore_s, 2),
            "archive_bytes": archive.size,
            "rows": sum(tables.values()),
            "tables": len(tables),
            "files": archive.manifest["media"]["count"],
        }
