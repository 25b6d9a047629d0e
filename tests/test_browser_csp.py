"""The Content-Security-Policy in a real browser (issue 9): Chromium reports no violation on the
pages whose scripts moved to static files, nor on the admin site, and the moved scripts still
do their work (Enter on the posyandu day, select all invitees, the meeting level, the attendance
search, the delete confirmation, the print button)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from kelurahan.models import Lembaga
from kpm.models import Kader, Rapat
from stunting.models import Measurement

from .browser import TODAY_MEETING, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALL_MEETING = "Sosialisasi Gizi Seimbang bersama Puskesmas"  # 5 invited, many cadres not
# Runs in every page before its own scripts: record what the policy blocked, and stand in for
# the print dialog, which a headless browser cannot show.
WATCH = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
});
window.print = () => { window.printed = true; };
"""


@pytest.fixture
def watched(page: Page):
    """The page, with the policy's violations collected from the console and from the page."""
    messages = []

    def on_console(message):
        if re.search("Content Security Policy|Refused to", message.text):
            messages.append(message.text)

    page.on("console", on_console)
    page.add_init_script(WATCH)
    page.csp_console = messages
    return page


def assert_no_violation(page: Page) -> None:
    page.wait_for_load_state("load")
    assert page.evaluate("window.cspViolations") == [], page.url
    assert page.csp_console == [], page.url


def test_moved_scripts_run_under_the_policy(watched: Page, live_server, demo):
    page, url = watched, live_server.url
    login(page, live_server, "petugas.pradah")
    assert_no_violation(page)

    # Posyandu day: Enter moves down the column instead of sending the form.
    posyandu = Lembaga.objects.get(
        name="Posyandu Melati RW 01", kelurahan__name="Pradah Kali Kendal"
    )
    today = timezone.localdate()
    page.goto(url + reverse("stunting:posyandu_day", args=[posyandu.pk, today.year, today.month]))
    weights = page.locator(".posyandu-table input[name$='-weight_kg']")
    weights.nth(0).fill("9.5")
    weights.nth(0).press("Enter")
    expect(weights.nth(1)).to_be_focused()
    expect(page.get_by_text("anak disimpan")).to_have_count(0)
    assert_no_violation(page)

    # Inviting people: "select all" ticks every cadre still to invite.
    small = Rapat.objects.get(title=SMALL_MEETING)
    page.goto(url + reverse("kpm:rapat_invitees", args=[small.pk]))
    boxes = page.locator("#undang-kader input[type=checkbox]")
    assert boxes.count() >= 2
    page.get_by_role("button", name="Pilih semua yang tampil").click()
    for i in range(boxes.count()):
        expect(boxes.nth(i)).to_be_checked()
    assert_no_violation(page)

    # Attendance: the search box hides the people whose name does not match.
    rapat = Rapat.objects.get(title=TODAY_MEETING)
    page.goto(url + reverse("kpm:rapat_attendance", args=[rapat.pk]))
    rows = page.locator("#daftar-peserta [data-name]")
    total = rows.count()
    name = rows.first.get_attribute("data-name")
    page.get_by_placeholder("Cari nama peserta…").fill(name)
    expect(page.locator("#daftar-peserta [data-name]:visible")).not_to_have_count(total)
    expect(page.locator("#daftar-peserta [data-name]:visible").first).to_be_visible()
    assert_no_violation(page)

    # Deleting a measurement asks first; "cancel" keeps it.
    measurement = Measurement.objects.filter(person__kelurahan__name="Pradah Kali Kendal").first()
    page.goto(url + reverse("stunting:measurement_update", args=[measurement.pk]))
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Hapus pengukuran ini").click()
    expect(page.get_by_role("button", name="Hapus pengukuran ini")).to_be_visible()
    assert Measurement.objects.filter(pk=measurement.pk).exists()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Hapus pengukuran ini").click()
    expect(page.get_by_text("Pengukuran dihapus.")).to_be_visible()
    assert not Measurement.objects.filter(pk=measurement.pk).exists()
    assert_no_violation(page)

    # The working relations of the kelurahan print with one button.
    page.goto(url + reverse("kpm:relasi_kelurahan"))
    page.get_by_role("button", name="Cetak").click()
    assert page.evaluate("window.printed") is True
    expect(page.locator("svg.relasi-diagram")).to_be_visible()
    assert_no_violation(page)

    # The meeting form shows the participating kelurahan only for a kecamatan-level meeting.
    # Only an admin chooses the level: a kelurahan holds kelurahan meetings, the kecamatan
    # kecamatan meetings.
    page.context.clear_cookies()
    login(page, live_server, "admin")
    page.goto(url + reverse("kpm:rapat_create"))
    box, level = page.locator("#peserta-kelurahan"), page.locator("#id_level")
    level.select_option("kelurahan")
    expect(box).to_be_hidden()
    level.select_option("kecamatan")
    expect(box).to_be_visible()
    assert_no_violation(page)


def test_admin_site_passes_the_policy(watched: Page, live_server, demo):
    page, url = watched, live_server.url
    login(page, live_server, "admin")
    kader = Kader.objects.filter(relasi_set__isnull=False).first()
    for path in (
        "/admin/",
        "/admin/kpm/kader/?is_active__exact=1",
        f"/admin/kpm/kader/{kader.pk}/change/",
        f"/admin/kpm/kader/{kader.pk}/history/",
        "/admin/kpm/relasi/add/",
    ):
        page.goto(url + path)
        expect(page.locator("#content")).to_be_visible()
        assert_no_violation(page)
    # The autocomplete (select2, jQuery) opens and searches under the policy.
    page.locator(".select2-selection").first.click()
    page.locator(".select2-search__field").fill("a")
    expect(page.locator(".select2-results__option").first).to_be_visible()
    assert_no_violation(page)
