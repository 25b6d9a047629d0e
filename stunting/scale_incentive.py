"""City-scale incentive for the benchmark: every scale kelurahan gets this year's scheme (the
demo's indicators and tiers, paid from its "insentif" budget line), and the bench kelurahan one
assessment opened through the workflow, so that the assessment pages have a quarter to show.
The pages and the timing of a whole quarter's computation are in `stunting/bench.py` and
`manage.py bench_incentive`."""

from __future__ import annotations

import datetime
import time

from django.db import transaction
from django.utils import timezone

from kelurahan.dates import Quarter
from kelurahan.models import User
from kelurahan.scale import scale_kelurahan
from kpm.models import PosAnggaran

from .demo_incentive import INDICATORS, VARIABLE_AMOUNT
from .incentive import periods, scoring, workflow
from .models import Assessment, IncentiveScheme, SchemeIndicator, SchemeTier


def assessed_period(today: datetime.date) -> periods.Period:
    """The quarter the bench kelurahan is assessed on: the last full quarter of this year, or
    the current one in the first quarter (the scheme is this year's)."""
    current = Quarter.of(today)
    previous = current.shifted(-1)
    return periods.quarter(previous if previous.year == current.year else current)


def seed_scale(*, stdout, scale: float) -> None:
    kelurahan = scale_kelurahan()
    if not kelurahan:
        return
    today = timezone.localdate()
    started = time.perf_counter()
    with transaction.atomic():
        made = _schemes(kelurahan, today.year)
    period = assessed_period(today)
    bench = kelurahan[0]
    if Assessment.objects.filter(kelurahan=bench, period=period.code).exists():
        stdout.write("Scale incentive exists already; skipping.")
        return
    scheme = IncentiveScheme.objects.get(kelurahan=bench, year=today.year)
    petugas = User.objects.filter(kelurahan=bench, role=User.Role.PETUGAS).order_by("pk").first()
    assessment = workflow.open_assessment(scheme=scheme, period=period, by=petugas)
    stdout.write(
        f"Scale incentive: {made} skema insentif, penilaian {period.code} of {bench.name} "
        f"({assessment.cadres.count()} kader) in {time.perf_counter() - started:.1f} s."
    )


def _schemes(kelurahan: list, year: int) -> int:
    """This year's scheme of every kelurahan that has none (bulk-created: no history)."""
    have = set(
        IncentiveScheme.objects.filter(kelurahan__in=kelurahan, year=year).values_list(
            "kelurahan_id", flat=True
        )
    )
    lines = dict(
        PosAnggaran.objects.filter(kelurahan__in=kelurahan, year=year, activity="insentif")
        .order_by("-pk")
        .values_list("kelurahan_id", "pk")
    )
    schemes = IncentiveScheme.objects.bulk_create(
        [
            IncentiveScheme(
                kelurahan=k,
                year=year,
                name=f"Insentif kinerja KPM {year}",
                variable_amount=VARIABLE_AMOUNT,
                budget_line_id=lines.get(k.pk),
                is_shadow=k.pk not in lines,  # no budget line: scored, not paid
            )
            for k in kelurahan
            if k.pk not in have
        ],
        batch_size=1000,
    )
    SchemeIndicator.objects.bulk_create(
        [
            SchemeIndicator(
                scheme=s, code=code, weight=weight, floor=floor, target=target, rubric=rubric
            )
            for s in schemes
            for code, weight, floor, target, rubric in INDICATORS
        ],
        batch_size=1000,
    )
    SchemeTier.objects.bulk_create(
        [
            SchemeTier(scheme=s, label=t.label, minimum=t.minimum, percent=t.percent)
            for s in schemes
            for t in scoring.DEFAULT_TIERS
        ],
        batch_size=1000,
    )
    return len(schemes)
