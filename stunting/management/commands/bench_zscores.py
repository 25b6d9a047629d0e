import json
from pathlib import Path

from django.core.management.base import BaseCommand

from stunting.bench import ZSCORE_SETS, time_zscores


class Command(BaseCommand):
    help = (
        "Time the computation of 200,000 sets of WHO z-scores (weight-for-age, length/height-"
        "for-age, weight-for-length/height, BMI-for-age) for varied children. Pure Python, no "
        "database: the count is always the city's full count unless --count is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=ZSCORE_SETS)
        parser.add_argument("--repeat", type=int, default=3)
        parser.add_argument("--output", default="", help="Write the result as JSON here.")

    def handle(self, *args, count, repeat, output, **options):
        timings = sorted(time_zscores(count) for _ in range(max(1, repeat)))
        best, median = timings[0], timings[len(timings) // 2]
        self.stdout.write(
            f"z-scores: {count:,} sets, best {best:.2f} s, median {median:.2f} s "
            f"({count / median:,.0f} sets/s) over {len(timings)} runs"
        )
        if output:
            result = {"count": count, "best_s": round(best, 3), "median_s": round(median, 3)}
            Path(output).write_text(json.dumps(result, indent=2))
