"""A stunted child on the action list gets a home visit and a referral followed to the end:
petugas.pradah records the visit from the list (it counts in this month's 2B number), refers
the child to the puskesmas, and records the puskesmas' answer step by step until "selesai"."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from kelurahan.models import Kelurahan
from stunting import ages, queries
from stunting.models import ChildMonth, HomeVisit, Person, Referral

from .browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _stunted_child() -> Person:
    pradah = Kelurahan.objects.get(name="Pradah Kali Kendal")
    month = ages.month_start(timezone.localdate())
    # A child of 0-23 months, so that the visit counts in the 2B record.
    under_two = Person.objects.filter(kelurahan=pradah).aged_months(0, 22)
    children = queries.action_list("stunting", under_two, month=month).order_by("name")
    return children.first()


def _visits_this_month(child: Person) -> int:
    month = ages.month_start(timezone.localdate())
    record = ChildMonth.objects.filter(person=child, month=month).first()
    return record.home_visits if record else 0


def test_stunted_child_gets_a_home_visit_and_a_referral_to_the_end(page: Page, live_server, demo):
    child = _stunted_child()
    assert child is not None, "the demo has a stunted child in Pradah Kali Kendal"
    before = _visits_this_month(child)
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, "petugas.pradah")

    # The action list of stunted children: the child's row has the three buttons.
    page.goto(f"{live_server.url}/stunting/daftar/stunting/")
    row = page.locator("tr", has=page.get_by_role("link", name=child.name, exact=True))
    expect(row.get_by_role("link", name="Buat tugas")).to_be_visible()
    row.get_by_role("link", name="Catat kunjungan rumah").click()

    # The home visit: today, a cadre, why, what was seen.
    expect(page.get_by_role("heading", name="Catat kunjungan rumah")).to_be_visible()
    cadre = page.locator("#id_kader")
    if not cadre.input_value():
        cadre.select_option(index=1)
    page.locator("#id_purpose").select_option(label="Pemantauan tumbuh kembang anak")
    page.locator("#id_notes").fill("Ibu diajari menyiapkan MP-ASI kaya protein hewani.")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Kunjungan rumah dicatat.")).to_be_visible()
    assert "/stunting/daftar/stunting/" in page.url  # back to the list it came from
    assert HomeVisit.objects.filter(person=child).count() >= 1
    assert _visits_this_month(child) == before + 1  # counted in this month's 2B number

    # The referral to the puskesmas.
    row = page.locator("tr", has=page.get_by_role("link", name=child.name, exact=True))
    row.get_by_role("link", name="Rujuk").click()
    page.locator("#id_reason").select_option(label="Anak pendek/sangat pendek (stunting)")
    opd = page.locator("#id_opd")
    if not opd.input_value():
        opd.select_option(label="Puskesmas Dukuh Kupang")
    page.get_by_role("button", name="Simpan rujukan").click()
    expect(page.get_by_text("Rujukan dicatat.")).to_be_visible()
    referral = Referral.objects.filter(person=child).latest("pk")
    assert referral.status == Referral.Status.DIRUJUK

    # The puskesmas' answer, step by step, until it is done.
    for step, shown in [
        ("Diterima", "Diterima"),
        ("Ditindaklanjuti", "Ditindaklanjuti"),
        ("Selesai", "Selesai"),
    ]:
        page.locator("#id_status").select_option(label=step)
        page.locator("#id_note").fill(f"{step}: dicatat dari telepon puskesmas")
        page.get_by_role("button", name="Simpan langkah").click()
        expect(page.locator("main")).to_contain_text(f"{step}: dicatat dari telepon puskesmas")
        referral.refresh_from_db()
        assert referral.get_status_display() == shown
    expect(page.get_by_role("button", name="Simpan langkah")).to_have_count(0)
    referral.refresh_from_db()
    assert referral.days_to_resolve == 0
    assert list(referral.steps.values_list("status", "by__username")) == [
        ("dirujuk", "petugas.pradah"),
        ("diterima", "petugas.pradah"),
        ("ditindaklanjuti", "petugas.pradah"),
        ("selesai", "petugas.pradah"),
    ]

    # The child's page shows the visit and the finished referral.
    page.goto(f"{live_server.url}{child.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("Ibu diajari menyiapkan MP-ASI")
    expect(page.locator("main")).to_contain_text("Puskesmas Dukuh Kupang")
