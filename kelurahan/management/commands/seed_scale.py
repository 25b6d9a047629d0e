from django.core.management.base import BaseCommand
from django.db import connection

from kelurahan.plugins import app_modules


class Command(BaseCommand):
    help = (
        "Fill the database with city-scale data for the benchmark (154 kelurahan in 31 kecamatan, "
        "and each app's records). Use a separate database (see `make bench`). Safe to re-run: "
        "an app whose scale data exists is skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Fraction of the city size (default 1.0)."
        )

    def handle(self, *args, scale, **options):
        for module in app_modules("scale"):
            module.seed_scale(stdout=self.stdout, scale=scale)
        # Fresh planner statistics, as autovacuum would gather them on a database in use: a
        # query planned on the empty tables' guesses measures the guess, not the page. On
        # PostgreSQL also VACUUM, as autovacuum would: until a table's visibility map is set, no
        # query can be answered from an index alone (the scorecard's data stamp is). VACUUM
        # cannot run in a transaction (a test's): there, statistics only.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        self.stdout.write(self.style.SUCCESS("Scale data ready."))
