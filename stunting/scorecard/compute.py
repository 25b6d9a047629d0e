"""A kelurahan-quarter (or several kelurahan at once, for a kecamatan) read from the database
and marked: seven queries whatever the number of targets, then plain Python.

`compute(kelurahan_ids, quarter)` gives a `QuarterResult`: every target with its marks, and
`summary()` (optionally over a filtered subset) gives tables 1-4 and the PAUD figures the way
shared/DESIGN.md §2 pools them. `figure_targets(key)` lists the targets behind any figure.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Subquery
from django.utils.translation import gettext as _

from kelurahan.dates import Quarter, add_months

from .. import ages
from ..models import (
    ChildMonth,
    Measurement,
    PaudMonth,
    Person,
    Pregnancy,
    PregnancyMonth,
    QuarterReport,
)
from ..models.measurement import STUNTED, WASTED, HeightForAge, WeightForHeight
from . import marking
from .cache import cached_quarters
from .results import (  # noqa: F401 - the names pages import from here
    CHILD_INDICATORS,
    MAT_COLOURS,
    MOTHER_INDICATORS,
    Group,
    PaudTarget,
    QuarterResult,
    Ratio,
    Summary,
    Target,
    target_order,
)
from .rules import DEFAULT, RuleSet
from .snapshots import as_json, from_snapshot, snapshot  # noqa: F401

# --- Reading the database -------------------------------------------------------------------


def _common(person, kelurahan_id: int) -> dict:
    family = person.family
    return {
        "person_id": person.pk,
        "name": person.name,
        "kelurahan_id": kelurahan_id,
        "family_id": family.pk,
        "rw_id": family.rw_id,
        "posyandu_id": family.posyandu_id,
        "sex": person.sex,
        "is_resident": person.is_resident,
    }


def _attach(records, groups: dict, key: str, owners) -> None:
    """Group the monthly `records` by their `key` (pregnancy or person) into `groups`, each
    record holding its owner (read once with its family by the `owners` query: joining them to
    every monthly row would build the same person and family again for each month)."""
    by_pk = {owner.pk: owner for owner in owners}
    for record in records:
        owner_id = getattr(record, f"{key}_id")
        setattr(record, key, by_pk[owner_id])
        groups[owner_id].append(record)


def _owners(model, kelurahan_ids, quarters: list[Quarter], key: str):
    """The ids (`key`: pregnancy or person) with a record of `model` in the kelurahan during
    the quarters, as a subquery (without the model's ordering, which would join its owner)."""
    in_range = model.objects.filter(
        kelurahan_id__in=kelurahan_ids, month__range=(quarters[0].start, quarters[-1].end)
    )
    return Subquery(in_range.order_by().values(key))


def _mothers(kelurahan_ids, quarters: list[Quarter], rules: RuleSet) -> list[list[Target]]:
    """The ibu hamil of each quarter (a pregnancy with a 2A record in it in the kelurahan)."""
    in_range = _owners(PregnancyMonth, kelurahan_ids, quarters, "pregnancy_id")
    records = PregnancyMonth.objects.filter(
        pregnancy_id__in=in_range, month__lte=quarters[-1].end
    ).order_by("pregnancy_id", "month")
    pregnancies = Pregnancy.objects.filter(pk__in=in_range).select_related("person__family")
    by_pregnancy = defaultdict(list)
    _attach(records, by_pregnancy, "pregnancy", pregnancies)
    return [_quarter_mothers(by_pregnancy, set(kelurahan_ids), q, rules) for q in quarters]


def _quarter_mothers(by_pregnancy, kelurahan_ids: set, quarter: Quarter, rules) -> list[Target]:
    start, end = quarter.start, quarter.end
    targets = []
    for pregnancy_records in by_pregnancy.values():
        all_records = [r for r in pregnancy_records if r.month <= end]
        in_q = [r for r in all_records if r.month >= start]
        if not any(r.kelurahan_id in kelurahan_ids for r in in_q):
            continue
        last = in_q[-1]
        pregnancy = last.pregnancy
        stage = marking.mother_stage(
            last_stage=last.stage, delivered_on=pregnancy.delivered_on, quarter=quarter
        )
        targets.append(
            Target(
                group="ibu",
                **_common(pregnancy.person, last.kelurahan_id),
                pregnancy_id=pregnancy.pk,
                stage=stage,
                high_risk=last.status in marking.HIGH_RISK,
                marks=marking.mother_marks(
                    rules,
                    quarter=quarter,
                    stage=stage,
                    records=in_q,
                    all_records=all_records,
                    delivered_on=pregnancy.delivered_on,
                ),
            )
        )
    return sorted(targets, key=target_order)


MEASUREMENT_FIELDS = (
    "id",
    "person_id",
    "month",
    "measured_on",
    "weight_kg",
    "height_cm",
    "wfh_category",
    "hfa_category",
    "wfh_z",
    "hfa_z",
    "needs_recheck",
    "recheck_confirmed",
)


def _nutrition_reason(measurement: dict | None) -> tuple[bool, str]:
    """Whether the latest measurement calls for home visits, and why, in words."""
    if measurement is None:
        return False, _("belum pernah diukur sampai akhir triwulan")
    problems = []
    if measurement["wfh_category"] in WASTED:
        problems.append(WeightForHeight(measurement["wfh_category"]).label)
    if measurement["hfa_category"] in STUNTED:
        problems.append(HeightForAge(measurement["hfa_category"]).label)
    when = measurement["measured_on"].strftime("%d-%m-%Y")
    if problems:
        return True, _("pengukuran %(date)s: %(status)s") % {
            "date": when,
            "status": ", ".join(str(p) for p in problems),
        }
    return False, _("pengukuran %(date)s: tidak gizi buruk/kurang dan tidak stunting") % {
        "date": when
    }


def _window_start(quarter: Quarter, rules: RuleSet):
    longest = max(w.quarters for w in (*rules.weighing.values(), *rules.counseling.values()))
    return quarter.shifted(-(longest - 1)).start


def _children(kelurahan_ids, quarters: list[Quarter], rules: RuleSet) -> list[list[Target]]:
    """The anak 0-23 bulan of each quarter (a child with a 2B record in it in the kelurahan),
    with the 2B records and measurements of their look-back windows."""
    first, last_quarter = quarters[0], quarters[-1]
    persons = _owners(ChildMonth, kelurahan_ids, quarters, "person_id")
    records = ChildMonth.objects.filter(
        person_id__in=persons,
        month__range=(_window_start(first, rules), last_quarter.end),
    ).order_by("person_id", "month")
    measurements = defaultdict(list)
    for row in (
        # A child of 0-23 months was born at most 24 months before the first quarter: the
        # lower bound loses no measurement and lets the database use the (person, month) index.
        Measurement.objects.filter(
            person_id__in=persons,
            month__range=(add_months(first.start, -24), last_quarter.end),
        )
        .order_by("person_id", "month")
        .values(*MEASUREMENT_FIELDS)
    ):
        measurements[row["person_id"]].append(row)
    by_person = defaultdict(list)
    people = Person.objects.filter(pk__in=persons).select_related("family")
    _attach(records, by_person, "person", people)
    return [
        _quarter_children(by_person, measurements, set(kelurahan_ids), q, rules) for q in quarters
    ]


def _measured_by(rows: list[dict], end) -> tuple[set, set, dict | None]:
    """The months with a weight, the months with a length/height, and the latest counted
    measurement, up to `end`."""
    weighed, measured, latest = set(), set(), None
    for row in rows:
        if row["month"] > end:
            break
        if row["weight_kg"] is not None:
            weighed.add(row["month"])
        if row["height_cm"] is not None:
            measured.add(row["month"])
        if not row["needs_recheck"] or row["recheck_confirmed"]:
            latest = row
    return weighed, measured, latest


def _quarter_children(by_person, measurements, kelurahan_ids: set, quarter, rules):
    window_start, start, end = _window_start(quarter, rules), quarter.start, quarter.end
    targets = []
    for person_id, person_records in by_person.items():
        window_records = [r for r in person_records if window_start <= r.month <= end]
        in_q = [r for r in window_records if r.month >= start]
        if not any(r.kelurahan_id in kelurahan_ids for r in in_q):
            continue
        last = in_q[-1]
        band = ages.age_band(last.age_months)
        weighed, measured, measurement = _measured_by(measurements[person_id], end)
        needs_visits, status_reason = _nutrition_reason(measurement)
        observed = [r.growth_mat for r in in_q if r.growth_mat != ChildMonth.Mat.TIDAK_DIUKUR]
        targets.append(
            Target(
                group="anak",
                **_common(last.person, last.kelurahan_id),
                band=band,
                age_months=last.age_months,
                measurement=measurement,
                mat=observed[-1] if observed else "tidak_diukur",
                father_counselled=any(r.counseling_father for r in in_q),
                marks=marking.child_marks(
                    rules,
                    quarter=quarter,
                    band=band,
                    last=last,
                    records=in_q,
                    window_records=window_records,
                    weighed=weighed,
                    measured=measured,
                    needs_home_visits=needs_visits,
                    status_reason=status_reason,
                ),
            )
        )
    return sorted(targets, key=target_order)


def _paud(kelurahan_ids, quarters: list[Quarter]) -> list[list[PaudTarget]]:
    """The anak 2-6 tahun of each quarter: their 2C records in it in the kelurahan."""
    in_range = PaudMonth.objects.filter(
        kelurahan_id__in=kelurahan_ids, month__range=(quarters[0].start, quarters[-1].end)
    )
    people = Person.objects.filter(pk__in=_owners(PaudMonth, kelurahan_ids, quarters, "person_id"))
    by_person = defaultdict(list)
    _attach(
        in_range.order_by("person_id", "month"),
        by_person,
        "person",
        people.select_related("family"),
    )
    return [_quarter_paud(by_person, q) for q in quarters]


def _quarter_paud(by_person, quarter: Quarter) -> list[PaudTarget]:
    start, end = quarter.start, quarter.end
    targets = []
    for records in by_person.values():
        person_records = [r for r in records if start <= r.month <= end]
        if not person_records:
            continue
        last = person_records[-1]
        registered, active, reason = marking.paud_active(person_records, quarter)
        targets.append(
            PaudTarget(
                **_common(last.person, last.kelurahan_id),
                registered=registered,
                active=active,
                reason=reason,
            )
        )
    return sorted(targets, key=target_order)


def compute(kelurahan_ids, quarter: Quarter, rules: RuleSet = DEFAULT) -> QuarterResult:
    """Mark every target of the kelurahan (a list of ids, for a kecamatan) in the quarter."""
    return compute_quarters(kelurahan_ids, [quarter], rules)[0]


def compute_quarters(
    kelurahan_ids, quarters: list[Quarter], rules: RuleSet = DEFAULT
) -> list[QuarterResult]:
    """`compute` for several quarters (e.g. a trend) in the same seven queries: the records of
    the whole range are read once, then each quarter is marked from them."""
    ids = list(kelurahan_ids)
    ordered = sorted(set(quarters))
    if not ordered:
        return []
    with marking.language_read_once():
        mothers = dict(zip(ordered, _mothers(ids, ordered, rules), strict=True))
        children = dict(zip(ordered, _children(ids, ordered, rules), strict=True))
        paud = dict(zip(ordered, _paud(ids, ordered), strict=True))
    return [
        QuarterResult(
            quarter=q, rule_set=rules, mothers=mothers[q], children=children[q], paud=paud[q]
        )
        for q in quarters
    ]


def load_report(kelurahan_id: int, quarter: Quarter) -> tuple[QuarterResult, QuarterReport | None]:
    """The quarter of one kelurahan as its pages show it, and its report (None when nobody has
    validated it or written its meta facts yet): the stored snapshot when the quarter is
    validated (`report.is_validated`), else the live figures."""
    report = QuarterReport.objects.for_quarter(kelurahan_id, quarter).first()
    if report is not None and report.is_validated:
        return from_snapshot(report.snapshot), report
    return cached_quarters([kelurahan_id], [quarter], DEFAULT, compute_quarters)[0], report


def load(kelurahan_id: int, quarter: Quarter) -> QuarterResult:
    """The quarter of one kelurahan as its pages show it: the validated snapshot, or the live
    figures while it is a draft (`load_report` also says which)."""
    return load_report(kelurahan_id, quarter)[0]


def load_quarters(
    kelurahan_ids, quarters: list[Quarter], *, cache: bool = True, stamp: str = ""
) -> list[QuarterResult]:
    """Several kelurahan over several quarters as their pages show them: a kelurahan-quarter
    that is validated reads its stored snapshot, the others their live figures (computed
    together, or read from the cache unless `cache` is False; `stamp` as in `cache.cached`).
    One result per quarter, with every kelurahan's targets."""
    ids = list(kelurahan_ids)
    stored = defaultdict(list)  # quarter -> [(kelurahan id, its snapshot result)]
    reports = QuarterReport.objects.filter(
        kelurahan_id__in=ids,
        state=QuarterReport.State.VALIDATED,
        year__in={q.year for q in quarters},
    ).values_list("kelurahan_id", "year", "quarter", "snapshot")
    for kelurahan_id, year, number, data in reports:
        stored[Quarter(year, number)].append((kelurahan_id, from_snapshot(data)))
    results = []
    live = (
        cached_quarters(ids, quarters, DEFAULT, compute_quarters, stamp=stamp)
        if cache
        else compute_quarters(ids, quarters)
    )
    for result in live:
        snapshots = stored.get(result.quarter, [])
        if not snapshots:  # all live: the (cached) result itself, its targets already in order
            results.append(result)
            continue
        validated = {kelurahan_id for kelurahan_id, _result in snapshots}
        parts = [result.filtered_out(validated)] + [part for _id, part in snapshots]
        results.append(QuarterResult.combined(result.quarter, result.rule_set, parts))
    return results
