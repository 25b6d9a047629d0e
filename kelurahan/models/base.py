"""The base of every model that belongs to a kelurahan."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.utils.translation import gettext_lazy as _

KECAMATAN_ROLE = "kecamatan"


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class ScopedQuerySet(models.QuerySet):
    """A QuerySet of rows that belong to a kelurahan through `kelurahan_lookup`."""

    kelurahan_lookup = "kelurahan"

    def for_user(self, user) -> Self:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_all:
            return self
        if user.role == KECAMATAN_ROLE and user.kecamatan_id:
            return self.filter(**{f"{self.kelurahan_lookup}__kecamatan_id": user.kecamatan_id})
        if user.kelurahan_id:
            return self.filter(**{f"{self.kelurahan_lookup}_id": user.kelurahan_id})
        return self.none()

    def for_kelurahan(self, kelurahan) -> Self:
        return self.filter(**{self.kelurahan_lookup: kelurahan})
