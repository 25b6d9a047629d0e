"""The computation of a whole kelurahan's incentive quarter: its query count does not grow with
the number of cadres; `manage.py bench_incentive` times it on the scale data; the demo's
assessed quarters."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kelurahan.bench import bench_context
from kpm.models import RapatPeserta, Realisasi, Tugas
from stunting import fieldwork
from stunting.bench import incentive_pages
from stunting.demo_incentive import INDICATORS
from stunting.incentive import periods, scoring, workflow
from stunting.models import (
    Assessment,
    FamilyAssignment,
    HomeVisit,
    IncentiveScheme,
    Referral,
    SchemeIndicator,
    SchemeTier,
)
from tests.factories_kpm import make_kader, make_sk
from tests.factories_rapat import at, make_peserta, make_rapat
from tests.factories_referral import make_opd, make_referral, resolve
from tests.factories_stunting import make_child, make_child_month, make_family, make_measurement
from tests.incentive_helpers import make_scheme

Q2 = periods.parse("2026-Q2")
HADIR, ABSEN = RapatPeserta.Attendance.HADIR, RapatPeserta.Attendance.TIDAK_HADIR


def _kelurahan_with_cadres(kelurahan, petugas, count: int) -> IncentiveScheme:
    """`count` cadres, each with meetings, tasks, a family with a stunted child (its 2B record
    and a home visit) and a referral in 2026-Q2; and the scheme with every indicator."""
    cadres = [make_kader(kelurahan, name=f"Kader {n:02d}") for n in range(count)]
    make_sk(
        kelurahan,
        cadres,
        term_start=datetime.date(2025, 1, 1),
        term_end=datetime.date(2028, 1, 1),
    )
    opd = make_opd(kelurahan.kecamatan.kota)
    for month in (4, 5, 6):
        rapat = make_rapat(kelurahan, starts_at=at(datetime.date(2026, month, 12)))
        for n, kader in enumerate(cadres):
            make_peserta(rapat, kader=kader, attendance=ABSEN if (n + month) % 4 == 0 else HADIR)
    for n, kader in enumerate(cadres):
        for late in (False, n % 2 == 0):
            due = datetime.date(2026, 5, 20)
            tugas = Tugas.objects.create(
                kelurahan=kelurahan,
                title=f"Rekap {kader.name} {late}",
                duty="pemantauan",
                due_date=due,
                status="selesai",
                finished_on=due + datetime.timedelta(days=3 if late else 0),
                finished_on_time=not late,
            )
            tugas.kaders.add(kader)
        family = make_family(kelurahan)
        child = make_child(family, birth_date=datetime.date(2025, 6, 1))
        make_measurement(child, on=datetime.date(2026, 4, 10), weight="7.5", height="62.0")
        make_child_month(child, on=datetime.date(2026, 4, 10), recorded_by=kader)
        FamilyAssignment.objects.create(
            kelurahan=kelurahan, family=family, kader=kader, started_on=datetime.date(2026, 1, 1)
        )
        visit = HomeVisit(
            person=child, kader=kader, visit_date=datetime.date(2026, 5, 8), purpose="gizi"
        )
        fieldwork.save_home_visit(visit=visit, by=petugas)
        referral = make_referral(child, opd, kader=kader, referred_on=datetime.date(2026, 4, 15))
        resolve(referral, 10 + 30 * (n % 3 == 0))
    return _scheme(kelurahan)


def _scheme(kelurahan) -> IncentiveScheme:
    scheme = make_scheme(
        kelurahan, source_amount=50_000_000, line_amount=20_000_000, variable_amount=300_000
    )
    for code, weight, floor, target, _rubric in INDICATORS:
        SchemeIndicator.objects.create(
            scheme=scheme, code=code, weight=weight, floor=floor, target=target
        )
    for tier in scoring.DEFAULT_TIERS:
        SchemeTier.objects.create(
            scheme=scheme, label=tier.label, minimum=tier.minimum, percent=tier.percent
        )
    return scheme


def _compute(scheme, petugas) -> tuple[int, Assessment]:
    with CaptureQueriesContext(connection) as captured:
        assessment = workflow.open_assessment(
            scheme=scheme, period=Q2, by=petugas, today=datetime.date(2026, 7, 10)
        )
        workflow.recompute(assessment=assessment, today=datetime.date(2026, 7, 10))
    return len(captured), assessment


def test_a_quarter_takes_as_many_queries_for_30_cadres_as_for_3(
    kelurahan, other_kelurahan, petugas, other_petugas, monkeypatch
):
    if connection.vendor == "sqlite":
        # Django assumes SQLite's old limit of 999 parameters a statement and splits the bulk
        # writes of 30 cadres (210 indicator rows) into a few batches. The SQLite in use takes
        # 32,766 (since 3.32): lift the assumption to count statements as PostgreSQL runs them.
        monkeypatch.setattr(connection.features, "max_query_params", 32_766)
    small = _kelurahan_with_cadres(kelurahan, petugas, 3)
    large = _kelurahan_with_cadres(other_kelurahan, other_petugas, 30)
    small_queries, small_assessment = _compute(small, petugas)
    large_queries, large_assessment = _compute(large, other_petugas)
    assert large_queries == small_queries
    assert small_assessment.cadres.count() == 3
    assert large_assessment.cadres.count() == 30
    # The records counted: every cadre's indicators apply (none "tidak berlaku").
    rows = large_assessment.cadres.values_list("results__code", "results__value")
    assert {code for code, value in rows if value is None} == {"inisiatif", "kerja_sama"}
    # The cadres of the third with a referral resolved after 40 days score 0 on it.
    referrals = large_assessment.cadres.filter(results__code="rujukan").values_list(
        "results__value", flat=True
    )
    assert sorted(set(referrals)) == [0, 100]
    assert Referral.objects.filter(kelurahan=other_kelurahan).count() == 30


def test_bench_incentive_on_the_scale_data(db, tmp_path):
    with pytest.raises(CommandError, match="seed_scale"):
        call_command("bench_incentive", stdout=StringIO())
    call_command("seed_scale", scale=0.02, stdout=StringIO())
    bench = bench_context()["kelurahan"]
    assert Assessment.objects.filter(kelurahan=bench).count() == 1
    assessments = Assessment.objects.count()
    output = tmp_path / "incentive.json"
    out = StringIO()
    call_command("bench_incentive", output=str(output), stdout=out)
    result = json.loads(output.read_text())
    assert result["cadres"] > 10
    assert result["indicator_rows"] == result["cadres"] * len(INDICATORS)
    assert result["open_queries"] > 0 and result["recompute_queries"] > 0
    assert f"{result['cadres']} cadres" in out.getvalue()
    # Rolled back: the stored assessment is still the one seed_scale opened.
    assert Assessment.objects.count() == assessments
    pages = incentive_pages(bench_context())
    assert [name for name, _url, _user in pages][-1] == "stunting: tim KPM"
    name, url, user = pages[-1]
    client = Client()
    client.force_login(user)
    assert client.get(url, secure=True).status_code == 200


def test_the_demo_has_two_assessed_quarters_and_is_safe_to_rerun(db):
    call_command("seed_demo", force=True, stdout=StringIO())

    def counts():
        return [
            model.objects.count()
            for model in (IncentiveScheme, Assessment, HomeVisit, Referral, Tugas, Realisasi)
        ]

    first = counts()
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    assert counts() == first
    assert "assessed already" in out.getvalue()
    assessments = list(Assessment.objects.filter(kelurahan__name="Pradah Kali Kendal"))
    assert [a.status for a in sorted(assessments, key=lambda a: a.period)] == [
        "disetujui",
        "diajukan",
    ]
    approved, waiting = sorted(assessments, key=lambda a: a.period)
    assert approved.payout_spending.amount == sum(approved.cadres.values_list("amount", flat=True))
    assert approved.cadres.exclude(appeal="").exclude(appeal_answer="").count() == 1
    assert waiting.cadres.exclude(appeal="").filter(appeal_answer="").count() == 1
    if timezone.localdate() > waiting.period_end + datetime.timedelta(days=15):
        assert waiting.appeal_until < timezone.localdate()  # the kasi kesra may approve now
    for assessment in assessments:
        computed = assessment.cadres.filter(
            results__code__in=["kehadiran", "tugas", "pemantauan", "kunjungan", "rujukan"],
            results__value__isnull=False,
        )
        assert computed.count() >= 4 * assessment.cadres.count()
        assert len(set(assessment.cadres.values_list("tier", flat=True))) >= 3
