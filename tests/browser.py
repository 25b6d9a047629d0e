"""Helpers for the browser tests (Playwright driving Debian's Chromium)."""

from playwright.sync_api import Page

from kelurahan.demo import DEMO_PASSWORD

# The demo's meeting of today (kpm/demo/rapat.py).
TODAY_MEETING = "Rapat Koordinasi KPM Bulanan Kelurahan Pradah Kali Kendal"

# The `browser_context_args` of a phone: 390 px wide, touch screen.
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def login(page: Page, live_server, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login page, as a person would."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
