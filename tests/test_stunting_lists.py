"""The lists a kelurahan acts on, their filters and Excel exports, and the dashboard panel."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertNotContains

from kelurahan import xlsx
from kelurahan.models import Lembaga
from stunting import ages, exports

from .factories import make_lembaga, make_rw
from .factories_stunting import (
    make_child,
    make_family,
    make_measurement,
    make_mother,
    make_pregnancy,
    today,
)
from .pages import assert_filters


@pytest.fixture
def children(kelurahan):
    rw1, rw2 = make_rw(kelurahan, number=1), make_rw(kelurahan, number=2)
    posyandu = make_lembaga(kelurahan, name="Posyandu Melati", rw=rw1)
    fam1 = make_family(kelurahan, rw=rw1, posyandu=posyandu)
    fam2 = make_family(kelurahan, rw=rw2)
    stunted = make_child(fam1, name="Anak Pendek", sex="L", age_days=700)
    make_measurement(stunted, weight="9.5", height="74.0")
    wasted = make_child(fam2, name="Anak Kurus", sex="P", age_days=400)
    make_measurement(wasted, weight="6.0", height="74.0")
    normal = make_child(fam2, name="Anak Sehat", sex="P", age_days=400)
    make_measurement(normal, weight="9.0", height="74.5")
    unweighed = make_child(fam1, name="Anak Belum Ditimbang", sex="L", age_days=200)
    old = make_child(fam1, name="Anak Enam Tahun", age_days=2300)
    return {
        "stunted": stunted,
        "wasted": wasted,
        "normal": normal,
        "unweighed": unweighed,
        "old": old,
        "rw1": rw1,
        "posyandu": posyandu,
    }


def test_stunted_list(client, children, petugas):
    client.force_login(petugas)
    response = client.get(reverse("stunting:action_list", args=["stunting"]))
    assertContains(response, "Anak Pendek")
    assertNotContains(response, "Anak Sehat")
    assertNotContains(response, "Anak Kurus")


def test_wasted_and_underweight_lists(client, children, petugas):
    client.force_login(petugas)
    for slug, hidden in (("gizi-kurang", "Anak Pendek"), ("berat-kurang", "Anak Sehat")):
        response = client.get(reverse("stunting:action_list", args=[slug]))
        assertContains(response, "Anak Kurus")
        assertNotContains(response, hidden)


def test_not_weighed_this_month(client, children, petugas):
    client.force_login(petugas)
    response = client.get(reverse("stunting:action_list", args=["belum-ditimbang"]))
    assertContains(response, "Anak Belum Ditimbang")
    assertNotContains(response, "Anak Sehat")
    assertNotContains(response, "Anak Enam Tahun")  # past 59 months
    last_month = ages.add_months(today(), -1).strftime("%Y-%m")
    response = client.get(
        reverse("stunting:action_list", args=["belum-ditimbang"]), {"bulan": last_month}
    )
    assertContains(response, "Anak Sehat")


def test_lists_filter_by_rw_posyandu_sex_and_age(client, children, petugas):
    client.force_login(petugas)
    url = reverse("stunting:child_list")
    assert_filters(
        client,
        url,
        [
            ({"rw": children["rw1"].pk}, "Anak Pendek", "Anak Kurus"),
            ({"posyandu": children["posyandu"].pk, "sex": "L"}, "Anak Pendek", "Anak Sehat"),
            ({"age_band": "6-12"}, "Anak Belum Ditimbang", "Anak Pendek"),
            ({"status": "stunting"}, "Anak Pendek", "Anak Sehat"),
            ({"status": "never"}, "Anak Belum Ditimbang", "Anak Pendek"),
        ],
    )


def test_unknown_list_is_404(client, petugas):
    client.force_login(petugas)
    assert client.get(reverse("stunting:action_list", args=["tidak-ada"])).status_code == 404


def test_lists_index_counts(client, children, petugas):
    make_pregnancy(make_mother(make_family(children["stunted"].kelurahan)), status="kek")
    client.force_login(petugas)
    response = client.get(reverse("stunting:lists_index"))
    counts = {item.slug: n for item, n in response.context["lists"]}
    assert counts["stunting"] == 1
    assert counts["gizi-kurang"] == 1
    assert counts["belum-ditimbang"] == 1
    assert response.context["risky"] == 1


def _sheet(response):
    assert response["Content-Type"] == xlsx.XLSX
    assert "attachment" in response["Content-Disposition"]
    return load_workbook(BytesIO(response.content)).active


def test_excel_export_headers_line_up_with_values(client, children, petugas):
    client.force_login(petugas)
    response = client.get(reverse("stunting:action_list_xlsx", args=["stunting"]))
    sheet = _sheet(response)
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header == tuple(str(c.header) for c in exports.child_columns(petugas))
    assert len(rows) == 2
    row = dict(zip(header, rows[1], strict=True))
    assert row["Nama anak"] == "Anak Pendek"
    assert row["ID sasaran"] == children["stunted"].pk
    assert row["PB/U atau TB/U"] in ("Pendek", "Sangat pendek")
    assert row["z PB/U atau TB/U"] < -2
    assert row["Panjang/tinggi (cm)"] == 74.0


def test_excel_export_keeps_the_filters(client, children, petugas):
    client.force_login(petugas)
    response = client.get(reverse("stunting:child_list_xlsx"), {"rw": children["rw1"].pk})
    names = [r[1] for r in list(_sheet(response).iter_rows(values_only=True))[1:]]
    assert "Anak Pendek" in names and "Anak Kurus" not in names


def test_pregnancy_export(client, kelurahan, petugas):
    make_pregnancy(make_mother(make_family(kelurahan), name="Dewi KEK"), status="kek")
    client.force_login(petugas)
    response = client.get(reverse("stunting:pregnancy_list_xlsx"), {"status": "risiko"})
    rows = list(_sheet(response).iter_rows(values_only=True))
    assert rows[0] == tuple(str(c.header) for c in exports.pregnancy_columns(petugas))
    assert rows[1][1] == "Dewi KEK"


def test_export_of_another_kelurahan_is_not_leaked(client, children, other_petugas):
    client.force_login(other_petugas)
    response = client.get(reverse("stunting:child_list_xlsx"))
    assert len(list(_sheet(response).iter_rows())) == 1


def test_action_list_pins_its_queries(client, kelurahan, petugas, django_assert_max_num_queries):
    posyandu = make_lembaga(kelurahan, kind=Lembaga.Kind.POSYANDU)
    for i in range(20):
        child = make_child(make_family(kelurahan, posyandu=posyandu), age_days=700 + i * 5)
        make_measurement(child, weight="9.0", height="74.0")
    client.force_login(petugas)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("stunting:action_list", args=["stunting"]))
    assert len(response.context["page_obj"]) == 20


# --- Dashboard ----------------------------------------------------------------------------------


def test_dashboard_shows_targets_prevalence_and_not_measured(client, children, petugas):
    client.force_login(petugas)
    response = client.get(reverse("kelurahan:dashboard"))
    panel = next(p for p in response.context["panels"] if p.title == "Pencegahan stunting")
    rows = {row.label: row.values[0] for row in panel.rows}
    assert rows["Balita 0-59 bulan"] == 4
    assert rows["Balita diukur panjang/tinggi bulan ini"] == 3
    assert rows["Balita pendek/sangat pendek bulan ini"] == 1
    assert rows["Prevalensi stunting di antara yang diukur"] == "33,3%"
    assert rows["Balita belum ditimbang bulan ini"] == 1
    assertContains(response, "Pencegahan stunting")


def test_dashboard_for_kecamatan_has_a_column_per_kelurahan(
    client, children, other_kelurahan, kecamatan_user, django_assert_max_num_queries
):
    make_child(make_family(other_kelurahan), age_days=100)
    client.force_login(kecamatan_user)
    response = client.get(reverse("kelurahan:dashboard"))
    panel = next(p for p in response.context["panels"] if p.title == "Pencegahan stunting")
    balita = next(r for r in panel.rows if r.label == "Balita 0-59 bulan")
    assert sorted(balita.values) == [1, 4]
    prevalence = next(r for r in panel.rows if r.label.startswith("Prevalensi"))
    assert "–" in prevalence.values
