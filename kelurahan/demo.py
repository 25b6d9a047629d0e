"""Demo data: Kota Surabaya, Kecamatan Dukuh Pakis and its four kelurahan, with demo logins.

Safe to re-run: every record is looked up by its natural key and updated in place.
Official region codes are left empty on purpose (we do not invent Kemendagri codes).
"""

import datetime

from django.db import transaction

from .models.partners import OPD, KelompokMasyarakat, Lembaga, Officer, Official
from .models.regions import RT, RW, Kecamatan, Kelurahan, KotaKabupaten
from .models.users import User
from .validators import normalize_phone

DEMO_PASSWORD = "demo-kpm-2020"

# name: (number of RW, address of the kelurahan office, the lurah)
KELURAHAN = {
    "Dukuh Kupang": (6, "Jl. Dukuh Kupang Barat No. 1", "Drs. Bambang Setiawan"),
    "Dukuh Pakis": (5, "Jl. Dukuh Pakis No. 2", "Sri Wahyuni, S.AP."),
    "Gunung Sari": (6, "Jl. Gunungsari No. 30", "Agus Prasetyo, S.Sos."),
    "Pradah Kali Kendal": (7, "Jl. Pradah Indah No. 1", "Hajar Sulistyono, S.Sos., M.Si."),
}

# The lurah's NIP (18 digits: birth date, month of appointment, sex, serial).
LURAH_NIP = {
    "Dukuh Kupang": "196805121990031004",
    "Dukuh Pakis": "197503222000122001",
    "Gunung Sari": "197708172003121003",
    "Pradah Kali Kendal": "197001011990031001",
}

# The kecamatan office: its letterhead, and its own officials (position, name, NIP, since).
KECAMATAN_OFFICE = {"address": "Jl. Dukuh Pakis No. 2, Surabaya", "phone": "031-5678123"}
KECAMATAN_OFFICIALS = [
    (Official.Position.CAMAT, "Drs. Sugeng Widodo, M.Si.", "196904101995031002", (2019, 1, 7)),
    (Official.Position.SEKCAM, "Dyah Ayu Lestari, S.STP.", "198207152001122001", (2020, 3, 2)),
    (
        Official.Position.KASI_PM,
        "Moch. Arif Hidayat, S.Sos.",
        "198011202006041005",
        (2019, 9, 2),
    ),
]

POSYANDU_NAMES = ["Melati", "Mawar", "Anggrek", "Kenanga", "Flamboyan", "Dahlia", "Teratai"]
PAUD_NAMES = ["KB Tunas Bangsa", "KB Permata Hati", "TK/KB Bina Insani"]
FIRST_NAMES = [
    "Siti Aminah",
    "Sri Rahayu",
    "Endang Lestari",
    "Nur Hidayati",
    "Yuli Astutik",
    "Retno Wulandari",
    "Dwi Handayani",
    "Umi Kulsum",
    "Tri Wahyuni",
    "Lilik Suryani",
    "Bambang Hariadi",
    "Moch. Sholeh",
    "Slamet Riyadi",
    "Joko Santoso",
    "Heru Purnomo",
]

DEMO_USERS = [
    # username, full name, role, kelurahan name (or None), kecamatan scope
    ("petugas.pradah", "Rina Kartika", User.Role.PETUGAS, "Pradah Kali Kendal"),
    ("lurah.pradah", "Hajar Sulistyono, S.Sos., M.Si.", User.Role.LURAH, "Pradah Kali Kendal"),
    ("kasikesra.pradah", "Nanik Suryaningsih, S.E.", User.Role.KASI_KESRA, "Pradah Kali Kendal"),
    ("petugas.dukuhkupang", "Ahmad Fauzi", User.Role.PETUGAS, "Dukuh Kupang"),
    ("kecamatan.dukuhpakis", "Staf Kecamatan Dukuh Pakis", User.Role.KECAMATAN, None),
]


def _name(i: int) -> str:
    return FIRST_NAMES[i % len(FIRST_NAMES)]


