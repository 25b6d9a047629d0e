"""bench_http: the HTTP benchmark (gunicorn + wrk) that `make bench` runs."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kelurahan import bench_server
from kelurahan.management.commands import bench_http
from kelurahan.models import User
from tests.factories import make_kelurahan

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/kpm/kader/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   137.52ms   20.10ms 300.00ms   80.00%
    Req/Sec    29.10      6.00    40.00     70.00%
  291 requests in 5.01s, 9.10MB read
  Non-2xx or 3xx responses: 3
Requests/sec:     58.08
Transfer/sec:      1.82MB
"""


def test_wrk_output_is_read():
    result = bench_http._parse_wrk(WRK_OUTPUT)
    assert result["requests_per_s"] == 58.08
    assert result["latency_avg_ms"] == 137.5
    assert result["non_2xx"] == 3
    assert result["requests"] == 291


def test_worker_cpu_time_is_read_from_proc():
    import os

    assert bench_http._worker_cpu_seconds(os.getppid()) >= 0


def test_session_cookie_logs_the_user_in(client, db):
    user = User.objects.create(username="bench.p", role="petugas", kelurahan=make_kelurahan())
    client.cookies["sessionid"] = bench_server.session_cookie(user)
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["user"] == user


def test_missing_wrk_says_how_to_install_it(db, monkeypatch):
    monkeypatch.setattr(bench_http.shutil, "which", lambda name: None)
    with pytest.raises(CommandError, match="apt-get install -y wrk"):
        call_command("bench_http", stdout=StringIO())


def test_pages_are_bare_admin_then_the_main_pages(db):
    call_command("seed_scale", scale=0.02, stdout=StringIO())
    context = bench_http.bench_context()
    pages = bench_http.Command()._pages(context, {"all": False, "only": ""})
    names = [name for name, _url, _user in pages]
    assert names[:2] == [bench_http.BARE, bench_http.ADMIN]
    assert set(names[2:]) <= set(bench_http.MAIN_PAGES)
    assert {"kader list", "stunting: child list", "dashboard (kecamatan)"} <= set(names)
    assert "stunting: scorecard kecamatan" in names
    admin = pages[1][2]
    assert admin.is_superuser and admin.is_staff
    pages = bench_http.Command()._pages(context, {"all": False, "only": "kader list"})
    assert [name for name, _url, _user in pages][2:] == ["kader list", "kader list (kecamatan)"]


def test_table_gives_ratios_to_bare_page_and_admin():
    results = [
        {"page": bench_http.BARE, "requests_per_s": 2000.0},
        {"page": bench_http.ADMIN, "requests_per_s": 30.0},
        {"page": "kader list", "requests_per_s": 60.0},
    ]
    for r, cpu in zip(results, (0.5, 40.0, 20.0), strict=True):
        r.update(status=200, non_2xx=0, latency_avg_ms=10.0, cpu_ms_per_request=cpu)
    command = bench_http.Command(stdout=StringIO())
    command._print_table(results, {"workers": 2, "connections": 8, "duration": 5})
    assert results[2]["x_slower_than_bare"] == 33.3
    assert results[2]["vs_admin"] == 2.0
    assert results[2]["cpu_x_bare"] == 40.0
    assert results[2]["cpu_vs_admin"] == 0.5
    assert "kader list" in command.stdout._out.getvalue()
