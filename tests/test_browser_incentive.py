"""The incentive review in a browser: petugas.pradah opens and submits this quarter's
assessment, kasikesra.pradah adjusts one manual indicator with a reason, approves it, and
downloads the payout list."""

import datetime
import io

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from kelurahan.dates import Quarter
from kpm.models import Realisasi
from stunting.models import Assessment, IndicatorResult

from .browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Menggerakkan kelas ibu hamil RW 03 tanpa diminta."


def test_petugas_submits_kasi_kesra_adjusts_approves_and_downloads(page: Page, live_server, demo):
    quarter = Quarter.current()
    code = f"{quarter.year}-Q{quarter.number}"
    page.set_viewport_size({"width": 1280, "height": 900})

    # The petugas opens this quarter, scores the manual indicators and submits.
    login(page, live_server, "petugas.pradah")
    page.goto(f"{live_server.url}/stunting/insentif/")
    page.get_by_label("Periode").select_option(value=code)
    page.get_by_role("button", name="Buka penilaian").click()
    expect(page.get_by_role("button", name="Ajukan ke kasi kesra")).to_be_disabled()
    selects = page.locator("#manual-form select.form-select-sm")
    for index in range(selects.count()):
        selects.nth(index).select_option("3")
    page.get_by_role("button", name="Simpan nilai penilaian").click()
    page.get_by_role("button", name="Ajukan ke kasi kesra").click()
    assessment = Assessment.objects.get(kelurahan__name="Pradah Kali Kendal", period=code)
    assert assessment.status == Assessment.Status.DIAJUKAN
    assert assessment.submitted_by.username == "petugas.pradah"
    # The cadres' five working days to appeal pass without an appeal.
    Assessment.objects.filter(pk=assessment.pk).update(
        appeal_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    page.context.clear_cookies()  # another person, at another desk

    # The kasi kesra raises one cadre's initiative from 3 to 5, with the reason.
    login(page, live_server, "kasikesra.pradah")
    page.goto(f"{live_server.url}{assessment.get_absolute_url()}")
    first = assessment.cadres.order_by("kader__name").first()
    page.get_by_role("link", name=first.kader.name, exact=True).click()
    page.get_by_text("Ubah nilai Inisiatif").click()
    form = page.locator("form", has=page.get_by_role("button", name="Simpan nilai baru")).first
    form.get_by_label("Nilai baru").select_option("5")
    form.get_by_label("Alasan perubahan").fill(REASON)
    form.get_by_role("button", name="Simpan nilai baru").click()
    expect(page.locator("main")).to_contain_text(REASON)
    result = IndicatorResult.objects.get(cadre_score=first, code="inisiatif")
    assert (result.proposed, result.adjusted_by.username) == (5, "kasikesra.pradah")

    # Approval locks it and records the payout on the budget line.
    page.get_by_role("button", name="Setujui dan kunci").click()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DISETUJUI
    assert assessment.approved_by.username == "kasikesra.pradah"
    total = sum(assessment.cadres.values_list("amount", flat=True))
    if total:
        payout = Realisasi.objects.get(incentive_assessment=assessment)
        assert payout.amount == total and payout.is_incentive_payout
    expect(page.locator("main")).to_contain_text("Disetujui (terkunci)")

    # The payout list, as the kasi kesra downloads it.
    with page.expect_download() as download:
        page.get_by_role("link", name="Daftar pembayaran (Excel)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    response = page.request.get(
        f"{live_server.url}/stunting/insentif/{assessment.pk}/pembayaran.pdf"
    )
    assert response.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert first.kader.name in text
    assert "DRAF" not in text
