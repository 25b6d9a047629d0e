"""The printable and downloadable documents of a kelurahan-quarter: the Scorecard Konvergensi
(Format 4) and the recaps 3A (ibu hamil), 3B (anak 0-23 bulan) and PAUD, as PDF context and as
the sheets of one .xlsx workbook.

Everything here reads a `QuarterResult` (from `compute.load`) and its `summary()`: the documents
round, the engine does not. A percentage is shown with one decimal in Indonesian ("83,3%"), and
"–" where nothing applies (never 0%). The validation state is a parameter (`validated_at`): a
quarter's documents say "DRAF" until the quarter is validated.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelurahan.models import Kelurahan
from kelurahan.pdf import letterhead_context
from kelurahan.xlsx import Column, Sheet
from kpm.queries_anggaran import share, stunting_allocation
from kpm.services_anggaran import rupiah

from . import labels
from .compute import PaudTarget, QuarterResult, Ratio, Summary, Target
from .marking import TS, T, Y

NOTHING = "–"
NO_BUDGET = gettext_lazy("Belum ada data anggaran")
RECAP_GROUPS = ("ibu", "anak", "paud")


def percent_text(value: Decimal | None) -> str:
    """ "83,3%" (one decimal, Indonesian decimal comma), or "–" where nothing applies."""
    if value is None:
        return NOTHING
    return f"{value:.1f}".replace(".", ",") + "%"


@dataclass(frozen=True)
class Budget:
    """Table 5: the kelurahan's budget lines of the quarter's year, all of them and the ones
    marked as specific stunting prevention (whole Rupiah), and the specific share."""

    total: int
    specific: int

    @property
    def percent(self) -> Decimal | None:
        return share(self.specific, self.total)

    @property
    def total_text(self) -> str:
        return rupiah(self.total)

    @property
    def specific_text(self) -> str:
        return rupiah(self.specific)

    @property
    def percent_text(self) -> str:
        return percent_text(self.percent)


def budget(kelurahan: Kelurahan, quarter) -> Budget | None:
    """Table 5 from the kelurahan's budget lines of the quarter's year (the live figures, also
    for a validated quarter); None while it has no budget line that year: the documents then
    say "Belum ada data anggaran", never a made-up 0."""
    figures = stunting_allocation(kelurahan, quarter.year)
    return Budget(*figures) if figures is not None else None


@dataclass(frozen=True)
class Line:
    """A row of a table: a label and a ratio (or a bare count, `ratio=None`)."""

    label: str
    count: int
    ratio: Ratio | None = None
    number: str = ""  # the indicator's number on the form
    group: str = ""

    @property
    def applicable(self) -> int | None:
        return self.ratio.applicable if self.ratio else None

    @property
    def percent(self) -> Decimal | None:
        return self.ratio.percent if self.ratio else None

    @property
    def percent_text(self) -> str:
        return percent_text(self.percent)


def _table1(summary: Summary) -> list[Line]:
    return [Line(str(label), summary.table1[key]) for key, label in labels.TABLE1]


def _table2(summary: Summary) -> list[Line]:
    total = summary.table1["anak_0_23"]
    rows = [
        Line(str(label), summary.table2[key], Ratio(summary.table2[key], total))
        for key, label in labels.MAT
    ]
    return [*rows, Line(_("Jumlah anak 0–23 bulan"), total, Ratio(total, total))]


def _table3(summary: Summary) -> list[Line]:
    """The 19 indicators: count of Y over the targets they apply to."""
    rows = []
    for group, wordings, ratios in (
        ("ibu", labels.MOTHER_INDICATORS, summary.ibu.indicators),
        ("anak", labels.CHILD_INDICATORS, summary.anak.indicators),
    ):
        for number, (wording, ratio) in enumerate(zip(wordings, ratios, strict=True), start=1):
            rows.append(Line(str(wording), ratio.y, ratio, str(number), group))
    paud = summary.paud_active
    rows.append(Line(str(labels.PAUD_INDICATOR), paud.y, paud, "1", "paud"))
    return rows


@dataclass(frozen=True)
class Convergence:
    label: str
    services: Ratio  # Y cells over applicable cells (pooled)
    complete: Ratio  # targets with every applicable service over targets with any

    @property
    def percent_text(self) -> str:
        return percent_text(self.services.percent)

    @property
    def complete_text(self) -> str:
        return percent_text(self.complete.percent)


def _table4(summary: Summary) -> list[Convergence]:
    return [
        Convergence(str(labels.GROUPS["ibu"]), summary.ibu.konvergensi, summary.ibu.complete),
        Convergence(str(labels.GROUPS["anak"]), summary.anak.konvergensi, summary.anak.complete),
        Convergence(_("Kelurahan"), summary.kelurahan_konvergensi, summary.complete),
    ]


def title(kelurahan: Kelurahan, quarter) -> str:
    return _("Scorecard Konvergensi Kelurahan %(name)s, Triwulan %(number)d Tahun %(year)d") % {
        "name": kelurahan.name,
        "number": quarter.number,
        "year": quarter.year,
    }


def _document(kelurahan: Kelurahan, result: QuarterResult, validated_at) -> dict:
    """Letterhead, signature (the lurah in office on the validation day, or today) and the
    validation state that every document of the quarter shares."""
    on = timezone.localdate(validated_at) if validated_at else None
    return {
        **letterhead_context(kelurahan, on=on),
        "quarter": result.quarter,
        "rule_set": result.rule_set,
        "validated_at": validated_at,
    }


def scorecard_context(
    kelurahan: Kelurahan, result: QuarterResult, *, validated_at: datetime.datetime | None
) -> dict:
    """The context of `stunting/scorecard/pdf_scorecard.html`: the five tables."""
    summary = result.summary()
    table3 = _table3(summary)
    return {
        **_document(kelurahan, result, validated_at),
        "title": title(kelurahan, result.quarter),
        "table1": _table1(summary),
        "table2": _table2(summary),
        "table3_groups": [
            (label, [line for line in table3 if line.group == key])
            for key, label in labels.GROUPS.items()
        ],
        "table4": _table4(summary),
        "budget": budget(kelurahan, result.quarter),
        "no_budget": NO_BUDGET,
    }


# --- Recaps 3A / 3B / PAUD ------------------------------------------------------------------


@dataclass(frozen=True)
class RecapRow:
    """A target's row of 3A / 3B: its marks in DESIGN order, diterima / seharusnya, %."""

    number: int
    target: Target

    @property
    def name(self) -> str:
        return self.target.name

    @property
    def stage(self) -> str:
        return str(labels.STAGES.get(self.target.stage, self.target.stage))

    @property
    def band(self) -> str:
        return str(labels.BANDS.get(self.target.band, self.target.band))

    @property
    def marks(self) -> list[str]:
        return [mark.value for mark in self.target.marks]

    @property
    def ratio(self) -> Ratio:
        return self.target.ratio

    @property
    def percent_text(self) -> str:
        return percent_text(self.ratio.percent)


