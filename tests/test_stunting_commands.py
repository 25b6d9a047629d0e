"""Demo and scale data of the stunting app, the pages the benchmark measures, bench_zscores."""

import json
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.test import Client

from kelurahan.bench import bench_context
from kpm.models import RapatTindakLanjut
from stunting.bench import pages as bench_pages
from stunting.models import ChildMonth, Family, Measurement, Person, Pregnancy, PregnancyMonth


def counts():
    return tuple(
        model.objects.count()
        for model in (Family, Person, Pregnancy, Measurement, ChildMonth, PregnancyMonth)
    )


def test_seed_demo_is_safe_to_rerun_and_has_the_stories(client, db):
    call_command("seed_demo", force=True, stdout=StringIO())
    first = counts()
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    assert counts() == first
    assert "Stunting demo: 156 families, 141 children, 31 pregnancies" in out.getvalue()
    pradah = Person.objects.filter(kelurahan__name="Pradah Kali Kendal")
    children = pradah.filter(family_role="anak")
    assert children.count() == 40
    assert children.filter(nik="").exists()  # newborns without NIK
    assert (
        children.filter(last_measurement__hfa_category__in=["pendek", "sangat_pendek"]).count() >= 3
    )
    assert children.filter(
        last_measurement__wfh_category__in=["gizi_kurang", "gizi_buruk"]
    ).exists()
    assert Pregnancy.objects.filter(kelurahan__name="Pradah Kali Kendal").count() == 10
    # Every measurement's z-scores come from the module, and a year of months is there.
    assert not Measurement.objects.filter(height_cm__isnull=False, hfa_z__isnull=True).exists()
    months = Measurement.objects.values_list("month", flat=True).distinct()
    assert len(set(months)) == 12
    assert pradah.filter(last_measurement__isnull=True, family_role="anak").count() <= 1


def test_demo_is_believable(db):
    call_command("seed_demo", force=True, stdout=StringIO())
    # Each kelurahan has its own size, and nobody is named "Maya Sari B".
    sizes = {
        name: Person.objects.filter(kelurahan__name=name, family_role="anak").count()
        for name in ("Dukuh Kupang", "Dukuh Pakis", "Gunung Sari", "Pradah Kali Kendal")
    }
    assert len(set(sizes.values())) == 4, sizes
    names = list(Person.objects.values_list("kelurahan_id", "family_id", "name"))
    assert not [n for _k, _f, n in names if n[-2:] in (" A", " B")]
    mothers = Person.objects.filter(family_role="istri").values_list("kelurahan_id", "name")
    assert len(set(mothers)) == len(mothers)  # no two mothers of a kelurahan share a name
    # A child's first measurement follows its birth record (same curve, a few days later).
    for child in Person.objects.filter(family_role="anak", birth_date__isnull=False):
        first = child.measurements.order_by("measured_on").first()
        if first is None or first.age_days > 45:
            continue
        assert first.weight_kg >= child.birth_weight_kg - Decimal("0.3"), child
        assert first.height_cm >= child.birth_length_cm - Decimal("1.0"), child
    # The founding meeting's follow-ups were all done long ago.
    founding = RapatTindakLanjut.objects.filter(rapat__starts_at__year=2020)
    assert founding.exists() and not founding.exclude(status="selesai").exists()


def test_demo_pages_open_for_the_demo_petugas(client, db):
    call_command("seed_demo", force=True, stdout=StringIO())
    client.post("/accounts/login/", {"username": "petugas.pradah", "password": "demo-kpm-2020"})
    child = Person.objects.filter(kelurahan__name="Pradah Kali Kendal", family_role="anak").first()
    for url in ["/stunting/anak/", "/stunting/daftar/", child.get_absolute_url(), "/"]:
        assert client.get(url).status_code == 200, url


def test_seed_scale_and_bench_pages(db):
    out = StringIO()
    call_command("seed_scale", scale=0.01, stdout=out)
    assert "Stunting scale data:" in out.getvalue()
    first = counts()
    assert first[1] > 1500 and first[3] > 10000
    call_command("seed_scale", scale=0.01, stdout=StringIO())  # re-run: nothing doubles
    assert counts() == first
    kelurahan_children = Person.objects.filter(family_role="anak").values("kelurahan").distinct()
    assert kelurahan_children.count() == 2
    assert not Person.objects.filter(family_role="anak", last_measurement__isnull=True).count() > 50
    pages = bench_pages(bench_context())
    assert len(pages) >= 18
    for name, url, user in pages:
        client = Client()
        client.force_login(user)
        assert client.get(url, secure=True).status_code == 200, name


def test_bench_zscores(tmp_path):
    out = StringIO()
    output = tmp_path / "z.json"
    call_command("bench_zscores", count=2000, repeat=1, output=str(output), stdout=out)
    assert "2,000 sets" in out.getvalue()
    assert json.loads(output.read_text())["count"] == 2000
