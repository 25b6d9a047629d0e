"""The kelurahan of a kecamatan side by side on the Scorecard Konvergensi, with the kecamatan's
pooled total and its konvergensi trend: for kecamatan staff (their kecamatan) and for users who
see everything (any kecamatan, `?kecamatan=<id>`). A kelurahan user reads only their kelurahan's
scorecard: 403."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from kelurahan.dates import Quarter
from kelurahan.models import Kelurahan
from kelurahan.viewhelpers import chosen_kecamatan

from ..forms.scorecard_kecamatan import KecamatanQuarterForm
from ..scorecard.cache import data_stamp
from ..scorecard.comparison import compare
from ..scorecard.compute import load_quarters
from ..scorecard.trend import konvergensi_trend, trend_chart, trend_quarters


@login_required
def scorecard_kecamatan(request):
    kecamatan = chosen_kecamatan(request)
    quarter = Quarter.parse(request.GET.get("tahun"), request.GET.get("triwulan"))
    kelurahan_list = list(Kelurahan.objects.filter(kecamatan=kecamatan).order_by("name"))
    ids = [kelurahan.pk for kelurahan in kelurahan_list]
    # One data stamp, read over the trend's quarters (they end with `quarter`), serves both.
    stamp = data_stamp(ids, trend_quarters(quarter)) if ids else ""
    (result,) = load_quarters(ids, [quarter], stamp=stamp)
    context = {
        "kecamatan": kecamatan,
        "quarter": quarter,
        "comparison": compare(kelurahan_list, result),
        "trend": trend_chart(
            konvergensi_trend(ids, quarter, stamp=stamp), total_label=_("Kecamatan")
        ),
        "form": KecamatanQuarterForm(
            quarter=quarter, kecamatan=kecamatan, choose_kecamatan=request.user.scope.is_all
        ),
    }
    return render(request, "stunting/scorecard/kecamatan.html", context)