@dataclass(frozen=True)
class PaudRow:
    """A child's row of the PAUD recap: terdaftar Y/T, aktif Y/T (TS when not registered)."""

    number: int
    target: PaudTarget

    @property
    def registered(self) -> str:
        return Y if self.target.registered else T

    @property
    def active(self) -> str:
        if not self.target.registered:
            return TS
        return Y if self.target.active else T


def _rows(row_class, targets) -> list:
    return [row_class(number, target) for number, target in enumerate(targets, start=1)]


RECAP_TITLES = {
    "ibu": gettext_lazy("Formulir 3A: Rekap Triwulan Layanan Ibu Hamil"),
    "anak": gettext_lazy("Formulir 3B: Rekap Triwulan Layanan Anak 0–23 Bulan"),
    "paud": gettext_lazy("Rekap Triwulan Layanan PAUD Anak 2–6 Tahun"),
}


def recap_context(
    kelurahan: Kelurahan,
    result: QuarterResult,
    group: str,
    *,
    validated_at: datetime.datetime | None,
) -> dict:
    """The context of `stunting/scorecard/pdf_recap_<group>.html`."""
    summary = result.summary()
    context = {
        **_document(kelurahan, result, validated_at),
        "group": group,
        "title": RECAP_TITLES[group],
        "subtitle": _("Kelurahan %(name)s, Triwulan %(number)d Tahun %(year)d")
        % {"name": kelurahan.name, "number": result.quarter.number, "year": result.quarter.year},
    }
    if group == "paud":
        return {
            **context,
            "rows": _rows(PaudRow, summary.paud),
            "paud_ratio": summary.paud_active,
            "paud_percent": percent_text(summary.paud_active.percent),
        }
    data = summary.ibu if group == "ibu" else summary.anak
    wordings = labels.MOTHER_INDICATORS if group == "ibu" else labels.CHILD_INDICATORS
    headings = labels.MOTHER_HEADINGS if group == "ibu" else labels.CHILD_HEADINGS
    return {
        **context,
        "headings": headings,
        "wordings": wordings,
        "rows": _rows(RecapRow, data.targets),
        "lead_columns": 3 if group == "ibu" else 5,  # no, name, stage | sex, age, band
        "all_columns": len(headings) + (6 if group == "ibu" else 8),
        "indicators": [(r, percent_text(r.percent)) for r in data.indicators],
        "total": data.konvergensi,
        "total_percent": percent_text(data.konvergensi.percent),
    }


