"""What the benchmark measures in this app: the stunting pages on the scale data
(`pages`, collected by `kelurahan.bench.collect_pages`), the pure-Python z-scores
(`time_zscores`, run by `manage.py bench_zscores` and by `seed_scale` at full scale), and the
computation of a whole kelurahan's incentive quarter (`time_quarter`, run by
`manage.py bench_incentive`).
"""

from __future__ import annotations

import random
import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kelurahan.models import Kelurahan, Lembaga

from . import ages, anthropometry
from .charts import _curve
from .incentive import periods, workflow
from .models import (
    Assessment,
    EvidenceCheck,
    Family,
    IncentiveScheme,
    IndicatorResult,
    Person,
    Pregnancy,
    Referral,
)

ZSCORE_SETS = 200_000


def time_zscores(count: int = ZSCORE_SETS) -> float:
    """Seconds to compute `count` sets of the four z-scores for varied children."""
    rng = random.Random(7)
    inputs = []
    for _ in range(count):
        age = rng.randint(0, 1825)
        sex = rng.choice("LP")
        z = rng.gauss(-0.5, 1.2)
        height = _curve("hfa", sex, 0)[age][1] * (1 + 0.035 * z)
        weight = _curve("wfa", sex, 0)[age][1] * (1 + 0.11 * rng.gauss(-0.3, 1))
        inputs.append((sex, age, round(weight, 1), round(height, 1), age < 731))
    anthropometry.zscores(sex="L", age_days=1, weight_kg=3.5, height_cm=50, measured_lying=True)
    started = time.perf_counter()
    for sex, age, weight, height, lying in inputs:
        anthropometry.zscores(
            sex=sex, age_days=age, weight_kg=weight, height_cm=height, measured_lying=lying
        )
    return time.perf_counter() - started


def pages(context: dict) -> list[tuple[str, str, object]]:
    kelurahan = context["kelurahan"]
    petugas = context["petugas"]
    kecamatan_user = context["kecamatan_user"]
    child = (
        Person.objects.filter(kelurahan=kelurahan, family_role="anak")
        .exclude(last_measurement=None)
        .order_by("birth_date")
        .last()
    )
    family = child.family if child else Family.objects.filter(kelurahan=kelurahan).first()
    pregnancy = Pregnancy.objects.filter(kelurahan=kelurahan).order_by("pk").first()
    posyandu = Lembaga.objects.filter(kelurahan=kelurahan, kind=Lembaga.Kind.POSYANDU).first()
    month = ages.month_start(timezone.localdate())
    children = reverse("stunting:child_list")
    pregnancies = reverse("stunting:pregnancy_list")

    def action(slug, suffix=""):
        return reverse(f"stunting:action_list{suffix}", args=[slug])

    pages = [
        ("stunting: child list", children, petugas),
        ("stunting: child list, stunted", children + "?status=stunting", petugas),
        ("stunting: child list (kecamatan)", children, kecamatan_user),
        ("stunting: child list .xlsx", reverse("stunting:child_list_xlsx"), petugas),
        ("stunting: family list", reverse("stunting:family_list"), petugas),
        ("stunting: pregnancy list", pregnancies, petugas),
        ("stunting: pregnancy list, risk", pregnancies + "?status=risiko", petugas),
        ("stunting: lists index", reverse("stunting:lists_index"), petugas),
        ("stunting: stunted list", action("stunting"), petugas),
        ("stunting: wasted list", action("gizi-kurang"), petugas),
        ("stunting: not weighed list", action("belum-ditimbang"), petugas),
        ("stunting: stunted list .xlsx", action("stunting", "_xlsx"), petugas),
        ("stunting: posyandu choose", reverse("stunting:posyandu_choose"), petugas),
        ("stunting: import index", reverse("stunting:import_index"), petugas),
    ]
    if child:
        pages += [
            ("stunting: child detail + charts", child.get_absolute_url(), petugas),
            ("stunting: family detail", family.get_absolute_url(), petugas),
            ("stunting: 2B form", reverse("stunting:child_month_create", args=[child.pk]), petugas),
        ]
    if pregnancy:
        pages.append(("stunting: pregnancy detail", pregnancy.get_absolute_url(), petugas))
    if posyandu:
        url = reverse("stunting:posyandu_day", args=[posyandu.pk, month.year, month.month])
        pages.append(("stunting: posyandu day", url, petugas))
    return (
        pages
        + scorecard_pages(petugas, kecamatan_user)
        + fieldwork_pages(context)
        + incentive_pages(context)
    )


