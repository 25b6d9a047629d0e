"""City-scale financing for the benchmark: for each scale kelurahan this year three funding
sources, eight budget lines and about 200 spending rows (most approved, some drafts, a few
awaiting the lurah, a few reversals). The pages measured are in `kpm/bench.py`."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from kelurahan.scale import scale_kelurahan

from ..models import PaketLayanan, PosAnggaran, Realisasi, SumberDana

SPENDING_PER_KELURAHAN = 200
SOURCES = [
    (SumberDana.Kind.APBD, "APBD Kota", 120_000_000),
    (SumberDana.Kind.DANA_KELURAHAN, "Dana Kelurahan", 60_000_000),
    (SumberDana.Kind.SWADAYA, "Swadaya Masyarakat", 20_000_000),
]
LINES = [  # (source index, name, activity, amount, stunting-specific, paket)
    (0, "Operasional KPM", PosAnggaran.Activity.OPERASIONAL, 30_000_000, False, ""),
    (0, "Insentif kader", PosAnggaran.Activity.INSENTIF, 40_000_000, False, ""),
    (0, "PMT balita", PosAnggaran.Activity.PMT, 35_000_000, True, PaketLayanan.values[0]),
    (1, "Kelas ibu hamil", PosAnggaran.Activity.KELAS_IBU_HAMIL, 20_000_000, True, ""),
    (1, "Rembuk stunting", PosAnggaran.Activity.REMBUK, 10_000_000, True, ""),
    (1, "Pelatihan kader", PosAnggaran.Activity.PELATIHAN, 25_000_000, False, ""),
    (2, "Peralatan posyandu", PosAnggaran.Activity.PERALATAN, 12_000_000, True, ""),
    (2, "Lain-lain", PosAnggaran.Activity.LAINNYA, 5_000_000, False, ""),
]


@transaction.atomic
def seed_scale(*, stdout, scale) -> None:
    kelurahan = scale_kelurahan()
    year = timezone.localdate().year
    if not kelurahan:
        stdout.write("No scale kelurahan; skipping the financing.")
        return
    if SumberDana.objects.filter(kelurahan__in=kelurahan, year=year).exists():
        stdout.write("Scale financing exists already; skipping it.")
        return
    rng = random.Random(20260101)
    sources = SumberDana.objects.bulk_create(
        [
            SumberDana(kelurahan=k, year=year, kind=kind, name=f"{name} {year}", amount=amount)
            for k in kelurahan
            for kind, name, amount in SOURCES
        ],
        batch_size=1000,
    )
    lines = PosAnggaran.objects.bulk_create(
        [
            PosAnggaran(
                kelurahan=k,
                year=year,
                source=sources[index * len(SOURCES) + source],
                name=name,
                activity=activity,
                amount=amount,
                is_stunting_specific=specific,
                paket=paket,
            )
            for index, k in enumerate(kelurahan)
            for source, name, activity, amount, specific, paket in LINES
        ],
        batch_size=1000,
    )
    spending = Realisasi.objects.bulk_create(_spending(lines, year, rng), batch_size=2000)
    reversals = Realisasi.objects.bulk_create(
        [
            Realisasi(
                kelurahan_id=row.kelurahan_id,
                line_id=row.line_id,
                spent_on=row.spent_on,
                amount=-row.amount,
                purpose=f"Koreksi: {row.purpose}",
                status=Realisasi.Status.DISETUJUI,
                reverses=row,
                reversal_reason="Salah catat jumlah",
            )
            for row in spending
            if row.status == Realisasi.Status.DISETUJUI and rng.random() < 0.02
        ],
        batch_size=2000,
    )
    stdout.write(
        f"Scale data: {len(sources)} sumber dana, {len(lines)} pos anggaran, "
        f"{len(spending) + len(reversals)} realisasi."
    )


def _spending(lines, year, rng) -> list[Realisasi]:
    """About SPENDING_PER_KELURAHAN rows a kelurahan, spread over its lines and the months of
    the year so far, each line staying well within its allocation."""
    today = timezone.localdate()
    start = datetime.date(year, 1, 1)
    days = max(0, (min(today, datetime.date(year, 12, 31)) - start).days)
    per_line = SPENDING_PER_KELURAHAN // len(LINES)
    rows = []
    for line in lines:
        ceiling = line.amount // per_line  # the line's rows together stay within it
        for n in range(per_line):
            roll = rng.random()
            if roll < 0.9:
                status = Realisasi.Status.DISETUJUI
            elif roll < 0.98:
                status = Realisasi.Status.DRAF
            else:
                status = Realisasi.Status.MENUNGGU
            rows.append(
                Realisasi(
                    kelurahan_id=line.kelurahan_id,
                    line=line,
                    spent_on=start + datetime.timedelta(days=rng.randint(0, days)),
                    amount=rng.randint(ceiling // 4, ceiling) // 500 * 500,
                    purpose=f"{line.name} {n + 1}",
                    status=status,
                )
            )
    return rows
