"""The KPM's financing: funding sources, budget lines within their source, spending within its
line (or confirmed by the lurah with a reason), approval, reversals, receipts checked by their
content, and whole-Rupiah amounts typed as people write them."""

import datetime
import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.template import Context, Template

from kelurahan.forms import RupiahField
from kelurahan.money import parse_rupiah, rupiah
from kpm.models import PosAnggaran, Realisasi, SumberDana
from kpm.services_anggaran import (
    approve_spending,
    confirm_overspend,
    overspend_message,
    reverse_spending,
    save_line,
    save_source,
    save_spending,
    spent_on_line,
)

from .factories_rapat import image_bytes, upload

YEAR = datetime.date.today().year
S = Realisasi.Status


# --- Helpers shared with the view tests -----------------------------------------------------------


def make_source(kelurahan, *, year: int = YEAR, amount: int = 10_000_000, **fields) -> SumberDana:
    fields.setdefault("name", f"APBD Kota {year} {SumberDana.objects.count() + 1}")
    fields.setdefault("kind", SumberDana.Kind.APBD)
    return SumberDana.objects.create(kelurahan=kelurahan, year=year, amount=amount, **fields)


def make_line(source, *, amount: int = 1_000_000, **fields) -> PosAnggaran:
    fields.setdefault("name", f"Pos {PosAnggaran.objects.count() + 1}")
    fields.setdefault("activity", PosAnggaran.Activity.OPERASIONAL)
    return save_line(line=PosAnggaran(source=source, amount=amount, **fields))


def make_spending(line, by, *, amount: int = 100_000, on=None, upload=None, **fields) -> Realisasi:
    fields.setdefault("purpose", "Konsumsi rapat")
    spending = Realisasi(
        line=line, amount=amount, spent_on=on or datetime.date(line.year, 3, 1), **fields
    )
    return save_spending(spending=spending, by=by, upload=upload)


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- Money -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed,amount",
    [
        ("1500000", 1_500_000),
        ("1.500.000", 1_500_000),
        ("Rp 1.500.000", 1_500_000),
        ("Rp1.500.000", 1_500_000),
        ("rp. 750.000", 750_000),
        (" 0 ", 0),
        ("999", 999),
    ],
)
def test_rupiah_field_reads_what_people_type(typed, amount):
    assert RupiahField().clean(typed) == amount


@pytest.mark.parametrize(
    "typed,message",
    [
        ("1.500,50", "tanpa sen"),
        ("1500.5", "tanpa sen"),
        ("1500,00", "tanpa sen"),
        ("-5000", "tidak boleh negatif"),
        ("−5.000", "tidak boleh negatif"),
        ("seribu", "Tulis jumlah dengan angka"),
        ("1.5000", "Tulis jumlah dengan angka"),
        ("1,500,000", "tanpa sen"),
        ("١٢٣", "Tulis jumlah dengan angka"),
        ("12 ribu", "Tulis jumlah dengan angka"),
    ],
)
def test_rupiah_field_refuses_decimals_negatives_and_text(typed, message):
    with pytest.raises(ValidationError) as error:
        RupiahField().clean(typed)
    assert message in " ".join(error.value.messages)


def test_rupiah_field_refuses_a_trillion_and_more_and_shows_amounts_grouped():
    with pytest.raises(ValidationError):
        RupiahField().clean("1.000.000.000.001")
    assert RupiahField().prepare_value(25_000_000) == "25.000.000"
    assert RupiahField(required=False).clean("") is None


def test_rupiah_format_and_filter_agree():
    assert rupiah(1_500_000) == "Rp 1.500.000"
    assert rupiah(-600_000) == "−Rp 600.000"
    assert rupiah(0) == "Rp 0"
    rendered = Template("{% load kelurahan_tags %}{{ n|rupiah }}").render(Context({"n": 2500}))
    assert rendered == "Rp 2.500"
    assert parse_rupiah(rupiah(123_456_789).replace("\xa0", " ")) == 123_456_789


# --- Sources and lines ---------------------------------------------------------------------------


def test_a_line_takes_its_year_and_kelurahan_from_its_source(kelurahan):
    line = make_line(make_source(kelurahan, year=2025), amount=2_000_000)
    assert (line.year, line.kelurahan_id) == (2025, kelurahan.pk)


def test_lines_may_not_allocate_more_than_the_source_holds(kelurahan):
    source = make_source(kelurahan, amount=5_000_000)
    make_line(source, amount=3_000_000)
    with pytest.raises(ValidationError) as error:
        make_line(source, amount=2_000_001)
    assert "sisa Rp 2.000.000" in error.value.message_dict["amount"][0]
    make_line(source, amount=2_000_000)  # exactly what is left is fine
    assert source.lines.aggregate(t=Sum("amount"))["t"] == 5_000_000


def test_a_line_may_not_drop_below_what_was_spent_on_it(kelurahan, petugas):
    line = make_line(make_source(kelurahan), amount=1_000_000)
    make_spending(line, petugas, amount=700_000)
    line.amount = 699_999
    with pytest.raises(ValidationError) as error:
        save_line(line=line)
    assert "Rp 700.000" in error.value.message_dict["amount"][0]


