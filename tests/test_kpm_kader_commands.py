"""Demo and scale data of the cadre register, and the pages the benchmark measures."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from kelurahan.bench import bench_context
from kpm.bench import pages as bench_pages
from kpm.models import SK, Kader, Pelatihan, Relasi

from .seeding import seed_demo_twice


@pytest.mark.django_db
def test_seed_demo_is_complete_and_safe_to_rerun():
    seed_demo_twice(Kader, SK, Pelatihan, Relasi, SK.kaders.through)
    for name in ("Dukuh Kupang", "Dukuh Pakis", "Gunung Sari", "Pradah Kali Kendal"):
        kaders = Kader.objects.filter(kelurahan__name=name)
        assert kaders.count() == 10
        assert set(kaders.values_list("origin", flat=True)) == set(Kader.Origin.values)
        assert SK.objects.filter(kelurahan__name=name, kind=SK.Kind.PENGANGKATAN).exists()
        assert Pelatihan.objects.filter(kelurahan__name=name).count() == 3
        kinds = set(
            Relasi.objects.filter(kader__kelurahan__name=name).values_list(
                "partner_kind", flat=True
            )
        )
        assert kinds == set(Relasi.PartnerKind.values)
    pradah = Kader.objects.filter(kelurahan__name="Pradah Kali Kendal").with_term()
    statuses = {k.status for k in pradah}
    assert {"aktif", "segera", "habis", "nonaktif"} <= statuses
    for kader in Kader.objects.all():
        kader.full_clean()  # every demo cadre keeps the register's rules


@pytest.mark.django_db
def test_seed_scale_and_bench_pages():
    call_command("seed_scale", scale=0.02, stdout=io.StringIO())
    total = Kader.objects.count()
    assert total == 60
    call_command("seed_scale", scale=0.02, stdout=io.StringIO())
    assert Kader.objects.count() == total
    assert Relasi.objects.exists()
    pages = bench_pages(bench_context())
    assert len(pages) >= 10
    for name, url, user in pages:
        client = Client()
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, (name, url)
