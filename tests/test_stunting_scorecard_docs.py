"""The quarter's documents read back: the Scorecard Konvergensi and the 3A / 3B / PAUD recaps as
PDF (text extracted with pypdf) and the scorecard workbook (.xlsx, read with openpyxl), checked
against the engine's own counts for the same kelurahan-quarter."""

import datetime
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from kelurahan.dates import Quarter
from kelurahan.pdf import render_pdf_bytes
from kelurahan.viewhelpers import indonesian
from stunting.scorecard import documents, labels
from stunting.scorecard.compute import load

from .factories import make_official
from .factories_stunting import (
    make_child,
    make_child_month,
    make_family,
    make_measurement,
    make_mother,
    make_paud_month,
    make_pregnancy,
    make_pregnancy_month,
)
from .pdf import pdf_text

K3 = Quarter(2026, 3)
QUERY = {"tahun": 2026, "triwulan": 3}
JUL, AUG, SEP = (datetime.date(2026, month, 12) for month in (7, 8, 9))
HOUSEHOLD = {"safe_water": True, "proper_latrine": True, "health_insurance": True}


def url(name, *args, **query):
    params = "&".join(f"{key}={value}" for key, value in {**QUERY, **query}.items())
    return f"{reverse(f'stunting:{name}', args=args)}?{params}"


@pytest.fixture
def quarter_data(kelurahan):
    """K3 2026 of a small kelurahan:
    - Ani (trimester 2, normal): every service, every household fact: 6 of 6.
    - Budiarti (trimester 3, KEK): one visit in August without services; only a jamban: 1 of 7.
    - Citra delivered on 10 July and had three nifas visits: nifas Y, the household facts.
    - Dodi (9 months), weighed and measured every month since April, 2B every month.
    - Eka (21 months, girl), 74 cm: sangat pendek (stunting), so home visits apply to her.
    - Gita (PAUD, took part every month: aktif) and Hadi (registered, took part in July only).
    """
    ani_family, budi_family, citra_family = (make_family(kelurahan) for _ in range(3))
    ani = make_pregnancy(
        make_mother(ani_family, name="Ani Lestari"), last_period_date=datetime.date(2026, 3, 1)
    )
    for day in (JUL, AUG, SEP):
        make_pregnancy_month(
            ani, on=day, anc_visits=1, iron_tablets=30, nutrition_counseling=1, **HOUSEHOLD
        )
    budi = make_pregnancy(
        make_mother(budi_family, name="Budiarti"), last_period_date=datetime.date(2026, 1, 1)
    )
    make_pregnancy_month(budi, on=AUG, status="kek", proper_latrine=True)
    citra = make_pregnancy(
        make_mother(citra_family, name="Citra Dewi"),
        last_period_date=datetime.date(2025, 10, 1),
        delivered_on=datetime.date(2026, 7, 10),
        outcome="lahir_hidup",
    )
    for day in (JUL, AUG, SEP):
        make_pregnancy_month(citra, on=day, postnatal_visits=1, **HOUSEHOLD)

    dodi = make_child(ani_family, name="Dodi Saputra", birth_date=datetime.date(2025, 12, 5))
    for month in range(4, 10):
        make_measurement(dodi, on=datetime.date(2026, month, 12), weight="8.0", height="70.0")
    for day in (JUL, AUG, SEP):
        make_child_month(
            dodi, on=day, basic_immunization_complete=True, counseling_mother=True,
            growth_mat="hijau", birth_certificate=True, **HOUSEHOLD,
        )  # fmt: skip
    eka = make_child(budi_family, name="Eka Putri", sex="P", birth_date=datetime.date(2024, 12, 1))
    make_measurement(eka, on=SEP, weight="9.0", height="74.0")
    make_child_month(eka, on=SEP, growth_mat="merah")

    for name, took_part in (("Gita Anjani", (JUL, AUG, SEP)), ("Hadi Pratama", (JUL,))):
        child = make_child(citra_family, name=name, birth_date=datetime.date(2022, 2, 2))
        for day in (JUL, AUG, SEP):
            make_paud_month(child, on=day, registered=True, participated=day in took_part)
    make_official(kelurahan, position="lurah", name="Hajar Sulistyono, S.Sos.")
    return load(kelurahan.pk, K3)


