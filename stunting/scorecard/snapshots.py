"""A marked quarter as JSON data: the shape of `manage.py scorecard --json` (`as_json`), and the
snapshot a validated quarter stores and reads back as the same `QuarterResult`."""

from __future__ import annotations

import datetime
from dataclasses import fields

from kelurahan.dates import Quarter

from .marking import Mark
from .results import PaudTarget, Person, QuarterResult, Target
from .rules import rule_set


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

PERSON_FIELDS = tuple(f.name for f in fields(Person))
TARGET_FIELDS = (
    *PERSON_FIELDS,
    "group",
    "pregnancy_id",
    "stage",
    "high_risk",
    "band",
    "age_months",
    "mat",
    "father_counselled",
)
PAUD_FIELDS = (*PERSON_FIELDS, "registered", "active", "reason")


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
