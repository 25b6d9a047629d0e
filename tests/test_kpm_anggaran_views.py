"""The financing pages: the year's budget, sources and lines, spending with receipts, and the
lurah's approval, overspend confirmation and correction. Scoping, roles, errors, query counts."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kpm.models import PosAnggaran, Realisasi, SumberDana
from kpm.services_anggaran import approve_spending

from .factories_rapat import at, image_bytes, make_rapat, upload
from .test_kpm_anggaran import YEAR, make_line, make_source, make_spending, pdf_bytes

S = Realisasi.Status


@pytest.fixture
def source(kelurahan):
    return make_source(kelurahan, name="APBD Kota Surabaya", amount=20_000_000)


@pytest.fixture
def line(source):
    return make_line(source, name="Konsumsi rapat KPM", amount=1_000_000)


@pytest.fixture
def spending(line, petugas):
    return make_spending(line, petugas, amount=250_000, purpose="Snack rapat koordinasi")


@pytest.fixture
def foreign(other_kelurahan, other_petugas):
    line = make_line(make_source(other_kelurahan), name="Pos lain")
    return make_spending(line, other_petugas)


def post_spending(client, line, **data):
    fields = {
        "line": line.pk,
        "spent_on": f"{line.year}-03-04",
        "amount": "250.000",
        "purpose": "Konsumsi rapat",
    }
    fields.update(data)
    return client.post(
        reverse("kpm:realisasi_create"), {k: v for k, v in fields.items() if v is not None}
    )


# --- Login, scope and roles on every page -------------------------------------------------------


def page_urls(spending):
    line, source = spending.line, spending.line.source
    return [
        reverse("kpm:anggaran_index"),
        reverse("kpm:anggaran_source_create"),
        reverse("kpm:anggaran_source_update", args=[source.pk]),
        reverse("kpm:anggaran_line_create"),
        reverse("kpm:anggaran_line_detail", args=[line.pk]),
        reverse("kpm:anggaran_line_update", args=[line.pk]),
        reverse("kpm:realisasi_list"),
        reverse("kpm:realisasi_create"),
        reverse("kpm:realisasi_detail", args=[spending.pk]),
        reverse("kpm:realisasi_update", args=[spending.pk]),
    ]


def test_every_page_needs_a_login(client, spending):
    for url in page_urls(spending):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_another_kelurahans_records_are_not_found(client, petugas, foreign, media):
    client.force_login(petugas)
    line, source = foreign.line, foreign.line.source
    for url in [
        reverse("kpm:anggaran_source_update", args=[source.pk]),
        reverse("kpm:anggaran_line_detail", args=[line.pk]),
        reverse("kpm:anggaran_line_update", args=[line.pk]),
        reverse("kpm:realisasi_detail", args=[foreign.pk]),
        reverse("kpm:realisasi_update", args=[foreign.pk]),
        reverse("kpm:realisasi_receipt", args=[foreign.pk, "asli"]),
    ]:
        assert client.get(url).status_code == 404, url
    for name in ("realisasi_approve", "realisasi_confirm", "realisasi_reverse"):
        assert client.post(reverse(f"kpm:{name}", args=[foreign.pk])).status_code == 404
    # Their lines are not offered either.
    response = post_spending(client, line)
    assert response.status_code == 200 and "line" in response.context["form"].errors


def test_read_only_roles_read_but_do_not_write(client, kasi_kesra, kecamatan_user, spending):
    for user in (kasi_kesra, kecamatan_user):
        client.force_login(user)
        assert client.get(reverse("kpm:realisasi_detail", args=[spending.pk])).status_code == 200
        assert client.get(reverse("kpm:realisasi_list")).status_code == 200
        for url in page_urls(spending):
            if "tambah" in url or "ubah" in url:
                assert client.get(url).status_code == 403, url
        assert post_spending(client, spending.line).status_code == 403


def test_only_the_lurah_approves_confirms_and_corrects(client, petugas, kasi_kesra, spending):
    for user in (petugas, kasi_kesra):
        client.force_login(user)
        for name in ("realisasi_approve", "realisasi_confirm", "realisasi_reverse"):
            url = reverse(f"kpm:{name}", args=[spending.pk])
            assert client.post(url, {"reason": "x"}).status_code == 403
        page = client.get(reverse("kpm:realisasi_detail", args=[spending.pk]))
        assertNotContains(page, ">Setujui</button>")
    spending.refresh_from_db()
    assert spending.status == S.DRAF


def test_lurah_actions_are_post_only(client, lurah, spending):
    client.force_login(lurah)
    assert client.get(reverse("kpm:realisasi_approve", args=[spending.pk])).status_code == 405


# --- The year's budget ----------------------------------------------------------------------------


def test_the_index_shows_sources_lines_and_exact_totals(client, petugas, source, line, spending):
    make_line(source, name="PMT balita", amount=3_333_333, is_stunting_specific=True, paket="gizi")
    make_spending(line, petugas, amount=5_000_000, purpose="Terlalu besar")  # waits: not counted
    client.force_login(petugas)
    response = client.get(reverse("kpm:anggaran_index"))
    assertContains(response, f"Anggaran KPM {YEAR} — Kelurahan Pradah Kali Kendal")
    assertContains(
        response, '<div class="fs-5" data-total="sources">Rp 20.000.000</div>', html=True
    )
    assertContains(
        response, '<div class="fs-5" data-total="allocated">Rp 4.333.333</div>', html=True
    )
    assertContains(response, '<div class="fs-5" data-total="spent">Rp 250.000</div>', html=True)
    assertContains(response, "Rp 15.666.667")  # unallocated
    assertContains(response, "Rp 750.000")  # what is left on the line
    assertContains(response, "Khusus stunting: Rp 3.333.333")
    assertContains(response, "Konseling gizi terpadu")
    assertContains(response, "+ Tambah sumber dana")
    assertContains(response, reverse("kpm:anggaran_report"))


def test_the_index_reads_the_year_and_ignores_a_bad_one(client, kasi_kesra, kelurahan, source):
    make_source(kelurahan, year=2021, name="APBD 2021")
    client.force_login(kasi_kesra)
    response = client.get(reverse("kpm:anggaran_index"), {"tahun": "2021"})
    assertContains(response, "APBD 2021")
    assertNotContains(response, "APBD Kota Surabaya")
    assertNotContains(response, "+ Tambah sumber dana")
    for bad in ("abc", "99999", "-1", "²", "2021x"):
        response = client.get(reverse("kpm:anggaran_index"), {"tahun": bad})
        assert response.status_code == 200 and response.context["year"] == YEAR


def test_the_index_pins_its_queries(client, petugas, kelurahan, django_assert_max_num_queries):
    for s in range(6):
        source = make_source(kelurahan, amount=50_000_000)
        for n in range(5):
            line = make_line(source, name=f"Pos {s}-{n}")
            make_spending(line, petugas, amount=1000 + n)
    client.force_login(petugas)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("kpm:anggaran_index"))
    assert len(response.context["lines"]) == 30
    assert response.context["totals"]["spent"] == 6 * sum(1000 + n for n in range(5))


def test_a_source_is_created_with_a_rupiah_amount(client, petugas, kelurahan):
    client.force_login(petugas)
    url = reverse("kpm:anggaran_source_create")
    form = {"year": "2026", "kind": "apbd", "name": "APBD Kota 2026", "amount": "Rp 25.000.000"}
    response = client.post(url, form)
    source = SumberDana.objects.get()
    assertRedirects(response, source.get_absolute_url(), fetch_redirect_response=False)
    assert (source.amount, source.kelurahan, source.year) == (25_000_000, kelurahan, 2026)


def test_a_source_amount_with_cents_is_refused_in_indonesian(client, petugas):
    client.force_login(petugas)
    form = {"year": "2026", "kind": "apbd", "name": "APBD", "amount": "25.000.000,50"}
    response = client.post(reverse("kpm:anggaran_source_create"), form)
    assertContains(response, "Tulis jumlah dalam Rupiah utuh, tanpa sen")
    assert not SumberDana.objects.exists()


def test_a_source_below_its_allocations_is_a_form_error(client, petugas, source, line):
    client.force_login(petugas)
    url = reverse("kpm:anggaran_source_update", args=[source.pk])
    page = client.get(url)
    assertContains(page, 'value="20.000.000"')
    data = {
        "year": source.year,
        "kind": source.kind,
        "name": source.name,
        "amount": "900000",
        "versi": page.context["form"]["versi"].value(),
    }
    response = client.post(url, data)
    assertContains(response, "tidak boleh kurang dari yang sudah dialokasikan")
    source.refresh_from_db()
    assert source.amount == 20_000_000


def test_a_line_is_created_for_a_preselected_source(client, petugas, source):
    client.force_login(petugas)
    url = reverse("kpm:anggaran_line_create")
    page = client.get(url, {"sumber": source.pk})
    assert page.context["form"]["source"].value() == source.pk
    form = {
        "source": source.pk,
        "name": "PMT balita gizi kurang",
        "activity": "pmt",
        "amount": "7.500.000",
        "is_stunting_specific": "on",
        "paket": "gizi",
    }
    response = client.post(url, form)
    line = PosAnggaran.objects.get()
    assertRedirects(response, line.get_absolute_url(), fetch_redirect_response=False)
    assert (line.amount, line.year, line.is_stunting_specific) == (7_500_000, YEAR, True)


def test_a_line_over_its_source_or_a_duplicate_is_a_form_error(client, petugas, source, line):
    client.force_login(petugas)
    url = reverse("kpm:anggaran_line_create")
    form = {"source": source.pk, "name": "Besar", "activity": "pmt", "amount": "19.000.001"}
    response = client.post(url, form)
    assertContains(response, "Alokasi melebihi sisa sumber dana")
    response = client.post(url, {**form, "name": "Konsumsi rapat KPM", "amount": "1000"})
    assertContains(response, "Pos anggaran dengan nama ini sudah ada pada tahun ini.")
    response = client.post(url, {**form, "amount": "-5"})
    assertContains(response, "Jumlah tidak boleh negatif.")
    assert PosAnggaran.objects.count() == 1


def test_the_line_page_shows_spending_and_reversals_side_by_side(client, lurah, spending):
    from kpm.services_anggaran import reverse_spending

    approve_spending(spending=spending, by=lurah)
    reverse_spending(spending=spending, reason="Salah pos", by=lurah)
    client.force_login(lurah)
    response = client.get(reverse("kpm:anggaran_line_detail", args=[spending.line_id]))
    assertContains(response, "Snack rapat koordinasi")
    assertContains(response, "Koreksi: Snack rapat koordinasi")
    assertContains(response, "−Rp 250.000")
    assertContains(response, "dibatalkan oleh")
    assertContains(response, "membatalkan belanja")
    assertContains(response, '<dd class="col-sm-9" data-figure="spent">Rp 0</dd>', html=True)


def test_a_line_update_below_its_spending_is_a_form_error(client, petugas, line, spending):
    client.force_login(petugas)
    url = reverse("kpm:anggaran_line_update", args=[line.pk])
    page = client.get(url)
    data = {
        "source": line.source_id,
        "name": line.name,
        "activity": line.activity,
        "amount": "100.000",
        "paket": "",
        "versi": page.context["form"]["versi"].value(),
    }
    response = client.post(url, data)
    assertContains(
        response, "Alokasi tidak boleh kurang dari yang sudah dibelanjakan (Rp 250.000)."
    )


# --- Spending ------------------------------------------------------------------------------------


def test_a_spending_for_a_meeting_with_a_receipt_photo(client, petugas, kelurahan, line, media):
    rapat = make_rapat(kelurahan, title="Rapat KPM Maret", starts_at=at(datetime.date(YEAR, 3, 4)))
    client.force_login(petugas)
    page = client.get(reverse("kpm:realisasi_create"), {"rapat": rapat.pk})
    assert page.context["form"]["rapat"].value() == rapat.pk
    assert str(page.context["form"]["spent_on"].value()) == f"{YEAR}-03-04"
    photo = upload("kuitansi.jpg", image_bytes("JPEG"))
    response = post_spending(client, line, rapat=rapat.pk, upload=photo)
    spending = Realisasi.objects.get()
    assertRedirects(response, spending.get_absolute_url(), fetch_redirect_response=False)
    assert (spending.amount, spending.rapat, spending.status) == (250_000, rapat, S.DRAF)
    assert spending.created_by == petugas and spending.receipt_kind == "foto"
    detail = client.get(spending.get_absolute_url())
    assertContains(detail, "Rapat KPM Maret")
    assertContains(detail, reverse("kpm:realisasi_receipt", args=[spending.pk, "kecil"]))
    thumb = client.get(reverse("kpm:realisasi_receipt", args=[spending.pk, "kecil"]))
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    assert (
        client.get(reverse("kpm:realisasi_receipt", args=[spending.pk, "besar"])).status_code == 404
    )
    # The meeting's page shows what was spent on it.
    assertContains(client.get(rapat.get_absolute_url()), "Belanja rapat ini: Rp 250.000")


def test_a_pdf_receipt_is_served_as_pdf(client, petugas, line, media):
    client.force_login(petugas)
    post_spending(client, line, upload=upload("nota.jpg", pdf_bytes(), "image/jpeg"))
    spending = Realisasi.objects.get()
    response = client.get(reverse("kpm:realisasi_receipt", args=[spending.pk, "asli"]))
    assert response["Content-Type"] == "application/pdf"
    assert (
        client.get(reverse("kpm:realisasi_receipt", args=[spending.pk, "kecil"])).status_code == 404
    )


def test_a_receipt_that_is_neither_photo_nor_pdf_is_a_form_error(client, petugas, line, media):
    client.force_login(petugas)
    response = post_spending(client, line, upload=upload("nota.pdf", b"teks", "application/pdf"))
    assertContains(response, "Lampiran harus foto JPEG/PNG atau berkas PDF")
    assert response.context["form"].errors["upload"]
    assert not Realisasi.objects.exists()


@pytest.mark.parametrize(
    "amount,message",
    [
        ("1.500,50", "tanpa sen"),
        ("-1", "Jumlah tidak boleh negatif."),
        ("lima ribu", "Tulis jumlah dengan angka"),
        ("0", "lebih besar dari atau sama dengan 1"),
    ],
)
def test_a_bad_amount_is_a_form_error(client, petugas, line, amount, message):
    client.force_login(petugas)
    assertContains(post_spending(client, line, amount=amount), message)
    assert not Realisasi.objects.exists()


def test_a_date_outside_the_lines_year_is_a_form_error(client, petugas, line):
    client.force_login(petugas)
    response = post_spending(client, line, spent_on=f"{YEAR - 1}-12-31")
    assertContains(response, f"Tanggal belanja harus dalam tahun anggaran pos ini ({YEAR}).")


def test_two_things_paid_for_is_a_form_error(client, petugas, kelurahan, line):
    rapat = make_rapat(kelurahan, starts_at=at(datetime.date(YEAR, 3, 4)))
    client.force_login(petugas)
    response = post_spending(client, line, rapat=rapat.pk, is_incentive_payout="on")
    assertContains(response, "Pilih salah satu saja")


def test_an_overspend_warns_and_goes_to_its_page(client, petugas, line, spending):
    client.force_login(petugas)
    response = post_spending(client, line, amount="800.000", purpose="Sewa tenda")
    over = Realisasi.objects.get(purpose="Sewa tenda")
    assert over.status == S.MENUNGGU
    assertRedirects(response, over.get_absolute_url(), fetch_redirect_response=False)
    page = client.get(over.get_absolute_url())
    assertContains(page, "Belanja Rp 800.000 melebihi sisa pos “Konsumsi rapat KPM” (Rp 750.000).")
    assertContains(page, "Menunggu konfirmasi lurah")
    assertNotContains(page, "Konfirmasi melebihi pagu</button>")  # the petugas cannot


def test_the_lurah_confirms_an_overspend_with_a_reason(client, petugas, lurah, line, spending):
    over = make_spending(line, petugas, amount=900_000, purpose="Sewa tenda")
    client.force_login(lurah)
    url = reverse("kpm:realisasi_confirm", args=[over.pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    assertContains(response, "Bidang ini tidak boleh kosong.")
    response = client.post(url, {"reason": "Peserta dua kali lipat"})
    assertRedirects(response, over.get_absolute_url(), fetch_redirect_response=False)
    page = client.get(over.get_absolute_url())
    assertContains(page, "Alasan: Peserta dua kali lipat")
    assertContains(page, "Disetujui")
    over.refresh_from_db()
    assert over.overspend_confirmed_by == lurah and over.status == S.DISETUJUI
    response = client.post(url, {"reason": "lagi"}, follow=True)
    assertContains(response, "Realisasi ini tidak menunggu konfirmasi.")


def test_the_lurah_approves_a_draft_which_then_cannot_be_edited(client, lurah, petugas, spending):
    client.force_login(lurah)
    page = client.get(spending.get_absolute_url())
    assertContains(page, "Setujui</button>")
    response = client.post(reverse("kpm:realisasi_approve", args=[spending.pk]), follow=True)
    assertContains(response, "Realisasi disetujui.")
    client.force_login(petugas)
    page = client.get(reverse("kpm:realisasi_update", args=[spending.pk]))
    assertContains(page, "sudah disetujui lurah dan tidak dapat diubah")
    assert "form" not in page.context or page.context.get("form") is None
    response = client.post(reverse("kpm:realisasi_update", args=[spending.pk]), {"amount": "1"})
    spending.refresh_from_db()
    assert spending.amount == 250_000


def test_a_draft_is_edited_and_the_history_shows_it(client, petugas, spending):
    client.force_login(petugas)
    url = reverse("kpm:realisasi_update", args=[spending.pk])
    page = client.get(url)
    assertContains(page, 'value="250.000"')
    data = {
        "line": spending.line_id,
        "spent_on": f"{YEAR}-03-01",
        "amount": "300.000",
        "purpose": "Snack rapat koordinasi",
        "versi": page.context["form"]["versi"].value(),
    }
    response = client.post(url, data)
    assertRedirects(response, spending.get_absolute_url(), fetch_redirect_response=False)
    spending.refresh_from_db()
    assert spending.amount == 300_000
    detail = client.get(spending.get_absolute_url())
    assertContains(detail, "Rp 300.000, Draf")
    assertContains(detail, "Rp 250.000, Draf")


def test_the_lurah_corrects_an_approved_spending(client, lurah, spending):
    approve_spending(spending=spending, by=lurah)
    client.force_login(lurah)
    url = reverse("kpm:realisasi_reverse", args=[spending.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200 and refused.context["reason_form"].errors["reason"]
    response = client.post(url, {"reason": "Salah pos"})
    reversal = Realisasi.objects.get(reverses=spending)
    assertRedirects(response, reversal.get_absolute_url(), fetch_redirect_response=False)
    page = client.get(reversal.get_absolute_url())
    assertContains(page, "Entri ini membatalkan belanja Rp 250.000")
    assertContains(page, "Salah pos")
    page = client.get(spending.get_absolute_url())
    assertContains(page, "Belanja ini sudah dikoreksi (dibatalkan)")
    assertNotContains(page, "Koreksi (batalkan)</button>")


# --- The list ------------------------------------------------------------------------------------


def test_the_list_filters_and_totals_exactly(client, petugas, lurah, kelurahan, line, source):
    other = make_line(source, name="Insentif kader", amount=10_000_000)
    make_spending(line, petugas, amount=123_457, purpose="A")
    make_spending(other, petugas, amount=1_000_001, purpose="B", is_incentive_payout=True)
    make_spending(line, petugas, amount=5_000_000, purpose="C")  # waits
    client.force_login(lurah)
    url = reverse("kpm:realisasi_list")
    response = client.get(url)
    assertContains(response, '<strong data-total="counted">Rp 1.123.458</strong>', html=True)
    assertContains(response, '<strong data-total="waiting">Rp 5.000.000</strong>', html=True)
    response = client.get(url, {"untuk": "insentif"})
    assert [s.purpose for s in response.context["page_obj"]] == ["B"]
    response = client.get(url, {"line": line.pk, "status": "menunggu"})
    assert [s.purpose for s in response.context["page_obj"]] == ["C"]
    response = client.get(url, {"tahun": YEAR - 1})
    assert len(response.context["page_obj"]) == 0
    for bad in ({"tahun": "x"}, {"line": "99999999999999999999"}, {"status": "?"}, {"page": "-1"}):
        assert client.get(url, bad).status_code == 200


def test_the_list_pins_its_queries(client, petugas, kelurahan, django_assert_max_num_queries):
    source = make_source(kelurahan, amount=900_000_000)
    lines = [make_line(source, amount=100_000_000) for _ in range(3)]
    rapat = make_rapat(kelurahan, starts_at=at(datetime.date(YEAR, 2, 2)))
    for n in range(55):
        make_spending(lines[n % 3], petugas, amount=1000 + n, rapat=rapat if n % 2 else None)
    client.force_login(petugas)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("kpm:realisasi_list"))
    assert len(response.context["page_obj"]) == 25
    assert response.context["totals"]["counted"] == sum(1000 + n for n in range(55))


def test_the_dashboard_tells_the_lurah_what_waits(client, lurah, petugas, line, spending):
    make_spending(line, petugas, amount=9_000_000)
    client.force_login(lurah)
    response = client.get(reverse("kelurahan:dashboard"))
    assertContains(response, "Realisasi belanja KPM yang menunggu lurah")
    assertContains(response, reverse("kpm:realisasi_list") + "?status=menunggu")
    client.force_login(petugas)
    assertNotContains(client.get(reverse("kelurahan:dashboard")), "yang menunggu lurah")
