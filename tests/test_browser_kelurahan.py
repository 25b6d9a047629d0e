"""The foundation's journey in a real browser (Playwright driving Debian's Chromium)."""

import re

import pytest
from playwright.sync_api import Page, expect

from .browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_petugas_works_on_an_institution_and_logs_out(page: Page, live_server, demo):
    login(page, live_server, "petugas.pradah")
    expect(page.get_by_role("heading", name="Dasbor")).to_be_visible()
    expect(page.locator("main").get_by_text("Kelurahan Pradah Kali Kendal").first).to_be_visible()
    expect(page.get_by_text("Hajar Sulistyono, S.Sos., M.Si.")).to_be_visible()

    page.get_by_role("button", name="Kelurahan", exact=True).click()
    page.get_by_role("link", name="Lembaga kemasyarakatan").click()
    page.get_by_label("Cari").fill("LPM")
    page.get_by_role("button", name="Terapkan").click()
    page.get_by_role("link", name="LPM Kelurahan Pradah Kali Kendal").click()
    expect(page.get_by_role("heading", name="LPM Kelurahan Pradah Kali Kendal")).to_be_visible()

    page.get_by_role("link", name="Ubah").click()
    page.get_by_label("Telepon", exact=True).first.fill("031-5678123")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Perubahan lembaga disimpan.")).to_be_visible()
    expect(page.get_by_text("(031) 5678123")).to_be_visible()

    page.get_by_role("button", name=re.compile("Rina Kartika")).click()
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()


def test_wrong_password_shows_an_indonesian_error(page: Page, live_server, demo):
    login(page, live_server, "petugas.pradah", password="salah-sekali")
    expect(page.get_by_text("Nama pengguna atau sandi salah.")).to_be_visible()


def test_phone_width_menu_opens(page: Page, live_server, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, "kecamatan.dukuhpakis")
    expect(page.get_by_role("heading", name="Dasbor")).to_be_visible()
    page.get_by_role("button", name="Buka menu").click()
    page.get_by_role("button", name="Kelurahan", exact=True).click()
    page.get_by_role("link", name="Lembaga kemasyarakatan").click()
    expect(page.get_by_role("heading", name="Lembaga kemasyarakatan")).to_be_visible()


def test_phone_width_list_filters_fold_behind_one_button(page: Page, live_server, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, "petugas.pradah")
    page.goto(f"{live_server.url}/lembaga/")
    expect(page.get_by_label("Cari")).to_be_visible()
    expect(page.get_by_label("RW")).to_be_hidden()
    page.get_by_role("button", name="Filter lainnya").click()
    expect(page.get_by_label("RW")).to_be_visible()


def test_user_reads_the_pages_in_english_and_switches_back(page: Page, live_server, demo):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="English").click()
    page.get_by_label("Username").fill("petugas.pradah")
    page.get_by_label("Password").fill("demo-kpm-2020")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    page.get_by_role("button", name=re.compile("Rina Kartika")).click()
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.get_by_role("heading", name="Dasbor")).to_be_visible()
