"""The yearly financing report: its figures worked out by hand for a small year, its sums exact
at city scale (against Python sums over the same rows), a fixed number of queries, the page,
the PDF and the workbook read back, the kecamatan side by side, and the scorecard's table 5."""

import datetime
import io
import random

import pytest
from django.db.models import Sum
from django.urls import reverse
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kpm.models import PosAnggaran, Realisasi, SumberDana
from kpm.queries_anggaran import kecamatan_report, stunting_allocation, year_report

from .factories_kpm import make_lurah
from .pdf import pdf_text

YEAR = 2026
Status = Realisasi.Status


def make_source(kelurahan, amount, *, year=YEAR, name=None, kind=SumberDana.Kind.APBD):
    name = name or f"Sumber {amount}"
    return SumberDana.objects.create(
        kelurahan=kelurahan, year=year, kind=kind, name=name, amount=amount
    )


def make_line(source, amount, *, name=None, specific=False, **fields):
    return PosAnggaran.objects.create(
        kelurahan=source.kelurahan,
        year=source.year,
        source=source,
        name=name or f"Pos {amount}",
        activity=PosAnggaran.Activity.PMT if specific else PosAnggaran.Activity.OPERASIONAL,
        amount=amount,
        is_stunting_specific=specific,
        **fields,
    )


def make_spending(line, amount, month, *, status=Status.DISETUJUI, reverses=None):
    return Realisasi.objects.create(
        kelurahan=line.kelurahan,
        line=line,
        spent_on=datetime.date(line.year, month, 10),
        amount=amount,
        purpose="Belanja uji",
        status=status,
        reverses=reverses,
        reversal_reason="Salah catat" if reverses else "",
    )


@pytest.fixture
def year_data(kelurahan, other_kelurahan):
    """APBD 10 jt: PMT (specific, 6 jt), Operasional (3 jt); Dana kelurahan 5 jt: Kelas ibu
    hamil (specific, 2 jt, nothing spent). Spending: PMT 1,5 jt approved (Jan), 0,5 jt draft
    (Mar), 200 rb approved (Feb) reversed in April; Operasional 1 jt (Feb) and 800 rb awaiting
    the lurah (May, not counted). Other years and kelurahan must not count."""
    apbd = make_source(kelurahan, 10_000_000, name="APBD Kota Surabaya 2026")
    dana = make_source(
        kelurahan, 5_000_000, name="Dana Kelurahan 2026", kind=SumberDana.Kind.DANA_KELURAHAN
    )
    pmt = make_line(apbd, 6_000_000, name="PMT balita", specific=True, paket="kia")
    ops = make_line(apbd, 3_000_000, name="Operasional KPM")
    make_line(dana, 2_000_000, name="Kelas ibu hamil", specific=True)
    make_spending(pmt, 1_500_000, 1)
    make_spending(pmt, 500_000, 3, status=Status.DRAF)
    wrong = make_spending(pmt, 200_000, 2)
    make_spending(pmt, -200_000, 4, reverses=wrong)
    make_spending(ops, 1_000_000, 2)
    make_spending(ops, 800_000, 5, status=Status.MENUNGGU)
    last_year = make_line(make_source(kelurahan, 9_000_000, year=YEAR - 1), 9_000_000)
    make_spending(last_year, 4_000_000, 6)
    elsewhere = make_line(make_source(other_kelurahan, 7_000_000), 7_000_000, specific=True)
    make_spending(elsewhere, 3_000_000, 6)
    return {"pmt": pmt, "ops": ops}


# --- The figures ----------------------------------------------------------------------------


def test_year_report_figures_by_hand(kelurahan, year_data):
    report = year_report(kelurahan, YEAR)
    assert (report.amount, report.allocated, report.spent) == (15_000_000, 11_000_000, 3_000_000)
    assert (report.remaining, report.unallocated, report.lines_remaining) == (
        12_000_000,
        4_000_000,
        8_000_000,
    )
    assert (report.draft, report.awaiting) == (500_000, 800_000)
    sources = {row.source.name: row for row in report.sources}
    apbd = sources["APBD Kota Surabaya 2026"]
    assert (apbd.amount, apbd.allocated, apbd.unallocated, apbd.spent, apbd.remaining) == (
        10_000_000,
        9_000_000,
        1_000_000,
        3_000_000,
        7_000_000,
    )
    dana = sources["Dana Kelurahan 2026"]
    assert (dana.allocated, dana.spent, dana.remaining) == (2_000_000, 0, 5_000_000)
    lines = {row.line.name: row for row in report.lines}
    assert (lines["PMT balita"].spent, lines["PMT balita"].remaining) == (2_000_000, 4_000_000)
    assert lines["Operasional KPM"].spent == 1_000_000  # the awaiting 800 rb does not count
    assert lines["Operasional KPM"].awaiting == 800_000
    assert (lines["Kelas ibu hamil"].spent, lines["Kelas ibu hamil"].remaining) == (0, 2_000_000)
    # Stunting-specific: 8 jt of 11 jt allocated = 72,7%; 2 jt of 3 jt spent.
    assert (report.specific_allocated, report.specific_spent) == (8_000_000, 2_000_000)
    assert str(report.specific_share) == "72.7"
    assert [row.spent for row in report.months] == [
        1_500_000, 1_200_000, 500_000, -200_000, 0, 0, 0, 0, 0, 0, 0, 0
    ]  # fmt: skip
    assert stunting_allocation(kelurahan, YEAR) == (11_000_000, 8_000_000)