def test_the_fixture_is_what_the_docstring_says(quarter_data):
    summary = quarter_data.summary()
    assert [t.name for t in summary.ibu.targets] == ["Ani Lestari", "Budiarti", "Citra Dewi"]
    assert [(t.received, t.applicable) for t in summary.ibu.targets][:2] == [(6, 6), (1, 7)]
    assert summary.table1["ibu_hamil_kek_risti"] == 1
    assert summary.table1["stunting"] == 1
    assert summary.table2["hijau"] == 1 and summary.table2["merah"] == 1
    assert (summary.paud_active.y, summary.paud_active.applicable) == (1, 2)


# --- The scorecard PDF ----------------------------------------------------------------------


def test_scorecard_pdf_shows_the_five_tables_in_the_forms_words(client, petugas, quarter_data):
    client.force_login(petugas)
    text = pdf_text(client.get(url("scorecard_pdf")))
    assert "Scorecard Konvergensi Kelurahan Pradah Kali Kendal, Triwulan 3 Tahun 2026" in text
    for wording in (*labels.MOTHER_INDICATORS, *labels.CHILD_INDICATORS, labels.PAUD_INDICATOR):
        assert str(wording) in text
    assert "Belum ada data anggaran" in text
    assert "DRAF" in text
    assert "Hajar Sulistyono, S.Sos." in text  # the lurah signs
    summary = quarter_data.summary()
    konvergensi = summary.kelurahan_konvergensi
    assert f"Kelurahan {konvergensi.y} {konvergensi.applicable}" in text
    assert documents.percent_text(konvergensi.percent) in text
    # PAUD: 1 of 2 registered children aktif.
    assert "Terdaftar dan aktif mengikuti layanan PAUD 2 1 50,0%" in text


def test_an_indicator_nobody_received_where_it_applies_is_zero_percent(
    client, petugas, quarter_data
):
    """Home visits apply to Budiarti only (KEK) and she had none: 0 of 1, 0,0% (not "–")."""
    client.force_login(petugas)
    text = pdf_text(client.get(url("scorecard_pdf")))
    assert f"{labels.MOTHER_INDICATORS[4]} 1 0 0,0%" in text


def test_empty_quarter_shows_dashes_and_no_zero_percent(client, petugas, quarter_data):
    client.force_login(petugas)
    text = pdf_text(client.get(url("scorecard_pdf", tahun=2025, triwulan=1)))
    assert "Triwulan 1 Tahun 2025" in text
    assert "0,0%" not in text
    assert f"{labels.MOTHER_INDICATORS[0]} 0 0 –" in text


def test_validated_quarter_says_so_and_is_no_draft(kelurahan, quarter_data):
    """The views pass `validated_at` of the quarter's report (None while it is a
    draft); a validated quarter's document carries no DRAF mark."""
    validated = datetime.datetime(2026, 10, 5, 2, 0, tzinfo=datetime.UTC)
    context = documents.scorecard_context(kelurahan, quarter_data, validated_at=validated)
    assert context["document_date"] == datetime.date(2026, 10, 5)  # the lurah of that day
    with indonesian():
        content = render_pdf_bytes(None, "stunting/scorecard/pdf_scorecard.html", context)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Tervalidasi pada 5 Oktober 2026" in text
    assert "DRAF" not in text
    with indonesian():
        sheets = documents.workbook_sheets(kelurahan, quarter_data, validated_at=validated)
    about = {row[0]: row[1] for row in sheets[-1].rows}
    assert about["Status"] == "Tervalidasi" and about["Tanggal validasi"] == validated


