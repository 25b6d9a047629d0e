"""Regions, institutions, officials and users: the base every other app builds on.

Every row that belongs to a kelurahan is read through `for_user(user)` of a `ScopedQuerySet`,
so that a user of one kelurahan never sees another's data; the user's `Scope` (all, one
kecamatan, one kelurahan or nothing) is worked out in one place, `scope.py`.
"""

from .backups import BackupRecord
from .base import (
    ScopedQuerySet,
    TimeStampedModel,
    end_after_start,
    kelurahan_key,
    optional_key,
)
from .partners import OPD, KelompokMasyarakat, Lembaga, Officer, Official
from .regions import RT, RW, Kecamatan, Kelurahan, KotaKabupaten
from .scope import Scope
from .submissions import FormSubmission
from .users import User

__all__ = [
    "BackupRecord",
    "FormSubmission",
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
    "Scope",
    "ScopedQuerySet",
    "TimeStampedModel",
    "User",
    "end_after_start",
    "kelurahan_key",
    "optional_key",
]
