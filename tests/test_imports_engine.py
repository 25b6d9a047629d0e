"""The one import engine: hostile archives refused before they are opened, rows and columns
capped, and cells that would crash a parser reported on their row."""

import datetime
import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from pytest_django.asserts import assertContains

from kelurahan import imports
from kpm.importers import HEADERS
from kpm.models import Kader
from stunting import imports as stunting_imports
from stunting.models import ChildMonth, Person

from .factories import make_lembaga, make_rw
from .factories_kpm import nik_for
from .factories_stunting import make_child, make_family, today
from .xlsx_bomb import bomb_xlsx


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return bomb_xlsx()


def workbook_bytes(rows: list[list]) -> bytes:
    book = Workbook()
    for values in rows:
        book.active.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "data.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_the_bomb_is_small_on_disk_and_huge_inside(bomb):
    member = zipfile.ZipFile(io.BytesIO(bomb)).getinfo("xl/sharedStrings.xml")
    assert len(bomb) < 2.5 * 1024 * 1024
    assert member.file_size > 1000 * len(bomb)


def test_a_zip_bomb_is_refused_quickly_on_both_import_pages(client, kelurahan, petugas, bomb):
    client.force_login(petugas)
    started = time.monotonic()
    response = client.post(reverse("kpm:kader_import"), {"file": upload(bomb, "kader.xlsx")})
    assertContains(response, "Berkas ditolak: isinya jauh lebih besar")
    url = reverse("stunting:import_upload", args=["anak"])
    response = client.post(url, {"file": upload(bomb)})
    assertContains(response, "Berkas ditolak: isinya jauh lebih besar")
    assert time.monotonic() - started < 10  # both, on a slow shared machine
    assert not Kader.objects.exists() and not Person.objects.exists()


def test_the_engine_refuses_the_bomb_before_opening_it(bomb):
    started = time.monotonic()
    with pytest.raises(imports.ImportRefused, match="xl/sharedStrings.xml mengembang"):
        imports.read_table(io.BytesIO(bomb))
    assert time.monotonic() - started < 2


def test_too_many_members_and_a_big_member_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(imports.MAX_MEMBERS + 1):
            archive.writestr(f"x/{n}.xml", "<a/>")
    assert "201 bagian" in imports.archive_error(io.BytesIO(buffer.getvalue()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (2 * 1024 * 1024))
    assert "mengembang" in imports.archive_error(io.BytesIO(buffer.getvalue()))
    assert imports.archive_error(io.BytesIO(workbook_bytes([["a"]]))) is None


def test_rows_and_columns_are_capped():
    content = workbook_bytes([["Nama"], ["a"], [None], ["b"], ["c"]])
    table = imports.read_table(io.BytesIO(content), max_rows=3)
    assert [number for number, _values in table.rows] == [2, 4, 5]
    with pytest.raises(imports.ImportRefused, match="Paling banyak 2 baris"):
        imports.read_table(io.BytesIO(content), max_rows=2)
    wide = workbook_bytes([[f"k{n}" for n in range(100)], list(range(100))])
    table = imports.read_table(io.BytesIO(wide))
    assert len(table.header) == imports.MAX_COLUMNS
    assert len(table.rows[0][1]) == imports.MAX_COLUMNS


def test_unicode_digits_give_a_row_error_not_a_crash(client, kelurahan, petugas):
    with pytest.raises(imports.RowError, match="angka yang tidak dikenal"):
        imports.digits("²")
    assert imports.digits(" 3578 0152-0385 ") == "357801520385"
    child = make_child(make_family(kelurahan), name="Bima", age_days=300)
    columns = stunting_imports.KINDS["pemantauan-anak"].columns
    rows = [
        {"id": child.pk, "visit_date": today(), "weight_kg": "8,1", "home_visits": "1"},
        {"id": "²", "visit_date": today(), "weight_kg": "8,1"},
        {"id": child.pk, "visit_date": today(), "weight_kg": "8,1", "home_visits": "²"},
    ]
    content = workbook_bytes(
        [[str(c.header) for c in columns]] + [[r.get(c.key) for c in columns] for r in rows]
    )
    client.force_login(petugas)
    url = reverse("stunting:import_upload", args=["pemantauan-anak"])
    response = client.post(url, {"file": upload(content)})
    assert response.status_code == 200
    errors = dict(response.context["result"].errors)
    assert set(errors) == {3, 4}
    assert "angka yang tidak dikenal" in errors[3][0]
    assert not ChildMonth.objects.exists()


def test_unicode_digits_in_a_cadre_import_are_row_errors(client, kelurahan, petugas):
    make_lembaga(kelurahan, name="Posyandu Melati RW 01", rw=make_rw(kelurahan, number=1))
    values = {
        "Nama lengkap": "Siti Khotijah",
        "NIK": nik_for(datetime.date(1985, 3, 12), "P", serial=1)[:-1] + "²",
        "Jenis kelamin": "P",
        "Tanggal lahir (DD-MM-YYYY)": "12-03-1985",
        "Pendidikan terakhir": "SMA/SMK/sederajat",
        "Asal kader": "Kader posyandu",
        "Posyandu/PAUD/lembaga asal": "Posyandu Melati RW 01",
        "Bidang tugas": "Kesehatan dan gizi",
        "Alamat": "Jl. Pradah Jaya 12",
        "RW": "¹",
    }
    content = workbook_bytes([HEADERS, [values.get(h, "") for h in HEADERS]])
    client.force_login(petugas)
    response = client.post(reverse("kpm:kader_import"), {"file": upload(content, "kader.xlsx")})
    assert response.status_code == 200
    (row,) = response.context["result"].rows
    assert any("NIK" in e for e in row.errors) and any("RW" in e for e in row.errors)
    assert not Kader.objects.exists()
