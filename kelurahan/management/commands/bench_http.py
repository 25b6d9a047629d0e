"""A real HTTP benchmark: gunicorn (DEBUG off) on the bench database, loaded by `wrk`."""

import json
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kelurahan.bench import bench_context
from kelurahan.bench_server import (
    delete_sessions,
    free_port,
    session_cookie,
    start_gunicorn,
    stop_gunicorn,
)
from kelurahan.models import User

from .run_benchmark import bench_page_list

# The pages measured by default: the bare page, the admin changelist, then these (by the names
# each app gives them in `bench_pages`). `--all` measures every page of `run_benchmark`.
MAIN_PAGES = (
    "dashboard (petugas)",
    "dashboard (kecamatan)",
    "lembaga list",
    "kader list",
    "kader list (kecamatan)",
    "kader detail",
    "rapat list",
    "stunting: child list",
    "stunting: child list (kecamatan)",
    "stunting: stunted list",
    "stunting: pregnancy list",
    "stunting: family list",
    "stunting: child detail + charts",
    "stunting: scorecard",
    "stunting: 3B recap",
    "stunting: scorecard kecamatan",
    "tugas list",
    "tugas board",
    "stunting: keluarga binaan",
    "stunting: rujukan list",
    "stunting: rujukan per OPD",
    "realisasi list",
    "laporan anggaran",
    "stunting: penilaian",
)
BARE = "bare page, one query"
ADMIN = "admin changelist, kader (superuser)"
ADMIN_USERNAME = "bench.admin"
WRK_INSTALL = "wrk is needed for the HTTP benchmark: sudo apt-get install -y wrk"


def _superuser():
    user = User.objects.filter(username=ADMIN_USERNAME).first()
    if user is None:
        user = User(username=ADMIN_USERNAME, role=User.Role.ADMIN)
        user.is_superuser = user.is_staff = True
        user.set_unusable_password()
        user.save()
    return user


def _worker_cpu_seconds(master_pid: int) -> float | None:
    """CPU time (user + system) used so far by the gunicorn workers, from Linux's /proc: unlike
    requests/s it does not depend on what else runs on the machine."""
    total = 0.0
    try:
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master_pid:  # ppid
                total += int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, IndexError, ValueError):
        return None
    return total / os.sysconf("SC_CLK_TCK")


def _parse_wrk(text: str) -> dict:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    count = re.search(r"(\d+) requests in", text)
    latency = re.search(r"Latency\s+([\d.]+)(us|ms|s)\b", text)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    socket_errors = re.search(r"Socket errors:.*", text)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    return {
        "requests_per_s": float(rps.group(1)) if rps else 0.0,
        "requests": int(count.group(1)) if count else 0,
        "latency_avg_ms": (
            round(float(latency.group(1)) * scale[latency.group(2)], 1) if latency else None
        ),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(0) if socket_errors else "",
    }


