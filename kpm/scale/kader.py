"""City-scale cadres for the benchmark: 3,000 cadres over the scale kelurahan, with a collective
SK per kelurahan, a training, and working relations of every kind. Rows are bulk-created, so
they carry no change history. The pages measured on it are in `kpm/bench.py`.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from kelurahan.models import OPD, KelompokMasyarakat, Lembaga, Official
from kelurahan.scale import scale_kelurahan

from ..models import SK, Kader, Pelatihan, Relasi

KADER_COUNT = 3000


def _nik(serial: int, sex: str, birth: datetime.date) -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return f"3578{(serial // 10000) % 100:02d}{day:02d}{birth:%m%y}{serial % 10000:04d}"


@transaction.atomic
def seed_scale(*, stdout, scale: float = 1.0) -> None:
    kelurahan = scale_kelurahan()
    if not kelurahan:
        stdout.write("No scale kelurahan; skipping the cadre register.")
        return
    if Kader.objects.filter(kelurahan__in=kelurahan).exists():
        stdout.write("Scale cadres exist already; skipping the cadre register.")
        return
    rng = random.Random(20201221)
    total = max(len(kelurahan), round(KADER_COUNT * scale))
    lembaga = {}
    for obj in Lembaga.objects.filter(kelurahan__in=kelurahan).order_by("pk"):
        lembaga.setdefault((obj.kelurahan_id, obj.kind), []).append(obj)
    kaders = _bulk_kaders(kelurahan, lembaga, total, rng)
    by_kelurahan: dict[int, list[Kader]] = {}
    for kader in kaders:
        by_kelurahan.setdefault(kader.kelurahan_id, []).append(kader)
    _bulk_sks_and_trainings(kelurahan, by_kelurahan, rng)
    relations = _bulk_relations(kelurahan, by_kelurahan, lembaga)
    stdout.write(f"Scale data: {len(kaders)} kader KPM, {relations} hubungan kerja.")


def _bulk_kaders(kelurahan, lembaga, total, rng) -> list[Kader]:
    origins = ["posyandu", "posyandu", "posyandu", "paud", "pkk", "lainnya"]
    bidang = {"posyandu": "kesehatan", "paud": "pendidikan", "pkk": "ekonomi", "lainnya": "sosial"}
    rows = []
    for serial in range(total):
        k = kelurahan[serial % len(kelurahan)]
        sex = "P" if rng.random() < 0.85 else "L"
        birth = datetime.date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28))
        origin = origins[serial % len(origins)]
        choices = lembaga.get((k.pk, origin), [])
        source = choices[serial % len(choices)] if choices else None
        rows.append(
            Kader(
                kelurahan=k,
                name=f"Kader {serial + 1:05d}",
                nik=_nik(serial, sex, birth),
                sex=sex,
                birth_date=birth,
                education=rng.choice(["smp", "sma", "sma", "diploma", "s1"]),
                origin=origin,
                origin_lembaga=source,
                origin_detail="" if source else "Kader lingkungan",
                bidang=bidang[origin],
                address=f"Jl. Skala {serial % 97 + 1} No. {serial % 50 + 1}",
                rw=source.rw if source else None,
                phone=f"+62813{serial:08d}",
                is_active=serial % 25 != 0,
                ended_on=None if serial % 25 else datetime.date(2023, 6, 30),
                end_reason="" if serial % 25 else "Mengundurkan diri",
            )
        )
    return Kader.objects.bulk_create(rows, batch_size=1000)


def _bulk_sks_and_trainings(kelurahan, by_kelurahan, rng) -> None:
    today = timezone.localdate()
    lurah = {
        o.kelurahan_id: o
        for o in Official.objects.filter(kelurahan__in=kelurahan, position=Official.Position.LURAH)
    }
    sks, trainings = [], []
    for k in kelurahan:
        end = today + datetime.timedelta(days=rng.randint(-120, 900))
        start = end - datetime.timedelta(days=3 * 365)
        sks.append(
            SK(
                kelurahan=k,
                number=f"188/{k.pk}/KPM/{start.year}",
                date=start - datetime.timedelta(days=3),
                title=f"Pengangkatan KPM {k.name}",
                term_start=start,
                term_end=end,
                signatory=lurah.get(k.pk),
            )
        )
        trainings.append(
            Pelatihan(
                kelurahan=k,
                name="Orientasi Kader Pemberdayaan Masyarakat",
                organizer="DP3APPKB",
                start_date=start + datetime.timedelta(days=40),
                hours=16,
            )
        )
    sks = SK.objects.bulk_create(sks)
    trainings = Pelatihan.objects.bulk_create(trainings)
    sk_links, training_links = [], []
    for k, sk, training in zip(kelurahan, sks, trainings, strict=True):
        members = by_kelurahan.get(k.pk, [])
        sk_links += [SK.kaders.through(sk_id=sk.pk, kader_id=m.pk) for m in members]
        training_links += [
            Pelatihan.participants.through(pelatihan_id=training.pk, kader_id=m.pk)
            for m in members[::2]
        ]
    SK.kaders.through.objects.bulk_create(sk_links, batch_size=2000)
    Pelatihan.participants.through.objects.bulk_create(training_links, batch_size=2000)


def _bulk_relations(kelurahan, by_kelurahan, lembaga) -> int:
    lurah = {
        o.kelurahan_id: o
        for o in Official.objects.filter(kelurahan__in=kelurahan, position=Official.Position.LURAH)
    }
    technical = {
        o.kelurahan_id: o
        for o in Official.objects.bulk_create(
            Official(
                kelurahan=k,
                name=f"Pendamping PKH {k.name}",
                position=Official.Position.KADER_TEKNIS,
                position_detail="Pendamping PKH",
                start_date=datetime.date(2020, 1, 1),
            )
            for k in kelurahan
        )
    }
    groups = {}
    for group in KelompokMasyarakat.objects.filter(kelurahan__in=kelurahan).order_by("pk"):
        groups.setdefault(group.kelurahan_id, group)
    opd = {o.kecamatan_id: o for o in OPD.objects.filter(kind=OPD.Kind.PUSKESMAS)}
    kind, proposed = Relasi.PartnerKind, Relasi.PROPOSED
    start = datetime.date(2021, 1, 11)
    rows = []

    def add(kader, partner_kind, **partner):
        nature, activity = proposed[partner_kind]
        rows.append(
            Relasi(
                kader=kader,
                partner_kind=partner_kind,
                nature=nature,
                activity=activity,
                start_date=start,
                **partner,
            )
        )

    for k in kelurahan:
        members = [m for m in by_kelurahan.get(k.pk, []) if m.is_active]
        lpm = lembaga.get((k.pk, "lpm"), [None])[0]
        for position, kader in enumerate(members):
            if lpm:
                add(kader, kind.LEMBAGA, lembaga=lpm)
            if position % 4 == 0 and k.pk in lurah:
                add(kader, kind.LURAH, official=lurah[k.pk])
            if len(members) > 1:
                add(kader, kind.KADER, partner_kader=members[(position + 1) % len(members)])
            if position % 3 == 0 and k.pk in groups:
                add(kader, kind.KELOMPOK, kelompok=groups[k.pk])
            if position % 5 == 0:
                add(kader, kind.KADER_TEKNIS, official=technical[k.pk])
            if position % 6 == 0 and k.kecamatan_id in opd:
                add(kader, kind.OPD, opd=opd[k.kecamatan_id])
    Relasi.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
