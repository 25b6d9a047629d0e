"""The base of every model that belongs to a kelurahan."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from .scope import Scope


def optional_key(to, *, on_delete, related_name: str, verbose_name, **kwargs) -> models.ForeignKey:
    """A link that may be empty (`null=True, blank=True`): every optional foreign key."""
    return models.ForeignKey(
        to,
        on_delete=on_delete,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
        **kwargs,
    )


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
