"""Shared fixtures: two kelurahan of one kecamatan, one of another, and a user per role.

Browser tests (marker `browser`) drive Debian's Chromium through Playwright. Where Chromium
is missing they are skipped with a reason; with KPM_REQUIRE_ALL=1 (set by CI) every skip is
turned into a failure, so nothing that must run in CI can be skipped silently.
"""

import os
import shutil

import pytest
from django.core.management import call_command

from kelurahan.models import Lembaga, User

from .factories import make_kecamatan, make_kelurahan, make_kota, make_lembaga, make_user
from .factories_kpm import make_kader
from .factories_stunting import make_child, make_family

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be used.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
REQUIRE_ALL = os.environ.get("KPM_REQUIRE_ALL") == "1"


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_ALL and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped, but KPM_REQUIRE_ALL=1 forbids skips: {report.longrepr}"


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, set up after (so torn down before) the test database."""
    return live_server


@pytest.fixture(scope="session", autouse=True)
def _drop_lingering_connections(django_db_setup, django_db_blocker):
    """Before the test database is dropped, end connections that the live server's request
    threads (daemon threads, not joined at shutdown) may still hold; PostgreSQL refuses to
    drop a database in use and would leave it behind."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a database rolled back between tests may give new
    rows the ids and times of an earlier test's (the scorecard cache keys on them)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
        ],
    }


@pytest.fixture
def kota(db):
    return make_kota(name="Surabaya")


@pytest.fixture
def kecamatan(kota):
    return make_kecamatan(kota, name="Dukuh Pakis")


@pytest.fixture
def kelurahan(kecamatan):
    return make_kelurahan(kecamatan, name="Pradah Kali Kendal")


@pytest.fixture
def other_kelurahan(kecamatan):
    """Another kelurahan of the same kecamatan."""
    return make_kelurahan(kecamatan, name="Dukuh Kupang")


@pytest.fixture
def far_kelurahan(kota):
    """A kelurahan of another kecamatan."""
    return make_kelurahan(make_kecamatan(kota, name="Wonokromo"), name="Jagir")


@pytest.fixture
def posyandu(kelurahan):
    """A posyandu of the kelurahan (test modules may define their own)."""
    return make_lembaga(kelurahan, name="Posyandu Melati", kind=Lembaga.Kind.POSYANDU)


def kelurahan_user(role, username: str, *, place: str = "kelurahan"):
    """A fixture: a user of `role` in the kelurahan that the fixture `place` gives."""

    @pytest.fixture
    def user(request):
        return make_user(role, kelurahan=request.getfixturevalue(place), username=username)

    return user


petugas = kelurahan_user(User.Role.PETUGAS, "petugas")
lurah = kelurahan_user(User.Role.LURAH, "lurah")
kasi_kesra = kelurahan_user(User.Role.KASI_KESRA, "kasikesra")
other_petugas = kelurahan_user(User.Role.PETUGAS, "petugas.lain", place="other_kelurahan")
other_kasi_kesra = kelurahan_user(User.Role.KASI_KESRA, "kasi.lain", place="other_kelurahan")


@pytest.fixture
def kecamatan_user(kecamatan):
    return make_user(User.Role.KECAMATAN, kecamatan=kecamatan, username="kecamatan")


@pytest.fixture
def admin_user(db):
    return make_user(User.Role.ADMIN, username="adminkota", is_staff=True, is_superuser=True)


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def demo(transactional_db):
    """The demo data (`seed_demo`), for the browser tests' journeys."""
    call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115


# --- A family, its baby and a cadre: shared by the field-work and monthly-record tests -------


@pytest.fixture
def family(kelurahan):
    return make_family(kelurahan, head_name="Keluarga Bima")


@pytest.fixture
def baby(family):
    return make_child(family, name="Bima", age_days=300)


@pytest.fixture
def cadre(kelurahan):
    return make_kader(kelurahan, name="Kader Sri")


@pytest.fixture
def stranger(other_kelurahan):
    """A child of another kelurahan."""
    return make_child(make_family(other_kelurahan), name="Orang Lain", age_days=300)
