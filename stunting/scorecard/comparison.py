"""The kelurahan of a kecamatan side by side (tables 1, 3 and 4 of the Scorecard Konvergensi),
with the kecamatan's own column pooled the same way as a kelurahan's: ΣY / Σ applicable over
every target of the kecamatan, never an average of the kelurahan's percentages."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from kelurahan.dates import Quarter

from . import labels
from .compute import QuarterResult, Summary


@dataclass
class Column:
    kelurahan: object | None  # None for the kecamatan's total
    summary: Summary


@dataclass
class Row:
    label: str
    cells: list  # one per column: an int (table 1) or a Ratio (tables 3 and 4)
    number: str = ""
    group: str = ""


@dataclass
class Comparison:
    quarter: Quarter
    result: QuarterResult  # every kelurahan of the list
    columns: list[Column]
    table1: list[Row]
    table3: list[Row]
    table4: list[Row]


def compare(kelurahan_list, result: QuarterResult) -> Comparison:
    """The comparison of a result computed for every kelurahan of the list (one `compute`),
    split per kelurahan."""
    columns = [
        Column(kelurahan, result.filtered(kelurahan_id=kelurahan.pk).summary())
        for kelurahan in kelurahan_list
    ]
    columns.append(Column(None, result.summary()))
    summaries = [column.summary for column in columns]
    groups = labels.GROUPS
    table3 = [
        Row(str(label), [s.ibu.indicators[i] for s in summaries], str(i + 1), str(groups["ibu"]))
        for i, label in enumerate(labels.MOTHER_INDICATORS)
    ]
    table3 += [
        Row(str(label), [s.anak.indicators[i] for s in summaries], str(i + 1), str(groups["anak"]))
        for i, label in enumerate(labels.CHILD_INDICATORS)
    ]
    paud = [s.paud_active for s in summaries]
    table3.append(Row(str(labels.PAUD_INDICATOR), paud, "1", str(groups["paud"])))
    return Comparison(
        quarter=result.quarter,
        result=result,
        columns=columns,
        table1=[
            Row(str(label), [s.table1[key] for s in summaries]) for key, label in labels.TABLE1
        ],
        table3=table3,
        table4=[
            Row(str(groups["ibu"]), [s.ibu.konvergensi for s in summaries]),
            Row(str(groups["anak"]), [s.anak.konvergensi for s in summaries]),
            Row(
                str(_("Ibu hamil dan anak 0–23 bulan")),
                [s.kelurahan_konvergensi for s in summaries],
            ),
            Row(
                str(_("Sasaran yang menerima semua layanannya")),
                [s.complete for s in summaries],
            ),
        ],
    )