@transaction.atomic
def seed_demo(*, stdout, force: bool = False) -> None:
    kota, _ = KotaKabupaten.objects.update_or_create(
        kind=KotaKabupaten.Kind.KOTA, name="Surabaya", defaults={"province": "Jawa Timur"}
    )
    kecamatan, _ = Kecamatan.objects.update_or_create(
        kota=kota,
        name="Dukuh Pakis",
        defaults={
            "address": KECAMATAN_OFFICE["address"],
            "phone": normalize_phone(KECAMATAN_OFFICE["phone"]),
        },
    )
    for position, name, nip, since in KECAMATAN_OFFICIALS:
        Official.objects.update_or_create(
            kecamatan=kecamatan,
            position=position,
            end_date=None,
            defaults={"name": name, "nip": nip, "start_date": datetime.date(*since)},
        )
    for index, (name, (rw_count, address, lurah)) in enumerate(KELURAHAN.items()):
        kelurahan, _ = Kelurahan.objects.update_or_create(
            kecamatan=kecamatan, name=name, defaults={"address": address + ", Surabaya"}
        )
        _seed_kelurahan(kelurahan, index=index, rw_count=rw_count, lurah=lurah)
    _seed_opd(kota, kecamatan)
    _seed_users(kecamatan, reset=force)
    stdout.write(f"Demo: {Kelurahan.objects.filter(kecamatan=kecamatan).count()} kelurahan.")


def _seed_kelurahan(kelurahan: Kelurahan, *, index: int, rw_count: int, lurah: str) -> None:
    rws = []
    for number in range(1, rw_count + 1):
        rw, _ = RW.objects.update_or_create(
            kelurahan=kelurahan, number=number, defaults={"chair_name": _name(number + index)}
        )
        rws.append(rw)
        for rt_number in range(1, 4 + (number % 3)):
            RT.objects.update_or_create(
                rw=rw, number=rt_number, defaults={"chair_name": _name(rt_number * 3 + number)}
            )

    def lembaga(kind, name, rw=None, officers=()):
        obj, _ = Lembaga.objects.update_or_create(
            kelurahan=kelurahan,
            kind=kind,
            name=name,
            defaults={
                "rw": rw,
                "address": f"{rw or 'Kantor kelurahan'}, Kelurahan {kelurahan.name}",
            },
        )
        for offset, position in enumerate(officers):
            Officer.objects.update_or_create(
                lembaga=obj,
                position=position,
                defaults={
                    "name": _name(len(name) + offset + index),
                    "start_date": datetime.date(2019, 1, 1),
                },
            )
        return obj

    board = [Officer.Position.KETUA, Officer.Position.SEKRETARIS, Officer.Position.BENDAHARA]
    lembaga(Lembaga.Kind.LPM, f"LPM Kelurahan {kelurahan.name}", officers=board)
    lembaga(Lembaga.Kind.PKK, f"TP PKK Kelurahan {kelurahan.name}", officers=board)
    lembaga(Lembaga.Kind.KARANG_TARUNA, f"Karang Taruna {kelurahan.name}", officers=board[:1])
    for rw in rws:
        lembaga(
            Lembaga.Kind.POSYANDU,
            f"Posyandu {POSYANDU_NAMES[(rw.number - 1) % len(POSYANDU_NAMES)]} {rw}",
            rw=rw,
            officers=[Officer.Position.KETUA],
        )
    for offset, paud in enumerate(PAUD_NAMES[: 2 + index % 2]):
        lembaga(Lembaga.Kind.PAUD, paud, rw=rws[offset * 2], officers=[Officer.Position.KETUA])

    groups = [
        (KelompokMasyarakat.Kind.BKB, f"BKB {kelurahan.name}", 25),
        (KelompokMasyarakat.Kind.DASAWISMA, "Dasawisma Rukun Sejahtera", 12),
        (KelompokMasyarakat.Kind.KEAGAMAAN, "Majelis Taklim Al-Hidayah", 40),
        (KelompokMasyarakat.Kind.UMKM, "Kelompok Usaha Kue Kering", 15),
    ]
    for offset, (kind, name, members) in enumerate(groups):
        KelompokMasyarakat.objects.update_or_create(
            kelurahan=kelurahan,
            name=name,
            defaults={
                "kind": kind,
                "rw": rws[offset % len(rws)],
                "member_count": members,
                "contact_name": _name(offset + 7 + index),
                "phone": normalize_phone(f"0812-3{index}{offset}0-{offset}{index}41"),
            },
        )

    officials = [
        (Official.Position.LURAH, lurah, datetime.date(2019, 3, 1)),
        (Official.Position.SEKRETARIS, _name(index + 2) + ", S.AP.", datetime.date(2020, 1, 6)),
        (Official.Position.KASI_KESRA, _name(index + 4) + ", S.E.", datetime.date(2019, 7, 1)),
        (
            Official.Position.BABINSA,
            "Serka " + _name(index + 11).split()[0],
            datetime.date(2020, 2, 1),
        ),
        (
            Official.Position.BHABINKAMTIBMAS,
            "Aipda " + _name(index + 12).split()[0],
            datetime.date(2020, 2, 1),
        ),
        (
            Official.Position.BIDAN,
            "Bidan " + _name(index + 5).split()[0],
            datetime.date(2018, 1, 1),
        ),
        (Official.Position.TOKOH_MASYARAKAT, "H. " + _name(index + 13), datetime.date(2015, 1, 1)),
    ]
    if kelurahan.name == "Pradah Kali Kendal":
        # The kasi kesra login belongs to this person.
        officials[2] = (
            Official.Position.KASI_KESRA,
            "Nanik Suryaningsih, S.E.",
            datetime.date(2019, 7, 1),
        )
    for position, name, start in officials:
        nip = LURAH_NIP.get(kelurahan.name, "") if position == Official.Position.LURAH else ""
        Official.objects.update_or_create(
            kelurahan=kelurahan,
            position=position,
            end_date=None,
            defaults={"name": name, "start_date": start, "nip": nip},
        )


