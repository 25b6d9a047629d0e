"""The stunting panel of the dashboard: targets, this month's stunting prevalence among the
children measured, and the children not weighed yet. One GROUP BY query per row."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from kelurahan.dashboard import Panel, Row, counts_by_kelurahan, row_from_counts

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
    measured = counts_by_kelurahan(this_month.filter(height_cm__isnull=False), kelurahan_list)
    stunted = counts_by_kelurahan(
        this_month.filter(height_cm__isnull=False, hfa_category__in=STUNTED), kelurahan_list
    )
    not_weighed = counts_by_kelurahan(
        queries.action_list("belum-ditimbang", Person.objects.all(), month=month), kelurahan_list
    )
    pregnancies = Pregnancy.objects.current()

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
            counts_by_kelurahan(Person.objects.aged_months(0, 23), kelurahan_list),
            kelurahan_list,
            reverse("stunting:child_list"),
        ),
        row_from_counts(
            _("Balita 0-59 bulan"),
            counts_by_kelurahan(balita, kelurahan_list),
            kelurahan_list,
            reverse("stunting:child_list"),
        ),
        row_from_counts(
            _("Ibu hamil dan nifas"),
            counts_by_kelurahan(pregnancies, kelurahan_list),
            kelurahan_list,
            reverse("stunting:pregnancy_list"),
        ),
        row_from_counts(
            _("Ibu hamil KEK atau risiko tinggi"),
            counts_by_kelurahan(pregnancies.high_risk(), kelurahan_list),
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
