"""The kecamatan comparison in a real browser: kecamatan staff open it from the menu, choose a
quarter, read the kelurahan side by side and the trend, under the Content-Security-Policy; on a
phone the wide tables scroll inside their card, not the page."""

import re

import pytest
from playwright.sync_api import Page, expect

from .browser import login
from .test_browser_csp import WATCH

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kecamatan_staff_compare_their_kelurahan(page: Page, live_server, demo):
    page.add_init_script(WATCH)
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, "kecamatan.dukuhpakis")
    page.get_by_role("button", name="Buka menu").click()
    page.get_by_role("link", name="Skor kecamatan").click()
    expect(page.get_by_role("heading", name="Scorecard Konvergensi per kelurahan")).to_be_visible()
    table4 = page.locator("section", has=page.get_by_role("heading", name="Tabel 4."))
    for name in ("Dukuh Kupang", "Dukuh Pakis", "Gunung Sari", "Pradah Kali Kendal"):
        expect(table4.get_by_role("columnheader", name=name)).to_be_visible()
    expect(table4.get_by_role("columnheader", name="Kecamatan")).to_be_attached()
    # Every cell of table 4 reads as a share with one decimal, or a dash.
    for text in table4.locator("td").all_inner_texts():
        assert re.match(r"^(–|\d{1,3},\d%\n\d+ dari \d+)$", text.strip()), text
    # The page itself does not scroll sideways; the comparison scrolls inside its card.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    wide = table4.locator(".table-responsive")
    assert wide.evaluate("e => e.scrollWidth > e.clientWidth")
    # Another quarter, chosen with the form.
    page.get_by_label("Triwulan", exact=True).select_option("1")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page).to_have_url(re.compile(r"triwulan=1"))
    expect(page.get_by_text(re.compile(r"Triwulan K1 \d{4}"))).to_be_visible()
    trend = page.locator("figure.trend-chart")
    expect(trend.locator("svg title").first).to_contain_text("Tren tingkat konvergensi")
    trend.get_by_text("Nilai per triwulan").click()
    expect(trend.locator("table.trend-values tbody tr")).to_have_count(8)
    assert page.evaluate("window.cspViolations") == []
