"""The 2A and 2B forms and the home visits logged one by one (`stunting.fieldwork`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import ages
from ..fieldwork import logged_visit_count

__all__ = ["LoggedVisitsMixin"]


class LoggedVisitsMixin:
    """The 2A and 2B forms: "jumlah kunjungan rumah" counts the home visits logged one by one
    (`stunting.fieldwork`), so it may not be lower than they are, and a record that counts
    logged visits keeps its month."""

    def clean_home_visits(self):
        value = self.cleaned_data.get("home_visits")
        logged = logged_visit_count(self.instance)
        if value is not None and value < logged:
            raise ValidationError(
                _(
                    "Jumlah kunjungan rumah tidak boleh kurang dari %(n)d: sudah tercatat "
                    "%(n)d kunjungan rumah pada bulan ini di buku kunjungan rumah."
                )
                % {"n": logged}
            )
        return value

    def _month_kept_error(self, day) -> str | None:
        saved = self.initial_month
        if saved is None or ages.month_start(day) == saved:
            return None
        logged = logged_visit_count(self.instance)
        if not logged:
            return None
        return _(
            "Tanggal tidak bisa dipindah ke bulan lain: formulir ini menghitung %(n)d kunjungan "
            "rumah yang tercatat pada bulan %(month)s. Pindahkan dulu tanggal kunjungan rumahnya."
        ) % {"n": logged, "month": saved.strftime("%m/%Y")}
