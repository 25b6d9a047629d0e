"""Writes and figures of referrals to OPD: a referral made and each step of it (who and when),
and the figures per OPD (referred, resolved, open, median days to resolve) computed in the
database."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from kelurahan.models import User

from .models import REASONS, Referral, ReferralStep

Status = Referral.Status

__all__ = ["advance_referral", "create_referral", "figures_by", "median_days_by"]


@transaction.atomic
def create_referral(*, referral: Referral, by: User | None) -> Referral:
    """Save a new referral as "dirujuk" on its day, with its first step."""
    referral.kelurahan_id = referral.person.kelurahan_id
    referral.paket = REASONS[referral.reason][0]
    referral.status = Status.DIRUJUK
    referral.status_on = referral.referred_on
    referral.created_by = by
    referral.save()
    ReferralStep.objects.create(
        referral=referral, status=Status.DIRUJUK, on=referral.referred_on, by=by
    )
    return referral


@transaction.atomic
def advance_referral(
    *, referral: Referral, status: str, on: datetime.date, by: User | None, note: str = ""
) -> Referral:
    """Take a referral one step on: diterima, ditindaklanjuti, selesai, or ditolak (with a
    reason). A step that cannot follow the current one, or is dated before it, is refused. A
    signed letter still takes its steps: they are the OPD's answer, not the letter."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if status not in referral.next_statuses:
        raise ValidationError(
            _("Rujukan berstatus “%(now)s” tidak bisa diubah menjadi “%(new)s”.")
            % {"now": referral.get_status_display(), "new": Status(status).label}
        )
    if on < referral.status_on:
        raise ValidationError(
            _("Tanggal langkah ini tidak boleh sebelum langkah sebelumnya (%(date)s).")
            % {"date": referral.status_on.strftime("%d/%m/%Y")}
        )
    if status == Status.DITOLAK and not note.strip():
        raise ValidationError(_("Tulis alasan penolakan."))
    referral.status, referral.status_on = status, on
    if status == Status.SELESAI:
        referral.resolved_on = on
        referral.days_to_resolve = (on - referral.referred_on).days
    # Only the status: a step never touches the letter, which may be signed.
    referral.save(update_fields=[*Referral.STATUS_FIELDS, "updated_at"])
    ReferralStep.objects.create(referral=referral, status=status, on=on, by=by, note=note.strip())
    return referral


def figures_by(referrals: QuerySet, field: str) -> dict:
    """Per value of `field` (e.g. "opd", "kelurahan"): referred, resolved (selesai), refused and
    open counts, in one query."""
    rows = (
        referrals.order_by()
        .values(field)
        .annotate(
            referred=Count("pk"),
            resolved=Count("pk", filter=Q(status=Status.SELESAI)),
            refused=Count("pk", filter=Q(status=Status.DITOLAK)),
            open=Count("pk", filter=Q(status__in=Referral.OPEN)),
        )
    )
    return {row[field]: row for row in rows}


def median_days_by(referrals: QuerySet, field: str) -> dict:
    """The median days to resolve of the resolved referrals, per value of `field`, computed in
    the database on SQLite and PostgreSQL alike: each group's resolved rows are numbered in
    order of their days, and the middle one (or the mean of the middle two) is the median."""
    resolved = referrals.filter(status=Status.SELESAI).order_by()
    numbered = resolved.annotate(
        position=Window(
            RowNumber(), partition_by=[F(field)], order_by=[F("days_to_resolve").asc(), F("pk")]
        ),
        size=Window(Count("pk"), partition_by=[F(field)]),
    )
    middle = numbered.filter(
        Q(position=(F("size") + 1) / 2) | Q(position=(F("size") + 2) / 2)
    ).values("pk")
    rows = (
        Referral.objects.filter(pk__in=middle)
        .order_by()
        .values(field)
        .annotate(median=Avg("days_to_resolve"))
    )
    return {row[field]: row["median"] for row in rows}
