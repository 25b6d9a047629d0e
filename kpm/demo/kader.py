"""Demo cadres of the four kelurahan of Kecamatan Dukuh Pakis: ten each, their SK, trainings
and working relations of every kind.

Safe to re-run: cadres are keyed by NIK, SK by number, trainings by name, relations by cadre and
partner. The current term is set relative to today so that the dashboard always has something
to show: a collective SK running until the end of next year, a replacement SK whose term ends
within 60 days, one cadre whose term has ended, and one who stopped.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from kelurahan.models import OPD, KelompokMasyarakat, Kelurahan, Lembaga, Official

from ..models import SK, Kader, Pelatihan, Relasi

KECAMATAN = "Dukuh Pakis"
KELURAHAN_ORDER = ["Dukuh Kupang", "Dukuh Pakis", "Gunung Sari", "Pradah Kali Kendal"]
NIK_REGION = "357801"  # demo people: a Surabaya region code, not anyone's real registration

# (name, sex, birth date, education) — ten per kelurahan, in KELURAHAN_ORDER.
PEOPLE = [
    [
        ("Siti Khotijah", "P", "1978-04-12", "sma"),
        ("Eni Sulistyowati", "P", "1982-09-03", "s1"),
        ("Mujiati", "P", "1970-01-25", "smp"),
        ("Lilis Suryani", "P", "1985-06-30", "sma"),
        ("Sumarni", "P", "1968-11-14", "sd"),
        ("Dewi Kartikasari", "P", "1990-02-08", "s1"),
        ("Rini Anggraeni", "P", "1988-07-19", "diploma"),
        ("Nurul Aini", "P", "1983-12-01", "sma"),
        ("Agus Salim", "L", "1975-05-21", "sma"),
        ("Wiwik Handayani", "P", "1972-08-17", "smp"),
    ],
    [
        ("Suprihatin", "P", "1973-03-05", "sma"),
        ("Endah Purwaningsih", "P", "1980-10-22", "s1"),
        ("Tutik Rahayu", "P", "1976-12-09", "smp"),
        ("Sri Wulandari", "P", "1984-01-16", "sma"),
        ("Kasiyati", "P", "1969-07-07", "sd"),
        ("Anik Mardiyah", "P", "1987-04-28", "s1"),
        ("Yuliana Dewi", "P", "1992-09-11", "diploma"),
        ("Ernawati", "P", "1979-05-02", "sma"),
        ("Hadi Purnomo", "L", "1971-02-14", "sma"),
        ("Musrifah", "P", "1974-11-30", "smp"),
    ],
    [
        ("Siti Maimunah", "P", "1977-08-08", "sma"),
        ("Indah Permatasari", "P", "1986-03-27", "s1"),
        ("Sulastri", "P", "1967-06-15", "sd"),
        ("Rohmah", "P", "1981-10-04", "sma"),
        ("Pujiati", "P", "1975-01-19", "smp"),
        ("Novita Sari", "P", "1991-12-23", "s1"),
        ("Fitri Handayani", "P", "1989-05-06", "diploma"),
        ("Umi Kalsum", "P", "1980-09-29", "sma"),
        ("Bagus Santoso", "L", "1983-11-11", "s1"),
        ("Sri Utami", "P", "1972-04-03", "smp"),
    ],
    [
        ("Kusmiati", "P", "1976-02-18", "sma"),
        ("Retno Palupi", "P", "1984-07-01", "s1"),
        ("Juwariyah", "P", "1969-09-24", "smp"),
        ("Sri Mulyani", "P", "1982-03-13", "sma"),
        ("Ngatini", "P", "1966-12-20", "sd"),
        ("Ratna Sari Dewi", "P", "1990-06-05", "s1"),
        ("Ika Puspitasari", "P", "1993-10-10", "diploma"),
        ("Siti Fatimah", "P", "1979-08-26", "sma"),
        ("Moch. Arifin", "L", "1974-01-09", "sma"),
        ("Tri Astutik", "P", "1971-05-31", "smp"),
    ],
]
# (origin, origin source: "posyandu-N" / "paud-N" / "pkk" / a free text, bidang) by position.
ROLES = [
    ("posyandu", "posyandu-0", "kesehatan"),
    ("paud", "paud-0", "pendidikan"),
    ("posyandu", "posyandu-1", "kesehatan"),
    ("posyandu", "posyandu-2", "kesehatan"),
    ("pkk", "pkk", "ekonomi"),
    ("paud", "paud-1", "pendidikan"),
    ("posyandu", "posyandu-3", "kesehatan"),
    ("pkk", "pkk", "sosial"),
    ("lainnya", "Kader jumantik (juru pemantau jentik)", "lingkungan"),
    ("lainnya", "Kader lansia", "sosial"),
]
STREETS = ["Jl. Dukuh Kupang", "Jl. Dukuh Pakis", "Jl. Gunungsari", "Jl. Pradah Jaya"]
COURSES = ["", "Kader posyandu purnama", "", "Kader posyandu paripurna", "Tata boga", "", "", ""]
TECHNICAL_CADRES = [
    ("Lestari Wulan", "Pendamping PKH (Dinas Sosial)"),
    ("Yayuk Sriwahyuni", "Tim Pendamping Keluarga (DP3APPKB)"),
]


def _nik(kelurahan_index: int, person_index: int, sex: str, birth: datetime.date) -> str:
    day = birth.day + (40 if sex == "P" else 0)
    serial = f"{kelurahan_index + 1}{person_index + 1:03d}"
    return f"{NIK_REGION}{day:02d}{birth:%m%y}{serial}"


@transaction.atomic
def seed_demo(*, stdout) -> None:
    count = 0
    for index, name in enumerate(KELURAHAN_ORDER):
        kelurahan = Kelurahan.objects.filter(kecamatan__name=KECAMATAN, name=name).first()
        if kelurahan is None:
            continue
        kaders = _seed_kaders(kelurahan, index)
        _seed_sks(kelurahan, index, kaders)
        _seed_trainings(kelurahan, kaders)
        _seed_relations(kelurahan, kaders)
        count += len(kaders)
    stdout.write(f"Demo: {count} kader KPM.")


def _lembaga(kelurahan: Kelurahan, kind: str) -> list[Lembaga]:
    return list(Lembaga.objects.filter(kelurahan=kelurahan, kind=kind).order_by("rw__number", "pk"))


def _seed_kaders(kelurahan: Kelurahan, index: int) -> list[Kader]:
    posyandu = _lembaga(kelurahan, Lembaga.Kind.POSYANDU)
    paud = _lembaga(kelurahan, Lembaga.Kind.PAUD)
    pkk = _lembaga(kelurahan, Lembaga.Kind.PKK)
    kaders = []
    for position, ((name, sex, birth, education), (origin, source, bidang)) in enumerate(
        zip(PEOPLE[index], ROLES, strict=True)
    ):
        birth_date = datetime.date.fromisoformat(birth)
        lembaga, detail = None, ""
        if source.startswith("posyandu-"):
            lembaga = posyandu[int(source[-1]) % len(posyandu)]
        elif source.startswith("paud-"):
            lembaga = paud[int(source[-1]) % len(paud)]
        elif source == "pkk":
            lembaga = pkk[0] if pkk else None
        else:
            detail = source
        rw = lembaga.rw if lembaga and lembaga.rw_id else None
        kader, _ = Kader.objects.update_or_create(
            nik=_nik(index, position, sex, birth_date),
            defaults={
                "kelurahan": kelurahan,
                "name": name,
                "sex": sex,
                "birth_place": "Surabaya" if position % 3 else "Sidoarjo",
                "birth_date": birth_date,
                "education": education,
                "courses": COURSES[position % len(COURSES)],
                "origin": origin,
                "origin_lembaga": lembaga,
                "origin_detail": detail,
                "bidang": bidang,
                "address": f"{STREETS[index]} {position + 2}/{position * 3 + 5}",
                "rw": rw,
                "phone": f"+62812{index + 3}{position:02d}{4710 + position * 37:04d}",
            },
        )
        kaders.append(kader)
    return kaders


def _seed_sks(kelurahan: Kelurahan, index: int, kaders: list[Kader]) -> None:
    today = timezone.localdate()
    lurah = Official.objects.filter(kelurahan=kelurahan, position=Official.Position.LURAH)
    lurah = lurah.order_by("-start_date").first()
    code = f"436.9.{index + 1}"
    title = f"Kader Pemberdayaan Masyarakat Kelurahan {kelurahan.name}"

    def sk(number, date, kind, start, end, members, title_prefix):
        obj, _ = SK.objects.update_or_create(
            kelurahan=kelurahan,
            number=number,
            defaults={
                "kind": kind,
                "date": date,
                "title": f"{title_prefix} {title}",
                "term_start": start,
                "term_end": end,
                "signatory": lurah if lurah and lurah.start_date <= date else None,
            },
        )
        obj.kaders.set(members)
        return obj

    founding = datetime.date(2020, 12, 28)
    sk(
        f"188/{101 + index}/{code}/2020",
        founding,
        SK.Kind.PENGANGKATAN,
        datetime.date(2021, 1, 4),
        datetime.date(2023, 12, 31),
        kaders[:8] + kaders[9:],
        "Pengangkatan",
    )
    # The current collective term: from January of last year to the end of next year.
    start = datetime.date(today.year - 1, 1, 1)
    sk(
        f"188/{201 + index}/{code}/KOLEKTIF",
        start - datetime.timedelta(days=4),
        SK.Kind.PENGANGKATAN,
        start,
        datetime.date(today.year + 1, 12, 31),
        kaders[:7],
        "Pengangkatan",
    )
    # A replacement cadre appointed for the rest of a shorter term that ends within 60 days.
    end = today + datetime.timedelta(days=20 + 10 * index)
    sk(
        f"188/{301 + index}/{code}/PENGGANTI",
        end - datetime.timedelta(days=365),
        SK.Kind.PENGANGKATAN,
        end - datetime.timedelta(days=360),
        end,
        kaders[8:9],
        "Pengangkatan Pengganti",
    )
    stop = sk(
        f"188/{401 + index}/{code}/2023",
        datetime.date(2023, 6, 15),
        SK.Kind.PEMBERHENTIAN,
        None,
        None,
        kaders[9:],
        "Pemberhentian",
    )
    leaver = kaders[9]
    Kader.objects.filter(pk=leaver.pk).update(
        is_active=False,
        ended_on=stop.date,
        end_sk=stop,
        end_reason="Pindah domisili ke luar kota",
    )
    leaver.refresh_from_db()


def _seed_trainings(kelurahan: Kelurahan, kaders: list[Kader]) -> None:
    trainings = [
        (
            "Orientasi Kader Pemberdayaan Masyarakat",
            "DP3APPKB Kota Surabaya",
            datetime.date(2021, 2, 15),
            datetime.date(2021, 2, 16),
            16,
            kaders[:10],
        ),
        (
            "Pelatihan Konvergensi Pencegahan Stunting",
            "Dinas Kesehatan Kota Surabaya",
            datetime.date(2022, 8, 10),
            datetime.date(2022, 8, 10),
            8,
            kaders[:5],
        ),
        (
            "Pelatihan Pemantauan Pertumbuhan Balita",
            "Puskesmas Dukuh Kupang",
            datetime.date(2023, 3, 7),
            None,
            6,
            [k for k in kaders if k.origin == Kader.Origin.KADER_POSYANDU],
        ),
    ]
    for name, organizer, start, end, hours, participants in trainings:
        obj, _ = Pelatihan.objects.update_or_create(
            kelurahan=kelurahan,
            name=name,
            defaults={
                "organizer": organizer,
                "start_date": start,
                "end_date": end,
                "hours": hours,
                "location": f"Balai RW / Kantor Kelurahan {kelurahan.name}",
            },
        )
        obj.participants.set(participants)


def _seed_relations(kelurahan: Kelurahan, kaders: list[Kader]) -> None:
    kind = Relasi.PartnerKind
    lurah = Official.objects.filter(kelurahan=kelurahan, position=Official.Position.LURAH)
    lurah = lurah.order_by("-start_date").first()
    technical = []
    for name, detail in TECHNICAL_CADRES:
        official, _ = Official.objects.update_or_create(
            kelurahan=kelurahan,
            position=Official.Position.KADER_TEKNIS,
            name=name,
            defaults={"position_detail": detail, "start_date": datetime.date(2020, 1, 2)},
        )
        technical.append(official)
    lpm = Lembaga.objects.filter(kelurahan=kelurahan, kind=Lembaga.Kind.LPM).first()
    pkk = Lembaga.objects.filter(kelurahan=kelurahan, kind=Lembaga.Kind.PKK).first()
    groups = {g.kind: g for g in KelompokMasyarakat.objects.filter(kelurahan=kelurahan)}
    opd = {o.kind: o for o in OPD.objects.filter(kota=kelurahan.kecamatan.kota)}
    start = datetime.date(2021, 1, 11)
    plan = [
        (0, kind.LURAH, lurah, None),
        (0, kind.LEMBAGA, lpm, None),
        (0, kind.OPD, opd.get(OPD.Kind.PUSKESMAS), None),
        (0, kind.KADER_TEKNIS, technical[1], None),
        (0, kind.KELOMPOK, groups.get(KelompokMasyarakat.Kind.BKB), None),
        (1, kind.LEMBAGA, kaders[1].origin_lembaga, None),
        (1, kind.OPD, opd.get(OPD.Kind.DINAS_PENDIDIKAN), Relasi.Nature.KONSULTATIF),
        (1, kind.KADER, kaders[5], None),
        (2, kind.LEMBAGA, kaders[2].origin_lembaga, None),
        (2, kind.KELOMPOK, groups.get(KelompokMasyarakat.Kind.DASAWISMA), None),
        (3, kind.LEMBAGA, kaders[3].origin_lembaga, None),
        (3, kind.KADER, kaders[0], Relasi.Nature.KOORDINATIF),
        (4, kind.LEMBAGA, pkk, None),
        (4, kind.KELOMPOK, groups.get(KelompokMasyarakat.Kind.UMKM), None),
        (4, kind.KADER_TEKNIS, technical[0], Relasi.Nature.KONSULTATIF),
        (5, kind.LEMBAGA, kaders[5].origin_lembaga, None),
        (6, kind.LEMBAGA, lpm, Relasi.Nature.KONSULTATIF),
        (6, kind.OPD, opd.get(OPD.Kind.DP3APPKB), None),
        (7, kind.LEMBAGA, pkk, None),
        (7, kind.KELOMPOK, groups.get(KelompokMasyarakat.Kind.KEAGAMAAN), None),
        (8, kind.LURAH, lurah, Relasi.Nature.KONSULTATIF),
        (8, kind.OPD, opd.get(OPD.Kind.PERUMAHAN_SANITASI), None),
        (9, kind.LEMBAGA, lpm, None),
    ]
    for position, partner_kind, partner, nature in plan:
        if partner is None:
            continue
        proposed_nature, activity = Relasi.PROPOSED[partner_kind]
        kader = kaders[position]
        field = Relasi.PARTNER_FIELD[partner_kind]
        end = kader.ended_on if not kader.is_active else None
        Relasi.objects.update_or_create(
            kader=kader,
            partner_kind=partner_kind,
            **{field: partner},
            defaults={
                "nature": nature or proposed_nature,
                "activity": activity,
                "start_date": start,
                "end_date": end,
            },
        )
