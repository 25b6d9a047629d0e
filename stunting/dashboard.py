"""The stunting panel of the dashboard: targets, this month's stunting prevalence among the
children measured, and the children not weighed yet. One GROUP BY query per table it counts."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from kelurahan.dashboard import Panel, Row, counts_by_kelurahan, grouped_counts, row_from_counts

from . import ages, queries
from .models import Family, Measurement, Person, Pregnancy
from .models.measurement import STUNTED, counted


def panels(user, kelurahan_list) -> list[Panel]:
    month = queries.this_month()
    balita = Person.objects.balita()
    earliest, _latest = ages.birth_date_range(0, ages.MEASUREMENT_MONTHS[1], month)
    this_month = (
        Measurement.objects.filter(month=month)
        .alias(birth_date=queries.MeasuredBirthDate())
        .filter(birth_date__gte=earliest)
        .filter(counted())
    )
    lengths = grouped_counts(
        this_month.filter(height_cm__isnull=False),
        kelurahan_list,
        measured=Q(),
        stunted=Q(hfa_category__in=STUNTED),
    )
    measured, stunted = lengths["measured"], lengths["stunted"]
    # Children 0-23 months are the balita born on or after the earliest 23-month birth date.
    young_since, _today = ages.birth_date_range(0, 23, timezone.localdate())
    children = grouped_counts(
        balita, kelurahan_list, balita=Q(), young=Q(birth_date__gte=young_since)
    )
    not_weighed = counts_by_kelurahan(
        queries.action_list("belum-ditimbang", Person.objects.all(), month=month), kelurahan_list
    )
    mothers = grouped_counts(
        Pregnancy.objects.current(),
        kelurahan_list,
        current=Q(),
        high_risk=Q(status__in=Pregnancy.HIGH_RISK),
    )

    def prevalence(k) -> str:
        n = measured.get(k.pk, 0)
        if not n:
            return "–"
        return number_format(100 * stunted.get(k.pk, 0) / n, 1) + "%"

    rows = [
        row_from_counts(
            _("Keluarga sasaran"),
            counts_by_kelurahan(Family.objects.all(), kelurahan_list),
            kelurahan_list,
            reverse("stunting:family_list"),
        ),
        row_from_counts(
            _("Anak 0-23 bulan"),
            children["young"],
            kelurahan_list,
            reverse("stunting:child_list"),
        ),
        row_from_counts(
            _("Balita 0-59 bulan"),
            children["balita"],
            kelurahan_list,
            reverse("stunting:child_list"),
        ),
        row_from_counts(
            _("Ibu hamil dan nifas"),
            mothers["current"],
            kelurahan_list,
            reverse("stunting:pregnancy_list"),
        ),
        row_from_counts(
            _("Ibu hamil KEK atau risiko tinggi"),
            mothers["high_risk"],
            kelurahan_list,
            reverse("stunting:pregnancy_list") + "?status=risiko",
            highlight=True,
        ),
        row_from_counts(_("Balita diukur panjang/tinggi bulan ini"), measured, kelurahan_list),
        row_from_counts(
            _("Balita pendek/sangat pendek bulan ini"),
            stunted,
            kelurahan_list,
            reverse("stunting:action_list", args=["stunting"]),
        ),
        Row(
            _("Prevalensi stunting di antara yang diukur"),
            [prevalence(k) for k in kelurahan_list],
            highlight=True,
        ),
        row_from_counts(
            _("Balita belum ditimbang bulan ini"),
            not_weighed,
            kelurahan_list,
            reverse("stunting:action_list", args=["belum-ditimbang"]),
            highlight=True,
        ),
    ]
    note = _(
        "Bulan ini: %(month)s. Status gizi dihitung dari nilai z WHO (Permenkes No. 2 Tahun 2020)."
    ) % {"month": date_format(month, "F Y")}
    return [Panel(title=_("Pencegahan stunting"), rows=rows, note=note)]
