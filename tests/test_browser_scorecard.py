"""The scorecard in a real browser: petugas.pradah opens last quarter's Scorecard Konvergensi,
clicks a T figure through to the children behind it, and on to one child's marks with the rule
in words and the monthly records that decided it; then the recap 3B on a phone scrolls
sideways instead of squeezing."""

import re

import pytest
from playwright.sync_api import Page, expect

from kelurahan.dates import Quarter
from kelurahan.models import Kelurahan, User
from stunting.scorecard.compute import load

from .browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_t_figure(quarter: Quarter):
    """The first child indicator of Pradah Kali Kendal with a T in the quarter, and the first
    child marked T on it (the demo misses some months, so there is one)."""
    kelurahan = Kelurahan.objects.get(name="Pradah Kali Kendal")
    result = load(kelurahan.pk, quarter)
    for index in range(10):
        marked = [t for t in result.children if t.marks[index].value == "T"]
        if marked:
            return index + 1, marked[0], len(marked)
    raise AssertionError("the demo has no T")


def test_petugas_follows_a_t_to_the_records_behind_it(page: Page, live_server, demo):
    quarter = Quarter.current().shifted(-1)
    number, child, count = a_t_figure(quarter)
    login(page, live_server, "petugas.pradah")

    page.locator("#mainnav").get_by_role("link", name="Skor Konvergensi").click()
    expect(
        page.get_by_role("heading", name=f"Scorecard Konvergensi {Quarter.current().label}")
    ).to_be_visible()
    page.get_by_role("link", name=re.compile("Triwulan sebelumnya")).click()
    expect(
        page.get_by_role("heading", name=f"Scorecard Konvergensi {quarter.label}")
    ).to_be_visible()
    # Table 5 reads the demo's budget lines of the year: allocation, stunting-specific, share.
    expect(page.locator("tr.scorecard-budget")).to_contain_text("Rp")
    expect(page.locator("tr.scorecard-budget")).to_contain_text("%")

    t_link = page.locator(f'a[href*="/skor/angka/anak-{number}-T/"]')
    expect(t_link).to_have_text(str(count))
    t_link.click()
    expect(
        page.get_by_role("heading", name=re.compile(rf"Anak 0-23 bulan \(3B\) · {number}\. "))
    ).to_be_visible()
    expect(page.get_by_text(f"{count} sasaran")).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=child.name, exact=True))
    expect(row.get_by_text(child.marks[number - 1].reason)).to_be_visible()
    row.get_by_role("link", name="Lihat penilaian").click()

    expect(
        page.get_by_role("heading", name=f"Penilaian {child.name}, {quarter.label}")
    ).to_be_visible()
    mark_row = page.get_by_role("row").filter(has=page.get_by_text(child.marks[number - 1].reason))
    expect(mark_row.get_by_text("T", exact=True)).to_be_visible()
    expect(
        page.get_by_role("heading", name="Catatan bulanan (formulir 2B) dan pengukuran")
    ).to_be_visible()
    expect(page.get_by_text(re.compile(r"\d+,\d kg")).first).to_be_visible()

    # Back to the recap 3B of the quarter: every child a row, the T cells carry their reason.
    page.get_by_role("link", name="3B Anak 0-23 bulan").click()
    expect(
        page.get_by_role("heading", name=f"Rekap Anak 0-23 bulan (3B), {quarter.label}")
    ).to_be_visible()
    cell = page.locator(f'td.mark-t[title="{child.marks[number - 1].reason}"]').first
    expect(cell).to_be_visible()


def test_recap_scrolls_sideways_on_a_phone(page: Page, live_server, demo):
    quarter = Quarter.current().shifted(-1)
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, "petugas.pradah")
    page.goto(
        f"{live_server.url}/stunting/skor/rekap/anak/?tahun={quarter.year}&triwulan={quarter.number}"
    )
    wrapper = page.locator(".table-responsive").filter(has=page.locator("table.recap-table"))
    widths = wrapper.evaluate("el => [el.scrollWidth, el.clientWidth, document.body.scrollWidth]")
    assert widths[0] > widths[1]  # the table scrolls inside its wrapper
    assert widths[2] <= 390  # the page itself does not


def test_lurah_validates_the_quarter(page: Page, live_server, demo):
    """The lurah validates last quarter: the page says who validated it, offers to reopen it
    and no longer offers to validate it."""
    quarter = Quarter.current().shifted(-1)
    login(page, live_server, "lurah.pradah")
    page.goto(f"{live_server.url}/stunting/skor/?tahun={quarter.year}&triwulan={quarter.number}")
    panel = page.locator("section.scorecard-validation")
    expect(panel.get_by_text("DRAF", exact=True)).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    panel.get_by_role("button", name="Validasi scorecard triwulan ini").click()
    expect(panel.get_by_text("TERVALIDASI", exact=True)).to_be_visible()
    lurah = User.objects.get(username="lurah.pradah")
    expect(panel.get_by_text(f"oleh {lurah}", exact=False)).to_be_visible()
    expect(panel.get_by_role("link", name="Buka kembali")).to_be_visible()
    expect(panel.get_by_role("button", name="Validasi scorecard triwulan ini")).to_have_count(0)