# --- The workbook ---------------------------------------------------------------------------


def _mark_columns(headings) -> list[Column]:
    return [
        Column(f"{number}. {heading}", lambda row, i=number - 1: row.marks[i], 12)
        for number, heading in enumerate(headings, start=1)
    ]


def _ratio_columns() -> list[Column]:
    return [
        Column(_("Diterima"), lambda row: row.ratio.y, 10),
        Column(_("Seharusnya"), lambda row: row.ratio.applicable, 10),
        Column(_("Persentase (%)"), lambda row: row.ratio.percent, 10),
    ]


def _about(kelurahan: Kelurahan, result: QuarterResult, validated_at) -> Sheet:
    """What the workbook is: which kelurahan-quarter, and whether its figures are validated."""
    state = _("Tervalidasi") if validated_at else _("DRAF — triwulan ini belum divalidasi")
    rows = [
        (_("Kelurahan"), kelurahan.name),
        (_("Kecamatan"), kelurahan.kecamatan.name),
        (_("Tahun"), result.quarter.year),
        (_("Triwulan"), result.quarter.number),
        (_("Status"), state),
        (_("Tanggal validasi"), validated_at),
        (_("Aturan penilaian"), str(result.rule_set.name)),
    ]
    return Sheet(
        _("Keterangan"),
        [Column(_("Uraian"), lambda row: row[0], 20), Column(_("Isi"), lambda row: row[1], 40)],
        rows,
    )


