"""Factory helpers for referrals to OPD: `make_opd(kota, kind)`, `make_referral(person, opd)`,
and `resolve(referral, days)` taking one through to selesai."""

import datetime
import itertools

from kelurahan.models import OPD
from stunting.models import Referral
from stunting.referrals import advance_referral, create_referral

_seq = itertools.count(1)


def make_opd(kota, kind=OPD.Kind.PUSKESMAS, **fields) -> OPD:
    fields.setdefault("name", f"{OPD.Kind(kind).label} Uji {next(_seq)}")
    return OPD.objects.create(kota=kota, kind=kind, **fields)


def make_referral(person, opd, *, by=None, **fields) -> Referral:
    fields.setdefault("reason", Referral.Reason.STUNTING)
    fields.setdefault("referred_on", datetime.date(2024, 3, 1))
    referral = Referral(person=person, opd=opd, **fields)
    return create_referral(referral=referral, by=by)


def resolve(referral, days: int, *, by=None) -> Referral:
    """Diterima the day after, ditindaklanjuti, then selesai `days` after the referral."""
    start = referral.referred_on
    for status, offset in [("diterima", min(1, days)), ("ditindaklanjuti", min(2, days))]:
        on = start + datetime.timedelta(days=offset)
        referral = advance_referral(referral=referral, status=status, on=on, by=by)
    end = start + datetime.timedelta(days=days)
    return advance_referral(referral=referral, status="selesai", on=end, by=by)


def refuse(referral, *, by=None, note="Bukan wilayah kerja") -> Referral:
    on = referral.referred_on + datetime.timedelta(days=1)
    return advance_referral(referral=referral, status="ditolak", on=on, by=by, note=note)
