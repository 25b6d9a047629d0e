"""City-scale stunting data for the benchmark (the pages measured and the z-score timing are
in `bench.py`).

At scale 1.0: 200,000 children under five in the kelurahan of the scale city (about 1,300 per
kelurahan, whatever the scale, so one kelurahan's pages weigh what they would in Surabaya), one
family and one mother per 1.3 children, 40,000 pregnancies, and a year of monthly records:
about 2.4 million measurements with their z-scores, 2B records for the children under two and
2A records for the pregnancies. Before that year, back to the start of the current quarter's
longest scorecard look-back window (6 quarters), the children then under two have their
measurements and 2B records too, so that the scorecard of the current quarter is marked on
full windows; the children of 2-6 years have 2C (PAUD) records in the months of the current
and the previous quarter. Rows are bulk-created per kelurahan, so they carry no history.
"""

from __future__ import annotations

import datetime
import random
import time
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kelurahan.dates import Quarter
from kelurahan.models import Lembaga
from kelurahan.scale import scale_kelurahan

from . import ages, scale_fieldwork, scale_incentive, services
from .bench import ZSCORE_SETS, time_zscores
from .charts import _curve
from .models import (
    ChildMonth,
    Family,
    Measurement,
    PaudMonth,
    Person,
    Pregnancy,
    PregnancyMonth,
)
from .scorecard.rules import DEFAULT

CHILDREN = 200_000
CHILDREN_PER_FAMILY = 1.3
PREGNANCIES = 40_000
MONTHS = 12
BATCH = 5000
PAUD_REGISTERED = 0.7  # share of the children of 2-6 years registered in a PAUD
PAUD_ACTIVE = 0.9  # chance that a registered child took part in a month


def seed_scale(*, stdout, scale: float = 1.0) -> None:
    """The targets and their monitoring, then the cadres' field work with them, then the
    incentive schemes and one assessed quarter."""
    _seed_targets(stdout=stdout, scale=scale)
    scale_fieldwork.seed_scale(stdout=stdout, scale=scale)
    scale_incentive.seed_scale(stdout=stdout, scale=scale)


def _seed_targets(*, stdout, scale: float) -> None:
    kelurahan_list = scale_kelurahan()
    if not kelurahan_list:
        stdout.write("No scale kelurahan; run the kelurahan scale data first.")
        return
    if Person.objects.filter(kelurahan__in=kelurahan_list).exists():
        stdout.write("Stunting scale data exists already; skipping.")
        return
    started = time.perf_counter()
    per_kelurahan = max(1, round(CHILDREN * scale / len(kelurahan_list)))
    totals = {"children": 0, "measurements": 0, "2b": 0, "2a": 0, "2c": 0}
    today = timezone.localdate()
    for index, kelurahan in enumerate(kelurahan_list):
        with transaction.atomic():
            counts = _seed_kelurahan(kelurahan, per_kelurahan, index=index, today=today)
        for key, value in counts.items():
            totals[key] += value
    elapsed = time.perf_counter() - started
    stdout.write(
        f"Stunting scale data: {totals['children']:,} children, "
        f"{totals['measurements']:,} measurements with z-scores, {totals['2b']:,} 2B, "
        f"{totals['2a']:,} 2A and {totals['2c']:,} 2C records in {len(kelurahan_list)} "
        f"kelurahan, in {elapsed:.1f} s."
    )
    if scale >= 0.5:
        seconds = time_zscores(ZSCORE_SETS)
        stdout.write(f"z-scores: {ZSCORE_SETS:,} sets computed in {seconds:.2f} s (pure Python).")
    else:
        stdout.write("Time the z-scores at full count with `manage.py bench_zscores`.")


def _seed_kelurahan(kelurahan, count: int, *, index: int, today: datetime.date) -> dict:
    rng = random.Random(index)
    posyandu = list(
        Lembaga.objects.filter(kelurahan=kelurahan, kind=Lembaga.Kind.POSYANDU).order_by("pk")
    )
    family_count = max(1, round(count / CHILDREN_PER_FAMILY))
    families = Family.objects.bulk_create(
        [
            Family(
                kelurahan=kelurahan,
                head_name=f"Keluarga {kelurahan.pk}-{n:05d}",
                address=f"Jl. Skala {n % 40 + 1} No. {n}",
                rw_id=posyandu[n % len(posyandu)].rw_id if posyandu else None,
                posyandu=posyandu[n % len(posyandu)] if posyandu else None,
            )
            for n in range(family_count)
        ],
        batch_size=BATCH,
    )
    mothers = Person.objects.bulk_create(
        [
            Person(
                kelurahan=kelurahan,
                family=family,
                name=f"Ibu {family.head_name}",
                sex="P",
                birth_date=today - datetime.timedelta(days=365 * 25 + n % 3000),
                family_role="istri",
            )
            for n, family in enumerate(families)
        ],
        batch_size=BATCH,
    )
    children = Person.objects.bulk_create(
        [
            Person(
                kelurahan=kelurahan,
                family=families[n % family_count],
                mother=mothers[n % family_count],
                name=f"Anak {kelurahan.pk}-{n:05d}",
                sex="LP"[n % 2],
                birth_date=today - datetime.timedelta(days=rng.randint(0, 1820)),
                family_role="anak",
            )
            for n in range(count)
        ],
        batch_size=BATCH,
    )
    measurements, child_months = _child_months(children, families, rng=rng, today=today)
    Measurement.objects.bulk_create(measurements, batch_size=BATCH)
    ChildMonth.objects.bulk_create(child_months, batch_size=BATCH)
    latest = {}
    for m in measurements:
        latest[m.person_id] = m  # months are generated oldest first
    for child in children:
        child.last_measurement = latest.get(child.pk)
    Person.objects.bulk_update(children, ["last_measurement"], batch_size=BATCH)
    pregnancy_months = _pregnancies(kelurahan, mothers, count, rng=rng, today=today)
    paud_months = _paud_months(children, rng=rng, today=today)
    PaudMonth.objects.bulk_create(paud_months, batch_size=BATCH)
    return {
        "children": len(children),
        "measurements": len(measurements),
        "2b": len(child_months),
        "2a": pregnancy_months,
        "2c": len(paud_months),
    }


