"""A posyandu day in a real browser: petugas.pradah enters a month, fixes a wrong row, saves."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from stunting import ages
from stunting.models import Measurement, Person

from .browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def unweighed_child() -> Person:
    """A child of Pradah Kali Kendal who has not been weighed this month (the demo has some)."""
    month = ages.month_start(timezone.localdate())
    weighed = Measurement.objects.filter(month=month).values("person")
    return (
        Person.objects.filter(kelurahan__name="Pradah Kali Kendal", family_role="anak")
        .balita()
        .exclude(pk__in=weighed)
        .exclude(family__posyandu=None)
        .select_related("family__posyandu")
        .order_by("birth_date")
        .last()
    )


def test_posyandu_day_with_one_wrong_row_corrected(page: Page, live_server, demo):
    child = unweighed_child()
    posyandu = child.family.posyandu
    today = timezone.localdate()
    login(page, live_server, "petugas.pradah")

    page.locator("#mainnav").get_by_role("link", name="Posyandu", exact=True).click()
    expect(page.get_by_role("heading", name="Hari posyandu")).to_be_visible()
    page.get_by_label("Posyandu").select_option(label=posyandu.name)
    page.get_by_label("Bulan").fill(today.strftime("%Y-%m"))
    page.get_by_role("button", name="Buka daftar balita").click()
    expect(page.get_by_role("heading", name=posyandu.name)).to_be_visible()

    # A typo: 95 kg for a small child. Enter moves down the column, it does not submit.
    weight = page.get_by_label(f"Berat badan (kg) {child.name}")
    weight.fill("95")
    weight.press("Enter")
    expect(page.get_by_text("Data belum disimpan")).to_have_count(0)
    page.get_by_label(f"Panjang/tinggi badan (cm) {child.name}").fill("70.5")
    page.get_by_role("button", name="Simpan semua").first.click()

    expect(
        page.get_by_text("Data belum disimpan. Ada 1 baris yang perlu diperbaiki")
    ).to_be_visible()
    expect(page.get_by_text("Berat badan harus antara 0,5 dan 60 kg.")).to_be_visible()
    assert not Measurement.objects.filter(person=child, month=ages.month_start(today)).exists()

    page.get_by_label(f"Berat badan (kg) {child.name}").fill("9.5")
    page.get_by_role("button", name="Simpan semua").first.click()
    expect(page.get_by_text("1 anak disimpan.")).to_be_visible()

    measurement = Measurement.objects.get(person=child, month=ages.month_start(today))
    assert str(measurement.weight_kg) == "9.50"
    assert measurement.hfa_z is not None and measurement.posyandu == posyandu

    # The child's page shows the new point and its status.
    page.goto(f"{live_server.url}{child.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Grafik pertumbuhan")).to_be_visible()
    expect(page.locator("svg circle.child-point").first).to_be_attached()


def test_growth_charts_on_a_phone(page: Page, live_server, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    child = (
        Person.objects.filter(kelurahan__name="Pradah Kali Kendal", family_role="anak", sex="P")
        .exclude(last_measurement=None)
        .first()
    )
    login(page, live_server, "petugas.pradah")
    page.goto(f"{live_server.url}{child.get_absolute_url()}")
    charts = page.locator("figure.growth-chart svg")
    expect(charts).to_have_count(3)
    box = charts.first.bounding_box()
    assert box and box["width"] <= 390
    expect(page.get_by_text("Perempuan").first).to_be_visible()
