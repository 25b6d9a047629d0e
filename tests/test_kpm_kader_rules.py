"""The register's rules: NIK (stdnum.id.nik, coded birth date and sex), age, phone, one active
cadre per NIK, SK scans, and the database constraints behind them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from kelurahan.models import Lembaga
from kelurahan.validators import (
    format_phone,
    mask_nik,
    nik_mismatches,
    normalize_phone,
    validate_nik,
)
from kpm.forms.kader import KaderForm
from kpm.models import SK, Kader, Relasi

from .factories import make_lembaga
from .factories_kpm import make_kader, make_lurah, make_sk, nik_for
from .stamps import post_form

# A woman born 12 March 1985, registered in Surabaya (3578): day 12 + 40 = 52.
NIK_WOMAN_1985 = "3578015203850001"


def form_data(**overrides):
    return {
        "name": "Siti Khotijah",
        "nik": NIK_WOMAN_1985,
        "sex": "P",
        "birth_date": "1985-03-12",
        "origin": "lainnya",
        "origin_detail": "Kader jumantik",
        "bidang": "kesehatan",
        "address": "Jl. Pradah Jaya 12",
    } | overrides


def kader_form(kelurahan, petugas, **overrides):
    return KaderForm(form_data(**overrides), instance=Kader(kelurahan=kelurahan), user=petugas)


# --- NIK ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("357801520385000", "NIK harus 16 digit."),
        ("35780152038500011", "NIK harus 16 digit."),
        ("35780152O3850001", "NIK hanya boleh berisi angka."),
        ("9978015203850001", "kode wilayah atau tanggal lahir"),  # unknown province
        ("3578013203850001", "kode wilayah atau tanggal lahir"),  # day 32
        ("3578015213850001", "kode wilayah atau tanggal lahir"),  # month 13
    ],
)
def test_invalid_nik_is_refused_in_indonesian(value, message):
    with pytest.raises(ValidationError) as error:
        validate_nik(value)
    assert message in error.value.messages[0]


def test_valid_nik_passes():
    validate_nik(NIK_WOMAN_1985)
    validate_nik("3578011203850001")  # the same date for a man


def test_nik_birth_date_must_agree(kelurahan, petugas):
    form = kader_form(kelurahan, petugas, birth_date="1985-03-13")
    assert not form.is_valid()
    assert form.errors["birth_date"] == [
        "Tanggal lahir tidak cocok dengan NIK: menurut NIK tanggal lahirnya 12-03-..85."
    ]


def test_nik_birth_year_must_agree(kelurahan, petugas):
    form = kader_form(kelurahan, petugas, birth_date="1986-03-12")
    assert not form.is_valid()
    assert "birth_date" in form.errors


def test_nik_sex_must_agree(kelurahan, petugas):
    form = kader_form(kelurahan, petugas, sex="L")
    assert not form.is_valid()
    assert form.errors["sex"] == [
        "Jenis kelamin tidak cocok dengan NIK: menurut NIK orang ini perempuan."
    ]
    man = kader_form(kelurahan, petugas, nik="3578011203850001", sex="L")
    assert man.is_valid(), man.errors


def test_nik_with_separators_is_stored_compact(kelurahan, petugas):
    form = kader_form(kelurahan, petugas, nik="3578 0152 0385 0001")
    assert form.is_valid(), form.errors
    assert form.save().nik == NIK_WOMAN_1985


def test_nik_of_someone_born_this_century(kelurahan, petugas):
    # stdnum's get_birth_date() guesses 1905 for "05"; the two-digit year is what is compared.
    birth = datetime.date(2005, 6, 1)
    form = kader_form(kelurahan, petugas, nik=nik_for(birth, "P", 3), birth_date="2005-06-01")
    assert form.is_valid(), form.errors


def test_nik_mismatches_ignores_invalid_nik():
    assert nik_mismatches("123", birth_date=datetime.date(1985, 3, 12), sex="P") == {}


def test_one_active_cadre_per_nik(kelurahan, other_kelurahan, petugas):
    first = kader_form(kelurahan, petugas)
    assert first.is_valid()
    kader = first.save()
    duplicate = kader_form(kelurahan, petugas, name="Orang Lain")
    assert not duplicate.is_valid()
    assert "NIK ini sudah terdaftar sebagai kader KPM aktif." in str(duplicate.errors)
    # Also in another kelurahan: one person is one active cadre.
    other = KaderForm(form_data(), instance=Kader(kelurahan=other_kelurahan), user=petugas)
    assert not other.is_valid()
    kader.is_active = False
    kader.ended_on = datetime.date(2024, 1, 1)
    kader.end_reason = "Pindah"
    kader.save()
    again = kader_form(kelurahan, petugas)
    assert again.is_valid(), again.errors


def test_database_refuses_a_second_active_nik(kelurahan):
    kader = make_kader(kelurahan)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_kader(kelurahan, nik=kader.nik, birth_date=kader.birth_date)


def test_database_refuses_a_malformed_nik_and_inactive_without_date(kelurahan):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_kader(kelurahan, nik="12345")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_kader(kelurahan, is_active=False, end_reason="Pindah")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_kader(kelurahan, is_active=False, ended_on=datetime.date(2024, 1, 1))


def test_mask_nik():
    assert mask_nik(NIK_WOMAN_1985) == "3578**********01"
    assert mask_nik("") == ""


# --- Age and birth date --------------------------------------------------------------------


def test_birth_date_in_the_future_is_refused(kelurahan, petugas):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    nik = nik_for(tomorrow, "P", 5)
    form = kader_form(kelurahan, petugas, nik=nik, birth_date=tomorrow.isoformat())
    assert not form.is_valid()
    assert form.errors["birth_date"] == ["Tanggal lahir tidak boleh di masa depan."]


def test_cadres_under_17_are_refused(kelurahan, petugas):
    today = timezone.localdate()
    almost = today.replace(year=today.year - 17) + datetime.timedelta(days=1)
    form = kader_form(
        kelurahan, petugas, nik=nik_for(almost, "P", 6), birth_date=almost.isoformat()
    )
    assert not form.is_valid()
    assert form.errors["birth_date"] == ["Kader KPM minimal berusia 17 tahun."]
    exactly = today.replace(year=today.year - 17) - datetime.timedelta(days=1)
    form = kader_form(
        kelurahan, petugas, nik=nik_for(exactly, "P", 7), birth_date=exactly.isoformat()
    )
    assert form.is_valid(), form.errors


# --- Phone -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "stored", "shown"),
    [
        ("0812-3456-7890", "+6281234567890", "0812-3456-7890"),
        ("+62 812 3456 7890", "+6281234567890", "0812-3456-7890"),
        ("6281234567890", "+6281234567890", "0812-3456-7890"),
        ("(031) 5678901", "+62315678901", "(031) 5678901"),
        ("031-5678901", "+62315678901", "(031) 5678901"),
        ("", "", ""),
    ],
)
def test_phone_is_normalised(value, stored, shown):
    assert normalize_phone(value) == stored
    assert format_phone(stored) == shown


@pytest.mark.parametrize("value", ["12345", "0812", "08123456789012345", "0812-abc-7890", "+1555"])
def test_bad_phone_is_refused(value):
    with pytest.raises(ValidationError):
        normalize_phone(value)


# --- Origin ------------------------------------------------------------------------------------


def test_guru_paud_needs_a_paud(kelurahan, petugas):
    posyandu = make_lembaga(kelurahan, name="Posyandu Melati")
    form = kader_form(kelurahan, petugas, origin="paud", origin_lembaga=posyandu.pk)
    assert not form.is_valid()
    assert form.errors["origin_lembaga"] == ["Untuk asal Guru PAUD pilih lembaga jenis PAUD."]
    paud = make_lembaga(kelurahan, kind=Lembaga.Kind.PAUD, name="KB Tunas Bangsa")
    form = kader_form(kelurahan, petugas, origin="paud", origin_lembaga=paud.pk)
    assert form.is_valid(), form.errors


# --- SK scans -------------------------------------------------------------------------------------

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sk_post(lurah, scan, number="188/7/436.9/2025"):
    return {
        "kind": "pengangkatan",
        "number": number,
        "date": "2025-01-02",
        "term_start": "2025-01-01",
        "term_end": "2027-12-31",
        "signatory": lurah.pk,
        "scan": scan,
    }


def test_sk_scan_must_be_a_pdf_by_content(client, kelurahan, petugas, media):
    lurah = make_lurah(kelurahan)
    client.force_login(petugas)
    fake = SimpleUploadedFile("sk.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(reverse("kpm:sk_create"), sk_post(lurah, fake))
    assertContains(response, "Berkas harus PDF hasil pindai SK (berkas ini bukan PDF).")
    assert not SK.objects.exists()


def test_sk_scan_size_limit(client, kelurahan, petugas, media):
    lurah = make_lurah(kelurahan)
    client.force_login(petugas)
    big = SimpleUploadedFile("sk.pdf", PDF_BYTES + b"0" * (5 * 1024 * 1024), "application/pdf")
    response = client.post(reverse("kpm:sk_create"), sk_post(lurah, big))
    assertContains(response, "Berkas terlalu besar")
    assert not SK.objects.exists()


def test_sk_scan_is_served_only_in_scope(
    client, kelurahan, petugas, other_petugas, kecamatan_user, media
):
    lurah = make_lurah(kelurahan)
    client.force_login(petugas)
    scan = SimpleUploadedFile("Scan SK Kader.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(reverse("kpm:sk_create"), sk_post(lurah, scan))
    sk = SK.objects.get()
    assertRedirects(response, sk.get_absolute_url())
    assert sk.scan.name.startswith(f"kpm/sk/{kelurahan.pk}/")
    assert "Scan SK Kader" not in sk.scan.name
    assert (media / sk.scan.name).read_bytes() == PDF_BYTES
    url = reverse("kpm:sk_scan", args=[sk.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES
    client.force_login(kecamatan_user)
    assert client.get(url).status_code == 200
    client.force_login(other_petugas)
    assert client.get(url).status_code == 404
    client.logout()
    assertRedirects(client.get(url), f"{reverse('login')}?next={url}")
    # There is no public media URL.
    assert client.get(f"/media/{sk.scan.name}").status_code == 404


def test_sk_without_scan_has_no_file(client, kelurahan, petugas):
    sk = make_sk(kelurahan)
    client.force_login(petugas)
    assert client.get(reverse("kpm:sk_scan", args=[sk.pk])).status_code == 404


def test_sk_pemberhentian_needs_no_term(kelurahan):
    sk = make_sk(kelurahan, kind=SK.Kind.PEMBERHENTIAN)
    assert sk.term_start is None


def test_database_refuses_sk_term_ending_before_start(kelurahan):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_sk(
            kelurahan,
            term_start=datetime.date(2025, 1, 1),
            term_end=datetime.date(2024, 1, 1),
        )


# --- Relations -----------------------------------------------------------------------------------


def test_database_refuses_a_relation_whose_partner_does_not_match_its_kind(kelurahan):
    kader = make_kader(kelurahan)
    lembaga = make_lembaga(kelurahan)
    wrong_partners = [
        {"partner_kind": Relasi.PartnerKind.OPD, "lembaga": lembaga},
        {"partner_kind": Relasi.PartnerKind.KADER, "partner_kader": kader},
    ]
    for partner in wrong_partners:
        with pytest.raises(IntegrityError), transaction.atomic():
            Relasi.objects.create(
                kader=kader,
                nature=Relasi.Nature.KEDUANYA,
                activity=Relasi.Activity.KERJA_SAMA,
                start_date=datetime.date(2024, 1, 1),
                **partner,
            )


def test_every_partner_kind_has_a_proposal():
    for kind in Relasi.PartnerKind:
        nature, activity = Relasi.PROPOSED[kind]
        assert nature in Relasi.Nature.values and activity in Relasi.Activity.values
    assert Relasi.PROPOSED["lurah"][1] == Relasi.Activity.BANTUAN_TEKNIS
    assert Relasi.PROPOSED["kader_teknis"][1] == Relasi.Activity.SINKRONISASI


def test_editing_an_sk_keeps_its_scan(client, kelurahan, petugas, media):
    lurah = make_lurah(kelurahan)
    client.force_login(petugas)
    scan = SimpleUploadedFile("sk.pdf", PDF_BYTES, content_type="application/pdf")
    client.post(reverse("kpm:sk_create"), sk_post(lurah, scan))
    sk = SK.objects.get()
    stored = sk.scan.name
    data = {**sk_post(lurah, ""), "title": "Pengangkatan KPM"}
    del data["scan"]
    response = post_form(client, reverse("kpm:sk_update", args=[sk.pk]), data)
    assertRedirects(response, sk.get_absolute_url())
    sk.refresh_from_db()
    assert sk.scan.name == stored and sk.title == "Pengangkatan KPM"
