"""The yearly financing report of a kelurahan (`?tahun=YYYY`, this year by default; users who
see several kelurahan choose one with `?kelurahan=PK`): the page, its PDF with the lurah's
signature block and its .xlsx workbook; and the kelurahan of a kecamatan side by side.

Every role that reads the kelurahan reads its report. The report is not signed in the app (its
figures change while spending is recorded), so the PDF is always marked "DRAF" and is signed on
paper. Documents are always in Indonesian.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kelurahan import xlsx
from kelurahan.models import Kelurahan
from kelurahan.pdf import letterhead_context, render_pdf
from kelurahan.viewhelpers import chosen_kecamatan, in_indonesian, kelurahan_from_request
from kelurahan.xlsx import Column, Sheet

from ..charts import month_chart
from ..forms.anggaran_report import KecamatanYearForm, ReportYearForm
from ..queries_anggaran import YearReport, kecamatan_report, parse_year, year_report

UNSIGNED = {"is_signed": False}  # the report is not signed in the app: the PDF says DRAF


def _report(request) -> YearReport:
    kelurahan = kelurahan_from_request(request)
    return year_report(kelurahan, parse_year(request.GET.get("tahun")))


def _title(report: YearReport) -> str:
    return _("Laporan Anggaran KPM Kelurahan %(name)s Tahun %(year)d") % {
        "name": report.kelurahan.name,
        "year": report.year,
    }


def _chart(report: YearReport):
    return month_chart(
        report.months, title=_("Belanja per bulan, %(year)d") % {"year": report.year}
    )


@login_required
def anggaran_report(request):
    report = _report(request)
    params = {"tahun": report.year}
    if not request.user.scope.is_kelurahan:
        params["kelurahan"] = report.kelurahan.pk
    context = {
        "report": report,
        "title": _title(report),
        "chart": _chart(report),
        "form": ReportYearForm(year=report.year, kelurahan=report.kelurahan, user=request.user),
        "query": urlencode(params),
    }
    return render(request, "kpm/anggaran_report.html", context)


@login_required
@in_indonesian
def anggaran_report_pdf(request):
    report = _report(request)
    context = {
        **letterhead_context(report.kelurahan),
        "report": report,
        "title": _title(report),
        "chart": _chart(report),
        "signed_document": UNSIGNED,
    }
    name = slugify(f"laporan-anggaran-{report.kelurahan.name}-{report.year}")
    return render_pdf(request, "pdf/anggaran_report.html", context, f"{name}.pdf")


@login_required
@in_indonesian
def anggaran_report_xlsx(request):
    report = _report(request)
    content = xlsx.workbook(*workbook_sheets(report))
    name = f"laporan-anggaran-{report.kelurahan.name}-{report.year}"
    return xlsx.xlsx_response(content, xlsx.dated_filename(name))


@login_required
def anggaran_kecamatan(request):
    kecamatan = chosen_kecamatan(request)
    year = parse_year(request.GET.get("tahun"))
    kelurahan_list = Kelurahan.objects.filter(kecamatan=kecamatan).order_by("name")
    *rows, total = kecamatan_report(kelurahan_list, year)
    context = {
        "kecamatan": kecamatan,
        "year": year,
        "rows": rows,
        "total": total,
        "form": KecamatanYearForm(
            year=year, kecamatan=kecamatan, choose_kecamatan=request.user.scope.is_all
        ),
    }
    return render(request, "kpm/anggaran_kecamatan.html", context)


# --- The workbook ---------------------------------------------------------------------------


def _money(header: str, value, width: int = 18) -> Column:
    return Column(f"{header} (Rp)", value, width)


def _summary(report: YearReport) -> Sheet:
    rows = [
        (_("Kelurahan"), report.kelurahan.name),
        (_("Kecamatan"), report.kelurahan.kecamatan.name),
        (_("Tahun anggaran"), report.year),
        (_("Status"), _("DRAF — belum ditandatangani lurah")),
        (_("Jumlah sumber dana (Rp)"), report.amount),
        (_("Dialokasikan ke pos anggaran (Rp)"), report.allocated),
        (_("Belanja (Rp)"), report.spent),
        (_("Sisa sumber dana (Rp)"), report.remaining),
        (_("Belanja masih draf (Rp)"), report.draft),
        (_("Menunggu konfirmasi lurah, tidak dihitung (Rp)"), report.awaiting),
        (_("Alokasi kegiatan khusus stunting (Rp)"), report.specific_allocated),
        (_("Belanja kegiatan khusus stunting (Rp)"), report.specific_spent),
        (_("Porsi alokasi khusus stunting (%)"), report.specific_share),
    ]
    return Sheet(
        _("Ringkasan"),
        [Column(_("Uraian"), lambda row: row[0], 44), Column(_("Isi"), lambda row: row[1], 24)],
        rows,
    )


def workbook_sheets(report: YearReport) -> list[Sheet]:
    """ "Ringkasan", "Sumber dana", "Pos anggaran", "Per bulan": amounts are whole Rupiah
    numbers, percentages numbers 0-100 with one decimal (empty where nothing was allocated)."""
    return [
        _summary(report),
        Sheet(
            _("Sumber dana"),
            [
                Column(_("Sumber dana"), lambda r: r.source.name, 36),
                Column(_("Jenis"), lambda r: r.source.get_kind_display(), 20),
                _money(_("Jumlah"), lambda r: r.amount),
                _money(_("Dialokasikan ke pos"), lambda r: r.allocated),
                _money(_("Belum dialokasikan"), lambda r: r.unallocated),
                _money(_("Belanja"), lambda r: r.spent),
                _money(_("Sisa"), lambda r: r.remaining),
            ],
            report.sources,
        ),
        Sheet(
            _("Pos anggaran"),
            [
                Column(_("Pos anggaran"), lambda r: r.line.name, 36),
                Column(_("Sumber dana"), lambda r: r.line.source.name, 28),
                Column(_("Kegiatan"), lambda r: r.line.get_activity_display(), 24),
                Column(_("Paket layanan"), lambda r: r.line.get_paket_display(), 24),
                Column(
                    _("Khusus stunting"),
                    lambda r: _("Ya") if r.line.is_stunting_specific else _("Tidak"),
                    10,
                ),
                _money(_("Alokasi"), lambda r: r.allocated),
                _money(_("Belanja"), lambda r: r.spent),
                _money(_("Sisa"), lambda r: r.remaining),
                _money(_("Belanja masih draf"), lambda r: r.draft),
                _money(_("Menunggu konfirmasi"), lambda r: r.awaiting),
            ],
            report.lines,
        ),
        Sheet(
            _("Per bulan"),
            [
                Column(_("Bulan"), lambda r: date_format(r.month, "F"), 14),
                _money(_("Belanja"), lambda r: r.spent),
            ],
            report.months,
        ),
    ]