def test_a_source_may_not_drop_below_its_allocations(kelurahan):
    source = make_source(kelurahan, amount=5_000_000)
    make_line(source, amount=4_000_000)
    source.amount = 3_999_999
    with pytest.raises(ValidationError) as error:
        save_source(source=source)
    assert "Rp 4.000.000" in error.value.message_dict["amount"][0]
    source.amount = 4_000_000
    save_source(source=source)


def test_a_source_with_lines_keeps_its_year(kelurahan):
    source = make_source(kelurahan, year=2025)
    make_line(source)
    source.year = 2026
    with pytest.raises(ValidationError) as error:
        save_source(source=source)
    assert "year" in error.value.message_dict


# --- Spending: sums, overspend, approval, reversal ----------------------------------------------


def test_sums_are_exact_whole_rupiah(kelurahan, petugas):
    """Many odd amounts: the database's SUM equals Python's sum to the Rupiah (no float)."""
    line = make_line(make_source(kelurahan, amount=900_000_000_000), amount=900_000_000_000)
    rng = random.Random(13)
    amounts = [rng.randint(1, 9_999_999_999) for _ in range(60)]
    for amount in amounts:
        make_spending(line, petugas, amount=amount)
    assert spent_on_line(line) == sum(amounts)
    total = Realisasi.objects.filter(line=line).aggregate(t=Sum("amount"))["t"]
    assert total == sum(amounts) and isinstance(total, int)
    assert PosAnggaran.objects.with_spent().get(pk=line.pk).spent == sum(amounts)


def test_a_spending_over_its_line_waits_for_the_lurah_and_is_not_counted(kelurahan, petugas):
    line = make_line(make_source(kelurahan), amount=1_000_000)
    make_spending(line, petugas, amount=800_000)
    over = make_spending(line, petugas, amount=200_001)
    assert over.status == S.MENUNGGU
    assert spent_on_line(line) == 800_000
    assert PosAnggaran.objects.with_spent().get(pk=line.pk).spent == 800_000
    message = overspend_message(over)
    assert "Rp 200.001" in message and "Rp 200.000" in message and "menunggu" in message
    # Exactly the rest fits.
    assert make_spending(line, petugas, amount=200_000).status == S.DRAF


def test_editing_a_waiting_spending_down_to_fit_makes_it_a_draft(kelurahan, petugas):
    line = make_line(make_source(kelurahan), amount=500_000)
    over = make_spending(line, petugas, amount=600_000)
    assert over.status == S.MENUNGGU
    over.amount = 500_000
    save_spending(spending=over, by=petugas)
    assert over.status == S.DRAF and spent_on_line(line) == 500_000


def test_the_lurah_confirms_an_overspend_with_a_reason_which_is_kept(kelurahan, petugas, lurah):
    line = make_line(make_source(kelurahan), amount=100_000)
    over = make_spending(line, petugas, amount=150_000)
    with pytest.raises(PermissionDenied):
        confirm_overspend(spending=over, reason="Perlu", by=petugas)
    with pytest.raises(ValidationError):
        confirm_overspend(spending=over, reason="   ", by=lurah)
    confirmed = confirm_overspend(spending=over, reason=" Peserta dua kali lipat ", by=lurah)
    confirmed.refresh_from_db()
    assert confirmed.status == S.DISETUJUI
    assert confirmed.overspend_reason == "Peserta dua kali lipat"
    assert confirmed.overspend_confirmed_by == lurah and confirmed.overspend_confirmed_at
    assert confirmed.approved_by == lurah
    assert spent_on_line(line) == 150_000
    with pytest.raises(ValidationError):  # only once
        confirm_overspend(spending=confirmed, reason="lagi", by=lurah)


def test_approval_is_the_lurahs_and_locks_the_spending(kelurahan, petugas, lurah, kasi_kesra):
    line = make_line(make_source(kelurahan))
    spending = make_spending(line, petugas, amount=250_000)
    for someone in (petugas, kasi_kesra):
        with pytest.raises(PermissionDenied):
            approve_spending(spending=spending, by=someone)
    approve_spending(spending=spending, by=lurah)
    spending.refresh_from_db()
    assert spending.status == S.DISETUJUI and spending.approved_by == lurah
    spending.amount = 1
    with pytest.raises(ValidationError, match="tidak diubah"):
        save_spending(spending=spending, by=petugas)
    assert Realisasi.objects.get(pk=spending.pk).amount == 250_000
    with pytest.raises(ValidationError):  # a waiting one is confirmed, not approved
        approve_spending(spending=make_spending(line, petugas, amount=10_000_000), by=lurah)


def test_another_kelurahans_lurah_approves_nothing(kelurahan, other_kelurahan, petugas):
    from kelurahan.models import User

    from .factories import make_user

    other_lurah = make_user(User.Role.LURAH, kelurahan=other_kelurahan, username="lurah.lain")
    spending = make_spending(make_line(make_source(kelurahan)), petugas)
    with pytest.raises(PermissionDenied):
        approve_spending(spending=spending, by=other_lurah)


