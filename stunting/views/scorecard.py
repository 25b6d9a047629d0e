"""The Scorecard Konvergensi of a kelurahan-quarter, its recaps (3A, 3B, PAUD), the targets
behind any figure, and one target's marks with the monthly records that decided them.

Every page reads the quarter through `scorecard.compute.load` (the live figures, or the
validated snapshot once a quarter is validated) and keeps the year, quarter, kelurahan and
filters on its links. A kelurahan user sees their own kelurahan; kecamatan users and admins
pick one of their scope with `?kelurahan=<id>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from kelurahan.dates import Quarter
from kelurahan.models import RW, Kelurahan, Lembaga
from kelurahan.viewhelpers import chosen_kelurahan

from ..forms.scorecard_filters import QuarterForm, ScorecardFilterForm
from ..models import ChildMonth, Measurement, PregnancyMonth, QuarterReport
from ..scorecard import documents, labels
from ..scorecard.compute import Ratio, load_quarters
from ..scorecard.trend import konvergensi_trend, trend_chart
from .scorecard_report import validation_context


@dataclass
class IndicatorRow:
    """One row of table 3 (or a recap's footer cell): the indicator and its count of Y."""

    group: str
    number: int
    wording: str
    short: str
    ratio: Ratio
    targets: int

    @property
    def key_y(self) -> str:
        return f"{self.group}-{self.number}-Y"

    @property
    def key_t(self) -> str:
        return f"{self.group}-{self.number}-T"

    @property
    def key_ts(self) -> str:
        return f"{self.group}-{self.number}-TS"

    @property
    def t(self) -> int:
        return self.ratio.applicable - self.ratio.y

    @property
    def ts(self) -> int:
        return self.targets - self.ratio.applicable


def _indicator_rows(group: str, summary_group) -> list[IndicatorRow]:
    count = len(summary_group.targets)
    return [
        IndicatorRow(group, number, wording, short, ratio, count)
        for number, ((wording, short), ratio) in enumerate(
            zip(labels.INDICATORS[group], summary_group.indicators, strict=True), 1
        )
    ]


TREND_QUARTERS = 8


def _open(request, *, scorecard: bool = False) -> dict | None:
    """What every scorecard page reads: the kelurahan, quarter, the quarter's result (`full`:
    its validated snapshot or live figures) and its filtered part (`result`), the filter form
    and the query strings links keep; for the `scorecard` page itself also the quarter's
    report and the same quarter a year earlier, read together. None when a wider-scoped user
    has not chosen a kelurahan yet."""
    quarter = Quarter.parse(request.GET.get("tahun"), request.GET.get("triwulan"))
    kelurahan = chosen_kelurahan(request)
    if kelurahan is None:
        return None
    rws = list(RW.objects.filter(kelurahan=kelurahan).order_by("number"))
    posyandus = list(
        Lembaga.objects.filter(kelurahan=kelurahan, kind=Lembaga.Kind.POSYANDU).order_by("name")
    )
    bound = ScorecardFilterForm(request.GET, rws=rws, posyandus=posyandus)
    filters = bound.valid_params()
    base = {} if request.user.scope.is_kelurahan else {"kelurahan": kelurahan.pk}
    params = {"tahun": quarter.year, "triwulan": quarter.number, **base}
    report = None
    back = [4] if scorecard else []
    results = load_quarters([kelurahan.pk], [quarter.shifted(-n) for n in back] + [quarter])
    full = results[-1]
    if scorecard:
        reports = QuarterReport.objects.select_related("validated_by", "rembuk_rapat")
        report = reports.for_quarter(kelurahan.pk, quarter).first()

    def query(q: Quarter, **extra) -> str:
        return urlencode({"tahun": q.year, "triwulan": q.number, **base, **extra})

    return {
        "kelurahan": kelurahan,
        "quarter": quarter,
        "full": full,
        "report": report,
        "results": results,
        "result": full.filtered(**bound.engine_filters()) if filters else full,
        "form": ScorecardFilterForm({**filters, **params}, rws=rws, posyandus=posyandus),
        "quarter_form": QuarterForm({**filters, **params}, auto_id="id_q_%s"),
        "filtered": bool(filters),
        "query": query(quarter, **filters),
        "base_query": query(quarter),
        "previous_quarter": quarter.shifted(-1),
        "next_quarter": quarter.shifted(1),
        "previous_query": query(quarter.shifted(-1), **filters),
        "next_query": query(quarter.shifted(1), **filters),
        "rw_names": {rw.pk: str(rw) for rw in rws},
        "posyandu_names": {p.pk: p.name for p in posyandus},
    }


def _choose(request):
    """A wider-scoped user's list of the kelurahan they may open, for the chosen quarter."""
    quarter = Quarter.parse(request.GET.get("tahun"), request.GET.get("triwulan"))
    choices = Kelurahan.objects.for_user(request.user).select_related("kecamatan")
    return render(
        request,
        "stunting/scorecard/choose.html",
        {
            "quarter": quarter,
            "choices": choices.order_by("kecamatan__name", "name"),
            "query": urlencode({"tahun": quarter.year, "triwulan": quarter.number}),
        },
    )


def _prefix(name: str, *args) -> str:
    """The URL of a page by id without its id, for long tables that link every row (one
    `reverse` instead of one a row): `/stunting/sasaran/` + id + `/`."""
    return reverse(name, args=[*args, 1]).removesuffix("1/")


def _not_chosen(request):
    return redirect(reverse("stunting:scorecard") + "?" + request.GET.urlencode())


@login_required
def scorecard(request):
    page = _open(request, scorecard=True)
    if page is None:
        return _choose(request)
    summary = page["result"].summary()
    page.update(
        summary=summary,
        ibu_rows=_indicator_rows("ibu", summary.ibu),
        anak_rows=_indicator_rows("anak", summary.anak),
        fathers_counselled=len(page["result"].figure_targets("anak-ayah")),
        paud_indicator=labels.PAUD_INDICATOR,
        paud_inactive=summary.paud_registered - summary.paud_active.y,
        paud_unregistered=len(summary.paud) - summary.paud_registered,
        budget=documents.budget(page["kelurahan"], page["quarter"]),
    )
    page.update(
        validation_context(
            request,
            page["kelurahan"],
            page["quarter"],
            report=page["report"],
            konvergensi=page["full"].summary().kelurahan_konvergensi,
            previous_konvergensi=page["results"][0].summary().kelurahan_konvergensi,
        )
    )
    return render(request, "stunting/scorecard/scorecard.html", page)


@login_required
def scorecard_trend(request):
    page = _open(request)
    if page is None:
        return _not_chosen(request)
    points = konvergensi_trend([page["kelurahan"].pk], page["quarter"], TREND_QUARTERS)
    page.update(group="tren", trend=trend_chart(points))
    return render(request, "stunting/scorecard/trend.html", page)


@login_required
def scorecard_recap(request, group):
    if group not in labels.GROUPS:
        raise Http404
    page = _open(request)
    if page is None:
        return _not_chosen(request)
    summary = page["result"].summary()
    page.update(group=group, group_label=labels.GROUPS[group], summary=summary)
    if group == "paud":
        page.update(rows=summary.paud, person_prefix=_prefix("stunting:person_detail"))
    else:
        page.update(
            rows=getattr(summary, group).targets,
            indicators=_indicator_rows(group, getattr(summary, group)),
            konvergensi=getattr(summary, group).konvergensi,
            names=labels.STAGES if group == "ibu" else labels.BANDS,
            semua=f"{group}-semua",
            trace_prefix=_prefix("stunting:scorecard_target", group),
        )
    return render(request, "stunting/scorecard/recap.html", page)


@login_required
def scorecard_figure(request, key):
    page = _open(request)
    if page is None:
        return _not_chosen(request)
    targets = page["result"].figure_targets(key)
    if targets is None:
        raise Http404
    parts = key.split("-")
    index = int(parts[1]) - 1 if len(parts) == 3 else None
    page.update(
        key=key,
        title=labels.figure_title(key),
        paud=key.startswith("paud-"),
        rows=[(t, t.marks[index] if index is not None else None) for t in targets],
        with_marks=index is not None,
        prefixes={
            "person": _prefix("stunting:person_detail"),
            "pregnancy": _prefix("stunting:pregnancy_detail"),
            "ibu": _prefix("stunting:scorecard_target", "ibu"),
            "anak": _prefix("stunting:scorecard_target", "anak"),
        },
    )
    return render(request, "stunting/scorecard/figure.html", page)


@login_required
def scorecard_target(request, group, pk):
    page = _open(request)
    if page is None:
        return _not_chosen(request)
    target = page["full"].target(group, pk)
    if target is None:
        raise Http404
    page.update(
        group=group,
        target=target,
        marks=list(zip(labels.INDICATORS[group], target.marks, strict=True)),
        names=labels.STAGES if group == "ibu" else labels.BANDS,
        **_records(page, target),
    )
    return render(request, "stunting/scorecard/target.html", page)


@dataclass
class MonthRow:
    month: object
    record: object
    measurement: object
    in_quarter: bool


def _records(page: dict, target) -> dict:
    """The monthly records behind one target's marks, read afresh (a validated quarter's
    snapshot keeps the marks, not the records): all 2A records of the pregnancy up to the
    quarter's end, or every month of the child's look-back window (and of the year so far)
    with its 2B record and measurement."""
    quarter = page["quarter"]
    if target.group == "ibu":
        records = PregnancyMonth.objects.filter(
            pregnancy_id=target.pregnancy_id, month__lte=quarter.end
        ).order_by("month")
        return {"records": [(r, r.month >= quarter.start) for r in records]}
    rules = page["full"].rule_set
    windows = (rules.weighing, rules.counseling, rules.parenting)
    longest = max((w[target.band].quarters for w in windows if target.band in w), default=1)
    # The longest look-back window of the child's age band, and the year's February (diukur).
    first = min(quarter.window(longest)[0], quarter.start.replace(month=1))
    months = [m for m in quarter.window(longest + 4) if m >= first]
    span = (first, quarter.end)
    records = {
        r.month: r for r in ChildMonth.objects.filter(person_id=target.person_id, month__range=span)
    }
    measurements = {
        m.month: m
        for m in Measurement.objects.filter(person_id=target.person_id, month__range=span)
    }
    return {
        "months": [
            MonthRow(month, records.get(month), measurements.get(month), month >= quarter.start)
            for month in reversed(months)
        ]
    }
