"""Time the computation of a whole kelurahan's incentive quarter on the scale data."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kelurahan.scale import scale_kelurahan

from ...bench import time_quarter
from ...models import IncentiveScheme
from ...scale_incentive import assessed_period


class Command(BaseCommand):
    help = (
        "On the scale data (run `seed_scale` first), open and recompute the incentive "
        "assessment of the bench kelurahan's last full quarter of this year (the current one "
        "in the first quarter) inside a transaction that is rolled back, and print the seconds, "
        "the number of cadres and the number of queries. The query count does not grow with "
        "the number of cadres."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default="", help="Write the results as JSON here.")

    def handle(self, *args, output, **options):
        kelurahan = next(iter(scale_kelurahan()), None)
        period = assessed_period(timezone.localdate())
        schemes = IncentiveScheme.objects.filter(kelurahan=kelurahan, year=period.start.year)
        if kelurahan is None or not schemes.exists():
            raise CommandError("No scale incentive scheme: run `manage.py seed_scale` first.")
        r = time_quarter(kelurahan, period)
        self.stdout.write(
            f"Incentive quarter {r['period']} of {r['kelurahan']} on {r['database']}: "
            f"{r['cadres']} cadres, {r['indicator_rows']} indicator rows, "
            f"{r['sampled_records']} sampled records"
        )
        self.stdout.write(
            f"  open_assessment: {r['open_seconds']} s, {r['open_queries']} queries; "
            f"recompute: {r['recompute_seconds']} s, {r['recompute_queries']} queries"
        )
        if output:
            Path(output).write_text(json.dumps(r, indent=2))
            self.stdout.write(f"Results written to {output}")
