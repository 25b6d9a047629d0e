"""What a marked quarter is: its targets with their marks (`Target`, `PaudTarget`), and the
tables of shared/DESIGN.md §2 summarised from them (`QuarterResult.summary()`), with the targets
behind every figure (`figure_targets`). Plain data: `compute` fills it from the database and
`snapshots` from a validated quarter's stored copy."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kelurahan.dates import Quarter

from ..models.measurement import STUNTED, WeightForHeight
from .marking import TS, Mark, Y
from .rules import RuleSet

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
class Person:
    """Who a target is and where, as the recap filters read it."""

    person_id: int
    name: str
    kelurahan_id: int
    family_id: int
    rw_id: int | None
    posyandu_id: int | None
    sex: str
    is_resident: bool


@dataclass
class Target(Person):
    """One target of the quarter: an ibu hamil (a pregnancy) or an anak 0-23 bulan."""

    group: str  # "ibu" or "anak"
    marks: list[Mark]
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
class PaudTarget(Person):
    """An anak 2-6 tahun of the quarter (form 2C)."""

    registered: bool
    active: bool
    reason: str


@dataclass
class Group:
    targets: list[Target]
    indicators: list[Ratio]
    konvergensi: Ratio
    complete: Ratio  # targets with every applicable service / targets with any


def _group(targets: list[Target], size: int) -> Group:
    """The group's tables in one pass over its targets' marks (the summary of a city-scale
    quarter reads a few hundred thousand marks)."""
    received_by = [0] * size
    applicable_by = [0] * size
    complete = with_any = 0
    for target in targets:
        received = applicable = 0
        for index, mark in enumerate(target.marks):
            value = mark.value
            if value == Y:
                received += 1
                if index < size:
                    received_by[index] += 1
            if value != TS:
                applicable += 1
                if index < size:
                    applicable_by[index] += 1
        if applicable:
            with_any += 1
            complete += received == applicable
    indicators = [Ratio(y, n) for y, n in zip(received_by, applicable_by, strict=True)]
    return Group(
        targets=targets,
        indicators=indicators,
        konvergensi=Ratio(sum(r.y for r in indicators), sum(r.applicable for r in indicators)),
        complete=Ratio(complete, with_any),
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


def target_order(target) -> tuple:
    """A quarter's targets in name order (then person and pregnancy: one order, always)."""
    return (target.name, target.person_id, getattr(target, "pregnancy_id", 0) or 0)


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
        """The targets of one kelurahan, RW, posyandu, sex or residence. Kept on the result, like
        its summary: a result is read, never changed, and the cache keeps the same result for
        the requests between two edits (`cache.py`)."""
        key = (kelurahan_id, rw_id, posyandu_id, sex, resident)
        kept = self.__dict__.setdefault("_kept_filtered", {})
        if key not in kept:
            kept[key] = self._filtered(*key)
        return kept[key]

    def _filtered(self, kelurahan_id, rw_id, posyandu_id, sex, resident) -> QuarterResult:
        def keep(target) -> bool:
            return (
                (kelurahan_id is None or target.kelurahan_id == kelurahan_id)
                and (rw_id is None or target.rw_id == rw_id)
                and (posyandu_id is None or target.posyandu_id == posyandu_id)
                and (not sex or target.sex == sex)
                and (resident is None or target.is_resident == resident)
            )

        return self.where(keep)

    def filtered_out(self, kelurahan_ids: set) -> QuarterResult:
        """Without the targets of `kelurahan_ids`."""
        return self.where(lambda target: target.kelurahan_id not in kelurahan_ids)

    def where(self, keep) -> QuarterResult:
        """The targets for which `keep(target)` is true."""
        return QuarterResult(
            quarter=self.quarter,
            rule_set=self.rule_set,
            mothers=[t for t in self.mothers if keep(t)],
            children=[t for t in self.children if keep(t)],
            paud=[t for t in self.paud if keep(t)],
        )

    @classmethod
    def combined(cls, quarter: Quarter, rules: RuleSet, parts: list) -> QuarterResult:
        """One quarter from the results of several kelurahan, targets in name order."""
        return cls(
            quarter=quarter,
            rule_set=rules,
            mothers=sorted((t for part in parts for t in part.mothers), key=target_order),
            children=sorted((t for part in parts for t in part.children), key=target_order),
            paud=sorted((t for part in parts for t in part.paud), key=target_order),
        )

    def summary(self) -> Summary:
        """Tables 1-4 and the PAUD figures (computed once per result: see `filtered`)."""
        if "_kept_summary" not in self.__dict__:
            self.__dict__["_kept_summary"] = self._summary()
        return self.__dict__["_kept_summary"]

    def _summary(self) -> Summary:
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
