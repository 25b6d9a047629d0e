"""One age range per purpose: a child the "not weighed" list and the posyandu day offer is one
the measurement form and the import accept (0-59 completed months on the measurement day), and
a child of 60 months is offered nowhere."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from stunting import ages
from stunting.models import Measurement

from .factories_stunting import make_child, make_family, this_month, today
from .test_stunting_imports import upload
from .test_stunting_posyandu import day_url, post_data


@pytest.fixture
def pair(kelurahan, posyandu):
    """Two children of the posyandu: one who turned 60 months today, one who is still 59."""
    family = make_family(kelurahan, posyandu=posyandu)
    sixty = ages.add_months(today(), -60)
    old = make_child(family, name="Anak Enam Puluh", birth_date=sixty)
    young = make_child(family, name="Anak Lima Sembilan", birth_date=sixty + datetime.timedelta(1))
    assert ages.age_months(old.birth_date, today()) == 60
    assert ages.age_months(young.birth_date, today()) == 59
    return old, young


def test_not_weighed_list_offers_only_children_the_form_accepts(client, pair, petugas):
    old, young = pair
    client.force_login(petugas)
    response = client.get(reverse("stunting:action_list", args=["belum-ditimbang"]))
    assertContains(response, "Anak Lima Sembilan")
    assertNotContains(response, "Anak Enam Puluh")
    url = reverse("stunting:measurement_create", args=[young.pk])
    data = {"measured_on": today().isoformat(), "weight_kg": "16.5", "height_cm": "106.0"}
    response = client.post(url, data | {"measured_lying": "0"})
    assert response.status_code == 302
    assert Measurement.objects.filter(person=young).exists()
    response = client.post(
        reverse("stunting:measurement_create", args=[old.pk]), data | {"measured_lying": "0"}
    )
    assertContains(response, "di luar rentang formulir ini (0-59 bulan)")


def test_posyandu_day_offers_and_saves_the_same_children(client, posyandu, pair, petugas):
    old, young = pair
    client.force_login(petugas)
    response = client.get(day_url(posyandu))
    assert [f.child for f in response.context["formset"]] == [young]
    rows = {young: {"weight_kg": "16.5", "height_cm": "106.0"}}
    response = client.post(day_url(posyandu), post_data(client, posyandu, rows))
    assertRedirects(response, day_url(posyandu), fetch_redirect_response=False)
    assert Measurement.objects.filter(person=young, month=this_month()).exists()


def test_import_accepts_59_months_and_refuses_60(client, pair, petugas):
    old, young = pair
    client.force_login(petugas)
    row = {"visit_date": today(), "weight_kg": 16.5, "height_cm": 106, "measured_lying": "TB"}
    response = upload(client, "pemantauan-anak", [{"id": old.pk, **row}])
    errors = " ".join(" ".join(e) for _n, e in response.context["result"].errors)
    assert "di luar rentang formulir ini (0-59 bulan)" in errors
    response = upload(client, "pemantauan-anak", [{"id": young.pk, **row}])
    assert response.status_code == 302
    assert Measurement.objects.filter(person=young).count() == 1


def test_a_month_is_judged_at_its_last_day_or_today():
    assert ages.month_day(datetime.date(2024, 2, 1), datetime.date(2025, 1, 5)) == datetime.date(
        2024, 2, 29
    )
    assert ages.month_day(datetime.date(2025, 1, 1), datetime.date(2025, 1, 5)) == datetime.date(
        2025, 1, 5
    )
