"""Regions, institutions, officials and users: the base every other app builds on.

Every row that belongs to a kelurahan is read through `for_user(user)` of a `ScopedQuerySet`,
so that a user of one kelurahan never sees another's data.
"""

from .backups import BackupRecord
from .base import ScopedQuerySet, TimeStampedModel
from .partners import OPD, KelompokMasyarakat, Lembaga, Officer, Official
from .regions import RT, RW, Kecamatan, Kelurahan, KotaKabupaten
from .users import User

__all__ = [
    "BackupRecord",
    "OPD",
    "RT",
    "RW",
    "KelompokMasyarakat",
    "Kecamatan",
    "Kelurahan",
    "KotaKabupaten",
    "Lembaga",
    "Officer",
    "Official",
    "ScopedQuerySet",
    "TimeStampedModel",
    "User",
]
