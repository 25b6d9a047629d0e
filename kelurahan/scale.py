"""City-scale data for the benchmark (`make bench`); the pages it measures are in `bench.py`.

154 kelurahan in 31 kecamatan, as Kota Surabaya has. Rows are bulk-created for speed, so they
carry no change history. `scale` shrinks everything (the tests run it at a tiny scale).
"""

import datetime
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction

from .models.partners import OPD, KelompokMasyarakat, Lembaga, Officer, Official
from .models.regions import RT, RW, Kecamatan, Kelurahan, KotaKabupaten
from .models.users import User

KECAMATAN_COUNT = 31
KELURAHAN_COUNT = 154
RW_PER_KELURAHAN = 10
RT_PER_RW = 6
BENCH_PASSWORD = "bench-only-password"
SCALE_KOTA = "Skala"


def scale_kelurahan() -> list[Kelurahan]:
    """The kelurahan of the scale city, in creation order (empty before `seed_scale`)."""
    return list(Kelurahan.objects.filter(kecamatan__kota__name=SCALE_KOTA).order_by("pk"))


@transaction.atomic
def seed_scale(*, stdout, scale: float = 1.0) -> None:
    rng = random.Random(20201221)
    kota, _ = KotaKabupaten.objects.get_or_create(kind="kota", name=SCALE_KOTA)
    if Kelurahan.objects.filter(kecamatan__kota=kota).exists():
        stdout.write("Scale data exists already; skipping the kelurahan app.")
        return
    kecamatan_count = max(1, round(KECAMATAN_COUNT * scale))
    kelurahan_count = max(kecamatan_count, round(KELURAHAN_COUNT * scale))
    kecamatan = Kecamatan.objects.bulk_create(
        Kecamatan(kota=kota, name=f"Kecamatan {i + 1:02d}") for i in range(kecamatan_count)
    )
    kelurahan = Kelurahan.objects.bulk_create(
        Kelurahan(kecamatan=kecamatan[i % kecamatan_count], name=f"Kelurahan {i + 1:03d}")
        for i in range(kelurahan_count)
    )
    rws = RW.objects.bulk_create(
        RW(kelurahan=k, number=n, chair_name=f"Ketua RW {n}")
        for k in kelurahan
        for n in range(1, RW_PER_KELURAHAN + 1)
    )
    RT.objects.bulk_create(
        RT(rw=rw, number=n, chair_name=f"Ketua RT {n}")
        for rw in rws
        for n in range(1, RT_PER_RW + 1)
    )
    lembaga = []
    for index, k in enumerate(kelurahan):
        k_rws = rws[index * RW_PER_KELURAHAN : (index + 1) * RW_PER_KELURAHAN]
        lembaga += [
            Lembaga(kelurahan=k, kind="lpm", name=f"LPM {k.name}"),
            Lembaga(kelurahan=k, kind="pkk", name=f"TP PKK {k.name}"),
            Lembaga(kelurahan=k, kind="karang_taruna", name=f"Karang Taruna {k.name}"),
            *(Lembaga(kelurahan=k, kind="posyandu", name=f"Posyandu {rw}", rw=rw) for rw in k_rws),
            *(Lembaga(kelurahan=k, kind="paud", name=f"PAUD {n}", rw=k_rws[n]) for n in range(3)),
        ]
    lembaga = Lembaga.objects.bulk_create(lembaga)
    start = datetime.date(2020, 1, 1)
    Officer.objects.bulk_create(
        Officer(lembaga=lem, name=f"Pengurus {lem.pk}-{p}", position=p, start_date=start)
        for lem in lembaga
        for p in ("ketua", "sekretaris", "bendahara")
    )
    KelompokMasyarakat.objects.bulk_create(
        KelompokMasyarakat(
            kelurahan=k,
            kind=kind,
            name=f"Kelompok {kind} {k.name}",
            member_count=rng.randint(8, 40),
        )
        for k in kelurahan
        for kind in ("bkb", "dasawisma", "keagamaan", "umkm", "lansia")
    )
    Official.objects.bulk_create(
        Official(kelurahan=k, name=f"{position} {k.name}", position=position, start_date=start)
        for k in kelurahan
        for position in ("lurah", "sekretaris", "kasi_kesra", "babinsa", "bhabinkamtibmas", "bidan")
    )
    OPD.objects.bulk_create(
        OPD(kota=kota, kind="puskesmas", name=f"Puskesmas {kc.name}", kecamatan=kc)
        for kc in kecamatan
    )
    password = make_password(BENCH_PASSWORD)
    User.objects.bulk_create(
        [
            *(
                User(username=f"petugas.{k.pk}", role="petugas", kelurahan=k, password=password)
                for k in kelurahan
            ),
            User(
                username="bench.kecamatan",
                role="kecamatan",
                kecamatan=kecamatan[0],
                password=password,
            ),
        ]
    )
    stdout.write(
        f"Scale data: {kecamatan_count} kecamatan, {kelurahan_count} kelurahan, {len(rws)} RW, "
        f"{len(lembaga)} lembaga."
    )