def test_a_validated_quarter_prints_its_snapshot_without_draf(
    client, petugas, lurah, kelurahan, quarter_data
):
    """Validated by the lurah, the document says so, and a later edit of a monthly record does
    not change what it prints."""
    from stunting.models import ChildMonth
    from stunting.scorecard.validation import validate_quarter

    validate_quarter(kelurahan=kelurahan, quarter=K3, by=lurah)
    before = pdf_text(client_get(client, petugas, url("scorecard_pdf")))
    assert "DRAF" not in before and "Tervalidasi pada" in before
    ChildMonth.objects.filter(kelurahan=kelurahan).update(safe_water=False)
    after = pdf_text(client_get(client, petugas, url("scorecard_pdf")))
    assert after == before


def client_get(client, user, address):
    client.force_login(user)
    return client.get(address)


def test_percent_text_is_indonesian_with_one_decimal():
    from decimal import Decimal

    assert documents.percent_text(Decimal("83.3")) == "83,3%"
    assert documents.percent_text(Decimal("100.0")) == "100,0%"
    assert documents.percent_text(None) == "–"


# --- The recaps -----------------------------------------------------------------------------


def test_recap_ibu_lists_every_mother_with_her_marks(client, petugas, quarter_data):
    client.force_login(petugas)
    text = pdf_text(client.get(url("scorecard_recap_pdf", "ibu")))
    assert "FORMULIR 3A: REKAP TRIWULAN LAYANAN IBU HAMIL" in text
    assert "Triwulan 3 Tahun 2026 No. Nama Tahap 1. Periksa kehamilan" in text  # not "Tidak"
    assert "DRAF" in text
    ani = quarter_data.summary().ibu.targets[0]
    marks = " ".join(mark.value for mark in ani.marks)
    assert f"Ani Lestari Trimester 2 {marks} 6 6 100,0%" in text
    assert "Budiarti Trimester 3" in text and "1 7 14,3%" in text
    for wording in labels.MOTHER_INDICATORS:
        assert str(wording) in text
    assert "Hajar Sulistyono" in text


def test_recap_anak_has_footer_totals(client, petugas, quarter_data):
    client.force_login(petugas)
    text = pdf_text(client.get(url("scorecard_recap_pdf", "anak")))
    assert "FORMULIR 3B: REKAP TRIWULAN LAYANAN ANAK 0–23 BULAN" in text
    anak = quarter_data.summary().anak
    assert "Dodi Saputra L 9" in text and "Eka Putri P 21" in text
    ys = " ".join(str(r.y) for r in anak.indicators)
    assert f"Jumlah menerima (Y) {ys} {anak.konvergensi.y}" in text
    applicable = " ".join(str(r.applicable) for r in anak.indicators)
    assert f"Jumlah seharusnya (tanpa TS) {applicable} {anak.konvergensi.applicable}" in text


def test_recap_paud(client, petugas, quarter_data):
    client.force_login(petugas)
    text = pdf_text(client.get(url("scorecard_recap_pdf", "paud")))
    assert "Gita Anjani" in text and "Hadi Pratama" in text
    assert "ikut kegiatan 1 dari 3 bulan terdaftar" in text
    assert "Aktif: 50,0% dari yang terdaftar" in text


def test_unknown_recap_group_is_404(client, petugas):
    client.force_login(petugas)
    assert client.get(url("scorecard_recap_pdf", "remaja")).status_code == 404


# --- The workbook ---------------------------------------------------------------------------


def sheets_of(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="scorecard-konvergensi-pradah-kali-kendal-2026-k3-'
    )
    book = load_workbook(io.BytesIO(response.content))
    return {ws.title: [list(row) for row in ws.iter_rows()] for ws in book.worksheets}


def column(rows, header):
    """The values under `header` (the header row is the first)."""
    index = [cell.value for cell in rows[0]].index(header)
    return [row[index] for row in rows[1:]]


