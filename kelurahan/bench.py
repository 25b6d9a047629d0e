"""The pages `manage.py run_benchmark` measures, on the data of `manage.py seed_scale`.

`collect_pages(context)` gathers every app's `bench.pages(context)` (see `kelurahan.plugins`);
`bench_context()` gives the users and rows the pages are requested for.
"""

from django.urls import reverse

from .models import Lembaga, User
from .plugins import app_modules
from .scale import scale_kelurahan


def collect_pages(context: dict) -> list[tuple[str, str, object]]:
    """(name, url, user) of every page to measure, app by app in INSTALLED_APPS order."""
    return [page for module in app_modules("bench") for page in module.pages(context)]


def collect_query_limits() -> dict[str, int]:
    """page name -> the most queries it may make, from every app's `bench.QUERY_LIMITS`."""
    limits: dict[str, int] = {}
    for module in app_modules("bench"):
        limits.update(getattr(module, "QUERY_LIMITS", {}))
    return limits


def bench_context() -> dict:
    """The users and rows that the benchmark's pages are requested for."""
    kelurahan = scale_kelurahan()[0]
    return {
        "kelurahan": kelurahan,
        "petugas": User.objects.get(username=f"petugas.{kelurahan.pk}"),
        "kecamatan_user": User.objects.get(username="bench.kecamatan"),
    }


def pages(context: dict) -> list[tuple[str, str, object]]:
    petugas, kecamatan_user = context["petugas"], context["kecamatan_user"]
    lembaga = Lembaga.objects.filter(kelurahan=context["kelurahan"]).first()
    return [
        ("dashboard (petugas)", reverse("kelurahan:dashboard"), petugas),
        ("dashboard (kecamatan)", reverse("kelurahan:dashboard"), kecamatan_user),
        ("lembaga list", reverse("kelurahan:lembaga_list"), petugas),
        ("lembaga list, search", reverse("kelurahan:lembaga_list") + "?q=posyandu", petugas),
        ("lembaga list (kecamatan)", reverse("kelurahan:lembaga_list"), kecamatan_user),
        ("lembaga detail", lembaga.get_absolute_url(), petugas),
        ("lembaga edit form", reverse("kelurahan:lembaga_update", args=[lembaga.pk]), petugas),
        ("kelompok list", reverse("kelurahan:kelompok_list"), petugas),
        ("pejabat list", reverse("kelurahan:official_list"), petugas),
        ("RW/RT list", reverse("kelurahan:rw_list"), petugas),
        ("OPD list", reverse("kelurahan:opd_list"), petugas),
    ]