def _seed_opd(kota: KotaKabupaten, kecamatan: Kecamatan) -> None:
    agencies = [
        (OPD.Kind.DINAS_KESEHATAN, "Dinas Kesehatan Kota Surabaya", None),
        (OPD.Kind.PUSKESMAS, "Puskesmas Dukuh Kupang", kecamatan),
        (OPD.Kind.DP3APPKB, "DP3APPKB Kota Surabaya", None),
        (OPD.Kind.DINAS_SOSIAL, "Dinas Sosial Kota Surabaya", None),
        (OPD.Kind.DINAS_PENDIDIKAN, "Dinas Pendidikan Kota Surabaya", None),
        (
            OPD.Kind.PERUMAHAN_SANITASI,
            "Dinas Perumahan Rakyat dan Kawasan Permukiman Kota Surabaya",
            None,
        ),
    ]
    for kind, name, wilayah in agencies:
        OPD.objects.update_or_create(
            kota=kota, name=name, defaults={"kind": kind, "kecamatan": wilayah}
        )


def _seed_users(kecamatan: Kecamatan, *, reset: bool) -> None:
    """The demo logins. A user that exists already keeps its password, role and scope unless
    `reset` (a demo login may have been given a real password on a shared machine)."""
    save = User.objects.update_or_create if reset else User.objects.get_or_create
    admin, created = save(
        username="admin",
        defaults={
            "first_name": "Admin",
            "last_name": "Kota",
            "role": User.Role.ADMIN,
            "is_staff": True,
            "is_superuser": True,
            "kelurahan": None,
            "kecamatan": None,
        },
    )
    if created or reset:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    for username, full_name, role, kelurahan_name in DEMO_USERS:
        kelurahan = (
            Kelurahan.objects.get(kecamatan=kecamatan, name=kelurahan_name)
            if kelurahan_name
            else None
        )
        user, created = save(
            username=username,
            defaults={
                "first_name": full_name,
                "last_name": "",
                "role": role,
                "kelurahan": kelurahan,
                "kecamatan": None if kelurahan else kecamatan,
                "is_staff": False,
                "is_superuser": False,
            },
        )
        if created or reset:
            user.set_password(DEMO_PASSWORD)
            user.save()


def login_table() -> str:
    lines = ["", f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    lines.append(f"  {'admin':<22} Admin (superuser, Django admin at /admin/)")
    for username, _full_name, role, kelurahan_name in DEMO_USERS:
        scope = f"Kelurahan {kelurahan_name}" if kelurahan_name else "Kecamatan Dukuh Pakis"
        lines.append(f"  {username:<22} {role.label:<18} {scope}")
    return "\n".join(lines)
