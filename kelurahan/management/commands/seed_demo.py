from django.core.management.base import BaseCommand
from django.db import transaction

from kelurahan.demo import login_table
from kelurahan.plugins import app_modules


class Command(BaseCommand):
    help = (
        "Create or refresh the demo data (Kecamatan Dukuh Pakis, Kota Surabaya) and the demo "
        "logins. Safe to re-run: records are updated in place, never duplicated."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            for module in app_modules("demo"):
                module.seed_demo(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(login_table())
