"""The kasi kesra's review pages and the incentive documents: a cadre's score explained, manual
indicators adjusted only with a reason, appeals (written down by the office, answered by the kasi
kesra), return, approval against the budget line, reopening; the report card and the payout list
read back (PDF text, .xlsx cells). Data: the worked example of tests/incentive_helpers.py, K1
approved (Rp 400.000 paid from a line of Rp 900.000), K2 submitted: its tiers ask Rp 600.000 for
the Rp 500.000 left, so every amount is scaled by 5/6: 333.333 + 83.333 + 83.333, Rp 1 remains."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.models import Official, User
from kpm.models import Realisasi
from stunting.incentive import periods, workflow
from stunting.models import Assessment, AssessmentEvent, CadreScore, IndicatorResult
from tests.factories import make_official, make_user
from tests.incentive_helpers import (
    EXAMPLE_QUARTERS,
    build_example,
    run_example_quarter,
    submit_quarter,
)
from tests.pdf import pdf_text

Q2 = periods.parse("2026-Q2")


@pytest.fixture
def setup(kelurahan, petugas):
    return build_example(kelurahan, petugas)


@pytest.fixture
def k2(setup, petugas, kasi_kesra):
    """K1 approved and paid; K2 submitted by the petugas, its appeal window closed."""
    run_example_quarter(setup, "2026-Q1", petugas=petugas, kasi_kesra=kasi_kesra)
    manual, opened, _ = EXAMPLE_QUARTERS["2026-Q2"]
    return submit_quarter(setup, Q2, manual, petugas=petugas, opened_on=datetime.date(*opened))


def _fresh(assessment):
    assessment.refresh_from_db()
    return assessment


def _result(assessment, kader, code="inisiatif"):
    return IndicatorResult.objects.get(
        cadre_score__assessment=assessment, cadre_score__kader=kader, code=code
    )


def _score(assessment, kader):
    return CadreScore.objects.get(assessment=assessment, kader=kader)


def _score_url(assessment, kader) -> str:
    return reverse("stunting:cadre_score_detail", args=[_score(assessment, kader).pk])


def _window_open(assessment):
    Assessment.objects.filter(pk=assessment.pk).update(
        appeal_until=timezone.localdate() + datetime.timedelta(days=5)
    )
    return _fresh(assessment)


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def _pages(response) -> int:
    return len(PdfReader(io.BytesIO(response.content)).pages)


# --- The cadre's score page -------------------------------------------------------------------


def test_score_page_needs_login(client, k2, setup):
    url = _score_url(k2, setup["ani"])
    response = client.get(url)
    assertRedirects(response, f"{reverse('login')}?next={url}", fetch_redirect_response=False)


def test_another_kelurahans_kasi_kesra_gets_404_everywhere(client, k2, setup, other_kasi_kesra):
    client.force_login(other_kasi_kesra)
    score = _score(k2, setup["ani"])
    for name, pk in [
        ("cadre_score_detail", score.pk),
        ("cadre_score_card", score.pk),
        ("assessment_payout_pdf", k2.pk),
        ("assessment_payout_xlsx", k2.pk),
    ]:
        assert client.get(reverse(f"stunting:{name}", args=[pk])).status_code == 404, name
    for name, pk in [
        ("indicator_adjust", _result(k2, setup["ani"]).pk),
        ("cadre_score_answer", score.pk),
        ("assessment_return", k2.pk),
        ("assessment_approve", k2.pk),
        ("assessment_reopen", k2.pk),
    ]:
        assert client.post(reverse(f"stunting:{name}", args=[pk])).status_code == 404, name


def test_score_page_explains_every_number(client, k2, setup, kasi_kesra):
    client.force_login(kasi_kesra)
    response = client.get(_score_url(k2, setup["cici"]))
    # Cici K2: kehadiran 3 of 4 = 75%, baseline 25: level 50, improvement 60 counts.
    assertContains(response, "Skor Cici, K2 2026")
    assertContains(response, "3 / 4")
    assertContains(response, "25")
    assertContains(response, "69")  # the total
    assertContains(response, "Perlu pembinaan")
    assertContains(response, "Rp 83.333")
    assertContains(response, "menurut tingkat Rp 100.000, dikurangi pro rata")
    reasons = IndicatorResult.objects.filter(
        cadre_score__assessment=k2, cadre_score__kader=setup["cici"]
    )
    for result in reasons:
        assertContains(response, result.reason)
    # The evidence of each computed indicator
    assertContains(response, f"{reverse('stunting:home_visit_list')}?kader={setup['cici'].pk}")
    assertContains(response, f"{reverse('kpm:tugas_list')}?kader={setup['cici'].pk}")
    assertContains(response, f"{reverse('kpm:kader_detail', args=[setup['cici'].pk])}#rapat-kader")
    # The kasi kesra may adjust the manual indicator while the assessment is under review
    assertContains(
        response, reverse("stunting:indicator_adjust", args=[_result(k2, setup["cici"]).pk])
    )
    # ... and sees the payout against the line
    assertContains(response, "Insentif kader")
    assertContains(response, "Rp 499.999")
    assertContains(response, "Rp 500.000")
    assertContains(response, "dikurangi pro rata")


def test_an_indicator_that_does_not_apply_says_so(client, k2, setup, petugas):
    client.force_login(petugas)
    response = client.get(_score_url(k2, setup["budi"]))
    assertContains(response, "Tidak berlaku — bobotnya dibagi ke indikator lain")
    assertContains(response, "1 indikator tidak berlaku untuk kader ini")
    assertContains(response, "37,5")  # kehadiran's weight 30 became 37.5
    # The petugas reads; no review forms for them
    assertNotContains(
        response, reverse("stunting:indicator_adjust", args=[_result(k2, setup["budi"]).pk])
    )
    assertNotContains(response, reverse("stunting:assessment_approve", args=[k2.pk]))
    assertContains(response, "Diajukan ke kasi kesra")


def test_score_page_query_count_is_fixed(
    client, k2, setup, kasi_kesra, django_assert_max_num_queries
):
    client.force_login(kasi_kesra)
    url = _score_url(k2, setup["ani"])
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


# --- Adjusting a manual indicator ------------------------------------------------------------


def _adjust(client, assessment, kader, **data):
    url = reverse("stunting:indicator_adjust", args=[_result(assessment, kader).pk])
    return client.post(url, {"version": assessment.version, **data}, follow=True)


def test_kasi_kesra_adjusts_with_a_reason(client, k2, setup, kasi_kesra):
    client.force_login(kasi_kesra)
    response = _adjust(client, k2, setup["cici"], value=5, reason="Memimpin kelas ibu hamil")
    assertContains(response, "Nilai Inisiatif (penilaian) untuk Cici diubah menjadi 5.")
    result = _result(k2, setup["cici"])
    assert (result.proposed, result.adjust_reason, result.adjusted_by) == (
        5,
        "Memimpin kelas ibu hamil",
        kasi_kesra,
    )
    assertContains(response, "Diubah kasi kesra menjadi 5: Memimpin kelas ibu hamil")
    assert AssessmentEvent.objects.filter(
        assessment=k2, action="nilai_diubah", by=kasi_kesra
    ).exists()


def test_adjusting_without_a_reason_is_refused(client, k2, setup, kasi_kesra):
    client.force_login(kasi_kesra)
    response = _adjust(client, k2, setup["cici"], value=5, reason="  ")
    assert "Tulis alasan perubahan nilai." in _messages(response)
    assert _result(k2, setup["cici"]).proposed == 3


def test_hostile_adjust_values_give_messages(client, k2, setup, kasi_kesra):
    client.force_login(kasi_kesra)
    response = _adjust(client, k2, setup["cici"], value="9", reason="x")
    assert "Nilai penilaian 1 sampai 5." in _messages(response)
    url = reverse("stunting:indicator_adjust", args=[_result(k2, setup["cici"]).pk])
    response = client.post(url, {"version": "abc", "value": 2, "reason": "x"}, follow=True)
    assert any("Muat ulang halaman" in m for m in _messages(response))
    # a computed indicator is never changed by hand
    kehadiran = _result(k2, setup["cici"], "kehadiran")
    url = reverse("stunting:indicator_adjust", args=[kehadiran.pk])
    response = client.post(url, {"version": k2.version, "value": 2, "reason": "x"}, follow=True)
    assert "Indikator yang dihitung dari catatan tidak diubah dengan tangan." in _messages(response)


def test_a_stale_page_is_refused_with_who_changed_it(client, k2, setup, kasi_kesra):
    other = make_user(User.Role.KASI_KESRA, kelurahan=k2.kelurahan, username="kasi.kedua")
    stale_version = k2.version
    workflow.adjust_manual(
        result=_result(k2, setup["ani"]), value=5, reason="Aktif", by=other, version=stale_version
    )
    client.force_login(kasi_kesra)
    url = reverse("stunting:indicator_adjust", args=[_result(k2, setup["cici"]).pk])
    response = client.post(url, {"version": stale_version, "value": 4, "reason": "x"}, follow=True)
    assert any("baru saja diubah oleh kasi.kedua" in m for m in _messages(response))
    assert _result(k2, setup["cici"]).proposed == 3
    assert _result(k2, setup["ani"]).proposed == 5  # the first update is kept


def test_petugas_may_not_review(client, k2, setup, petugas):
    client.force_login(petugas)
    score = _score(k2, setup["ani"])
    for name, pk in [
        ("indicator_adjust", _result(k2, setup["ani"]).pk),
        ("cadre_score_answer", score.pk),
        ("assessment_return", k2.pk),
        ("assessment_approve", k2.pk),
        ("assessment_reopen", k2.pk),
    ]:
        response = client.post(reverse(f"stunting:{name}", args=[pk]), {"version": k2.version})
        assert response.status_code == 403, name


def test_review_actions_are_post_only(client, k2, kasi_kesra):
    client.force_login(kasi_kesra)
    assert client.get(reverse("stunting:assessment_approve", args=[k2.pk])).status_code == 405


# --- Appeals ---------------------------------------------------------------------------------


def test_the_office_records_an_appeal_in_the_window(client, k2, setup, petugas, kasi_kesra):
    k2 = _window_open(k2)
    score = _score(k2, setup["budi"])
    client.force_login(petugas)
    page = client.get(reverse("stunting:cadre_score_detail", args=[score.pk]))
    until = k2.appeal_until
    assertContains(page, f"sampai {until.day} ")
    assertContains(page, reverse("stunting:cadre_score_appeal", args=[score.pk]))
    url = reverse("stunting:cadre_score_appeal", args=[score.pk])
    response = client.post(url, {"text": "Rapat 10 Juni saya hadir"}, follow=True)
    assertContains(response, "Sanggahan Budi dicatat")
    assertContains(response, "Rapat 10 Juni saya hadir")
    # The kasi kesra may not write an appeal; the petugas may not answer it
    client.force_login(kasi_kesra)
    assert client.post(url, {"text": "x"}).status_code == 403
    client.force_login(petugas)
    answer = reverse("stunting:cadre_score_answer", args=[score.pk])
    assert client.post(answer, {"answer": "x", "version": 99}).status_code == 403


def test_an_empty_appeal_and_a_late_one_are_refused(client, k2, setup, petugas):
    client.force_login(petugas)
    url = reverse("stunting:cadre_score_appeal", args=[_score(k2, setup["budi"]).pk])
    response = client.post(url, {"text": ""}, follow=True)
    assert "Tulis isi sanggahan." in _messages(response)
    response = client.post(url, {"text": "Terlambat"}, follow=True)  # the window closed
    assert any("Masa sanggah sudah lewat" in m for m in _messages(response))
    assert _score(k2, setup["budi"]).appeal == ""


def test_kasi_kesra_answers_and_then_approves(client, k2, setup, petugas, kasi_kesra):
    k2 = _window_open(k2)
    workflow.record_appeal(score=_score(k2, setup["budi"]), text="Saya hadir", by=petugas)
    Assessment.objects.filter(pk=k2.pk).update(appeal_until=datetime.date(2026, 7, 27))
    k2 = _fresh(k2)
    client.force_login(kasi_kesra)
    approve = reverse("stunting:assessment_approve", args=[k2.pk])
    response = client.post(approve, {"version": k2.version}, follow=True)
    assert "Masih ada sanggahan yang belum dijawab." in _messages(response)
    page = client.get(_score_url(k2, setup["budi"]))
    assertContains(page, "Masih ada 1 sanggahan yang belum dijawab.")
    answer = reverse("stunting:cadre_score_answer", args=[_score(k2, setup["budi"]).pk])
    response = client.post(answer, {"answer": "", "version": k2.version}, follow=True)
    assert "Tulis jawaban sanggahan." in _messages(response)
    response = client.post(
        answer, {"answer": "Daftar hadir diperiksa", "version": k2.version}, follow=True
    )
    assertContains(response, "Jawaban sanggahan Budi disimpan.")
    assertContains(response, "Daftar hadir diperiksa")
    response = client.post(approve, {"version": _fresh(k2).version}, follow=True)
    assert any("disetujui dan dikunci" in m for m in _messages(response))


# --- Return, approve, reopen -------------------------------------------------------------------


def test_approval_waits_for_the_appeal_window(client, k2, kasi_kesra):
    k2 = _window_open(k2)
    client.force_login(kasi_kesra)
    response = client.post(
        reverse("stunting:assessment_approve", args=[k2.pk]), {"version": k2.version}, follow=True
    )
    assert any("Masa sanggah kader berlangsung sampai" in m for m in _messages(response))
    assert _fresh(k2).status == Assessment.Status.DIAJUKAN


def test_approval_records_the_scaled_payout(client, k2, setup, kasi_kesra):
    client.force_login(kasi_kesra)
    back = _score_url(k2, setup["ani"])
    url = f"{reverse('stunting:assessment_approve', args=[k2.pk])}?next={back}"
    response = client.post(url, {"version": k2.version})
    assertRedirects(response, back, fetch_redirect_response=False)
    response = client.get(back)
    assert (
        "Penilaian K2 2026 disetujui dan dikunci. Pembayaran Rp 499.999 dicatat sebagai "
        "realisasi pos anggaran “Insentif kader”." in _messages(response)
    )
    k2 = _fresh(k2)
    assert k2.status == Assessment.Status.DISETUJUI and k2.approved_by == kasi_kesra
    assert k2.payout_spending.amount == 499_999 and k2.payout_spending.is_incentive_payout
    assertContains(response, "Sisa pos anggaran saat disetujui")
    assertContains(response, "Rp 1")
    assertContains(response, "Buka kembali")


def test_the_submitter_never_approves(client, k2, kasi_kesra):
    Assessment.objects.filter(pk=k2.pk).update(submitted_by=kasi_kesra)
    client.force_login(kasi_kesra)
    response = client.post(
        reverse("stunting:assessment_approve", args=[k2.pk]), {"version": k2.version}, follow=True
    )
    assert "Yang mengajukan penilaian tidak boleh menyetujuinya." in _messages(response)


def test_an_unsafe_next_is_ignored(client, k2, kasi_kesra):
    client.force_login(kasi_kesra)
    url = f"{reverse('stunting:assessment_approve', args=[k2.pk])}?next=https://evil.example/"
    response = client.post(url, {"version": k2.version})
    assert response.status_code == 302 and "evil" not in response["Location"]


def test_return_needs_a_note(client, k2, kasi_kesra):
    client.force_login(kasi_kesra)
    url = reverse("stunting:assessment_return", args=[k2.pk])
    response = client.post(url, {"version": k2.version, "note": ""}, follow=True)
    assert "Tulis catatan untuk petugas: apa yang perlu diperbaiki." in _messages(response)
    client.post(url, {"version": k2.version, "note": "Periksa inisiatif Cici"})
    k2 = _fresh(k2)
    assert (k2.status, k2.review_note) == (Assessment.Status.DIKEMBALIKAN, "Periksa inisiatif Cici")


def test_reopening_needs_a_reason_and_takes_the_payout_back(client, k2, kasi_kesra):
    k2 = workflow.approve(assessment=k2, by=kasi_kesra, version=k2.version)
    client.force_login(kasi_kesra)
    url = reverse("stunting:assessment_reopen", args=[k2.pk])
    response = client.post(url, {"version": k2.version, "reason": ""}, follow=True)
    assert "Tulis alasan membuka kembali." in _messages(response)
    response = client.post(
        url, {"version": k2.version, "reason": "Salah hitung kehadiran"}, follow=True
    )
    assert any("dibuka kembali" in m for m in _messages(response))
    k2 = _fresh(k2)
    assert k2.status == Assessment.Status.DIAJUKAN and k2.payout_spending is None
    assert not Realisasi.objects.filter(is_incentive_payout=True, amount=499_999).exists()
    event = AssessmentEvent.objects.filter(assessment=k2).latest("pk")
    assert (event.action, event.note, event.by) == (
        "dibuka_kembali",
        "Salah hitung kehadiran",
        kasi_kesra,
    )


# --- Documents -----------------------------------------------------------------------------------


@pytest.fixture
def officials(kelurahan):
    make_official(kelurahan, position=Official.Position.LURAH, name="Hj. Siti Lurah")
    make_official(kelurahan, position=Official.Position.KASI_KESRA, name="Bambang Kesra")


def test_report_card_is_one_page_with_every_reason(client, k2, setup, petugas, officials):
    client.force_login(petugas)
    score = _score(k2, setup["budi"])
    response = client.get(reverse("stunting:cadre_score_card", args=[score.pk]))
    text = pdf_text(response)
    assert _pages(response) == 1
    assert "RAPOR KINERJA KADER KPM" in text
    assert "Budi" in text and "63,75" in text and "Perlu pembinaan" in text
    assert "DRAF" in text
    assert "Tidak berlaku — bobotnya dibagi ke indikator lain" in text
    for result in score.results.all():
        assert re.sub(r"\s+", " ", result.reason) in text, result.code
    assert "paling lambat" in text and "2026" in text
    assert "Bambang Kesra" in text
    assert setup["budi"].nik not in text


def test_report_card_of_an_approved_assessment_is_not_a_draft(
    client, k2, setup, kasi_kesra, officials
):
    workflow.approve(assessment=k2, by=kasi_kesra, version=k2.version)
    client.force_login(kasi_kesra)
    response = client.get(reverse("stunting:cadre_score_card", args=[_score(k2, setup["ani"]).pk]))
    text = pdf_text(response)
    assert "DRAF" not in text
    assert "Rp 333.333" in text


def test_payout_list_pdf(client, k2, kasi_kesra, kecamatan_user, officials):
    workflow.approve(assessment=k2, by=kasi_kesra, version=k2.version)
    client.force_login(kecamatan_user)  # a read-only role downloads it too
    text = pdf_text(client.get(reverse("stunting:assessment_payout_pdf", args=[k2.pk])))
    for expected in [
        "DAFTAR PEMBAYARAN INSENTIF KINERJA KADER KPM",
        "Ani",
        "Rp 333.333",
        "Rp 83.333",
        "Rp 499.999",
        "Rp 600.000",
        "Tanda tangan",
        "Insentif kader",
        "Dibayar dari",
        "Hj. Siti Lurah",
        "Bambang Kesra",
    ]:
        assert expected in text, expected
    assert "DRAF" not in text


def test_payout_list_of_a_draft_and_of_a_trial_period(client, k2, petugas):
    client.force_login(petugas)
    text = pdf_text(client.get(reverse("stunting:assessment_payout_pdf", args=[k2.pk])))
    assert "DRAF" in text and "MASA UJI" not in text
    Assessment.objects.filter(pk=k2.pk).update(is_shadow=True)
    text = pdf_text(client.get(reverse("stunting:assessment_payout_pdf", args=[k2.pk])))
    assert "MASA UJI — TIDAK DIBAYAR" in text
    page = client.get(reverse("stunting:cadre_score_detail", args=[k2.cadres.first().pk]))
    assertContains(page, "masa uji — tidak dibayar")


def test_a_read_only_role_reads_the_score_without_forms(client, k2, setup, kecamatan_user):
    client.force_login(kecamatan_user)
    page = client.get(_score_url(k2, setup["ani"]))
    assertContains(page, "Skor Ani, K2 2026")
    assertNotContains(page, 'method="post" action="/stunting/insentif/')
    assertContains(page, reverse("stunting:assessment_payout_pdf", args=[k2.pk]))


def test_payout_list_xlsx(client, k2, kasi_kesra):
    workflow.approve(assessment=k2, by=kasi_kesra, version=k2.version)
    client.force_login(kasi_kesra)
    response = client.get(reverse("stunting:assessment_payout_xlsx", args=[k2.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["Daftar pembayaran"].iter_rows(values_only=True))
    assert rows[0] == (
        "No.",
        "Nama kader",
        "Skor",
        "Tingkat",
        "Menurut tingkat (Rp)",
        "Dibayar (Rp)",
        "Tanda tangan",
    )
    assert rows[1][:6] == (1, "Ani", 95, "Sangat baik", 400_000, 333_333)
    assert isinstance(rows[1][5], int)
    assert rows[-1][1:6] == ("JUMLAH", None, None, 600_000, 499_999)
    about = dict(book["Keterangan"].iter_rows(min_row=2, values_only=True))
    assert about["Dibayar dari pos anggaran"] == "Insentif kader"
    assert about["Sisa setelah pembayaran (Rp)"] == 1
