"""City-scale field work for the benchmark: about 20 families per cadre, the home visits of the
2B records that count them, and about 10 referrals per cadre per year followed through their
steps (the pages measured are in `stunting/bench.py`)."""

from __future__ import annotations

import datetime
import random
import time

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from kelurahan.models import OPD, KotaKabupaten
from kelurahan.scale import scale_kelurahan
from kpm.models import Kader

from .models import (
    REASONS,
    ChildMonth,
    Family,
    FamilyAssignment,
    HomeVisit,
    Person,
    Referral,
    ReferralStep,
)

FAMILIES_PER_KADER = 20
REFERRALS_PER_KADER_PER_YEAR = 10
VISITS_PER_KADER = 12
BATCH = 5000
CITY_OPD = [
    (OPD.Kind.DINAS_SOSIAL, "Dinas Sosial"),
    (OPD.Kind.PERUMAHAN_SANITASI, "Dinas Perumahan Rakyat dan Kawasan Permukiman"),
    (OPD.Kind.DUKCAPIL, "Dinas Kependudukan dan Pencatatan Sipil"),
    (OPD.Kind.DINAS_PENDIDIKAN, "Dinas Pendidikan"),
]


def seed_scale(*, stdout, scale: float) -> None:
    kelurahan_list = scale_kelurahan()
    if not kelurahan_list:
        return
    if FamilyAssignment.objects.filter(kelurahan__in=kelurahan_list).exists():
        stdout.write("Scale field work exists already; skipping.")
        return
    started = time.perf_counter()
    opd = _city_opd(kelurahan_list[0].kecamatan.kota_id)
    rng = random.Random(12)
    today = timezone.localdate()
    totals = {"assignments": 0, "visits": 0, "referrals": 0}
    for kelurahan in kelurahan_list:
        with transaction.atomic():
            counts = _seed_kelurahan(kelurahan, opd, rng=rng, today=today)
        for key, value in counts.items():
            totals[key] += value
    stdout.write(
        f"Scale field work: {totals['assignments']:,} keluarga binaan, {totals['visits']:,} "
        f"kunjungan rumah, {totals['referrals']:,} rujukan in "
        f"{time.perf_counter() - started:.1f} s."
    )


def _city_opd(kota_id: int) -> dict:
    """kind -> OPD of the scale city, and kecamatan id -> its puskesmas."""
    kota = KotaKabupaten.objects.get(pk=kota_id)
    for kind, name in CITY_OPD:
        OPD.objects.get_or_create(kota=kota, name=name, defaults={"kind": kind})
    by_kind = {o.kind: o.pk for o in OPD.objects.filter(kota=kota, kecamatan=None)}
    puskesmas = dict(
        OPD.objects.filter(kota=kota, kind=OPD.Kind.PUSKESMAS).values_list("kecamatan_id", "pk")
    )
    return {"kind": by_kind, "puskesmas": puskesmas}


def _seed_kelurahan(kelurahan, opd, *, rng, today) -> dict:
    kaders = list(
        Kader.objects.filter(kelurahan=kelurahan, is_active=True).values_list("pk", flat=True)
    )
    families = list(
        Family.objects.filter(kelurahan=kelurahan).order_by("pk").values_list("pk", flat=True)
    )
    if not kaders or not families:
        return {"assignments": 0, "visits": 0, "referrals": 0}
    rows, family_kader = [], {}
    for index, kader_id in enumerate(kaders):
        for family_id in families[index * FAMILIES_PER_KADER : (index + 1) * FAMILIES_PER_KADER]:
            family_kader[family_id] = kader_id
            rows.append(
                FamilyAssignment(
                    kelurahan=kelurahan,
                    family_id=family_id,
                    kader_id=kader_id,
                    started_on=today - datetime.timedelta(days=365),
                )
            )
    FamilyAssignment.objects.bulk_create(rows, batch_size=BATCH)
    visits = _visits(kelurahan, family_kader, kaders, rng)
    referrals = _referrals(kelurahan, family_kader, kaders, opd, rng=rng, today=today)
    return {"assignments": len(rows), "visits": visits, "referrals": referrals}


def _visits(kelurahan, family_kader, kaders, rng) -> int:
    """Logged visits to the stunted children (red on the growth mat) of the cadres' families,
    latest months first, each counted in its 2B record as the services count them."""
    records = list(
        ChildMonth.objects.filter(
            kelurahan=kelurahan,
            growth_mat=ChildMonth.Mat.MERAH,
            person__family_id__in=list(family_kader),
        )
        .values_list("pk", "person_id", "person__family_id", "visit_date")
        .order_by("-month", "pk")[: VISITS_PER_KADER * len(kaders)]
    )
    HomeVisit.objects.bulk_create(
        [
            HomeVisit(
                kelurahan=kelurahan,
                person_id=person_id,
                kader_id=family_kader[family_id],
                visit_date=visit_date,
                purpose=rng.choice(HomeVisit.Purpose.values),
                child_month_id=pk,
            )
            for pk, person_id, family_id, visit_date in records
        ],
        batch_size=BATCH,
    )
    ChildMonth.objects.filter(pk__in=[r[0] for r in records]).update(
        home_visits=F("home_visits") + 1
    )
    return len(records)


def _referrals(kelurahan, family_kader, kaders, opd, *, rng, today) -> int:
    persons = list(
        Person.objects.filter(kelurahan=kelurahan, family_id__in=list(family_kader))
        .filter(Q(family_role="anak") | Q(family_role="istri"))
        .values_list("pk", "family_id")
    )
    if not persons:
        return 0
    S = Referral.Status
    referrals, steps = [], []
    for _n in range(REFERRALS_PER_KADER_PER_YEAR * len(kaders)):
        person_id, family_id = rng.choice(persons)
        reason = rng.choice([r for r in REASONS if REASONS[r][0]])
        paket, kind = REASONS[reason]
        opd_id = (
            opd["puskesmas"].get(kelurahan.kecamatan_id)
            if kind == OPD.Kind.PUSKESMAS
            else opd["kind"].get(kind)
        ) or opd["puskesmas"][kelurahan.kecamatan_id]
        referred = today - datetime.timedelta(days=rng.randint(0, 364))
        path = [S.DIRUJUK]
        roll = rng.random()
        if roll < 0.6:
            path += [S.DITERIMA, S.DITINDAKLANJUTI, S.SELESAI]
        elif roll < 0.7:
            path += [S.DITOLAK]
        elif roll < 0.85:
            path += [S.DITERIMA]
        days = sorted(rng.randint(0, 60) for _ in path)
        dates = [min(today, referred + datetime.timedelta(days=d - days[0])) for d in days]
        resolved = dates[-1] if path[-1] == S.SELESAI else None
        referrals.append(
            Referral(
                kelurahan=kelurahan,
                person_id=person_id,
                opd_id=opd_id,
                paket=paket,
                reason=reason,
                kader_id=family_kader[family_id],
                referred_on=referred,
                status=path[-1],
                status_on=dates[-1],
                resolved_on=resolved,
                days_to_resolve=(resolved - referred).days if resolved else None,
            )
        )
        steps.append(list(zip(path, dates, strict=True)))
    referrals = Referral.objects.bulk_create(referrals, batch_size=BATCH)
    ReferralStep.objects.bulk_create(
        [
            ReferralStep(
                referral=referral,
                status=status,
                on=on,
                note="Tidak memenuhi syarat" if status == S.DITOLAK else "",
            )
            for referral, path in zip(referrals, steps, strict=True)
            for status, on in path
        ],
        batch_size=BATCH,
    )
    return len(referrals)
