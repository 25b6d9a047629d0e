import json
import statistics
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from kelurahan.bench import bench_context, collect_pages, collect_query_limits


def _measure(client: Client, url: str, repeat: int) -> dict:
    client.get(url, secure=True)  # warm up
    timings = []
    queries = 0
    status = None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url, secure=True)
            timings.append((time.perf_counter() - start) * 1000)
        queries = len(captured)
        status = response.status_code
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return {
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(p95, 1),
        "queries": queries,
        "status": status,
    }


def bench_page_list(context: dict) -> list:
    """The bare page first, then every page the apps contribute: (name, url, user)."""
    return [("bare page, one query", "/__bench__/bare/", context["petugas"])] + collect_pages(
        context
    )


class Command(BaseCommand):
    help = (
        "Request the main pages on the scale data (run `seed_scale` first) and print the median "
        "and p95 time and the number of queries of each, beside a bare one-query page."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--output", default="", help="Write the results as JSON here.")

    def handle(self, *args, repeat, output, **options):
        try:
            context = bench_context()
        except Exception as exc:
            raise CommandError(f"No scale data: run `manage.py seed_scale` first ({exc}).") from exc
        pages = bench_page_list(context)
        results = []
        with override_settings(
            ROOT_URLCONF="kelurahan.bench_urls", ALLOWED_HOSTS=["testserver"], DEBUG=False
        ):
            for name, url, user in pages:
                client = Client()
                client.force_login(user)
                results.append({"page": name, "url": url, **_measure(client, url, repeat)})
        limits = collect_query_limits()
        for result in results:
            result["query_limit"] = limits.get(result["page"])
        self._print_table(results, repeat)
        if output:
            Path(output).write_text(json.dumps({"repeat": repeat, "pages": results}, indent=2))
            self.stdout.write(f"Results written to {output}")
        over = [
            f"{r['page']} ({r['queries']} > {r['query_limit']})"
            for r in results
            if r["query_limit"] is not None and r["queries"] > r["query_limit"]
        ]
        if over:
            raise CommandError("Pages over their pinned query count: " + "; ".join(over))

    def _print_table(self, results, repeat):
        self.stdout.write(
            f"{'page':<34} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'limit':>6} status"
        )
        for r in results:
            limit = "" if r["query_limit"] is None else r["query_limit"]
            self.stdout.write(
                f"{r['page']:<34} {r['median_ms']:>10} {r['p95_ms']:>8} {r['queries']:>8} "
                f"{limit:>6} {r['status']}"
            )
        self.stdout.write(f"({repeat} requests per page after one warm-up request)")
