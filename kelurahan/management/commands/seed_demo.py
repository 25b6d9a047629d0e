from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kelurahan.demo import login_table
from kelurahan.plugins import app_modules


class Command(BaseCommand):
    help = (
        "Create or refresh the demo data (Kecamatan Dukuh Pakis, Kota Surabaya) and the demo "
        "logins. Safe to re-run: records are updated in place, never duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run with DEBUG off too, and reset the demo users' passwords and roles.",
        )

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates logins with a published password: it runs with DEBUG=1 "
                "(make run) or with --force, never by accident on a production database."
            )
        with transaction.atomic():
            for module in app_modules("demo"):
                module.seed_demo(stdout=self.stdout, force=force)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(login_table())
