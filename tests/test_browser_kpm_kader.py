"""The cadre register in a real browser: a petugas registers a cadre (and fixes a wrong NIK),
records a working relation with the LPM and sees it in the diagram; another kelurahan cannot
open the cadre."""

import pytest
from playwright.sync_api import Page, expect

from kpm.models import Kader

from .browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Born 12 March 1985, a woman: the NIK codes 52 03 85. The wrong one codes the 13th (53).
RIGHT_NIK = "3578015203859001"
WRONG_NIK = "3578015303859001"


def test_petugas_registers_a_cadre_and_relates_her_to_the_lpm(page: Page, live_server, demo):
    login(page, live_server, "petugas.pradah")
    page.locator("#mainnav").get_by_role("button", name="KPM", exact=True).click()
    page.get_by_role("link", name="Kader KPM", exact=True).click()
    expect(page.get_by_role("heading", name="Buku Kader Pemberdayaan Masyarakat")).to_be_visible()
    page.get_by_role("link", name="+ Tambah kader").click()

    page.locator("#id_name").fill("Sri Wahyuningsih")
    page.locator("#id_nik").fill(WRONG_NIK)
    page.locator("#id_sex").select_option("P")
    page.locator("#id_birth_date").fill("1985-03-12")
    page.locator("#id_origin").select_option("posyandu")
    page.locator("#id_origin_lembaga").select_option(label="Posyandu Melati RW 01")
    page.locator("#id_bidang").select_option("kesehatan")
    page.locator("#id_address").fill("Jl. Pradah Jaya II/14")
    page.locator("#id_phone").fill("0813 3344 5566")
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_text("Data belum disimpan.")).to_be_visible()
    expect(page.get_by_text("Tanggal lahir tidak cocok dengan NIK")).to_be_visible()
    assert not Kader.objects.filter(name="Sri Wahyuningsih").exists()

    page.locator("#id_nik").fill(RIGHT_NIK)
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Kader berhasil ditambahkan.")).to_be_visible()
    expect(page.get_by_role("heading", name="Sri Wahyuningsih")).to_be_visible()
    expect(page.get_by_text(RIGHT_NIK)).to_be_visible()
    expect(page.get_by_text("0813-3344-5566")).to_be_visible()

    page.get_by_role("link", name="+ Hubungan kerja").click()
    page.get_by_role("link", name="Lembaga kemasyarakatan").click()
    expect(page.locator("#id_nature")).to_have_value("keduanya")
    expect(page.locator("#id_activity")).to_have_value("kegiatan_bersama")
    page.locator("#id_lembaga").select_option(label="LPM Kelurahan Pradah Kali Kendal")
    page.locator("#id_start_date").fill("2025-02-03")
    page.locator("#id_notes").fill("Menyusun rencana kegiatan pencegahan stunting bersama LPM.")
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_text("Hubungan kerja berhasil ditambahkan.")).to_be_visible()
    diagram = page.locator("svg.relasi-diagram")
    expect(diagram).to_be_visible()
    expect(diagram.locator("text", has_text="LPM Kelurahan Pradah Kali Kendal")).to_be_visible()
    expect(diagram.locator("text", has_text="Sri Wahyuningsih")).to_be_visible()
    cadre_url = page.url

    page.get_by_role("button", name="Rina Kartika").click()
    page.get_by_role("button", name="Keluar").click()
    login(page, live_server, "petugas.dukuhkupang")
    response = page.goto(cadre_url)
    assert response.status == 404
    expect(page.get_by_text("Sri Wahyuningsih")).to_have_count(0)