def scorecard_pages(petugas, kecamatan_user) -> list[tuple[str, str, object]]:
    """The Scorecard Konvergensi pages of the current quarter: a kelurahan's scorecard and its
    recap 3B, and the kecamatan comparison (with its trend)."""
    return [
        ("stunting: scorecard", reverse("stunting:scorecard"), petugas),
        ("stunting: 3B recap", reverse("stunting:scorecard_recap", args=["anak"]), petugas),
        ("stunting: scorecard kecamatan", reverse("stunting:scorecard_kecamatan"), kecamatan_user),
    ]


# The most queries each field-work page may make at city scale (`run_benchmark` fails above it).
QUERY_LIMITS = {
    "stunting: keluarga binaan": 10,
    "stunting: kunjungan rumah list": 6,
    "stunting: rujukan list": 7,
    "stunting: rujukan list (kecamatan)": 8,
    "stunting: rujukan detail": 6,
    "stunting: rujukan per OPD": 9,
    "stunting: rujukan rekap (kecamatan)": 11,
    # Incentive (issue 14). The index, assessment and cadre pages are estimates (their views are
    # built elsewhere): session and user, the assessment with its scheme, the cadres with their
    # indicator rows, the sample, the events or the cadre's history. The team page is measured:
    # 8 on the bench kelurahan's one assessment (one more per period shown, at most 8 periods).
    "stunting: insentif index": 8,
    "stunting: penilaian": 7,
    "stunting: skor kader": 5,
    "stunting: tim KPM": 10,
}


def fieldwork_pages(context: dict) -> list[tuple[str, str, object]]:
    """The families each cadre accompanies, home visits and referrals to OPD."""
    petugas, kecamatan_user = context["petugas"], context["kecamatan_user"]
    referral = (
        Referral.objects.filter(kelurahan=context["kelurahan"], status=Referral.Status.SELESAI)
        .order_by("-referred_on")
        .first()
    )
    if referral is None:
        return []
    referrals = reverse("stunting:referral_list")
    return [
        ("stunting: keluarga binaan", reverse("stunting:assignment_list"), petugas),
        ("stunting: kunjungan rumah list", reverse("stunting:home_visit_list"), petugas),
        ("stunting: rujukan list", referrals, petugas),
        ("stunting: rujukan list (kecamatan)", referrals, kecamatan_user),
        ("stunting: rujukan detail", referral.get_absolute_url(), petugas),
        (
            "stunting: rujukan per OPD",
            reverse("stunting:referral_opd", args=[referral.opd_id]),
            petugas,
        ),
        ("stunting: rujukan rekap (kecamatan)", reverse("stunting:referral_recap"), kecamatan_user),
    ]


def incentive_pages(context: dict) -> list[tuple[str, str, object]]:
    """The incentive index, the bench kelurahan's assessment (from `seed_scale`) and one
    cadre's score in it, and the team page."""
    petugas = context["petugas"]
    assessment = Assessment.objects.filter(kelurahan=context["kelurahan"]).first()
    score = assessment.cadres.order_by("pk").first() if assessment else None
    if score is None:
        return []
    return [
        ("stunting: insentif index", reverse("stunting:incentive_index"), petugas),
        ("stunting: penilaian", assessment.get_absolute_url(), petugas),
        ("stunting: skor kader", score.get_absolute_url(), petugas),
        ("stunting: tim KPM", reverse("stunting:incentive_team"), petugas),
    ]


class _RolledBack(Exception):
    """Raised to roll back the assessment computed only to be timed."""


def time_quarter(kelurahan: Kelurahan, period: periods.Period) -> dict:
    """Open (and so compute) the assessment of `period` for every cadre of `kelurahan`, then
    compute it again, timing both and counting their queries; all inside a transaction that is
    rolled back. A stored assessment of the period is set aside first, in the same transaction,
    so that the whole computation is timed."""
    scheme = IncentiveScheme.objects.get(kelurahan=kelurahan, year=period.start.year)
    result: dict = {}
    try:
        with transaction.atomic():
            Assessment.objects.filter(kelurahan=kelurahan, period=period.code).delete()
            with CaptureQueriesContext(connection) as opening:
                started = time.perf_counter()
                assessment = workflow.open_assessment(scheme=scheme, period=period, by=None)
                opened = time.perf_counter() - started
            with CaptureQueriesContext(connection) as again:
                started = time.perf_counter()
                workflow.recompute(assessment=assessment)
                recomputed = time.perf_counter() - started
            result = {
                "database": connection.vendor,
                "kelurahan": kelurahan.name,
                "period": period.code,
                "cadres": assessment.cadres.count(),
                "indicator_rows": IndicatorResult.objects.filter(
                    cadre_score__assessment=assessment
                ).count(),
                "sampled_records": EvidenceCheck.objects.filter(
                    cadre_score__assessment=assessment
                ).count(),
                "open_seconds": round(opened, 3),
                "open_queries": len(opening),
                "recompute_seconds": round(recomputed, 3),
                "recompute_queries": len(again),
            }
            raise _RolledBack
    except _RolledBack:
        return result