def _months(today: datetime.date) -> tuple[list[datetime.date], datetime.date]:
    """The months with records, oldest first, and the first of the year in which every child
    is measured (before it, only the children then under two are: the scorecard's look-back)."""
    this_month = ages.month_start(today)
    year_start = ages.add_months(this_month, -(MONTHS - 1))
    longest = max(w.quarters for w in (*DEFAULT.weighing.values(), *DEFAULT.counseling.values()))
    window_start = Quarter.of(today).shifted(-(longest - 1)).start
    first = min(year_start, window_start)
    count = (this_month.year - first.year) * 12 + this_month.month - first.month + 1
    return [ages.add_months(first, k) for k in range(count)], year_start


def _child_months(children, families, *, rng, today):
    months, year_start = _months(today)
    measurements, child_months = [], []
    for child in children:
        hfa_z = rng.gauss(-0.8, 1.1)
        wfa_z = rng.gauss(-0.5, 1.0)
        family = child.family
        for month in months:
            visit = min(month.replace(day=10), today)
            if visit < child.birth_date or rng.random() < 0.08:
                continue
            age_days = (visit - child.birth_date).days
            if age_days >= 1826:
                continue
            if month < year_start and ages.age_months(child.birth_date, visit) > 23:
                continue
            lying = age_days < 731
            m = Measurement(
                person_id=child.pk,
                kelurahan_id=child.kelurahan_id,
                measured_on=visit,
                posyandu_id=family.posyandu_id,
                weight_kg=Decimal(
                    f"{_curve('wfa', child.sex, 0)[age_days][1] * (1 + 0.11 * wfa_z):.1f}"
                ),
                height_cm=Decimal(
                    f"{_curve('hfa', child.sex, 0)[age_days][1] * (1 + 0.035 * hfa_z):.1f}"
                ),
                measured_lying=lying,
            )
            services.compute_zscores(m, sex=child.sex, birth_date=child.birth_date)
            measurements.append(m)
            if m.age_months <= ages.FORM_2B_MONTHS[1]:
                record = ChildMonth(
                    person_id=child.pk,
                    kelurahan_id=child.kelurahan_id,
                    visit_date=visit,
                    month=m.month,
                    age_months=m.age_months,
                    counseling_mother=rng.random() < 0.8,
                    counseling_father=rng.random() < 0.3,
                    basic_immunization_complete=m.age_months >= 9,
                    measles_immunized=m.age_months >= 10,
                    safe_water=True,
                    proper_latrine=rng.random() < 0.9,
                    health_insurance=rng.random() < 0.85,
                    parenting_class=rng.random() < 0.5,
                    growth_mat="merah" if m.is_stunted else "hijau",
                )
                child_months.append(record)
    return measurements, child_months


def _pregnancies(kelurahan, mothers, children_count, *, rng, today) -> int:
    count = max(1, round(children_count * PREGNANCIES / CHILDREN))
    pregnancies = Pregnancy.objects.bulk_create(
        [
            Pregnancy(
                kelurahan=kelurahan,
                person=mothers[n % len(mothers)],
                last_period_date=today - datetime.timedelta(days=rng.randint(30, 270)),
                status=rng.choice(["normal"] * 8 + ["kek", "risti"]),
            )
            for n in range(min(count, len(mothers)))
        ],
        batch_size=BATCH,
    )
    rows = []
    for pregnancy in pregnancies:
        pregnancy.expected_delivery_date = pregnancy.last_period_date + datetime.timedelta(280)
        for k in range(MONTHS):
            visit = min(ages.add_months(ages.month_start(today), -k).replace(day=12), today)
            if visit < pregnancy.last_period_date + datetime.timedelta(days=30):
                break
            record = PregnancyMonth(
                pregnancy=pregnancy,
                kelurahan_id=kelurahan.pk,
                visit_date=visit,
                status=pregnancy.status,
                anc_visits=1,
                iron_tablets=30,
                nutrition_counseling=1,
                home_visits=int(pregnancy.status != "normal"),
                safe_water=True,
                proper_latrine=True,
            )
            services.fill_pregnancy_month(record)
            rows.append(record)
    Pregnancy.objects.bulk_update(pregnancies, ["expected_delivery_date"], batch_size=BATCH)
    PregnancyMonth.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _paud_months(children, *, rng, today) -> list[PaudMonth]:
    """2C records of the children of 2-6 years in the months of this and the previous quarter
    (up to this month): most registered, and most of those taking part each month."""
    quarter = Quarter.of(today)
    months = [m for m in quarter.shifted(-1).months + quarter.months if m <= today]
    low, high = ages.FORM_2C_MONTHS
    rows = []
    for child in children:
        registered = rng.random() < PAUD_REGISTERED
        for month in months:
            visit = min(month.replace(day=15), today)
            age = ages.age_months(child.birth_date, visit) if visit >= child.birth_date else -1
            if not low <= age <= high:
                continue
            rows.append(
                PaudMonth(
                    person_id=child.pk,
                    kelurahan_id=child.kelurahan_id,
                    visit_date=visit,
                    month=month,
                    age_months=age,
                    registered=registered,
                    participated=registered and rng.random() < PAUD_ACTIVE,
                )
            )
    return rows
