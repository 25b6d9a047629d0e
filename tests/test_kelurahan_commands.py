"""seed_demo, seed_scale and run_benchmark, and the production settings check."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kelurahan.models import Kelurahan, Lembaga, Official, User
from kpm import bench as kpm_bench

from .seeding import seed_demo_twice

ROOT = Path(__file__).resolve().parent.parent
ALL_FOUR = ["Dukuh Kupang", "Dukuh Pakis", "Gunung Sari", "Pradah Kali Kendal"]


def test_seed_demo_is_safe_to_rerun(client, db):
    out = seed_demo_twice(Kelurahan, Lembaga, User)
    assert "petugas.pradah" in out
    assert "demo-kpm-2020" in out
    names = set(Kelurahan.objects.values_list("name", flat=True))
    assert names == {"Dukuh Kupang", "Dukuh Pakis", "Gunung Sari", "Pradah Kali Kendal"}
    assert set(Kelurahan.objects.values_list("code", flat=True)) == {""}
    lurah = Official.objects.get(kelurahan__name="Pradah Kali Kendal", position="lurah")
    assert lurah.name == "Hajar Sulistyono, S.Sos., M.Si."
    assert lurah.nip == "197001011990031001"
    camat = Official.objects.get(kecamatan__name="Dukuh Pakis", position="camat")
    assert (camat.name, camat.kecamatan.phone) == ("Drs. Sugeng Widodo, M.Si.", "+62315678123")
    assert Official.objects.filter(kecamatan__isnull=False).count() == 3


def test_each_demo_user_logs_in_and_sees_only_their_scope(client, db):
    call_command("seed_demo", force=True, stdout=StringIO())
    expected = {
        "petugas.pradah": ["Pradah Kali Kendal"],
        "lurah.pradah": ["Pradah Kali Kendal"],
        "kasikesra.pradah": ["Pradah Kali Kendal"],
        "petugas.dukuhkupang": ["Dukuh Kupang"],
        "kecamatan.dukuhpakis": ALL_FOUR,
        "admin": ALL_FOUR,
    }
    for username, kelurahan_names in expected.items():
        client.logout()
        login = client.post(reverse("login"), {"username": username, "password": "demo-kpm-2020"})
        assert login.status_code == 302, username
        response = client.get(reverse("kelurahan:dashboard"))
        assert [k.name for k in response.context["kelurahan_list"]] == kelurahan_names, username
        seen = {lem.kelurahan.name for lem in client.get("/lembaga/").context["page_obj"]}
        assert seen <= set(kelurahan_names), username


def test_seed_scale_and_benchmark(db, tmp_path):
    out = StringIO()
    call_command("seed_scale", scale=0.02, stdout=out)
    assert "Scale data ready." in out.getvalue()
    assert Kelurahan.objects.filter(kecamatan__kota__name="Skala").count() == 3
    call_command("seed_scale", scale=0.02, stdout=StringIO())  # re-run: nothing doubles
    assert Kelurahan.objects.filter(kecamatan__kota__name="Skala").count() == 3
    result_file = tmp_path / "bench.json"
    out = StringIO()
    call_command("run_benchmark", repeat=2, output=str(result_file), stdout=out)
    results = json.loads(result_file.read_text())["pages"]
    assert results[0]["page"] == "bare page, one query"
    assert results[0]["queries"] == 1
    assert {r["status"] for r in results} == {200}
    assert "median ms" in out.getvalue()
    pinned = [r for r in results if r["query_limit"] is not None]
    assert {r["page"] for r in pinned} >= {"tugas list", "stunting: rujukan list"}
    assert all(r["queries"] <= r["query_limit"] for r in pinned)


def test_benchmark_fails_a_page_over_its_pinned_query_count(db, tmp_path, monkeypatch):
    call_command("seed_scale", scale=0.02, stdout=StringIO())
    monkeypatch.setattr(kpm_bench, "QUERY_LIMITS", {"tugas list": 1})
    with pytest.raises(CommandError, match=r"tugas list \(\d+ > 1\)"):
        call_command("run_benchmark", repeat=1, stdout=StringIO())


def _check_deploy(env_overrides):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env_overrides}
    for name in [name for name, value in env_overrides.items() if value is None]:
        env.pop(name)
    env.pop("TESTING", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    code = "import sys; from django.core.management import execute_from_command_line as e; "
    code += "e(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _check_deploy(
        {
            "SECRET_KEY": "a-long-random-production-secret-" + "x7Kq2" * 10,
            "DATABASE_URL": "postgres://kpm:secret@db.internal:5432/kpm",
            "ALLOWED_HOSTS": "kpm.example.go.id",
            "CSRF_TRUSTED_ORIGINS": "https://kpm.example.go.id",
            "DEBUG": "0",
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_refuses_dev_defaults():
    result = _check_deploy({"DEBUG": "0", "SECRET_KEY": None, "DATABASE_URL": None})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr + result.stdout
    assert "PostgreSQL" in result.stderr + result.stdout


def _production_setting(name, **env_overrides):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-secret-" + "x7Kq2" * 10,
        "DATABASE_URL": "postgres://kpm:secret@db.internal:5432/kpm",
        **env_overrides,
    }
    env.pop("TESTING", None)
    code = (
        f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return result.stdout.strip()


def test_hsts_preload_is_off_unless_the_city_opts_in():
    assert _production_setting("SECURE_HSTS_SECONDS") == "31536000"
    assert _production_setting("SECURE_HSTS_PRELOAD") == "False"
    assert _production_setting("SECURE_HSTS_PRELOAD", SECURE_HSTS_PRELOAD="1") == "True"


def test_seed_demo_refuses_to_run_with_debug_off_unless_forced(db):
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("seed_demo", stdout=StringIO())
    assert not User.objects.filter(username="admin").exists()


def test_seed_demo_keeps_a_changed_password_and_role_unless_forced(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    user = User.objects.get(username="petugas.pradah")
    user.set_password("sandi-kantor-yang-asli-2026")
    user.role = User.Role.KASI_KESRA
    user.save()
    call_command("seed_demo", stdout=StringIO())
    user.refresh_from_db()
    assert user.check_password("sandi-kantor-yang-asli-2026")
    assert user.role == User.Role.KASI_KESRA
    call_command("seed_demo", force=True, stdout=StringIO())
    user.refresh_from_db()
    assert user.check_password("demo-kpm-2020")
    assert user.role == User.Role.PETUGAS
