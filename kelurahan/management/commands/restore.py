from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from kelurahan.backup.archive import verify_archive
from kelurahan.backup.databases import BackupError, database_for
from kelurahan.backup.restore import (
    RestoreIncomplete,
    Target,
    check_migrations,
    check_vendor,
    restore_archive,
)


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into the configured database and "
        "MEDIA_ROOT. Both must be empty, unless --force is given (what will be replaced is "
        "printed first). Every member is checked against the manifest before anything is "
        "replaced, the restored rows and files are checked after; an archive from a newer "
        "version of the app is refused, and pending migrations are run when it is older. "
        "--check only verifies the archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Replace an existing database and media folder."
        )
        parser.add_argument(
            "--check", action="store_true", help="Verify the archive only; restore nothing."
        )

    def handle(self, *args, archive, force, check, **options):
        try:
            manifest = verify_archive(archive)
            pending = check_migrations(manifest)
            self._describe(archive, manifest)
            if check:
                self.stdout.write(self.style.SUCCESS("The archive is complete and intact."))
                return
            connections.close_all()
            target = Target(database_for(settings.DATABASES["default"]), Path(settings.MEDIA_ROOT))
            check_vendor(manifest, target.database)
            self._check_target(target, force)
            restore_archive(archive, manifest, target, replace=force)
        except RestoreIncomplete as error:
            raise CommandError(f"Restore failed: {error}") from None
        except (BackupError, OSError) as error:
            raise CommandError(f"Nothing restored: {error}") from None
        self.stdout.write(
            self.style.SUCCESS("Restored; row counts and file checksums match the archive.")
        )
        if pending:
            self.stdout.write(
                f"The archive is older than the code: applying {len(pending)} migration(s)."
            )
            call_command("migrate", interactive=False, verbosity=1, stdout=self.stdout)

    def _describe(self, archive: Path, manifest: dict) -> None:
        tables = manifest["tables"]
        self.stdout.write(
            f"Archive {archive}: made {manifest['created_at']} by version "
            f"{manifest['app_version']} on {manifest['database']['vendor']}; "
            f"{sum(tables.values()):,} rows in {len(tables)} tables, "
            f"{manifest['media']['count']:,} uploaded files."
        )

    def _check_target(self, target: Target, force: bool) -> None:
        existing = target.existing()
        if existing and not force:
            raise BackupError(
                "the target is not empty (" + "; ".join(existing) + "). Restore into an empty "
                "database and media folder, or add --force to replace them."
            )
        for item in existing:
            self.stdout.write(self.style.WARNING(f"Replacing {item}."))
