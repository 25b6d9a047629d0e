"""Regions, institutions, officials and users: the base every other app builds on.

Every row that belongs to a kelurahan is read through `for_user(user)` of a `ScopedQuerySet`,
so that a user of one kelurahan never sees another's data; the user's `Scope` (all, one
kecamatan, one kelurahan or nothing) is worked out in one place, `scope.py`.
"""

from .backups import BackupRecord
from .base import (
    DISCUSSION_MAX_LENGTH,
    MINUTES_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    DueDateQuerySet,
    LimitedTextField,
    OpenStatusQuerySet,
    ScopedQuerySet,
    TimeStampedModel,
    check_constraint,
    deletion_consequences,
    digits_check,
    end_after_start,
    kelurahan_key,
    kind_matches_link,
    optional_key,
    range_check,
    unique_constraint,
    user_key,
)
from .partners import OPD, KelompokMasyarakat, Lembaga, Officer, Official
from .regions import RT, RW, Kecamatan, Kelurahan, KotaKabupaten
from .scope import Scope
from .signing import SignedDocument, SigningLog, signature_complete
from .submissions import FormSubmission
from .users import User

__all__ = [
    "DISCUSSION_MAX_LENGTH",
    "MINUTES_MAX_LENGTH",
    "NOTES_MAX_LENGTH",
    "BackupRecord",
    "DueDateQuerySet",
    "LimitedTextField",
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
    "OpenStatusQuerySet",
    "Scope",
    "ScopedQuerySet",
    "SignedDocument",
    "SigningLog",
    "TimeStampedModel",
    "User",
    "check_constraint",
    "deletion_consequences",
    "digits_check",
    "end_after_start",
    "kelurahan_key",
    "kind_matches_link",
    "optional_key",
    "range_check",
    "signature_complete",
    "unique_constraint",
    "user_key",
]