def test_workbook_sheets_headers_and_numbers(client, petugas, quarter_data):
    client.force_login(petugas)
    sheets = sheets_of(client.get(url("scorecard_xlsx")))
    assert list(sheets) == [
        "Tabel 1", "Tabel 2", "Tabel 3", "Tabel 4", "Tabel 5", "3A Ibu hamil", "3B Anak 0-23",
        "PAUD", "Keterangan",
]  # fmt: skip
    summary = quarter_data.summary()
    for rows in sheets.values():  # every value sits under a header of its own
        assert all(cell.value for cell in rows[0])
        assert all(len(row) <= len(rows[0]) for row in rows)

    table1 = dict(zip(
        [c.value for c in column(sheets["Tabel 1"], "Sasaran 1000 HPK")],
        column(sheets["Tabel 1"], "Jumlah"), strict=True,
    ))  # fmt: skip
    assert table1["Ibu hamil"].value == 3 and table1["Ibu hamil"].data_type == "n"
    assert table1["Anak stunting (pendek / sangat pendek)"].value == summary.table1["stunting"]

    table3 = sheets["Tabel 3"]
    wordings = [c.value for c in column(table3, "Indikator")]
    assert wordings == [str(w) for w in (*labels.MOTHER_INDICATORS, *labels.CHILD_INDICATORS,
                                         labels.PAUD_INDICATOR)]  # fmt: skip
    expected = [*summary.ibu.indicators, *summary.anak.indicators, summary.paud_active]
    assert [c.value for c in column(table3, "Menerima (Y)")] == [r.y for r in expected]
    assert [c.value for c in column(table3, "Sasaran (seharusnya)")] == [
        r.applicable for r in expected
    ]
    percents = column(table3, "Persentase (%)")
    for cell, ratio in zip(percents, expected, strict=True):
        if ratio.percent is None:
            assert cell.value is None
        else:
            assert cell.data_type == "n" and cell.value == pytest.approx(float(ratio.percent))

    table4 = sheets["Tabel 4"]
    assert [c.value for c in column(table4, "Kelompok")] == [
        "Ibu hamil (3A)", "Anak 0-23 bulan (3B)", "Kelurahan"
    ]  # fmt: skip
    konvergensi = column(table4, "Tingkat konvergensi (%)")[2]
    assert konvergensi.data_type == "n"
    assert konvergensi.value == pytest.approx(float(summary.kelurahan_konvergensi.percent))

    table5 = sheets["Tabel 5"]
    assert column(table5, "Keterangan")[0].value == "Belum ada data anggaran"
    assert column(table5, "Total alokasi anggaran (Rp)")[0].value is None  # never a made-up 0


def test_workbook_recap_sheets_hold_every_targets_marks(client, petugas, quarter_data):
    client.force_login(petugas)
    sheets = sheets_of(client.get(url("scorecard_xlsx")))
    summary = quarter_data.summary()
    ibu = sheets["3A Ibu hamil"]
    assert [c.value for c in column(ibu, "Nama ibu")] == [t.name for t in summary.ibu.targets]
    for number, heading in enumerate(labels.MOTHER_HEADINGS, start=1):
        assert [c.value for c in column(ibu, f"{number}. {heading}")] == [
            t.marks[number - 1].value for t in summary.ibu.targets
        ]
    received = column(ibu, "Diterima")
    assert [c.value for c in received] == [t.received for t in summary.ibu.targets]
    assert all(c.data_type == "n" for c in received)
    assert column(ibu, "Persentase (%)")[0].value == 100

    anak = sheets["3B Anak 0-23"]
    assert [c.value for c in column(anak, "Umur (bulan)")] == [9, 21]
    assert [c.value for c in column(anak, "10. Kelas pengasuhan")] == [
        t.marks[9].value for t in summary.anak.targets
    ]
    paud = sheets["PAUD"]
    assert [c.value for c in column(paud, "Aktif")] == ["Y", "T"]