def test_a_correction_is_a_reversing_entry_and_both_stay(kelurahan, petugas, lurah):
    line = make_line(make_source(kelurahan), amount=1_000_000)
    spending = make_spending(line, petugas, amount=600_000, purpose="Pulsa KPM")
    with pytest.raises(ValidationError):  # a draft is edited, not reversed
        reverse_spending(spending=spending, reason="salah", by=lurah)
    approve_spending(spending=spending, by=lurah)
    with pytest.raises(PermissionDenied):  # the lurah corrects, not the petugas
        reverse_spending(spending=spending, reason="salah pos", by=petugas)
    reversal = reverse_spending(spending=spending, reason="Salah pos", by=lurah)
    assert reversal.amount == -600_000 and reversal.reverses == spending
    assert reversal.status == S.DISETUJUI and reversal.reversal_reason == "Salah pos"
    assert reversal.purpose == "Koreksi: Pulsa KPM"
    spending.refresh_from_db()
    assert spending.is_reversed and spending.amount == 600_000  # never silently edited
    assert spent_on_line(line) == 0
    assert Realisasi.objects.filter(line=line).count() == 2
    with pytest.raises(ValidationError):
        reverse_spending(spending=spending, reason="lagi", by=lurah)
    with pytest.raises(ValidationError):  # a reversal is not reversed
        reverse_spending(spending=reversal, reason="lagi", by=lurah)


def test_a_past_years_reversal_is_dated_on_its_last_day(kelurahan, petugas, lurah):
    line = make_line(make_source(kelurahan, year=YEAR - 1))
    spending = make_spending(line, petugas, on=datetime.date(YEAR - 1, 5, 2))
    approve_spending(spending=spending, by=lurah)
    reversal = reverse_spending(spending=spending, reason="Salah", by=lurah)
    assert reversal.spent_on == datetime.date(YEAR - 1, 12, 31)


def test_a_spending_outside_its_lines_year_is_refused(kelurahan, petugas):
    line = make_line(make_source(kelurahan, year=2025))
    with pytest.raises(ValidationError) as error:
        make_spending(line, petugas, on=datetime.date(2026, 1, 2))
    assert "2025" in error.value.message_dict["spent_on"][0]


def test_a_line_with_spending_does_not_move_to_another_year(kelurahan, petugas):
    line = make_line(make_source(kelurahan, year=2025))
    make_spending(line, petugas, on=datetime.date(2025, 2, 2))
    line.source = make_source(kelurahan, year=2026)
    with pytest.raises(ValidationError) as error:
        save_line(line=line)
    assert "source" in error.value.message_dict


def test_the_change_history_keeps_every_state(kelurahan, petugas, lurah):
    line = make_line(make_source(kelurahan), amount=100_000)
    over = make_spending(line, petugas, amount=150_000)
    confirm_overspend(spending=over, reason="Perlu", by=lurah)
    statuses = list(over.history.order_by("history_date").values_list("status", flat=True))
    assert statuses == [S.MENUNGGU, S.DISETUJUI]


# --- Receipts, checked by their content ---------------------------------------------------------


@pytest.fixture
def line(kelurahan):
    return make_line(make_source(kelurahan))


def test_a_png_receipt_is_re_encoded_with_a_thumbnail(media, line, petugas):
    spending = make_spending(
        line, petugas, upload=upload("nota.png", image_bytes("PNG"), "image/png")
    )
    assert spending.receipt_kind == "foto"
    assert spending.receipt.name.endswith(".png") and spending.receipt_thumbnail
    assert "nota" not in spending.receipt.name  # stored under a new name


def test_a_jpeg_receipt_is_re_encoded(media, line, petugas):
    original = image_bytes("JPEG", size=(3000, 1000))
    spending = make_spending(line, petugas, upload=upload("kuitansi.jpg", original))
    assert spending.receipt_kind == "foto"
    with spending.receipt.open("rb") as stored:
        assert stored.read() != original
    from PIL import Image

    with Image.open(spending.receipt.path) as image:
        assert max(image.size) == 2000


def test_a_pdf_receipt_is_kept_as_it_is(media, line, petugas):
    spending = make_spending(
        line, petugas, upload=upload("nota.pdf", pdf_bytes(), "application/pdf")
    )
    assert spending.receipt_kind == "pdf" and not spending.receipt_thumbnail
    with spending.receipt.open("rb") as stored:
        assert stored.read() == pdf_bytes()


def test_a_text_file_named_pdf_is_refused(media, line, petugas):
    with pytest.raises(ValidationError) as error:
        make_spending(line, petugas, upload=upload("nota.pdf", b"bukan pdf", "application/pdf"))
    assert error.value.code == "not_evidence"
    assert not Realisasi.objects.exists()


def test_a_pdf_named_jpg_is_accepted_as_a_pdf(media, line, petugas):
    spending = make_spending(line, petugas, upload=upload("foto.jpg", pdf_bytes(), "image/jpeg"))
    assert spending.receipt_kind == "pdf" and spending.receipt.name.endswith(".pdf")
