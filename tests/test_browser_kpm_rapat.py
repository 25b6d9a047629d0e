"""Attendance on a phone: petugas.pradah marks people with taps and the counts follow, without
the page reloading (htmx)."""

import re

import pytest
from playwright.sync_api import Page, expect

from kpm.models import RapatPeserta

from .browser import PHONE, TODAY_MEETING, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, **PHONE}


def count(page: Page, key: str):
    return page.locator(f'#attendance-counts [data-count="{key}"]')


def test_petugas_marks_attendance_with_taps_on_a_phone(page: Page, live_server, demo):
    login(page, live_server, "petugas.pradah")
    expect(page.get_by_role("heading", name="Dasbor")).to_be_visible()
    page.get_by_role("link", name="Presensi hari ini").first.click()
    expect(page.get_by_role("heading", name=re.compile("Presensi"))).to_be_visible()
    expect(count(page, "hadir")).to_have_text("0")
    invited = int(count(page, "total").inner_text())
    assert invited >= 5

    # A marker on the window survives only if the page is never reloaded.
    page.evaluate("window.stillTheSamePage = true")
    rows = page.locator("#daftar-peserta [data-name]")
    first, second, third = rows.nth(0), rows.nth(1), rows.nth(2)
    first.get_by_role("button", name="Hadir", exact=True).tap()
    expect(count(page, "hadir")).to_have_text("1")
    second.get_by_role("button", name="Hadir", exact=True).tap()
    expect(count(page, "hadir")).to_have_text("2")
    third.get_by_role("button", name="Izin").tap()
    expect(count(page, "izin")).to_have_text("1")
    expect(count(page, "belum")).to_have_text(str(invited - 3))
    # Correcting a mistake: the first person was in fact excused.
    rows.nth(0).get_by_role("button", name="Izin").tap()
    expect(count(page, "izin")).to_have_text("2")
    expect(count(page, "hadir")).to_have_text("1")
    expect(rows.nth(0).get_by_role("button", name="Izin")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("window.stillTheSamePage") is True

    marked = RapatPeserta.objects.filter(rapat__title=TODAY_MEETING).exclude(attendance="")
    assert sorted(marked.values_list("attendance", flat=True)) == ["hadir", "izin", "izin"]

    # A walk-in guest is added and counted present.
    page.get_by_label("Nama tamu").fill("Ibu Ketua RT 03")
    page.get_by_role("button", name="Catat hadir").tap()
    expect(page.get_by_text("Ibu Ketua RT 03 dicatat hadir.")).to_be_visible()
    expect(count(page, "hadir")).to_have_text("2")
    expect(count(page, "total")).to_have_text(str(invited + 1))


def test_lurah_signs_the_minutes_which_then_lock(page: Page, live_server, demo):
    from kpm.models import Rapat

    # The kelurahan's own rembuk stunting (a kecamatan-level meeting is signed for the camat).
    rapat = Rapat.objects.get(title="Rembuk Stunting Kelurahan Pradah Kali Kendal Tahun 2021")
    login(page, live_server, "lurah.pradah")
    expect(page.get_by_role("heading", name="Dasbor")).to_be_visible()
    page.goto(f"{live_server.url}{rapat.get_absolute_url()}")
    panel = page.locator("#tanda-tangan")
    expect(panel.get_by_text("Belum ditandatangani")).to_be_visible()
    expect(page.get_by_role("link", name="Notulen", exact=True)).to_be_visible()
    panel.get_by_role("button", name="Tandatangani secara elektronik").tap()
    expect(page.get_by_text("Notulen ditandatangani")).to_be_visible()
    expect(panel).to_contain_text(
        "Ditandatangani secara elektronik oleh Hajar Sulistyono, S.Sos., M.Si. (Lurah Pradah"
    )
    # Locked: the minutes can no longer be edited from the page.
    expect(page.get_by_role("link", name="Notulen", exact=True)).to_have_count(0)
    rapat.refresh_from_db()
    assert rapat.signed_by.username == "lurah.pradah"
