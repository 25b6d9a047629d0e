"""Implausible values ("periksa ulang", WHO's flags) ask for a confirmation before they are saved,
and unconfirmed ones count in no status list and no prevalence until someone re-checks them."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from stunting import ages
from stunting.models import Measurement

from .factories_stunting import make_child, make_family, make_measurement, this_month, today
from .test_stunting_imports import upload
from .test_stunting_posyandu import day_url, post_data

WARNING = "Nilai ini tidak wajar untuk umur dan ukuran anak menurut WHO"
IMPLAUSIBLE = {"weight_kg": "5.0", "height_cm": "100.0", "measured_lying": "0"}


@pytest.fixture
def child(kelurahan, posyandu):
    """53 months old."""
    family = make_family(kelurahan, posyandu=posyandu)
    return make_child(family, name="Dimas", birth_date=ages.add_months(today(), -53))


def test_measurement_form_asks_for_confirmation(client, child, petugas):
    client.force_login(petugas)
    url = reverse("stunting:measurement_create", args=[child.pk])
    data = {"measured_on": today().isoformat(), **IMPLAUSIBLE}
    response = client.post(url, data)
    assertContains(response, WARNING)
    assertContains(response, "Nilai sudah diperiksa ulang dan memang benar")
    assert not Measurement.objects.exists()
    response = client.post(url, data | {"recheck_confirmed": "on"})
    assert response.status_code == 302
    m = Measurement.objects.get(person=child)
    assert m.needs_recheck and m.recheck_confirmed


def test_plausible_values_save_without_the_checkbox(client, child, petugas):
    client.force_login(petugas)
    url = reverse("stunting:measurement_create", args=[child.pk])
    response = client.get(url)
    assertNotContains(response, "Nilai sudah diperiksa ulang dan memang benar")
    data = {"measured_on": today().isoformat(), "weight_kg": "15.5", "height_cm": "102.0"}
    response = client.post(url, data | {"measured_lying": "0"})
    assert response.status_code == 302
    assert not Measurement.objects.get(person=child).needs_recheck


def test_unconfirmed_implausible_values_count_nowhere(client, kelurahan, child, petugas):
    make_measurement(child, weight="5.0", height="100.0", lying=False)  # e.g. an older record
    client.force_login(petugas)
    for slug in ("gizi-kurang", "berat-kurang"):
        response = client.get(reverse("stunting:action_list", args=[slug]))
        assertNotContains(response, "Dimas")
    assertContains(client.get(reverse("stunting:action_list", args=["periksa-ulang"])), "Dimas")
    response = client.get(reverse("stunting:child_list"), {"status": "gizi_buruk"})
    assertNotContains(response, "Dimas")
    # Once re-checked and confirmed it counts, and leaves the re-check list.
    m = Measurement.objects.get(person=child)
    url = reverse("stunting:measurement_update", args=[m.pk])
    response = client.get(url)
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields} | IMPLAUSIBLE
    data |= {"measured_on": today().isoformat(), "recheck_confirmed": "on"}
    assert client.post(url, data).status_code == 302
    assertContains(client.get(reverse("stunting:action_list", args=["gizi-kurang"])), "Dimas")
    response = client.get(reverse("stunting:action_list", args=["periksa-ulang"]))
    assertNotContains(response, "Dimas")


def test_prevalence_leaves_out_unconfirmed_implausible_values(child, kelurahan):
    from stunting.dashboard import panels

    make_measurement(child, weight="15.0", height="70.0", lying=False)  # 70 cm at 53 months
    assert Measurement.objects.get().needs_recheck
    rows = {r.label: r.values for r in panels(None, [kelurahan])[0].rows}
    assert rows["Prevalensi stunting di antara yang diukur"] == ["–"]
    Measurement.objects.update(recheck_confirmed=True)
    rows = {r.label: r.values for r in panels(None, [kelurahan])[0].rows}
    assert rows["Prevalensi stunting di antara yang diukur"] == ["100,0%"]


def test_posyandu_day_asks_for_confirmation(client, posyandu, child, petugas):
    client.force_login(petugas)
    rows = {child: {"weight_kg": "5.0", "height_cm": "100.0"}}
    response = client.post(day_url(posyandu), post_data(client, posyandu, rows))
    assertContains(response, WARNING)
    assertContains(response, "Sudah diperiksa ulang, benar")
    assert not Measurement.objects.exists()
    rows[child]["recheck_confirmed"] = "on"
    response = client.post(day_url(posyandu), post_data(client, posyandu, rows))
    assertRedirects(response, day_url(posyandu), fetch_redirect_response=False)
    assert Measurement.objects.get(person=child, month=this_month()).recheck_confirmed


def test_import_asks_for_confirmation(client, child, petugas):
    client.force_login(petugas)
    row = {"id": child.pk, "visit_date": today(), "weight_kg": 5.0, "height_cm": 100,
           "measured_lying": "TB"}  # fmt: skip
    response = upload(client, "pemantauan-anak", [row])
    errors = " ".join(" ".join(e) for _n, e in response.context["result"].errors)
    assert WARNING in errors
    response = upload(client, "pemantauan-anak", [row | {"recheck_confirmed": "Ya"}])
    assert response.status_code == 302
    assert Measurement.objects.get(person=child).recheck_confirmed
