"""Small factory helpers for the tests: `make_<model>(..., **fields)`."""

import datetime
import itertools

from kelurahan.models.partners import KelompokMasyarakat, Lembaga, Official
from kelurahan.models.regions import RW, Kecamatan, Kelurahan, KotaKabupaten
from kelurahan.models.users import User

PASSWORD = "kata-sandi-uji-123"
_seq = itertools.count(1)


def make_kota(**fields) -> KotaKabupaten:
    fields.setdefault("name", f"Kota Uji {next(_seq)}")
    return KotaKabupaten.objects.create(**fields)


def make_kecamatan(kota=None, **fields) -> Kecamatan:
    fields.setdefault("name", f"Kecamatan {next(_seq)}")
    return Kecamatan.objects.create(kota=kota or make_kota(), **fields)


def make_kelurahan(kecamatan=None, **fields) -> Kelurahan:
    fields.setdefault("name", f"Kelurahan {next(_seq)}")
    return Kelurahan.objects.create(kecamatan=kecamatan or make_kecamatan(), **fields)


def make_user(role=User.Role.PETUGAS, *, kelurahan=None, kecamatan=None, **fields) -> User:
    fields.setdefault("username", f"user{next(_seq)}")
    user = User(role=role, kelurahan=kelurahan, kecamatan=kecamatan, **fields)
    user.set_password(PASSWORD)
    user.save()
    return user


def make_rw(kelurahan, **fields) -> RW:
    fields.setdefault("number", next(_seq))
    return RW.objects.create(kelurahan=kelurahan, **fields)


def make_lembaga(kelurahan, **fields) -> Lembaga:
    fields.setdefault("kind", Lembaga.Kind.POSYANDU)
    fields.setdefault("name", f"Posyandu {next(_seq)}")
    return Lembaga.objects.create(kelurahan=kelurahan, **fields)


def make_kelompok(kelurahan, **fields) -> KelompokMasyarakat:
    fields.setdefault("kind", KelompokMasyarakat.Kind.BKB)
    fields.setdefault("name", f"Kelompok {next(_seq)}")
    return KelompokMasyarakat.objects.create(kelurahan=kelurahan, **fields)


def make_official(kelurahan, **fields) -> Official:
    fields.setdefault("position", Official.Position.TOKOH_MASYARAKAT)
    fields.setdefault("name", f"Tokoh {next(_seq)}")
    fields.setdefault("start_date", datetime.date(2020, 1, 1))
    return Official.objects.create(kelurahan=kelurahan, **fields)