class Command(BaseCommand):
    help = (
        "Serve the app with gunicorn (DEBUG off) on the scale data (run `seed_scale` first) and "
        "load the bare page, the admin changelist of cadres and the main pages with `wrk`, one "
        "page after another in the same run; print requests/s and the ratios to the bare page "
        "and to the admin changelist."
    )

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=5, help="Seconds per page.")
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
        parser.add_argument("--all", action="store_true", help="Every page of run_benchmark.")
        parser.add_argument("--only", default="", help="Only pages whose name contains this.")
        parser.add_argument("--output", default="", help="Write the results as JSON here.")

    def handle(self, *args, **options):
        wrk = shutil.which("wrk")
        if wrk is None:
            raise CommandError(WRK_INSTALL)
        try:
            context = bench_context()
        except Exception as exc:
            raise CommandError(f"No scale data: run `manage.py seed_scale` first ({exc}).") from exc
        pages = self._pages(context, options)
        if not Path(settings.STATIC_ROOT, "staticfiles.json").exists():
            call_command("collectstatic", interactive=False, verbosity=0)
        cookies = {}
        for _name, _url, user in pages:
            if user.pk not in cookies:
                cookies[user.pk] = session_cookie(user)
        port = free_port()
        server = start_gunicorn(port, options["workers"])
        try:
            results = [
                self._measure(wrk, (port, server.pid), name, url, cookies[user.pk], options)
                for name, url, user in pages
            ]
        finally:
            stop_gunicorn(server)
            delete_sessions(cookies.values())
        self._print_table(results, options)
        if options["output"]:
            summary = {k: options[k] for k in ("duration", "connections", "workers")}
            summary["database"] = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
            Path(options["output"]).write_text(json.dumps({**summary, "pages": results}, indent=2))
            self.stdout.write(f"Results written to {options['output']}")

    def _pages(self, context, options) -> list:
        wanted = set(MAIN_PAGES)
        pages = [
            (name, url, user)
            for name, url, user in bench_page_list(context)
            if name == BARE or options["all"] or name in wanted
        ]
        pages.insert(1, (ADMIN, "/admin/kpm/kader/", _superuser()))
        if options["only"]:
            pages = [p for p in pages if p[0] in (BARE, ADMIN) or options["only"] in p[0]]
        return pages

    def _measure(self, wrk, server, name, url, cookie, options) -> dict:
        port, master_pid = server
        full_url = f"http://127.0.0.1:{port}{url}"
        # Behind the production proxy every request is HTTPS; SECURE_PROXY_SSL_HEADER trusts it.
        headers = {"Cookie": f"sessionid={cookie}", "X-Forwarded-Proto": "https"}
        status = self._status(full_url, headers)
        # Every worker answers the page once before wrk starts, whatever it takes (a scorecard
        # computes its quarters on a worker's first request): the run measures warm workers.
        with ThreadPoolExecutor(max_workers=2 * options["workers"]) as pool:
            list(pool.map(lambda _: self._status(full_url, headers), range(2 * options["workers"])))
        command = [wrk, "-t2", f"-c{options['connections']}", "--latency"]
        for header, value in headers.items():
            command += ["-H", f"{header}: {value}"]
        warm = subprocess.run([*command, "-d1s", full_url], capture_output=True, text=True)
        if warm.returncode:
            raise CommandError(f"wrk failed: {warm.stderr}")
        cpu_before = _worker_cpu_seconds(master_pid)
        run = subprocess.run(
            [*command, f"-d{options['duration']}s", "--timeout=30s", full_url],
            capture_output=True,
            text=True,
        )
        cpu_after = _worker_cpu_seconds(master_pid)
        result = {"page": name, "url": url, "status": status, **_parse_wrk(run.stdout)}
        result["cpu_ms_per_request"] = None
        if cpu_before is not None and cpu_after is not None and result["requests"]:
            cpu = (cpu_after - cpu_before) * 1000 / result["requests"]
            result["cpu_ms_per_request"] = round(cpu, 2)
        self.stdout.write(f"  {name}: {result['requests_per_s']:.1f} requests/s")
        return result

    def _status(self, url: str, headers: dict) -> int:
        """The page's status, without following a redirect (a login redirect would be cheap)."""

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(urllib.request.Request(url, headers=headers), timeout=120) as r:
                return r.status
        except urllib.error.HTTPError as exc:
            return exc.code

    def _print_table(self, results, options):
        by_name = {r["page"]: r["requests_per_s"] for r in results}
        bare, admin = by_name.get(BARE) or 0, by_name.get(ADMIN) or 0
        cpu = {r["page"]: r.get("cpu_ms_per_request") for r in results}
        bare_cpu, admin_cpu = cpu.get(BARE), cpu.get(ADMIN)
        self.stdout.write(
            f"{'page':<38} {'req/s':>8} {'avg ms':>8} {'bare/page':>9} {'page/admin':>10} "
            f"{'cpu ms':>7} {'cpu/bare':>8} {'cpu/admin':>9} status"
        )
        for r in results:
            rps, page_cpu = r["requests_per_s"], cpu.get(r["page"])
            r["x_slower_than_bare"] = round(bare / rps, 1) if rps else None
            r["vs_admin"] = round(rps / admin, 2) if admin else None
            r["cpu_x_bare"] = round(page_cpu / bare_cpu, 1) if page_cpu and bare_cpu else None
            r["cpu_vs_admin"] = round(page_cpu / admin_cpu, 2) if page_cpu and admin_cpu else None
            flag = "" if r["status"] == 200 and not r["non_2xx"] else "  <- check"
            self.stdout.write(
                f"{r['page']:<38} {rps:>8.1f} {r['latency_avg_ms'] or 0:>8.1f} "
                f"{r['x_slower_than_bare'] or 0:>8.1f}x {r['vs_admin'] or 0:>9.2f}x "
                f"{page_cpu or 0:>7.2f} {r['cpu_x_bare'] or 0:>7.1f}x "
                f"{r['cpu_vs_admin'] or 0:>8.2f}x "
                f"{r['status']}{flag}"
            )
        self.stdout.write(
            f"(gunicorn {options['workers']} workers, DEBUG off; wrk {options['connections']} "
            f"connections, {options['duration']} s per page once every worker has answered it "
            "and after a 1 s warm-up; bare/page: how many times slower than the bare page; "
            "page/admin: above 1 is faster than the admin changelist; cpu ms: the workers' CPU "
            "time per request, which other load on the machine does not change (the database "
            "server's time is not in it); cpu/bare and cpu/admin: its ratios, below 1 is cheaper "
            "than the admin changelist)"
        )