def workbook_sheets(
    kelurahan: Kelurahan, result: QuarterResult, *, validated_at: datetime.datetime | None
) -> list[Sheet]:
    """Tabel 1 ... Tabel 5, the per-target recaps "3A Ibu hamil", "3B Anak 0-23", "PAUD", and
    "Keterangan" (the kelurahan, quarter and validation state). Counts are integers,
    percentages numbers 0-100 with one decimal (empty where nothing applies)."""
    summary = result.summary()
    percent = _("Persentase (%)")
    groups = {key: str(label) for key, label in labels.GROUPS.items()}
    table5 = budget(kelurahan, result.quarter)
    return [
        Sheet(
            _("Tabel 1"),
            [
                Column(_("Sasaran 1000 HPK"), lambda line: line.label, 40),
                Column(_("Jumlah"), lambda line: line.count, 10),
            ],
            _table1(summary),
        ),
        Sheet(
            _("Tabel 2"),
            [
                Column(_("Tikar pertumbuhan"), lambda line: line.label, 28),
                Column(_("Jumlah anak"), lambda line: line.count, 12),
                Column(percent, lambda line: line.percent, 12),
            ],
            _table2(summary),
        ),
        Sheet(
            _("Tabel 3"),
            [
                Column(_("Kelompok sasaran"), lambda line: groups[line.group], 18),
                Column(_("No."), lambda line: int(line.number), 5),
                Column(_("Indikator"), lambda line: line.label, 70),
                Column(_("Sasaran (seharusnya)"), lambda line: line.applicable, 12),
                Column(_("Menerima (Y)"), lambda line: line.count, 12),
                Column(percent, lambda line: line.percent, 12),
            ],
            _table3(summary),
        ),
        Sheet(
            _("Tabel 4"),
            [
                Column(_("Kelompok"), lambda row: row.label, 18),
                Column(_("Layanan diterima"), lambda row: row.services.y, 12),
                Column(_("Layanan seharusnya"), lambda row: row.services.applicable, 12),
                Column(_("Tingkat konvergensi (%)"), lambda row: row.services.percent, 14),
                Column(_("Sasaran menerima semua layanan"), lambda row: row.complete.y, 14),
                Column(_("Sasaran"), lambda row: row.complete.applicable, 10),
                Column(_("Sasaran lengkap (%)"), lambda row: row.complete.percent, 14),
            ],
            _table4(summary),
        ),
        Sheet(
            _("Tabel 5"),
            [
                Column(_("Total alokasi anggaran (Rp)"), lambda b: b.total if b else None, 20),
                Column(
                    _("Alokasi kegiatan spesifik stunting (Rp)"),
                    lambda b: b.specific if b else None,
                    20,
                ),
                Column(percent, lambda b: b.percent if b else None, 12),
                Column(_("Keterangan"), lambda b: "" if b else str(NO_BUDGET), 30),
            ],
            [table5],
        ),
        Sheet(
            _("3A Ibu hamil"),
            [
                Column(_("No."), lambda row: row.number, 5),
                Column(_("Nama ibu"), lambda row: row.name, 28),
                Column(_("Tahap"), lambda row: row.stage, 12),
                *_mark_columns(labels.MOTHER_HEADINGS),
                *_ratio_columns(),
            ],
            _rows(RecapRow, summary.ibu.targets),
        ),
        Sheet(
            _("3B Anak 0-23"),
            [
                Column(_("No."), lambda row: row.number, 5),
                Column(_("Nama anak"), lambda row: row.name, 28),
                Column(_("Jenis kelamin"), lambda row: row.target.sex, 8),
                Column(_("Umur (bulan)"), lambda row: row.target.age_months, 8),
                Column(_("Kelompok umur"), lambda row: row.band, 12),
                *_mark_columns(labels.CHILD_HEADINGS),
                *_ratio_columns(),
            ],
            _rows(RecapRow, summary.anak.targets),
        ),
        Sheet(
            _("PAUD"),
            [
                Column(_("No."), lambda row: row.number, 5),
                Column(_("Nama anak"), lambda row: row.target.name, 28),
                Column(_("Jenis kelamin"), lambda row: row.target.sex, 8),
                Column(_("Terdaftar"), lambda row: row.registered, 10),
                Column(_("Aktif"), lambda row: row.active, 10),
                Column(_("Keterangan"), lambda row: row.target.reason, 36),
            ],
            _rows(PaudRow, summary.paud),
        ),
        _about(kelurahan, result, validated_at),
    ]


def filename(kelurahan: Kelurahan, quarter, what: str) -> str:
    return f"{what}-{kelurahan.name}-{quarter.year}-k{quarter.number}"
