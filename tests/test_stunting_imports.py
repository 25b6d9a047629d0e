"""Excel imports: every row through the page's rules, all rows or none, an error per row."""

import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from pytest_django.asserts import assertContains, assertRedirects

from kelurahan.models import Lembaga
from stunting import ages, imports
from stunting.models import ChildMonth, Family, Measurement, Person, Pregnancy, PregnancyMonth

from .factories import make_lembaga, make_rw
from .factories_stunting import (
    days_ago,
    make_child,
    make_family,
    make_mother,
    make_pregnancy,
    nik_for,
    today,
)


def xlsx(kind: str, rows: list[dict]) -> SimpleUploadedFile:
    columns = imports.KINDS[kind].columns
    book = Workbook()
    sheet = book.active
    sheet.append([str(c.header) for c in columns])
    for row in rows:
        sheet.append([row.get(c.key) for c in columns])
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(f"{kind}.xlsx", buffer.getvalue())


@pytest.fixture
def place(kelurahan):
    rw = make_rw(kelurahan, number=3)
    rw.rt_set.create(number=2)
    make_lembaga(kelurahan, name="Posyandu Mawar", rw=rw, kind=Lembaga.Kind.POSYANDU)
    return rw


def child_row(**overrides):
    birth = today() - datetime.timedelta(days=300)
    return {
        "kk_number": "3578011234560001",
        "head_name": "Joko Santoso",
        "address": "Jl. Pradah 1",
        "rw": 3,
        "rt": 2,
        "posyandu": "posyandu mawar",
        "name": "Bima Santoso",
        "sex": "L",
        "birth_date": birth,
        "mother_name": "Sri Rahayu",
        "mother_nik": "3578015705950001",
        "birth_weight_kg": "3,2",
        "has_birth_certificate": "Ya",
    } | overrides


def upload(client, kind, rows):
    return client.post(reverse("stunting:import_upload", args=[kind]), {"file": xlsx(kind, rows)})


def test_children_import_creates_families_mothers_and_children(client, place, petugas):
    client.force_login(petugas)
    rows = [
        child_row(),
        child_row(name="Citra Santoso", sex="P", birth_date=days_ago(800).strftime("%d-%m-%Y")),
        child_row(
            kk_number=None,
            head_name="Keluarga Non Penduduk",
            rw=None,
            rt=None,
            name="Dodi",
            mother_name=None,
            mother_nik=None,
        ),
    ]
    response = upload(client, "anak", rows)
    assertRedirects(response, reverse("stunting:import_index"), fetch_redirect_response=False)
    assert Family.objects.count() == 2
    family = Family.objects.get(kk_number="3578011234560001")
    assert (family.rw, family.rt.number, family.posyandu.name) == (place, 2, "Posyandu Mawar")
    mother = Person.objects.get(name="Sri Rahayu")
    bima = Person.objects.get(name="Bima Santoso")
    assert bima.mother == mother and bima.family == family and bima.has_birth_certificate
    assert str(bima.birth_weight_kg) == "3.20"
    assert Person.objects.get(name="Citra Santoso").birth_date == days_ago(800)
    assert Person.objects.filter(mother=mother).count() == 2


def test_one_bad_row_imports_nothing_and_names_the_rows(client, place, petugas):
    client.force_login(petugas)
    rows = [
        child_row(),
        child_row(name="Anak Masa Depan", birth_date=today() + datetime.timedelta(days=5)),
        child_row(name="Anak RW Salah", rw=9),
    ]
    response = upload(client, "anak", rows)
    assert response.status_code == 200
    errors = dict(response.context["result"].errors)
    assert set(errors) == {3, 4}
    assert any("tidak boleh di masa depan" in e for e in errors[3])
    assert any("RW 9 tidak ada di kelurahan ini" in e for e in errors[4])
    assertContains(response, "Tidak ada data yang disimpan")
    assert not Person.objects.exists() and not Family.objects.exists()


def test_a_second_import_of_the_same_children_is_refused_as_duplicates(client, place, petugas):
    client.force_login(petugas)
    upload(client, "anak", [child_row()])
    response = upload(client, "anak", [child_row()])
    assertContains(response, "Kemungkinan data ganda")
    assert Person.objects.filter(name="Bima Santoso").count() == 1


def test_missing_required_column_and_unreadable_file(client, place, petugas):
    client.force_login(petugas)
    book = Workbook()
    book.active.append(["Nama anak", "Jenis kelamin"])
    buffer = BytesIO()
    book.save(buffer)
    url = reverse("stunting:import_upload", args=["anak"])
    response = client.post(url, {"file": SimpleUploadedFile("a.xlsx", buffer.getvalue())})
    assertContains(response, "Kolom wajib tidak ditemukan")
    assertContains(response, "Tanggal lahir")
    response = client.post(url, {"file": SimpleUploadedFile("a.xlsx", b"bukan excel")})
    assertContains(response, "Berkas harus berformat Excel .xlsx")
    response = client.post(url, {"file": SimpleUploadedFile("a.csv", b"x,y")})
    assertContains(response, "Berkas harus berformat Excel .xlsx")


