"""The base of every model that belongs to a kelurahan."""

from __future__ import annotations

import datetime
from typing import Self

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
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


def user_key(verbose_name, *, editable: bool = True) -> models.ForeignKey:
    """Who did something to a row (recorded, approved, checked it...): a login, kept empty when
    the login is deleted; no reverse accessor on the user. `editable=False` for the ones the
    services fill."""
    return optional_key(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
        editable=editable,
    )


def kelurahan_key(related_name: str, *, on_delete) -> models.ForeignKey:
    """The link to the kelurahan a row belongs to (what `for_user` scopes by)."""
    return models.ForeignKey(
        "kelurahan.Kelurahan",
        on_delete=on_delete,
        related_name=related_name,
        verbose_name=_("kelurahan"),
    )


def unique_constraint(name: str, *fields: str, message, **kwargs) -> models.UniqueConstraint:
    """`fields` are unique together (with `condition=...` only where it holds), with the
    Indonesian `message` a form shows when a row breaks it."""
    return models.UniqueConstraint(
        fields=list(fields), name=name, violation_error_message=message, **kwargs
    )


def check_constraint(name: str, condition: Q, message) -> models.CheckConstraint:
    """Every row satisfies `condition`; a form shows the Indonesian `message` when one does not."""
    return models.CheckConstraint(condition=condition, name=name, violation_error_message=message)


def end_after_start(
    name: str,
    *,
    start: str = "start_date",
    end: str = "end_date",
    start_may_be_empty: bool = False,
    message=None,
) -> models.CheckConstraint:
    """A period's `end`, when there is one, is not before its `start` (with the usual message
    about dates unless another `message` is given)."""
    condition = Q(**{f"{end}__isnull": True})
    if start_may_be_empty:
        condition |= Q(**{f"{start}__isnull": True})
    condition |= Q(**{f"{end}__gte": models.F(start)})
    if message is None:
        message = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    return check_constraint(name, condition, message)


def range_check(
    name: str, field: str, low, high, message, *, may_be_empty: bool = False
) -> models.CheckConstraint:
    """`field` is between `low` and `high` (both included) or, with `may_be_empty`, NULL."""
    condition = Q(**{f"{field}__gte": low, f"{field}__lte": high})
    if may_be_empty:
        condition = Q(**{f"{field}__isnull": True}) | condition
    return check_constraint(name, condition, message)


def digits_check(
    name: str, field: str, count: int, message, *, may_be_empty: bool = True
) -> models.CheckConstraint:
    """`field` is `count` digits (a NIK, a KK or NIP number) or, with `may_be_empty`, ""."""
    condition = Q(**{f"{field}__regex": rf"^[0-9]{{{count}}}$"})
    if may_be_empty:
        condition = Q(**{field: ""}) | condition
    return check_constraint(name, condition, message)


def kind_matches_link(
    name: str, kind_field: str, link_of_kind: dict, message, *, link_required: bool
) -> models.CheckConstraint:
    """Each value of `kind_field` uses one link field (None: no link), as `link_of_kind` maps
    them: the other kinds' links are empty and, with `link_required`, the kind's own is set."""
    kinds_of_link: dict[str | None, list] = {}
    for kind, link in link_of_kind.items():
        kinds_of_link.setdefault(link, []).append(kind)
    links = [link for link in kinds_of_link if link is not None]
    condition = Q()
    for link, kinds in kinds_of_link.items():
        lookups = {f"{other}__isnull": True for other in links if other != link}
        if link is not None and link_required:
            lookups[f"{link}__isnull"] = False
        if len(kinds) == 1:
            lookups[kind_field] = kinds[0]
        else:
            lookups[f"{kind_field}__in"] = kinds
        condition |= Q(**lookups)
    return check_constraint(name, condition, message)


# --- Free text with a limit ------------------------------------------------------------------
# Every free-text field has a length limit, checked by the form and by model validation with the
# same message: a megabyte of minutes made the minutes PDF take ten seconds.

MINUTES_MAX_LENGTH = 20_000  # notulen
DISCUSSION_MAX_LENGTH = 5_000  # the discussion of one agenda item
NOTES_MAX_LENGTH = 2_000  # keterangan, catatan, one decision


@deconstructible
class TextLengthValidator(MaxLengthValidator):
    """At most `limit_value` characters, said with both numbers in the user's format."""

    message = _(
        "Teks ini terlalu panjang: paling banyak %(limit_value)s karakter, sekarang "
        "%(show_value)s karakter. Persingkat teksnya."
    )

    def __call__(self, value) -> None:
        length = self.clean(value)
        if self.compare(length, self.limit_value):
            params = {
                "limit_value": number_format(self.limit_value, force_grouping=True),
                "show_value": number_format(length, force_grouping=True),
            }
            raise ValidationError(self.message, code=self.code, params=params)


def limit_text(field: forms.CharField, max_length: int) -> forms.CharField:
    """Give a form's text field the limit (and the message) of `TextLengthValidator`; the
    browser gets `maxlength` too."""
    field.max_length = max_length
    field.validators = [
        *(v for v in field.validators if not isinstance(v, MaxLengthValidator)),
        TextLengthValidator(max_length),
    ]
    field.widget.attrs["maxlength"] = str(max_length)
    return field


class LimitedTextField(models.TextField):
    """A TextField whose `max_length` is enforced by model validation too (Django checks it
    only in forms), with `TextLengthValidator`'s message in both places."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    @property
    def default_validators(self) -> list:
        return [TextLengthValidator(self.max_length)]

    def formfield(self, **kwargs):
        return limit_text(super().formfield(**kwargs), self.max_length)


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


class OpenStatusQuerySet(ScopedQuerySet):
    """Rows with a `status` that are open while it is one of the model's `OPEN` statuses."""

    def open(self) -> Self:
        return self.filter(status__in=self.model.OPEN)


class DueDateQuerySet(OpenStatusQuerySet):
    """Open rows with a `due_date` (tasks, follow-ups)."""

    def overdue(self, today: datetime.date | None = None) -> Self:
        """Open rows whose due date has passed: "terlambat" is never stored."""
        return self.open().filter(due_date__lt=today or timezone.localdate())


def deletion_consequences(obj: models.Model) -> list[str]:
    """What deleting `obj` changes elsewhere, in words a user reads ("RT 02/RW 01: 3 keluarga
    sasaran akan kehilangan RT-nya."): rows whose link is emptied (SET_NULL) or that are
    deleted with it (CASCADE). Any app's links count, without this app importing them."""
    lines = []
    for relation in obj._meta.related_objects:
        on_delete = relation.on_delete
        if on_delete not in (models.SET_NULL, models.CASCADE) or relation.many_to_many:
            continue
        count = relation.related_model._default_manager.filter(**{relation.field.name: obj}).count()
        if not count:
            continue
        params = {
            "object": obj,
            "count": count,
            "what": relation.related_model._meta.verbose_name_plural,
            "field": relation.field.verbose_name,
        }
        if on_delete is models.SET_NULL:
            lines.append(
                _("%(object)s: %(count)d %(what)s akan kehilangan %(field)s-nya.") % params
            )
        else:
            lines.append(_("%(object)s: %(count)d %(what)s akan ikut terhapus.") % params)
    return lines
