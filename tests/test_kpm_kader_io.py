"""The register in and out: Excel import (preview, all or nothing), Excel export and the
printed Buku Kader Pemberdayaan Masyarakat (PDF)."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader
from pytest_django.asserts import assertContains, assertRedirects

from kelurahan.models import Lembaga
from kelurahan.pdf import letterhead_context, render_pdf
from kpm.exports import register_columns
from kpm.importers import HEADERS
from kpm.models import Kader

from .factories import make_lembaga, make_rw
from .factories_kpm import make_kader, make_lurah, make_pelatihan, make_sk, nik_for
from .pages import assert_shows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def row(**values):
    birth = values.pop("birth", datetime.date(1985, 3, 12))
    sex = values.pop("sex", "P")
    base = {
        "Nama lengkap": "Siti Khotijah",
        "NIK": nik_for(birth, sex, serial=values.pop("serial", 1)),
        "Jenis kelamin": sex,
        "Tempat lahir": "Surabaya",
        "Tanggal lahir (DD-MM-YYYY)": birth.strftime("%d-%m-%Y"),
        "Pendidikan terakhir": "SMA/SMK/sederajat",
        "Kursus": "",
        "Asal kader": "Kader posyandu",
        "Posyandu/PAUD/lembaga asal": "Posyandu Melati RW 01",
        "Keterangan asal": "",
        "Bidang tugas": "Kesehatan dan gizi",
        "Alamat": "Jl. Pradah Jaya 12",
        "RW": "1",
        "Nomor HP": "0812-3456-7890",
        "Keterangan": "",
    }
    base.update(values)
    return base


def xlsx_upload(rows, headers=HEADERS, name="kader.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(h, "") for h in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


@pytest.fixture
def posyandu(kelurahan):
    rw = make_rw(kelurahan, number=1)
    return make_lembaga(kelurahan, name="Posyandu Melati RW 01", rw=rw)


# --- Import ----------------------------------------------------------------------------------


def test_template_downloads_with_headers_lists_and_help(client, kelurahan, petugas, posyandu):
    client.force_login(petugas)
    response = client.get(reverse("kpm:kader_import_template"))
    assert response["Content-Type"] == XLSX
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Kader"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert len([c.value for c in sheet[2]]) == len(HEADERS)
    lists = workbook["Daftar pilihan"]
    values = {c.value for col in lists.iter_cols() for c in col}
    assert "Posyandu Melati RW 01" in values
    assert "Kader posyandu" in values
    assert workbook["Petunjuk"]["A1"].value == "Kolom"


def test_import_preview_then_save(client, kelurahan, petugas, posyandu):
    client.force_login(petugas)
    rows = [
        row(),
        row(**{"Nama lengkap": "Bambang Hariadi"}, sex="L", serial=2),
    ]
    response = client.post(reverse("kpm:kader_import"), {"file": xlsx_upload(rows)})
    assertContains(response, "2 baris siap diimpor")
    assert not Kader.objects.exists()  # the preview saves nothing
    response = client.post(reverse("kpm:kader_import_confirm"))
    assertRedirects(response, reverse("kpm:kader_list"))
    kaders = Kader.objects.order_by("name")
    assert [k.name for k in kaders] == ["Bambang Hariadi", "Siti Khotijah"]
    siti = kaders[1]
    assert siti.origin_lembaga == posyandu
    assert siti.rw == posyandu.rw
    assert siti.phone == "+6281234567890"
    assert siti.kelurahan == kelurahan
    assert siti.history.first().history_user == petugas
    # The pending import is used once.
    response = client.post(reverse("kpm:kader_import_confirm"), follow=True)
    assertContains(response, "Tidak ada data impor yang menunggu")
    assert Kader.objects.count() == 2


def test_import_with_one_bad_row_saves_nothing_and_shows_the_error(
    client, kelurahan, petugas, posyandu
):
    client.force_login(petugas)
    rows = [
        row(),
        row(**{"Nama lengkap": "Salah NIK", "NIK": "3578015203"}, serial=2),
        row(**{"Nama lengkap": "Tanggal Beda"}, serial=3),
    ]
    rows[2]["Tanggal lahir (DD-MM-YYYY)"] = "13-03-1985"
    response = client.post(reverse("kpm:kader_import"), {"file": xlsx_upload(rows)})
    assert_shows(
        response,
        [
            "Tidak ada data yang disimpan.",
            "2 baris masih salah",
            "NIK: NIK harus 16 digit.",
            "Tanggal lahir tidak cocok dengan NIK",
        ],
        ["Simpan 3 kader"],
    )
    assert not Kader.objects.exists()
    # Nothing is waiting either: a confirm now saves nothing.
    client.post(reverse("kpm:kader_import_confirm"))
    assert not Kader.objects.exists()


def test_import_reports_unknown_posyandu_duplicates_and_bad_cells(
    client, kelurahan, petugas, posyandu
):
    existing = make_kader(kelurahan, name="Sudah Terdaftar")
    client.force_login(petugas)
    first = row()
    rows = [
        first,
        row(**{"Nama lengkap": "Ganda", "NIK": first["NIK"]}),
        row(**{"Posyandu/PAUD/lembaga asal": "Posyandu Hantu"}, serial=4),
        row(**{"Jenis kelamin": "X", "Bidang tugas": "Astronomi", "RW": "99"}, serial=5),
        row(
            **{
                "NIK": existing.nik,
                "Tanggal lahir (DD-MM-YYYY)": existing.birth_date.strftime("%d-%m-%Y"),
            }
        ),
        row(**{"Tanggal lahir (DD-MM-YYYY)": "kemarin"}, serial=6),
        row(**{"Nomor HP": "12345"}, serial=7),
    ]
    response = client.post(reverse("kpm:kader_import"), {"file": xlsx_upload(rows)})
    assertContains(response, "NIK sama dengan baris 2 di berkas ini (data ganda).")
    assertContains(
        response, "Posyandu/PAUD/lembaga asal &#x27;Posyandu Hantu&#x27; tidak ditemukan"
    )
    assertContains(response, "Jenis kelamin: &#x27;X&#x27; tidak ada dalam daftar pilihan.")
    assertContains(response, "Bidang tugas: &#x27;Astronomi&#x27; tidak ada dalam daftar pilihan.")
    assertContains(response, "RW &#x27;99&#x27; tidak terdaftar di kelurahan ini.")
    assertContains(response, "NIK ini sudah terdaftar sebagai kader KPM aktif.")
    assertContains(response, "Tanggal lahir: &#x27;kemarin&#x27; bukan tanggal")
    assertContains(response, "Nomor telepon Indonesia tidak valid")
    assert Kader.objects.count() == 1


def test_import_refuses_a_file_that_is_not_xlsx_or_lacks_columns(client, kelurahan, petugas):
    client.force_login(petugas)
    csv = SimpleUploadedFile("kader.csv", b"nama;nik\nSiti;3578", content_type="text/csv")
    response = client.post(reverse("kpm:kader_import"), {"file": csv})
    assertContains(response, "Berkas harus berformat Excel .xlsx")
    response = client.post(
        reverse("kpm:kader_import"), {"file": xlsx_upload([{}], headers=["Nama", "NIK"])}
    )
    assertContains(response, "Kolom berikut tidak ada di baris pertama")
    empty = xlsx_upload([])
    response = client.post(reverse("kpm:kader_import"), {"file": empty})
    assertContains(response, "Berkas tidak berisi baris data kader.")


def test_import_rechecks_rows_at_confirm(client, kelurahan, petugas, posyandu):
    client.force_login(petugas)
    first = row()
    client.post(reverse("kpm:kader_import"), {"file": xlsx_upload([first])})
    # Someone registers the same person meanwhile.
    make_kader(kelurahan, nik=first["NIK"], birth_date=datetime.date(1985, 3, 12))
    response = client.post(reverse("kpm:kader_import_confirm"))
    assertContains(response, "NIK ini sudah terdaftar sebagai kader KPM aktif.")
    assert Kader.objects.count() == 1


def test_kecamatan_wide_editor_picks_the_kelurahan(client, kelurahan, admin_user, posyandu):
    client.force_login(admin_user)
    response = client.post(
        reverse("kpm:kader_import"), {"file": xlsx_upload([row()]), "kelurahan": kelurahan.pk}
    )
    assertContains(response, "1 baris siap diimpor")
    client.post(reverse("kpm:kader_import_confirm"))
    assert Kader.objects.get().kelurahan == kelurahan


# --- Export ----------------------------------------------------------------------------------


@pytest.fixture
def register(kelurahan, posyandu):
    lurah = make_lurah(kelurahan, name="Hajar Sulistyono, S.Sos., M.Si.", nip="197001011990031001")
    siti = make_kader(
        kelurahan,
        name="Siti Aminah",
        origin="posyandu",
        origin_lembaga=posyandu,
        rw=posyandu.rw,
        education="sma",
        courses="Kader posyandu purnama",
        phone="+6281234567890",
    )
    guru = make_kader(
        kelurahan,
        name="Retno Palupi",
        origin="paud",
        origin_lembaga=make_lembaga(kelurahan, kind=Lembaga.Kind.PAUD, name="KB Tunas"),
        bidang="pendidikan",
    )
    berhenti = make_kader(
        kelurahan,
        name="Wiwik Berhenti",
        is_active=False,
        ended_on=datetime.date(2023, 6, 15),
        end_reason="Pindah domisili",
    )
    make_sk(kelurahan, [siti, guru, berhenti], number="188/101/436.9/2020", signatory=lurah)
    make_pelatihan(kelurahan, [siti], name="Orientasi KPM")
    return {"siti": siti, "guru": guru, "berhenti": berhenti, "lurah": lurah}


def test_export_opens_with_aligned_headers_and_columns(client, register, petugas):
    client.force_login(petugas)
    response = client.get(reverse("kpm:kader_export"))
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    headers = rows[0]
    assert headers == [c.header for c in register_columns(full_nik=True)]
    assert len(rows) == 4
    assert all(len(r) == len(headers) for r in rows)
    by_name = {
        r[headers.index("Nama lengkap")]: dict(zip(headers, r, strict=True)) for r in rows[1:]
    }
    siti = by_name["Siti Aminah"]
    assert siti["NIK"] == register["siti"].nik
    assert siti["Asal kader"] == "Kader posyandu"
    assert siti["Posyandu/PAUD/lembaga asal"] == "Posyandu Melati RW 01"
    assert siti["Bidang tugas"] == "Kesehatan dan gizi"
    assert siti["Nomor HP"] == "0812-3456-7890"
    assert siti["Jenis kelamin"] == "Perempuan"
    assert str(siti["RW"]) == "1"
    assert by_name["Wiwik Berhenti"]["Status"] == "Berhenti 15-06-2023"
    assert [r[0] for r in rows[1:]] == [1, 2, 3]


def test_export_masks_nik_for_read_only_roles_and_follows_filters(client, register, kasi_kesra):
    client.force_login(kasi_kesra)
    response = client.get(reverse("kpm:kader_export"), {"origin": "paud"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert len(rows) == 2
    nik = rows[1][rows[0].index("NIK")]
    assert nik == register["guru"].nik_masked
    assert "*" in nik


# --- PDF ----------------------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    """The text of every page, with line breaks inside table cells folded into spaces."""
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_buku_kader_pdf(client, register, petugas, kelurahan):
    kelurahan.address = "Jl. Pradah Indah No. 1, Surabaya"
    kelurahan.save()
    client.force_login(petugas)
    response = client.get(reverse("kpm:kader_book_pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    for header in ("No Urut", "Nama", "Umur", "Jenis Kelamin", "Pendidikan/Kursus", "Bidang"):
        assert header in text
    assert "Alamat" in text and "Keterangan" in text
    assert "BUKU KADER PEMBERDAYAAN MASYARAKAT" in text
    assert "PEMERINTAH KOTA SURABAYA" in text
    assert "KELURAHAN PRADAH KALI KENDAL" in text
    assert "Siti Aminah" in text and "Retno Palupi" in text
    assert "Orientasi KPM" in text  # trainings appear under Pendidikan/Kursus
    assert "Pindah domisili" in text
    assert "Hajar Sulistyono, S.Sos., M.Si." in text  # the signature block
    assert "NIP. 197001011990031001" in text
    assert register["siti"].nik not in text  # the book carries no NIK


def test_buku_kader_pdf_for_kecamatan_user_picks_kelurahan(
    client, register, kecamatan_user, other_kelurahan
):
    make_kader(other_kelurahan, name="Kader Dukuh Kupang")
    client.force_login(kecamatan_user)
    response = client.get(reverse("kpm:kader_book_pdf"), {"kelurahan": other_kelurahan.pk})
    text = pdf_text(response.content)
    assert "Kader Dukuh Kupang" in text
    assert "Siti Aminah" not in text


def test_render_pdf_helper_uses_the_shared_letterhead(kelurahan, rf):
    make_lurah(kelurahan, name="Lurah Penanda Tangan")
    context = {**letterhead_context(kelurahan), "rows": []}
    response = render_pdf(rf.get("/"), "pdf/kader_buku.html", context, "uji.pdf")
    assert response["Content-Disposition"] == 'inline; filename="uji.pdf"'
    text = pdf_text(response.content)
    assert "Lurah Penanda Tangan" in text
    assert "Belum ada kader yang dicatat." in text
    # Without a request (e.g. from a command) it renders too.
    assert render_pdf(None, "pdf/kader_buku.html", context, "uji.pdf").content.startswith(b"%PDF")