def test_pregnancy_import(client, place, petugas):
    client.force_login(petugas)
    rows = [
        {
            "head_name": "Budi",
            "rw": 3,
            "name": "Wulan",
            "nik": nik_for(datetime.date(1996, 2, 3), "P", 12),
            "birth_date": datetime.date(1996, 2, 3),
            "last_period_date": days_ago(100),
            "status": "risiko tinggi",
            "muac_cm": 24,
        }
    ]
    response = upload(client, "ibu-hamil", rows)
    assert response.status_code == 302
    pregnancy = Pregnancy.objects.get()
    assert pregnancy.status == "risti"
    assert pregnancy.expected_delivery_date == days_ago(100) + datetime.timedelta(280)


def test_monthly_child_import_writes_measurement_and_2b(client, kelurahan, petugas):
    family = make_family(kelurahan)
    baby = make_child(family, name="Bima", age_days=300)
    toddler = make_child(family, name="Citra", age_days=1000, sex="P")
    visit = today()
    last_month = ages.add_months(visit, -1)
    client.force_login(petugas)
    rows = [
        {"id": baby.pk, "name": "bima", "visit_date": last_month, "weight_kg": 8.1,
         "height_cm": 69, "measured_lying": "PB", "growth_mat": "Hijau", "counseling_mother": "ya"},
        {"id": baby.pk, "visit_date": visit, "weight_kg": 8.4, "height_cm": 70.5,
         "measured_lying": "PB", "growth_mat": "hijau"},
        {"id": toddler.pk, "visit_date": visit, "weight_kg": 11.0, "height_cm": 85,
         "measured_lying": "TB"},
    ]  # fmt: skip
    response = upload(client, "pemantauan-anak", rows)
    assert response.status_code == 302, response.context["result"].errors
    assert Measurement.objects.count() == 3
    assert ChildMonth.objects.filter(person=baby).count() == 2
    assert not ChildMonth.objects.filter(person=toddler).exists()
    assert ChildMonth.objects.get(person=baby, month=ages.month_start(last_month)).counseling_mother
    baby.refresh_from_db()
    assert baby.last_measurement.month == ages.month_start(visit)


def test_monthly_import_refuses_second_record_and_unknown_child(
    client, kelurahan, other_kelurahan, petugas
):
    baby = make_child(make_family(kelurahan), name="Bima", age_days=300)
    stranger = make_child(make_family(other_kelurahan), name="Tetangga", age_days=300)
    client.force_login(petugas)
    row = {"id": baby.pk, "visit_date": today(), "weight_kg": 8.4, "height_cm": 70.5,
           "measured_lying": "PB"}  # fmt: skip
    rows = [row, {**row, "weight_kg": 8.5}, {**row, "id": stranger.pk}, {**row, "name": "Budi"}]
    response = upload(client, "pemantauan-anak", rows)
    errors = dict(response.context["result"].errors)
    assert set(errors) == {3, 4, 5}
    assert "sudah punya catatan formulir 2B" in " ".join(errors[3])
    assert "tidak ada di kelurahan ini" in " ".join(errors[4])
    assert "Nama anak tidak cocok" in " ".join(errors[5])
    assert not Measurement.objects.exists() and not ChildMonth.objects.exists()


def test_monthly_pregnancy_import(client, kelurahan, petugas):
    mother = make_mother(make_family(kelurahan), nik="3578015705950001")
    pregnancy = make_pregnancy(mother, last_period_date=days_ago(120))
    client.force_login(petugas)
    rows = [{"nik": mother.nik, "visit_date": today(), "anc_visits": 1, "iron_tablets": 30,
             "status": "KEK", "safe_water": "Ya"}]  # fmt: skip
    response = upload(client, "pemantauan-ibu", rows)
    assert response.status_code == 302, response.context["result"].errors
    record = PregnancyMonth.objects.get(pregnancy=pregnancy)
    assert (record.iron_tablets, record.status, record.safe_water) == (30, "kek", True)


def test_template_download_has_the_columns(client, petugas):
    client.force_login(petugas)
    response = client.get(reverse("stunting:import_template", args=["pemantauan-anak"]))
    book = load_workbook(BytesIO(response.content))
    header = [c.value for c in book.worksheets[0][1]]
    assert header[0] == "ID sasaran"
    assert "Tanggal ukur *" in header
    assert [s.title for s in book.worksheets] == ["Data", "Daftar pilihan", "Petunjuk"]


def test_import_pages_are_for_editors(client, kasi_kesra):
    client.force_login(kasi_kesra)
    assert client.get(reverse("stunting:import_index")).status_code == 403
    assert client.get(reverse("stunting:import_upload", args=["anak"])).status_code == 403
    assert client.get(reverse("stunting:import_template", args=["anak"])).status_code == 403


def test_unknown_import_kind_is_404(client, petugas):
    client.force_login(petugas)
    assert client.get(reverse("stunting:import_upload", args=["kader"])).status_code == 404
