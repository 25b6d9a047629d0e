"""Demo referrals in Pradah Kali Kendal: six targets referred to the city's OPD by its
cadres, followed through their steps (one selesai, one ditolak, the others still open).

Safe to re-run: a target already referred for the reason keeps its referral. Dates are
relative to today. Adds the civil registry (dukcapil) to the demo OPD when it is missing.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from kelurahan.models import OPD, Kelurahan, User
from kpm.models import Kader

from .models import Person, Pregnancy, Referral
from .models.measurement import STUNTED, WASTED
from .referrals import advance_referral, create_referral

KELURAHAN = "Pradah Kali Kendal"
DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil Kota Surabaya"

# (who, reason, OPD kind, days ago referred, steps as (status, days after referral, note))
PLAN = [
    ("stunted", "stunting", OPD.Kind.PUSKESMAS, 40, [
        ("diterima", 2, "Diperiksa dokter puskesmas"),
        ("ditindaklanjuti", 5, "PMT pemulihan 90 hari dan konseling gizi ibu"),
        ("selesai", 12, "Anak masuk program PMT; dipantau kader tiap bulan"),
    ]),
    ("wasted", "wasting", OPD.Kind.PUSKESMAS, 20, [
        ("diterima", 1, ""),
        ("ditindaklanjuti", 4, "Rujukan ke klinik gizi puskesmas"),
    ]),
    ("child", "jamban", OPD.Kind.PERUMAHAN_SANITASI, 30, [
        ("diterima", 6, "Masuk usulan program jamban sehat"),
    ]),
    ("child", "jaminan", OPD.Kind.DINAS_SOSIAL, 25, [
        ("ditolak", 3, "Sudah terdaftar PBI JKN; cukup aktivasi kartu di puskesmas"),
    ]),
    ("child", "akta", OPD.Kind.DUKCAPIL, 6, []),
    ("pregnant", "kek", OPD.Kind.PUSKESMAS, 3, []),
]  # fmt: skip


def seed_referrals(*, stdout) -> None:
    kelurahan = Kelurahan.objects.filter(name=KELURAHAN).select_related("kecamatan").first()
    if kelurahan is None:
        return
    kota = kelurahan.kecamatan.kota_id
    OPD.objects.get_or_create(kota_id=kota, name=DUKCAPIL, defaults={"kind": OPD.Kind.DUKCAPIL})
    opds = {opd.kind: opd for opd in OPD.objects.filter(kota_id=kota).order_by("-name")}
    by = User.objects.filter(kelurahan=kelurahan, role=User.Role.PETUGAS).first()
    cadres = list(Kader.objects.filter(kelurahan=kelurahan, is_active=True).order_by("pk")[:6])
    today = timezone.localdate()
    targets = _targets(kelurahan)
    made = 0
    for n, (who, reason, kind, days_ago, steps) in enumerate(PLAN):
        person, opd = (targets.get(who) or [None])[0], opds.get(kind)
        if person is None or opd is None:
            continue
        if who == "child":
            targets[who].pop(0)  # each child referral is about another child
        if Referral.objects.filter(person=person, reason=reason).exists():
            continue
        start = today - datetime.timedelta(days=days_ago)
        referral = Referral(
            person=person,
            opd=opd,
            reason=reason,
            referred_on=start,
            kader=cadres[n % len(cadres)] if cadres else None,
            reason_detail=_detail(reason),
        )
        referral = create_referral(referral=referral, by=by)
        for status, after, note in steps:
            on = min(start + datetime.timedelta(days=after), today)
            referral = advance_referral(referral=referral, status=status, on=on, by=by, note=note)
        made += 1
    stdout.write(f"Referral demo: {made} new referrals in {KELURAHAN}.")


def _targets(kelurahan) -> dict[str, list[Person]]:
    children = Person.objects.for_kelurahan(kelurahan).children().order_by("pk")
    stunted = children.filter(last_measurement__hfa_category__in=STUNTED)
    wasted = children.filter(last_measurement__wfh_category__in=WASTED).exclude(
        pk__in=stunted.values("pk")[:1]
    )
    pregnant = Pregnancy.objects.for_kelurahan(kelurahan).current().order_by("pk")
    first = {"stunted": list(stunted[:1]) or list(children[:1])}
    first["wasted"] = list(wasted[:1]) or list(children[1:2])
    taken = [person.pk for people in first.values() for person in people]
    return {
        **first,
        "child": list(children.exclude(pk__in=taken)[5:8]),
        "pregnant": [p.person for p in pregnant.select_related("person")[:1]],
    }


def _detail(reason: str) -> str:
    return {
        "stunting": "TB/U di bawah -2 SD pada penimbangan terakhir; mohon pemeriksaan dokter.",
        "wasting": "BB/TB di bawah -2 SD; mohon pemeriksaan dan PMT pemulihan.",
        "jamban": "Rumah tangga masih memakai jamban bersama tanpa septic tank.",
        "jaminan": "Keluarga belum memiliki kartu JKN.",
        "akta": "Anak belum memiliki akta kelahiran.",
        "kek": "LiLA ibu hamil di bawah 23,5 cm.",
    }.get(reason, "")
