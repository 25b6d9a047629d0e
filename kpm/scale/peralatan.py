"""City-scale equipment for the benchmark: six items per posyandu, some broken, some not checked
for a year, some never (the page measured is in `kpm/bench.py`)."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from kelurahan.models import Lembaga
from kelurahan.scale import scale_kelurahan

from ..models import Kader, Peralatan

KINDS_PER_POSYANDU = [
    Peralatan.Kind.DACIN,
    Peralatan.Kind.TIMBANGAN,
    Peralatan.Kind.LENGTH_BOARD,
    Peralatan.Kind.MICROTOISE,
    Peralatan.Kind.KMS,
    Peralatan.Kind.ANTROPOMETRI,
]


@transaction.atomic
def seed_scale(*, stdout, scale) -> None:
    kelurahan = scale_kelurahan()
    if not kelurahan:
        stdout.write("No scale kelurahan; skipping the equipment.")
        return
    if Peralatan.objects.filter(kelurahan__in=kelurahan).exists():
        stdout.write("Scale equipment exists already; skipping the equipment.")
        return
    rng = random.Random(20261201)
    today = timezone.localdate()
    holders: dict[int, list[int]] = {}
    for pk, lembaga_id in Kader.objects.filter(
        kelurahan__in=kelurahan, is_active=True, origin_lembaga__isnull=False
    ).values_list("pk", "origin_lembaga_id"):
        holders.setdefault(lembaga_id, []).append(pk)
    posyandu = Lembaga.objects.filter(
        kelurahan__in=kelurahan, kind=Lembaga.Kind.POSYANDU
    ).values_list("pk", "kelurahan_id")
    rows = []
    for lembaga_id, kelurahan_id in posyandu:
        for kind in KINDS_PER_POSYANDU:
            roll = rng.random()
            rows.append(
                Peralatan(
                    kelurahan_id=kelurahan_id,
                    lembaga_id=lembaga_id,
                    kind=kind,
                    quantity=rng.randint(20, 60) if kind == Peralatan.Kind.KMS else 1,
                    condition=Peralatan.Condition.RUSAK_RINGAN
                    if roll < 0.05
                    else Peralatan.Condition.BAIK,
                    last_checked_on=None
                    if roll > 0.95
                    else today - datetime.timedelta(days=rng.randint(0, 450)),
                    holder_kader_id=rng.choice(holders.get(lembaga_id) or [None]),
                )
            )
    Peralatan.objects.bulk_create(rows, batch_size=2000)
    stdout.write(f"Scale: {len(rows)} peralatan.")
