from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from kelurahan.demo import login_table


class Command(BaseCommand):
    help = (
        "Create or refresh the demo data (Kecamatan Dukuh Pakis, Kota Surabaya) and the demo "
        "logins. Safe to re-run: records are updated in place, never duplicated."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            for config in apps.get_app_configs():
                seed = getattr(config, "seed_demo", None)
                if seed is not None:
                    seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(login_table())