def test_nothing_allocated_is_a_dash_not_zero_percent(kelurahan):
    assert stunting_allocation(kelurahan, YEAR) is None
    report = year_report(kelurahan, YEAR)
    assert report.empty and report.specific_share is None
    make_line(make_source(kelurahan, 1_000_000), 400_000)
    assert stunting_allocation(kelurahan, YEAR) == (400_000, 0)
    assert str(year_report(kelurahan, YEAR).specific_share) == "0.0"


def _many_rows(kelurahan, count, seed=13):
    """`count` spending rows over 8 lines of 3 sources (most approved, some drafts, some
    awaiting, some reversals), bulk-created; big amounts so that a float would lose Rupiah."""
    rng = random.Random(seed)
    sources = [make_source(kelurahan, 900_000_000_000, name=f"S{n}") for n in range(3)]
    lines = [
        make_line(sources[n % 3], 100_000_000_000, name=f"L{n}", specific=n % 2 == 0)
        for n in range(8)
    ]
    rows = []
    for _ in range(count):
        line = rng.choice(lines)
        status = rng.choice([Status.DISETUJUI] * 6 + [Status.DRAF, Status.MENUNGGU])
        rows.append(
            Realisasi(
                kelurahan=kelurahan,
                line=line,
                spent_on=datetime.date(YEAR, rng.randint(1, 12), rng.randint(1, 28)),
                amount=rng.randint(1, 99_999_999_999) * 3 + 1,
                purpose="x",
                status=status,
            )
        )
    created = Realisasi.objects.bulk_create(rows)
    reversals = [
        Realisasi(
            kelurahan=kelurahan,
            line=row.line,
            spent_on=row.spent_on,
            amount=-row.amount,
            purpose="koreksi",
            status=Status.DISETUJUI,
            reverses=row,
            reversal_reason="salah",
        )
        for row in created[:: max(1, count // 10)]
        if row.status == Status.DISETUJUI
    ]
    Realisasi.objects.bulk_create(reversals)
    return created + reversals


@pytest.mark.django_db
def test_sums_exact_in_rupiah_at_city_scale(kelurahan, other_kelurahan):
    rows = _many_rows(kelurahan, 400)
    _many_rows(other_kelurahan, 50, seed=7)
    counted = [r for r in rows if r.status in Realisasi.COUNTED]
    report = year_report(kelurahan, YEAR)
    python_total = sum(r.amount for r in counted)
    database_total = (
        Realisasi.objects.filter(kelurahan=kelurahan, status__in=Realisasi.COUNTED)
        .aggregate(total=Sum("amount"))["total"]
    )  # fmt: skip
    assert report.spent == python_total == database_total
    assert type(report.spent) is int
    for line_row in report.lines:
        assert line_row.spent == sum(r.amount for r in counted if r.line_id == line_row.line.pk)
    for month_row in report.months:
        assert month_row.spent == sum(
            r.amount for r in counted if r.spent_on.month == month_row.month.month
        )
    assert report.draft == sum(r.amount for r in rows if r.status == Status.DRAF)
    assert report.awaiting == sum(r.amount for r in rows if r.status == Status.MENUNGGU)
    assert report.specific_spent == sum(r.amount for r in counted if r.line.is_stunting_specific)
    *side, total = kecamatan_report([kelurahan, other_kelurahan], YEAR)
    assert side[0].spent == python_total
    assert total.spent == python_total + year_report(other_kelurahan, YEAR).spent


def test_query_count_does_not_grow_with_rows(kelurahan, other_kelurahan, django_assert_num_queries):
    _many_rows(kelurahan, 20)
    with django_assert_num_queries(3):
        year_report(kelurahan, YEAR)
    with django_assert_num_queries(3):
        kecamatan_report([kelurahan, other_kelurahan], YEAR)
    _many_rows(other_kelurahan, 300)
    with django_assert_num_queries(3):
        report = year_report(other_kelurahan, YEAR)
        [row.line.source.name for row in report.lines]  # sources already fetched
    with django_assert_num_queries(3):
        kecamatan_report([kelurahan, other_kelurahan], YEAR)


# --- The page -------------------------------------------------------------------------------

REPORT = reverse("kpm:anggaran_report")
PDF = reverse("kpm:anggaran_report_pdf")
XLSX = reverse("kpm:anggaran_report_xlsx")
KECAMATAN = reverse("kpm:anggaran_kecamatan")


@pytest.mark.parametrize("url", [REPORT, PDF, XLSX, KECAMATAN])
def test_anonymous_is_sent_to_login(client, db, url):
    response = client.get(url)
    assertRedirects(response, f"{reverse('login')}?next={url}", fetch_redirect_response=False)


def test_report_page_shows_the_year(client, petugas, year_data, django_assert_max_num_queries):
    client.force_login(petugas)
    with django_assert_max_num_queries(12):
        response = client.get(REPORT, {"tahun": YEAR})
    assertContains(response, "Rp 15.000.000")  # the sources
    assertContains(response, "Rp 11.000.000")  # allocated to lines
    assertContains(response, "Rp 12.000.000")  # remaining
    assertContains(response, "72,7%")  # the stunting-specific share
    assertContains(response, "Rp 800.000 menunggu konfirmasi lurah")
    assertContains(response, "Kelas ibu hamil")
    assertContains(response, "<svg", html=False)
    assertContains(response, "Januari")  # the values table beside the chart
    assertContains(response, f"{PDF}?tahun={YEAR}")


def test_report_page_without_data_and_with_hostile_year(client, petugas):
    client.force_login(petugas)
    response = client.get(REPORT, {"tahun": "²0x26", "kelurahan": ""})
    assert response.status_code == 200
    assertContains(response, "Belum ada sumber dana yang dicatat untuk tahun")


def test_other_kelurahan_is_404(client, petugas, other_kelurahan):
    client.force_login(petugas)
    for url in (REPORT, PDF, XLSX):
        assert client.get(url, {"kelurahan": other_kelurahan.pk}).status_code == 404
        assert client.get(url, {"kelurahan": "9" * 30}).status_code == 404


def test_read_only_roles_read(client, kasi_kesra, kecamatan_user, kelurahan, year_data):
    client.force_login(kasi_kesra)
    assertContains(client.get(REPORT, {"tahun": YEAR}), "Rp 15.000.000")
    client.force_login(kecamatan_user)
    response = client.get(REPORT, {"tahun": YEAR, "kelurahan": kelurahan.pk})
    assertContains(response, "Rp 15.000.000")
    assertContains(response, f"kelurahan={kelurahan.pk}")  # the PDF link keeps the choice


def test_pdf_read_back(client, petugas, kelurahan, year_data):
    make_lurah(kelurahan, name="Hajar Sulistyono, S.Sos.")
    client.force_login(petugas)
    text = pdf_text(client.get(PDF, {"tahun": YEAR}))
    assert "Laporan Anggaran KPM Kelurahan Pradah Kali Kendal Tahun 2026" in text
    for amount in ("Rp 15.000.000", "Rp 11.000.000", "Rp 3.000.000", "Rp 12.000.000"):
        assert amount in text
    assert "72,7%" in text
    assert "LURAH PRADAH KALI KENDAL" in text and "Hajar Sulistyono, S.Sos." in text
    assert "DRAF" in text


def _sheets(response) -> dict:
    book = load_workbook(io.BytesIO(response.content))
    return {ws.title: list(ws.iter_rows()) for ws in book.worksheets}


def _column(rows, header):
    index = [cell.value for cell in rows[0]].index(header)
    return [row[index] for row in rows[1:]]


def test_xlsx_read_back(client, petugas, year_data):
    client.force_login(petugas)
    sheets = _sheets(client.get(XLSX, {"tahun": YEAR}))
    assert list(sheets) == ["Ringkasan", "Sumber dana", "Pos anggaran", "Per bulan"]
    for rows in sheets.values():  # every value sits under a header of its own
        assert all(cell.value for cell in rows[0])
        assert all(len(row) <= len(rows[0]) for row in rows)
    lines = sheets["Pos anggaran"]
    names = [c.value for c in _column(lines, "Pos anggaran")]
    spent = dict(zip(names, [c.value for c in _column(lines, "Belanja (Rp)")], strict=True))
    assert spent == {"PMT balita": 2_000_000, "Operasional KPM": 1_000_000, "Kelas ibu hamil": 0}
    assert all(type(c.value) is int for c in _column(lines, "Alokasi (Rp)"))
    sources = sheets["Sumber dana"]
    assert [c.value for c in _column(sources, "Sisa (Rp)")] == [7_000_000, 5_000_000]
    months = sheets["Per bulan"]
    assert [c.value for c in _column(months, "Bulan")][:2] == ["Januari", "Februari"]
    assert [c.value for c in _column(months, "Belanja (Rp)")][3] == -200_000
    summary = {row[0].value: row[1].value for row in sheets["Ringkasan"][1:]}
    assert summary["Belanja (Rp)"] == 3_000_000
    assert summary["Porsi alokasi khusus stunting (%)"] == pytest.approx(72.7)
    assert summary["Status"].startswith("DRAF")


# --- The kecamatan side by side ---------------------------------------------------------------


def test_kecamatan_side_by_side(
    client, kecamatan_user, kelurahan, other_kelurahan, far_kelurahan, year_data,
    django_assert_max_num_queries,
):  # fmt: skip
    make_line(make_source(far_kelurahan, 1_234_000), 1_234_000)
    client.force_login(kecamatan_user)
    with django_assert_max_num_queries(10):
        response = client.get(KECAMATAN, {"tahun": YEAR})
    assertContains(response, "Pradah Kali Kendal")
    assertContains(response, "Dukuh Kupang")
    assertNotContains(response, "Jagir")  # another kecamatan
    assertNotContains(response, "Rp 1.234.000")
    assertContains(response, "Rp 22.000.000")  # the kecamatan: 15 jt + 7 jt of sources
    assertContains(response, "Rp 6.000.000")  # spent: 3 jt + 3 jt
    assertContains(response, "72,7%")
    assertContains(response, "100,0%")  # Dukuh Kupang's one line is specific


def test_kecamatan_page_is_403_for_kelurahan_users(client, petugas, lurah):
    for user in (petugas, lurah):
        client.force_login(user)
        assert client.get(KECAMATAN).status_code == 403


def test_admin_chooses_the_kecamatan(client, admin_user, far_kelurahan):
    make_line(make_source(far_kelurahan, 1_234_000), 1_234_000)
    client.force_login(admin_user)
    response = client.get(KECAMATAN, {"tahun": YEAR, "kecamatan": far_kelurahan.kecamatan_id})
    assertContains(response, "Jagir")
    assertContains(response, "Rp 1.234.000")
    assert client.get(KECAMATAN, {"kecamatan": "abc"}).status_code == 200  # ignored
    assert client.get(KECAMATAN, {"kecamatan": 10**12}).status_code == 404


# --- The scorecard's table 5 ------------------------------------------------------------------


def _scorecard(name):
    return f"{reverse(f'stunting:{name}')}?tahun={YEAR}&triwulan=3"


def test_scorecard_table5_page_shows_the_years_budget(client, petugas, year_data):
    client.force_login(petugas)
    response = client.get(_scorecard("scorecard"))
    assertContains(response, "Rp 11.000.000")  # the year's lines, not last year's 9 jt
    assertContains(response, "Rp 8.000.000")
    assertContains(response, "72,7%")
    assertNotContains(response, "Belum ada data anggaran")
    assertNotContains(response, "Rp 9.000.000")


def test_scorecard_table5_pdf_and_workbook(client, petugas, year_data):
    client.force_login(petugas)
    text = pdf_text(client.get(_scorecard("scorecard_pdf")))
    table5 = text[text.index("Tabel 5") :]
    assert "Rp 11.000.000" in table5 and "Rp 8.000.000" in table5 and "72,7%" in table5
    assert "Belum ada data anggaran" not in text
    rows = _sheets(client.get(_scorecard("scorecard_xlsx")))["Tabel 5"]
    assert _column(rows, "Total alokasi anggaran (Rp)")[0].value == 11_000_000
    assert _column(rows, "Alokasi kegiatan spesifik stunting (Rp)")[0].value == 8_000_000
    assert _column(rows, "Persentase (%)")[0].value == pytest.approx(72.7)
    assert _column(rows, "Keterangan")[0].value is None


def test_scorecard_table5_other_year_has_no_budget(client, petugas, year_data):
    client.force_login(petugas)
    response = client.get(f"{reverse('stunting:scorecard')}?tahun={YEAR + 1}&triwulan=1")
    assertContains(response, "Belum ada data anggaran")
