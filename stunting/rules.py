"""The rules a monthly record must keep, as Indonesian messages, shared by forms and imports."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from . import ages


def visit_date_error(
    *, birth_date: datetime.date | None, visit_date: datetime.date, months: tuple[int, int]
) -> str | None:
    """Why a visit of a child born on `birth_date` cannot be recorded on `visit_date` in a form
    for children aged `months` (completed months), or None."""
    if visit_date > timezone.localdate():
        return _("Tanggal tidak boleh di masa depan.")
    if birth_date is None:
        return _("Tanggal lahir anak belum diisi. Lengkapi data anak terlebih dahulu.")
    if visit_date < birth_date:
        return _("Tanggal tidak boleh sebelum tanggal lahir anak.")
    age = ages.age_months(birth_date, visit_date)
    low, high = months
    if not low <= age <= high:
        return _(
            "Pada tanggal ini anak berumur %(age)d bulan, di luar rentang formulir ini "
            "(%(low)d-%(high)d bulan)."
        ) % {"age": age, "low": low, "high": high}
    return None


def not_in_future(day: datetime.date | None) -> str | None:
    if day and day > timezone.localdate():
        return _("Tanggal tidak boleh di masa depan.")
    return None
