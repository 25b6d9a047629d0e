"""What part of the data a user reads: the one place where the role ladder is walked.

authenticated and active? -> sees all (admin, superuser) -> one kecamatan (kecamatan staff)
-> one kelurahan (petugas, lurah, kasi kesra) -> nothing.

`User.scope` gives a user's `Scope`; `Scope.of(user)` also takes an anonymous user. Querysets
filter with `scope.filter(...)`, one record's checks use `scope.covers(...)`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

KECAMATAN_ROLE = "kecamatan"


class Level(enum.Enum):
    ALL = "all"
    KECAMATAN = "kecamatan"
    KELURAHAN = "kelurahan"
    NONE = "none"


@dataclass(frozen=True)
class Scope:
    level: Level
    kecamatan_id: int | None = None
    kelurahan_id: int | None = None

    @classmethod
    def of(cls, user) -> Scope:
        """The ladder. It reads only the user's own columns: no query, so nothing to cache."""
        if not user.is_authenticated or not user.is_active:
            return NO_SCOPE
        if user.sees_all:
            return ALL_SCOPE
        if user.role == KECAMATAN_ROLE and user.kecamatan_id:
            return cls(Level.KECAMATAN, kecamatan_id=user.kecamatan_id)
        if user.kelurahan_id:
            return cls(Level.KELURAHAN, kelurahan_id=user.kelurahan_id)
        return NO_SCOPE

    @property
    def is_all(self) -> bool:
        return self.level is Level.ALL

    @property
    def is_kecamatan(self) -> bool:
        return self.level is Level.KECAMATAN

    @property
    def is_kelurahan(self) -> bool:
        return self.level is Level.KELURAHAN

    def filter(
        self, queryset: QuerySet, *, kecamatan: str, kelurahan: str | Callable[[int], Q]
    ) -> QuerySet:
        """`queryset` narrowed to the scope: `kecamatan` is the lookup compared with the
        kecamatan id, `kelurahan` the lookup (or a function of the id giving a Q) for the
        kelurahan id."""
        if self.level is Level.ALL:
            return queryset
        if self.level is Level.KECAMATAN:
            return queryset.filter(**{kecamatan: self.kecamatan_id})
        if self.level is Level.KELURAHAN:
            if callable(kelurahan):
                return queryset.filter(kelurahan(self.kelurahan_id))
            return queryset.filter(**{kelurahan: self.kelurahan_id})
        return queryset.none()

    def covers(self, *, kecamatan_id: int | None, kelurahan_id: int | None) -> bool:
        """Whether a record of that kecamatan / kelurahan is inside the scope."""
        if self.level is Level.ALL:
            return True
        if self.level is Level.KECAMATAN:
            return kecamatan_id is not None and kecamatan_id == self.kecamatan_id
        if self.level is Level.KELURAHAN:
            return kelurahan_id is not None and kelurahan_id == self.kelurahan_id
        return False


ALL_SCOPE = Scope(Level.ALL)
NO_SCOPE = Scope(Level.NONE)
