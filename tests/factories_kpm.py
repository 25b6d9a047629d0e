"""Factory helpers for the kpm cadre register: `make_kader(kelurahan, **fields)` and friends."""

import datetime
import itertools

from django.utils import timezone

from kelurahan.models import Lembaga, Official
from kpm.models import SK, Kader, Pelatihan, Relasi

from .factories import make_lembaga

_seq = itertools.count(1)


def nik_for(birth_date: datetime.date, sex: str = "P", serial: int | None = None) -> str:
    """A valid Surabaya NIK (region 3578xx) coding `birth_date` and `sex`."""
    serial = next(_seq) if serial is None else serial
    day = birth_date.day + (40 if sex == "P" else 0)
    return f"357801{day:02d}{birth_date:%m%y}{serial % 10000:04d}"


def make_kader(kelurahan, **fields) -> Kader:
    n = next(_seq)
    fields.setdefault("name", f"Kader Uji {n:03d}")
    fields.setdefault("sex", "P")
    fields.setdefault("birth_date", datetime.date(1980, 1 + n % 12, 1 + n % 28))
    fields.setdefault("nik", nik_for(fields["birth_date"], fields["sex"], serial=n))
    fields.setdefault("origin", Kader.Origin.LAINNYA)
    fields.setdefault("origin_detail", "Kader lingkungan")
    fields.setdefault("bidang", Kader.Bidang.KESEHATAN)
    fields.setdefault("address", f"Jl. Uji No. {n}")
    return Kader.objects.create(kelurahan=kelurahan, **fields)


def make_lurah(kelurahan, **fields) -> Official:
    fields.setdefault("name", f"Lurah Uji {next(_seq)}")
    fields.setdefault("start_date", datetime.date(2019, 1, 1))
    return Official.objects.create(kelurahan=kelurahan, position=Official.Position.LURAH, **fields)


def make_sk(kelurahan, kaders=(), **fields) -> SK:
    fields.setdefault("number", f"188/{next(_seq)}/436.9/2024")
    fields.setdefault("date", datetime.date(2024, 1, 2))
    fields.setdefault("kind", SK.Kind.PENGANGKATAN)
    if fields["kind"] == SK.Kind.PENGANGKATAN:
        today = timezone.localdate()
        fields.setdefault("term_start", today - datetime.timedelta(days=365))
        fields.setdefault("term_end", today + datetime.timedelta(days=2 * 365))
    sk = SK.objects.create(kelurahan=kelurahan, **fields)
    sk.kaders.set(kaders)
    return sk


def make_pelatihan(kelurahan, participants=(), **fields) -> Pelatihan:
    fields.setdefault("name", f"Pelatihan Uji {next(_seq)}")
    fields.setdefault("start_date", datetime.date(2023, 3, 1))
    pelatihan = Pelatihan.objects.create(kelurahan=kelurahan, **fields)
    pelatihan.participants.set(participants)
    return pelatihan


def make_relasi(kader, partner, **fields) -> Relasi:
    """A relation with `partner`; the kind of partner follows from its type."""
    if isinstance(partner, Kader):
        kind = Relasi.PartnerKind.KADER
    elif isinstance(partner, Lembaga):
        kind = Relasi.PartnerKind.LEMBAGA
    elif isinstance(partner, Official):
        kind = (
            Relasi.PartnerKind.LURAH
            if partner.position == Official.Position.LURAH
            else Relasi.PartnerKind.KADER_TEKNIS
        )
    else:
        kind = {
            "KelompokMasyarakat": Relasi.PartnerKind.KELOMPOK,
            "OPD": Relasi.PartnerKind.OPD,
        }[type(partner).__name__]
    nature, activity = Relasi.PROPOSED[kind]
    fields.setdefault("nature", nature)
    fields.setdefault("activity", activity)
    fields.setdefault("start_date", datetime.date(2021, 1, 11))
    return Relasi.objects.create(
        kader=kader, partner_kind=kind, **{Relasi.PARTNER_FIELD[kind]: partner}, **fields
    )


def make_register(kelurahan) -> dict:
    """A small register: the lurah, two cadres on one SK, a training, an LPM and a relation."""
    lurah = make_lurah(kelurahan, name="Hajar Sulistyono")
    kader = make_kader(kelurahan, name="Siti Aminah")
    other = make_kader(kelurahan, name="Sri Rahayu")
    sk = make_sk(kelurahan, kaders=[kader, other], signatory=lurah, number="188/1/436.9/2024")
    pelatihan = make_pelatihan(kelurahan, participants=[kader], name="Orientasi KPM")
    lpm = make_lembaga(kelurahan, kind=Lembaga.Kind.LPM, name="LPM Pradah")
    relasi = make_relasi(kader, lpm)
    return {
        "lurah": lurah,
        "kader": kader,
        "other": other,
        "sk": sk,
        "pelatihan": pelatihan,
        "lpm": lpm,
        "relasi": relasi,
    }
