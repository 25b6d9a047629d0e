"""The posyandu day: a whole posyandu's month in one table, saved together or not at all."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.models import Lembaga
from stunting import ages
from stunting.models import ChildMonth, Measurement

from .factories import make_lembaga
from .factories_kpm import make_kader
from .factories_stunting import (
    make_child,
    make_child_month,
    make_family,
    make_measurement,
    this_month,
    today,
)
from .pages import assert_shows


@pytest.fixture
def children(kelurahan, posyandu):
    family = make_family(kelurahan, posyandu=posyandu)
    baby = make_child(family, name="Bima", age_days=200)
    toddler = make_child(family, name="Citra", sex="P", age_days=1000)
    return baby, toddler


def day_url(posyandu, month=None):
    month = month or this_month()
    return reverse("stunting:posyandu_day", args=[posyandu.pk, month.year, month.month])


def post_data(client, posyandu, rows: dict, *, visit_date=None, cadre=None):
    """The page's own rows (as a browser would send them), changed by `rows`:
    {child: {field: value}}."""
    page = client.get(day_url(posyandu))
    formset = page.context["formset"]
    data = {
        "visit_date": (visit_date or today()).isoformat(),
        "recorded_by": cadre.pk if cadre else "",
        "form-TOTAL_FORMS": str(len(formset.forms)),
        "form-INITIAL_FORMS": str(len(formset.forms)),
    }
    for i, form in enumerate(formset.forms):
        values = {k: v for k, v in form.initial.items() if v not in (None, False)}
        values.update(rows.get(form.child, {}))
        for key, value in values.items():
            data[f"form-{i}-{key}"] = value
    return data


def test_page_lists_the_posyandus_children_under_five(
    client, kelurahan, posyandu, children, petugas
):
    other = make_lembaga(kelurahan, name="Posyandu Mawar", kind=Lembaga.Kind.POSYANDU)
    make_child(make_family(kelurahan, posyandu=other), name="Anak Posyandu Lain", age_days=300)
    make_child(make_family(kelurahan, posyandu=posyandu), name="Anak Sudah Enam", age_days=2200)
    client.force_login(petugas)
    response = client.get(day_url(posyandu))
    assert_shows(response, ["Bima", "Citra"], ["Anak Posyandu Lain", "Anak Sudah Enam"])
    # The position defaults by age: lying (PB) under 24 months, standing (TB) from 24.
    positions = {f.child.name: f.initial["measured_lying"] for f in response.context["formset"]}
    assert positions == {"Bima": "1", "Citra": "0"}


def test_posyandu_day_saves_every_row_together(client, posyandu, children, petugas):
    baby, toddler = children
    previous = ages.add_months(this_month(), -1)
    make_child_month(baby, on=previous, safe_water=True, health_insurance=True)
    cadre = make_kader(baby.kelurahan)
    client.force_login(petugas)
    rows = {
        baby: {
            "weight_kg": "7.1",
            "height_cm": "64.5",
            "growth_mat": "hijau",
            "counseling_mother": "on",
            "breastfeeding": "on",
        },
        toddler: {"weight_kg": "11.2", "height_cm": "84.0"},
    }
    response = client.post(day_url(posyandu), post_data(client, posyandu, rows, cadre=cadre))
    assertRedirects(response, day_url(posyandu), fetch_redirect_response=False)
    assert Measurement.objects.filter(month=this_month()).count() == 2
    record = ChildMonth.objects.get(person=baby, month=this_month())
    assert (record.growth_mat, record.counseling_mother, record.recorded_by) == (
        "hijau",
        True,
        cadre,
    )
    # The household facts carry over from last month's 2B record.
    assert record.safe_water and record.health_insurance
    # At 6 months the feeding column means MP-ASI, not ASI eksklusif.
    assert record.age_months == 6
    assert (record.complementary_feeding, record.exclusive_breastfeeding) == (True, None)
    # Children past 23 months get a measurement, not a 2B record.
    assert not ChildMonth.objects.filter(person=toddler).exists()
    m = Measurement.objects.get(person=toddler)
    assert m.posyandu == posyandu and m.hfa_z is not None
    assertContains(client.get(day_url(posyandu)), "2 anak disimpan.")


def test_one_wrong_row_saves_nothing_and_is_shown(client, posyandu, children, petugas):
    baby, toddler = children
    client.force_login(petugas)
    rows = {
        baby: {"weight_kg": "71", "height_cm": "64.5"},
        toddler: {"weight_kg": "11.2", "height_cm": "84.0"},
    }
    response = client.post(day_url(posyandu), post_data(client, posyandu, rows))
    assert response.status_code == 200
    assertContains(response, "Data belum disimpan. Ada 1 baris yang perlu diperbaiki")
    assertContains(response, "Berat badan harus antara 0,5 dan 60 kg.")
    errors = {f.child.name: bool(f.errors) for f in response.context["formset"]}
    assert errors == {"Bima": True, "Citra": False}
    assertContains(response, 'value="11.2"')  # the good row is kept on the page
    assert not Measurement.objects.exists() and not ChildMonth.objects.exists()
    rows[baby]["weight_kg"] = "7.1"
    response = client.post(day_url(posyandu), post_data(client, posyandu, rows))
    assertRedirects(response, day_url(posyandu))
    assert Measurement.objects.count() == 2


def test_height_without_position_is_a_row_error(client, posyandu, children, petugas):
    baby, toddler = children
    client.force_login(petugas)
    rows = {baby: {"height_cm": "64.5", "measured_lying": ""}}
    response = client.post(day_url(posyandu), post_data(client, posyandu, rows))
    assertContains(response, "Pilih cara ukur")
    assert not Measurement.objects.exists()


def test_untouched_rows_are_not_saved_and_saved_rows_are_corrected(
    client, posyandu, children, petugas
):
    baby, toddler = children
    m = make_measurement(toddler, weight="11.0", height="84.0", lying=False, posyandu=posyandu)
    client.force_login(petugas)
    response = client.get(day_url(posyandu))
    assertContains(response, 'value="11"')  # shown as saved, without trailing zeros
    before = m.hfa_z
    rows = {toddler: {"height_cm": "88.0"}}
    response = client.post(day_url(posyandu), post_data(client, posyandu, rows))
    assertRedirects(response, day_url(posyandu))
    m.refresh_from_db()
    assert m.hfa_z > before
    assert not Measurement.objects.filter(person=baby).exists()
    assert Measurement.objects.count() == 1


def test_visit_date_must_be_in_the_month(client, posyandu, children, petugas):
    baby, toddler = children
    client.force_login(petugas)
    rows = {baby: {"weight_kg": "7.0"}}
    visit = ages.add_months(today(), -1)
    response = client.post(day_url(posyandu), post_data(client, posyandu, rows, visit_date=visit))
    assertContains(response, "Tanggal posyandu harus di bulan yang dipilih.")
    assert not Measurement.objects.exists()


def test_a_changed_child_list_is_refused(client, posyandu, children, petugas):
    baby, toddler = children
    client.force_login(petugas)
    data = post_data(client, posyandu, {baby: {"weight_kg": "7.0"}})
    data["form-0-person"], data["form-1-person"] = data["form-1-person"], data["form-0-person"]
    response = client.post(day_url(posyandu), data)
    assertContains(response, "Daftar anak berubah")
    assert not Measurement.objects.exists()


def test_future_month_is_404_and_choose_redirects(client, posyandu, petugas):
    client.force_login(petugas)
    future = ages.add_months(this_month(), 1)
    assert client.get(day_url(posyandu, future)).status_code == 404
    response = client.get(
        reverse("stunting:posyandu_choose"),
        {"posyandu": posyandu.pk, "month": this_month().strftime("%Y-%m")},
    )
    assertRedirects(response, day_url(posyandu))


def test_posyandu_of_another_kelurahan_is_not_offered(client, posyandu, other_kelurahan, petugas):
    make_lembaga(other_kelurahan, name="Posyandu Tetangga", kind=Lembaga.Kind.POSYANDU)
    client.force_login(petugas)
    response = client.get(reverse("stunting:posyandu_choose"))
    assertContains(response, "Posyandu Melati")
    assertNotContains(response, "Posyandu Tetangga")


def test_posyandu_day_pins_its_queries(
    client, kelurahan, posyandu, petugas, django_assert_max_num_queries
):
    for i in range(20):
        child = make_child(make_family(kelurahan, posyandu=posyandu), age_days=100 + 40 * i)
        make_measurement(child, weight="8.0", height="70.0", lying=True)
    client.force_login(petugas)
    with django_assert_max_num_queries(12):
        response = client.get(day_url(posyandu))
    assert len(response.context["formset"].forms) == 20


def test_posting_the_page_back_untouched_changes_nothing(client, posyandu, children, petugas):
    baby, toddler = children
    saved = make_measurement(toddler, weight="11.50", height="84.0", lying=False)
    make_child_month(baby)
    client.force_login(petugas)
    response = client.post(day_url(posyandu), post_data(client, posyandu, {}))
    assertRedirects(response, day_url(posyandu), fetch_redirect_response=False)
    assertContains(client.get(day_url(posyandu)), "0 anak disimpan.")
    saved.refresh_from_db()
    assert Measurement.objects.get().updated_at == saved.updated_at


def test_the_recording_cadre_stays_chosen_for_the_next_page(client, posyandu, children, petugas):
    baby, _toddler = children
    cadre = make_kader(baby.kelurahan, name="Kader Pencatat")
    client.force_login(petugas)
    rows = {baby: {"weight_kg": "7.1", "height_cm": "64.5"}}
    client.post(day_url(posyandu), post_data(client, posyandu, rows, cadre=cadre))
    page = client.get(day_url(posyandu))
    assert page.context["header"]["recorded_by"].value() == cadre.pk
    assertContains(page, f'<option value="{cadre.pk}" selected>')