def test_workbook_says_which_quarter_and_that_it_is_a_draft(client, petugas, quarter_data):
    client.force_login(petugas)
    about = sheets_of(client.get(url("scorecard_xlsx")))["Keterangan"]
    facts = {row[0].value: row[1].value for row in about[1:]}
    assert facts["Kelurahan"] == "Pradah Kali Kendal"
    assert (facts["Tahun"], facts["Triwulan"]) == (2026, 3)
    assert facts["Status"] == "DRAF — triwulan ini belum divalidasi"
    assert facts["Tanggal validasi"] is None


def test_workbook_writes_a_formula_like_name_as_text(client, petugas, kelurahan, quarter_data):
    family = make_family(kelurahan)
    child = make_child(family, name="=HYPERLINK(1)", birth_date=datetime.date(2022, 2, 2))
    make_paud_month(child, on=JUL, registered=True, participated=True)
    client.force_login(petugas)
    names = column(sheets_of(client.get(url("scorecard_xlsx")))["PAUD"], "Nama anak")
    formula = next(c for c in names if c.value.startswith("="))
    assert formula.data_type == "s"


# --- Who may open which kelurahan -----------------------------------------------------------

DOCUMENTS = [("scorecard_pdf", ()), ("scorecard_recap_pdf", ("anak",)), ("scorecard_xlsx", ())]


@pytest.mark.parametrize(("name", "args"), DOCUMENTS)
def test_anonymous_is_sent_to_login(client, name, args, kelurahan):
    response = client.get(url(name, *args))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(("name", "args"), DOCUMENTS)
def test_another_kelurahan_is_404(client, petugas, other_kelurahan, name, args):
    client.force_login(petugas)
    assert client.get(url(name, *args, kelurahan=other_kelurahan.pk)).status_code == 404


def test_kecamatan_user_opens_a_kelurahan_of_its_kecamatan(
    client, kecamatan_user, kelurahan, far_kelurahan, quarter_data
):
    client.force_login(kecamatan_user)
    text = pdf_text(client.get(url("scorecard_pdf", kelurahan=kelurahan.pk)))
    assert "Kelurahan Pradah Kali Kendal, Triwulan 3" in text
    assert client.get(url("scorecard_pdf", kelurahan=far_kelurahan.pk)).status_code == 404


def test_read_only_role_may_print(client, kasi_kesra, quarter_data):
    client.force_login(kasi_kesra)
    assert "Ani Lestari" in pdf_text(client.get(url("scorecard_recap_pdf", "ibu")))


HOSTILE = [
    {"tahun": "x", "triwulan": "9"},
    {"tahun": "99999999999999999999", "triwulan": "-1"},
    {"tahun": "2026", "triwulan": "²"},
    {"kelurahan": "abc"},
    {"kelurahan": "99999999999999999999999"},
    {"kelurahan": "0"},
    {"kelurahan": "a%00b", "tahun": "١٢٣", "triwulan": "x" * 3000},
    {"tahun": "0001", "triwulan": "1"},
    {"tahun": "2100", "triwulan": "4"},
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_parameters_never_500(client, admin_user, kelurahan, query):
    client.force_login(admin_user)
    for name, args in DOCUMENTS:
        params = "&".join(f"{k}={v}" for k, v in query.items())
        response = client.get(f"{reverse(f'stunting:{name}', args=args)}?{params}")
        assert response.status_code in (200, 404)


@pytest.mark.parametrize(("name", "args", "queries"), [
    ("scorecard_pdf", (), 14), ("scorecard_recap_pdf", ("ibu",), 13), ("scorecard_xlsx", (), 13),
])  # fmt: skip
def test_query_count_is_fixed(
    client, petugas, quarter_data, name, args, queries, django_assert_num_queries
):
    """Session, user, kelurahan, the quarter's report, the data stamp, the engine's seven
    queries (whatever the number of targets), for a PDF the lurah who signs, and for the
    scorecard the budget lines of table 5; computed, not read from the cache."""
    client.force_login(petugas)
    cache.clear()
    with django_assert_num_queries(queries):
        assert client.get(url(name, *args)).status_code == 200
