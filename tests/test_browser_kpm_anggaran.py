"""On a phone: petugas.pradah enters a funding source and a budget line, records the spending of
today's meeting with a photo of the receipt, and a second one that goes over the line; then
lurah.pradah confirms the overspend with a reason."""

import re

import pytest
from playwright.sync_api import Page, expect

from kpm.models import Rapat, Realisasi

from .browser import PHONE, TODAY_MEETING, login
from .factories_rapat import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, **PHONE}


def test_budget_spending_with_receipt_and_overspend_confirmed(
    page: Page, live_server, demo, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    photo = tmp_path / "kuitansi.jpg"
    photo.write_bytes(image_bytes("JPEG"))
    rapat = Rapat.objects.get(title=TODAY_MEETING)
    before = sum(rapat.spending.counted().values_list("amount", flat=True))  # the demo's

    login(page, live_server, "petugas.pradah")
    expect(page.get_by_role("heading", name="Dasbor")).to_be_visible()
    page.goto(f"{live_server.url}/kpm/anggaran/")
    expect(page.get_by_role("heading", name=re.compile("Anggaran KPM"))).to_be_visible()

    # A funding source...
    page.get_by_role("link", name="+ Tambah sumber dana").tap()
    page.get_by_label("Jenis sumber").select_option("csr")
    page.get_by_label("Nama sumber dana").fill("CSR Bank Jatim")
    page.get_by_label("Jumlah (Rp)").fill("Rp 2.000.000")
    page.get_by_role("button", name="Simpan").tap()
    expect(page.get_by_text("Sumber dana dicatat.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="CSR Bank Jatim")
    expect(row).to_contain_text("Rp 2.000.000")

    # ...and a line that allocates part of it.
    row.get_by_role("link", name="+ Pos").tap()
    page.get_by_label("Nama pos anggaran").fill("Konsumsi rapat bulanan KPM")
    page.get_by_label("Kegiatan").select_option("operasional")
    page.get_by_label("Alokasi (Rp)").fill("500.000")
    page.get_by_role("button", name="Simpan").tap()
    expect(page.get_by_text("Pos anggaran dicatat.")).to_be_visible()
    expect(page.locator('[data-figure="remaining"]')).to_have_text("Rp 500.000")

    # The meeting's spending, with a photo of the receipt.
    page.goto(f"{live_server.url}{rapat.get_absolute_url()}")
    page.get_by_role("link", name="Catat belanja rapat ini").tap()
    expect(page.get_by_label("Untuk rapat")).to_have_value(str(rapat.pk))
    page.get_by_label("Pos anggaran").select_option(
        label="Konsumsi rapat bulanan KPM (" + str(rapat.starts_at.year) + ")"
    )
    page.get_by_label("Jumlah (Rp)").fill("350.000")
    page.get_by_label("Keperluan").fill("Snack dan air mineral rapat bulanan")
    page.get_by_label("Kuitansi/bukti (foto atau PDF)").set_input_files(str(photo))
    page.get_by_role("button", name="Simpan").tap()
    expect(page.get_by_text("Realisasi belanja dicatat.")).to_be_visible()
    expect(page.locator('[data-figure="amount"]')).to_have_text("Rp 350.000")
    expect(page.get_by_role("img", name="Foto kuitansi")).to_be_visible()
    expect(page.get_by_text("Draf", exact=True)).to_be_visible()

    # A second one goes over what is left on the line: it waits for the lurah.
    page.goto(f"{live_server.url}{rapat.get_absolute_url()}")
    total = f"{before + 350_000:,}".replace(",", ".")
    expect(page.get_by_text(f"Belanja rapat ini: Rp {total}")).to_be_visible()
    page.get_by_role("link", name="Catat belanja rapat ini").tap()
    page.get_by_label("Pos anggaran").select_option(
        label="Konsumsi rapat bulanan KPM (" + str(rapat.starts_at.year) + ")"
    )
    page.get_by_label("Jumlah (Rp)").fill("200000")
    page.get_by_label("Keperluan").fill("Sewa kursi tambahan")
    page.get_by_role("button", name="Simpan").tap()
    expect(
        page.get_by_text(
            "Belanja Rp 200.000 melebihi sisa pos “Konsumsi rapat bulanan KPM” (Rp 150.000)."
        )
    ).to_be_visible()
    expect(page.get_by_text("Menunggu konfirmasi lurah", exact=True)).to_be_visible()
    over = Realisasi.objects.get(purpose="Sewa kursi tambahan")
    assert over.status == Realisasi.Status.MENUNGGU

    # The lurah confirms it with a reason.
    page.context.clear_cookies()
    login(page, live_server, "lurah.pradah")
    expect(page.get_by_text("Realisasi belanja KPM yang menunggu lurah")).to_be_visible()
    page.goto(f"{live_server.url}{over.get_absolute_url()}")
    page.get_by_label("Alasan").fill("Peserta lebih banyak dari undangan")
    page.get_by_role("button", name="Konfirmasi melebihi pagu").tap()
    expect(page.get_by_text("Belanja melebihi pagu dikonfirmasi dan disetujui")).to_be_visible()
    expect(page.locator("#overspend-confirmation")).to_contain_text(
        "Alasan: Peserta lebih banyak dari undangan"
    )
    over.refresh_from_db()
    assert over.status == Realisasi.Status.DISETUJUI
    assert over.overspend_confirmed_by.username == "lurah.pradah"
