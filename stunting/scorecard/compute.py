"""A kelurahan-quarter (or several kelurahan at once, for a kecamatan) read from the database
and marked: seven queries whatever the number of targets, then plain Python.

`compute(kelurahan_ids, quarter)` gives a `QuarterResult`: every target with its marks, and
`summary()` (optionally over a filtered subset) gives tables 1-4 and the PAUD figures the way
shared/DESIGN.md §2 pools them. `figure_targets(key)` lists the targets behind any figure.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Subquery
from django.utils.translation import gettext as _

from kelurahan.dates import Quarter

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
from .marking import TS, Mark, Y
from .rules import DEFAULT, RuleSet, rule_set

MOTHER_INDICATORS = 8
CHILD_INDICATORS = 10
MAT_COLOURS = ("hijau", "kuning", "merah", "tidak_diukur")


@dataclass(frozen=True)
class Ratio:
    """A count of Y over the cells (or targets) that apply; never rounded here."""

    y: int
    applicable: int

    @property
    def percent(self) -> Decimal | None:
        """One decimal, half up; None where nothing applies (shown as "–", never 0%)."""
        if not self.applicable:
            return None
        return (Decimal(self.y * 100) / Decimal(self.applicable)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    def as_json(self) -> dict:
        return {"y": self.y, "applicable": self.applicable}


@dataclass
class Target:
    """One target of the quarter: an ibu hamil (a pregnancy) or an anak 0-23 bulan."""

    group: str  # "ibu" or "anak"
    person_id: int
    name: str
    kelurahan_id: int
    family_id: int
    rw_id: int | None
    posyandu_id: int | None
    sex: str
    is_resident: bool
    marks: list[Mark]
    records: list = field(repr=False, default_factory=list)
    pregnancy_id: int | None = None
    stage: str = ""  # ibu: t1 / t2 / t3 / bersalin
    high_risk: bool = False
    band: str = ""  # anak: 0-5 / 6-12 / 13-18 / 19-23
    age_months: int | None = None
    measurement: dict | None = None  # anak: the latest counted measurement up to quarter end
    mat: str = ""  # anak: the last colour observed on the tikar in the quarter
    father_counselled: bool = False

    @property
    def received(self) -> int:
        return sum(mark.value == Y for mark in self.marks)

    @property
    def applicable(self) -> int:
        return sum(mark.value != TS for mark in self.marks)

    @property
    def ratio(self) -> Ratio:
        return Ratio(self.received, self.applicable)

    @property
    def complete(self) -> bool:
        return self.applicable > 0 and self.received == self.applicable

    @property
    def wasted(self) -> str:
        return (self.measurement or {}).get("wfh_category", "")

    @property
    def stunted(self) -> bool:
        return (self.measurement or {}).get("hfa_category", "") in STUNTED


@dataclass
class PaudTarget:
    person_id: int
    name: str
    kelurahan_id: int
    family_id: int
    rw_id: int | None
    posyandu_id: int | None
    sex: str
    is_resident: bool
    registered: bool
    active: bool
    reason: str
    records: list = field(repr=False, default_factory=list)


@dataclass
class Group:
    targets: list[Target]
    indicators: list[Ratio]
    konvergensi: Ratio
    complete: Ratio  # targets with every applicable service / targets with any


def _group(targets: list[Target], size: int) -> Group:
    indicators = [
        Ratio(
            sum(t.marks[i].value == Y for t in targets),
            sum(t.marks[i].value != TS for t in targets),
        )
        for i in range(size)
    ]
    return Group(
        targets=targets,
        indicators=indicators,
        konvergensi=Ratio(sum(r.y for r in indicators), sum(r.applicable for r in indicators)),
        complete=Ratio(sum(t.complete for t in targets), sum(t.applicable > 0 for t in targets)),
    )


@dataclass
class Summary:
    ibu: Group
    anak: Group
    paud: list[PaudTarget]
    kelurahan_konvergensi: Ratio
    table1: dict[str, int]
    table2: dict[str, int]

    @property
    def paud_registered(self) -> int:
        return sum(t.registered for t in self.paud)

    @property
    def paud_active(self) -> Ratio:
        return Ratio(sum(t.active for t in self.paud), self.paud_registered)

    @property
    def complete(self) -> Ratio:
        return Ratio(
            self.ibu.complete.y + self.anak.complete.y,
            self.ibu.complete.applicable + self.anak.complete.applicable,
        )


@dataclass
class QuarterResult:
    quarter: Quarter
    rule_set: RuleSet
    mothers: list[Target]
    children: list[Target]
    paud: list[PaudTarget]

    def filtered(
        self,
        *,
        kelurahan_id: int | None = None,
        rw_id: int | None = None,
        posyandu_id: int | None = None,
        sex: str = "",
        resident: bool | None = None,
    ) -> QuarterResult:
        def keep(target) -> bool:
            return (
                (kelurahan_id is None or target.kelurahan_id == kelurahan_id)
                and (rw_id is None or target.rw_id == rw_id)
                and (posyandu_id is None or target.posyandu_id == posyandu_id)
                and (not sex or target.sex == sex)
                and (resident is None or target.is_resident == resident)
            )

        return QuarterResult(
            quarter=self.quarter,
            rule_set=self.rule_set,
            mothers=[t for t in self.mothers if keep(t)],
            children=[t for t in self.children if keep(t)],
            paud=[t for t in self.paud if keep(t)],
        )

    def summary(self) -> Summary:
        ibu = _group(self.mothers, MOTHER_INDICATORS)
        anak = _group(self.children, CHILD_INDICATORS)
        table2 = dict.fromkeys(MAT_COLOURS, 0)
        for child in self.children:
            table2[child.mat or "tidak_diukur"] += 1
        return Summary(
            ibu=ibu,
            anak=anak,
            paud=self.paud,
            kelurahan_konvergensi=Ratio(
                ibu.konvergensi.y + anak.konvergensi.y,
                ibu.konvergensi.applicable + anak.konvergensi.applicable,
            ),
            table1={
                "rumah_tangga": len(
                    {t.family_id for t in self.mothers} | {t.family_id for t in self.children}
                ),
                "ibu_hamil": len(self.mothers),
                "ibu_hamil_kek_risti": sum(t.high_risk for t in self.mothers),
                "anak_0_23": len(self.children),
                "gizi_kurang": sum(t.wasted == WeightForHeight.GIZI_KURANG for t in self.children),
                "gizi_buruk": sum(t.wasted == WeightForHeight.GIZI_BURUK for t in self.children),
                "stunting": sum(t.stunted for t in self.children),
            },
            table2=table2,
        )

    def figure_targets(self, key: str) -> list | None:
        """The targets behind one figure, or None for an unknown key. Keys: `ibu-<n>-<Y|T|TS>`,
        `anak-<n>-<Y|T|TS>` (n from 1), `ibu-semua` / `anak-semua`, `ibu-lengkap` /
        `anak-lengkap` (every applicable service received), `anak-ayah` (fathers who attended
        konseling gizi), the table 1 and 2 names (`rumah_tangga`, `stunting`, `merah`, ...),
        `paud-terdaftar`, `paud-aktif`."""
        groups = {
            "ibu": (self.mothers, MOTHER_INDICATORS),
            "anak": (self.children, CHILD_INDICATORS),
        }
        parts = key.split("-")
        if parts[0] in groups:
            targets, size = groups[parts[0]]
            if parts[1:] == ["semua"]:
                return targets
            if parts[1:] == ["lengkap"]:
                return [t for t in targets if t.complete]
            if parts == ["anak", "ayah"]:
                return [t for t in targets if t.father_counselled]
            if (
                len(parts) == 3
                and parts[1].isascii()
                and parts[1].isdigit()
                and parts[2] in (Y, "T", TS)
            ):
                index = int(parts[1]) - 1
                if 0 <= index < size:
                    return [t for t in targets if t.marks[index].value == parts[2]]
            return None
        if key == "paud-terdaftar":
            return [t for t in self.paud if t.registered]
        if key == "paud-aktif":
            return [t for t in self.paud if t.active]
        table1 = {
            "rumah_tangga": None,
            "ibu_hamil": lambda: self.mothers,
            "ibu_hamil_kek_risti": lambda: [t for t in self.mothers if t.high_risk],
            "anak_0_23": lambda: self.children,
            "gizi_kurang": lambda: [
                t for t in self.children if t.wasted == WeightForHeight.GIZI_KURANG
            ],
            "gizi_buruk": lambda: [
                t for t in self.children if t.wasted == WeightForHeight.GIZI_BURUK
            ],
            "stunting": lambda: [t for t in self.children if t.stunted],
        }
        if key == "rumah_tangga":
            seen, result = set(), []
            for target in self.mothers + self.children:
                if target.family_id not in seen:
                    seen.add(target.family_id)
                    result.append(target)
            return result
        if key in table1:
            return table1[key]()
        if key in MAT_COLOURS:
            return [t for t in self.children if (t.mat or "tidak_diukur") == key]
        return None

    def target(self, group: str, pk: int) -> Target | None:
        """The target of a group by pregnancy (ibu) or person (anak) id."""
        if group == "ibu":
            return next((t for t in self.mothers if t.pregnancy_id == pk), None)
        if group == "anak":
            return next((t for t in self.children if t.person_id == pk), None)
        return None


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


def _mothers(kelurahan_ids, quarters: list[Quarter], rules: RuleSet) -> list[list[Target]]:
    """The ibu hamil of each quarter (a pregnancy with a 2A record in it in the kelurahan)."""
    first, last_quarter = quarters[0], quarters[-1]
    in_range = PregnancyMonth.objects.filter(
        kelurahan_id__in=kelurahan_ids, month__range=(first.start, last_quarter.end)
    ).values("pregnancy_id")
    records = PregnancyMonth.objects.filter(
        pregnancy_id__in=Subquery(in_range), month__lte=last_quarter.end
    ).order_by("pregnancy_id", "month")
    pregnancies = Pregnancy.objects.filter(pk__in=Subquery(in_range)).select_related(
        "person__family"
    )
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
                records=all_records,
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
    return sorted(targets, key=lambda t: (t.name, t.pregnancy_id))


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
    persons = ChildMonth.objects.filter(
        kelurahan_id__in=kelurahan_ids, month__range=(first.start, last_quarter.end)
    ).values("person_id")
    records = ChildMonth.objects.filter(
        person_id__in=Subquery(persons),
        month__range=(_window_start(first, rules), last_quarter.end),
    ).order_by("person_id", "month")
    measurements = defaultdict(list)
    for row in (
        Measurement.objects.filter(person_id__in=Subquery(persons), month__lte=last_quarter.end)
        .order_by("person_id", "month")
        .values(*MEASUREMENT_FIELDS)
    ):
        measurements[row["person_id"]].append(row)
    by_person = defaultdict(list)
    people = Person.objects.filter(pk__in=Subquery(persons)).select_related("family")
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
                records=window_records,
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
    return sorted(targets, key=lambda t: (t.name, t.person_id))


def _paud(kelurahan_ids, quarters: list[Quarter]) -> list[list[PaudTarget]]:
    """The anak 2-6 tahun of each quarter: their 2C records in it in the kelurahan."""
    in_range = PaudMonth.objects.filter(
        kelurahan_id__in=kelurahan_ids, month__range=(quarters[0].start, quarters[-1].end)
    )
    people = Person.objects.filter(pk__in=Subquery(in_range.values("person_id")))
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
                records=person_records,
            )
        )
    return sorted(targets, key=lambda t: (t.name, t.person_id))


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


def as_json(result: QuarterResult, *, kelurahan_id: int, validated: bool) -> dict:
    """The shape of `manage.py scorecard --json` (shared/DESIGN.md §6): counts, never rounded."""
    summary = result.summary()
    return {
        "kelurahan": kelurahan_id,
        "year": result.quarter.year,
        "quarter": result.quarter.number,
        "rule_set": result.rule_set.code,
        "validated": validated,
        "ibu_hamil": {
            "targets": [
                {
                    "pregnancy": t.pregnancy_id,
                    "person": t.person_id,
                    "stage": t.stage,
                    "marks": [m.value for m in t.marks],
                }
                for t in summary.ibu.targets
            ],
            "indicators": [r.as_json() for r in summary.ibu.indicators],
            "konvergensi": summary.ibu.konvergensi.as_json(),
        },
        "anak_0_23": {
            "targets": [
                {"person": t.person_id, "band": t.band, "marks": [m.value for m in t.marks]}
                for t in summary.anak.targets
            ],
            "indicators": [r.as_json() for r in summary.anak.indicators],
            "konvergensi": summary.anak.konvergensi.as_json(),
            "fathers_counselled": sum(t.father_counselled for t in summary.anak.targets),
        },
        "paud": {"registered": summary.paud_registered, "aktif": summary.paud_active.y},
        "kelurahan_konvergensi": summary.kelurahan_konvergensi.as_json(),
        "table1": summary.table1,
        "table2": summary.table2,
    }


# --- Snapshots: a validated quarter is stored, and read back as the same QuarterResult --------

TARGET_FIELDS = (
    "group",
    "person_id",
    "name",
    "kelurahan_id",
    "family_id",
    "rw_id",
    "posyandu_id",
    "sex",
    "is_resident",
    "pregnancy_id",
    "stage",
    "high_risk",
    "band",
    "age_months",
    "mat",
    "father_counselled",
)
PAUD_FIELDS = (
    "person_id",
    "name",
    "kelurahan_id",
    "family_id",
    "rw_id",
    "posyandu_id",
    "sex",
    "is_resident",
    "registered",
    "active",
    "reason",
)


def _mark_json(mark: Mark) -> list:
    return [mark.value, mark.reason, [month.isoformat() for month in mark.months]]


def _measurement_json(measurement: dict | None) -> dict | None:
    if measurement is None:
        return None
    return {
        "id": measurement["id"],
        "measured_on": measurement["measured_on"].isoformat(),
        "wfh_category": measurement["wfh_category"],
        "hfa_category": measurement["hfa_category"],
    }


def snapshot(result: QuarterResult) -> dict:
    """Everything the pages, documents and JSON read from a quarter, as JSON data (the monthly
    records themselves are not copied: a validated quarter links to them as they are now)."""

    def target(t: Target) -> dict:
        data = {name: getattr(t, name) for name in TARGET_FIELDS}
        data["marks"] = [_mark_json(mark) for mark in t.marks]
        data["measurement"] = _measurement_json(t.measurement)
        return data

    return {
        "year": result.quarter.year,
        "quarter": result.quarter.number,
        "rule_set": result.rule_set.code,
        "mothers": [target(t) for t in result.mothers],
        "children": [target(t) for t in result.children],
        "paud": [{name: getattr(t, name) for name in PAUD_FIELDS} for t in result.paud],
    }


def from_snapshot(data: dict) -> QuarterResult:
    def mark(value) -> Mark:
        code, reason, months = value
        return Mark(code, reason, [datetime.date.fromisoformat(m) for m in months])

    def target(item: dict) -> Target:
        fields = {name: item[name] for name in TARGET_FIELDS}
        measurement = item["measurement"]
        if measurement is not None:
            measurement = {
                **measurement,
                "measured_on": datetime.date.fromisoformat(measurement["measured_on"]),
            }
        return Target(**fields, measurement=measurement, marks=[mark(m) for m in item["marks"]])

    return QuarterResult(
        quarter=Quarter(data["year"], data["quarter"]),
        rule_set=rule_set(data["rule_set"]),
        mothers=[target(item) for item in data["mothers"]],
        children=[target(item) for item in data["children"]],
        paud=[PaudTarget(**{name: item[name] for name in PAUD_FIELDS}) for item in data["paud"]],
    )


def load_report(kelurahan_id: int, quarter: Quarter) -> tuple[QuarterResult, QuarterReport | None]:
    """The quarter of one kelurahan as its pages show it, and its report (None when nobody has
    validated it or written its meta facts yet): the stored snapshot when the quarter is
    validated (`report.is_validated`), else the live figures."""
    report = QuarterReport.objects.for_quarter(kelurahan_id, quarter).first()
    if report is not None and report.is_validated:
        return from_snapshot(report.snapshot), report
    return compute([kelurahan_id], quarter), report


def load(kelurahan_id: int, quarter: Quarter) -> QuarterResult:
    """The quarter of one kelurahan as its pages show it: the validated snapshot, or the live
    figures while it is a draft (`load_report` also says which)."""
    return load_report(kelurahan_id, quarter)[0]
