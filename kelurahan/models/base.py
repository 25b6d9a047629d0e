"""The base of every model that belongs to a kelurahan."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from .scope import Scope


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class ScopedQuerySet(models.QuerySet):
    """A QuerySet of rows that belong to a kelurahan through `kelurahan_lookup`."""

    kelurahan_lookup = "kelurahan"

    def for_user(self, user) -> Self:
        lookup = self.kelurahan_lookup
        return Scope.of(user).filter(
            self, kecamatan=f"{lookup}__kecamatan_id", kelurahan=f"{lookup}_id"
        )

    def for_kelurahan(self, kelurahan) -> Self:
        return self.filter(**{self.kelurahan_lookup: kelurahan})
