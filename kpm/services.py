"""Writes of the kpm app that touch several rows or models, each in one transaction."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kelurahan.models import Kelurahan

from .models import SK, Kader, Relasi


@transaction.atomic
def deactivate_kader(
    *, kader: Kader, ended_on: datetime.date, end_sk: SK | None, reason: str
) -> Kader:
    """End a cadre's term: mark them inactive and end their open working relations.

    Nothing is deleted; the change history keeps the earlier versions.
    """
    kader.is_active = False
    kader.ended_on = ended_on
    kader.end_sk = end_sk
    kader.end_reason = reason
    kader.full_clean()
    kader.save()
    if end_sk is not None and end_sk.kind == SK.Kind.PEMBERHENTIAN:
        end_sk.kaders.add(kader)
    open_relations = Relasi.objects.filter(Q(kader=kader) | Q(partner_kader=kader)).filter(
        Q(end_date__isnull=True) | Q(end_date__gt=ended_on)
    )
    for relasi in open_relations:
        relasi.end_date = max(ended_on, relasi.start_date)
        relasi.save(update_fields=["end_date", "updated_at"])
    return kader


@transaction.atomic
def reactivate_kader(*, kader: Kader) -> Kader:
    """Bring a cadre back (for example after a mistaken deactivation or a new appointment)."""
    if Kader.objects.filter(nik=kader.nik, is_active=True).exclude(pk=kader.pk).exists():
        raise ValidationError(_("NIK ini sudah terdaftar sebagai kader KPM aktif."))
    kader.is_active = True
    kader.ended_on = None
    kader.end_sk = None
    kader.end_reason = ""
    kader.save()
    return kader


@transaction.atomic
def import_kader(*, kelurahan: Kelurahan, forms: list) -> list[Kader]:
    """Save every validated import row, or none: the caller passes only all-valid forms."""
    if any(not form.is_valid() for form in forms):
        raise ValidationError(_("Ada baris yang belum valid; tidak ada data yang disimpan."))
    saved = []
    for form in forms:
        form.instance.kelurahan = kelurahan
        saved.append(form.save())
    return saved
