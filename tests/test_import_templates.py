"""Import templates: a marked example row that the import skips, dropdowns that match the help,
whole sheet names; the same writer for the cadre and the stunting templates."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from pytest_django.asserts import assertContains

from kpm.models import Kader
from stunting.models import Person

from .factories_kpm import nik_for
from .test_kpm_kader_io import XLSX, posyandu, row  # noqa: F401 (fixture)
from .test_stunting_imports import child_row, place  # noqa: F401 (fixture)


def _upload(book, name="templat.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def test_cadre_template_example_row_is_marked_and_skipped(client, kelurahan, petugas, posyandu):  # noqa: F811
    client.force_login(petugas)
    book = load_workbook(io.BytesIO(client.get(reverse("kpm:kader_import_template")).content))
    sheet = book["Kader"]
    assert sheet["A2"].value.startswith("(contoh)")
    header = [c.value for c in sheet[1]]
    assert "Jenis kelamin" in header  # the dropdown offers the words, not "L/P"
    sex_values = {c.value for col in book["Daftar pilihan"].iter_cols() for c in col}
    assert {"Laki-laki", "Perempuan"} <= sex_values
    response = client.post(reverse("kpm:kader_import"), {"file": _upload(book)})
    assertContains(response, "Berkas tidak berisi baris data kader.")
    values = row(NIK=nik_for(datetime.date(1985, 3, 12), "P", 9))
    sheet.append([values.get(h, "") for h in header])
    response = client.post(reverse("kpm:kader_import"), {"file": _upload(book)})
    assertContains(response, "1 baris siap diimpor")
    client.post(reverse("kpm:kader_import_confirm"))
    assert list(Kader.objects.values_list("name", flat=True)) == ["Siti Khotijah"]


@pytest.mark.parametrize("kind", ["anak", "ibu-hamil", "pemantauan-anak", "pemantauan-ibu"])
def test_stunting_templates_have_an_example_and_dropdowns(client, petugas, kind):
    client.force_login(petugas)
    response = client.get(reverse("stunting:import_template", args=[kind]))
    book = load_workbook(io.BytesIO(response.content))
    data = book.worksheets[0]
    assert str(data["A2"].value).startswith("(contoh)")
    assert data.data_validations.dataValidation  # dropdowns
    guide = " ".join(str(c.value) for r in book["Petunjuk"].iter_rows() for c in r if c.value)
    assert "Ya / Tidak" not in guide


def test_stunting_import_skips_the_example_row(client, place, petugas):  # noqa: F811
    client.force_login(petugas)
    response = client.get(reverse("stunting:import_template", args=["anak"]))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    keys = [
        "kk_number", "head_name", "address", "rw", "rt", "posyandu", "name", "nik", "sex",
        "birth_date", "mother_name", "mother_nik", "birth_weight_kg", "birth_length_cm",
        "has_birth_certificate",
    ]  # fmt: skip
    values = child_row()
    sheet.append([values.get(k) for k in keys])
    response = client.post(
        reverse("stunting:import_upload", args=["anak"]), {"file": _upload(book)}
    )
    assert response.status_code == 302, response.context["result"].errors
    assert list(Person.objects.filter(family_role="anak").values_list("name", flat=True)) == [
        "Bima Santoso"
    ]
