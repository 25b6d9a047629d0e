"""Numbered tables head their number column "No.", never the word Django translates as "Tidak"."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertNotContains

from .factories_kpm import make_kader, make_pelatihan, make_sk


@pytest.mark.parametrize("kind", ["sk", "pelatihan"])
def test_list_tables_head_the_number_column_no_dot(client, kelurahan, petugas, kind):
    kader = make_kader(kelurahan)
    if kind == "sk":
        url = reverse("kpm:sk_detail", args=[make_sk(kelurahan, kaders=[kader]).pk])
    else:
        url = reverse("kpm:pelatihan_detail", args=[make_pelatihan(kelurahan, [kader]).pk])
    client.force_login(petugas)
    response = client.get(url)
    assertContains(response, "<th>No.</th>", html=False)
    assertNotContains(response, "<th>Tidak</th>", html=False)


def test_cadre_export_heads_the_number_column_no_dot(client, kelurahan, petugas):
    make_kader(kelurahan)
    client.force_login(petugas)
    response = client.get(reverse("kpm:kader_export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert next(sheet.iter_rows(values_only=True))[0] == "No."


def test_cadre_export_writes_real_dates_and_numbers(client, kelurahan, petugas):
    from kelurahan.models import RW

    rw = RW.objects.create(kelurahan=kelurahan, number=3)
    kader = make_kader(kelurahan, rw=rw)
    client.force_login(petugas)
    response = client.get(reverse("kpm:kader_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Tanggal lahir"].date() == kader.birth_date
    assert row["Umur"] == kader.age and row["RW"] == 3


def test_every_export_sheet_name_is_whole():
    from kelurahan.xlsx import sheet_name
    from stunting.queries import ACTION_LISTS

    for item in ACTION_LISTS.values():
        assert sheet_name(item.sheet) == str(item.sheet)
    for title in ("Register kader KPM", "Sasaran anak", "Ibu hamil", "Kader", "Data"):
        assert sheet_name(title) == title
