"""Helpers for the browser tests (Playwright driving Debian's Chromium)."""

from playwright.sync_api import Page

from kelurahan.demo import DEMO_PASSWORD


def login(page: Page, live_server, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login page, as a person would."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
