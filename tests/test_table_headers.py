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
