"""Officials: the NIP printed under a signature, and the kecamatan's own officials (camat,
sekcam, kasi PM) who chair and sign the kecamatan's meetings on its letterhead."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.models import Official
from kelurahan.validators import validate_nip
from kpm.models import Rapat

from .factories import make_official
from .factories_rapat import make_rapat
from .pdf import pdf_text
from .test_kpm_rapat_views import plan_data

CAMAT_NIP = "196904101995031002"


# --- NIP -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("12345", "NIP harus 18 digit angka."),
        ("19700101199003100A", "NIP harus 18 digit angka."),
        ("197013011990031001", "8 digit pertama harus tanggal lahir"),
        ("197001011990131001", "tahun dan bulan pengangkatan"),
        ("197001011990033001", "digit ke-15 (jenis kelamin) harus 1 atau 2"),
    ],
)
def test_a_wrong_nip_is_refused_with_the_reason(client, kelurahan, petugas, nip, message):
    client.force_login(petugas)
    data = {"name": "Lurah Baru", "position": "lurah", "start_date": "2025-02-01", "nip": nip}
    response = client.post(reverse("kelurahan:official_create"), data)
    assertContains(response, message)
    assert not Official.objects.exists()


def test_a_nip_typed_with_spaces_is_kept_as_18_digits(client, kelurahan, petugas):
    client.force_login(petugas)
    data = {
        "name": "Hajar Sulistyono",
        "position": "lurah",
        "start_date": "2025-02-01",
        "nip": "19700101 199003 1 001",
        "nrp": "",
    }
    response = client.post(reverse("kelurahan:official_create"), data)
    official = Official.objects.get()
    assertRedirects(response, official.get_absolute_url())
    assert official.nip == "197001011990031001"
    assert validate_nip(official.nip) is None


def test_the_database_refuses_a_nip_that_is_not_18_digits(kelurahan):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_official(kelurahan, nip="123")


# --- kecamatan officials ---------------------------------------------------------------------


@pytest.fixture
def camat(kecamatan):
    return make_official(
        None,
        kecamatan=kecamatan,
        position="camat",
        name="Drs. Sugeng Widodo, M.Si.",
        nip=CAMAT_NIP,
        start_date=datetime.date(2019, 1, 7),
    )


def test_an_official_belongs_to_one_kelurahan_or_one_kecamatan(kelurahan, kecamatan):
    both = Official(
        kelurahan=kelurahan,
        kecamatan=kecamatan,
        position="camat",
        name="X",
        start_date=datetime.date(2020, 1, 1),
    )
    with pytest.raises(ValidationError, match="Camat, sekcam dan kasi PM dicatat"):
        both.full_clean()
    lurah_at_kecamatan = Official(
        kecamatan=kecamatan, position="lurah", name="Y", start_date=datetime.date(2020, 1, 1)
    )
    with pytest.raises(ValidationError, match="Camat, sekcam dan kasi PM dicatat"):
        lurah_at_kecamatan.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_official(kelurahan, position="camat")


def test_one_camat_at_a_time_and_current_keeps_working(kecamatan, camat):
    second = Official(
        kecamatan=kecamatan, position="camat", name="Z", start_date=datetime.date(2024, 1, 1)
    )
    with pytest.raises(ValidationError, match="Jabatan ini masih dipegang orang lain"):
        second.full_clean()
    day = datetime.date(2021, 1, 1)
    assert camat in Official.objects.current(on=day)
    assert camat not in Official.objects.current(on=datetime.date(2018, 1, 1))
    heads = Official.objects.current(on=day).head_of(kelurahan_id=None, kecamatan_id=kecamatan.pk)
    assert list(heads) == [camat]
    assert camat.title == "Camat Dukuh Pakis"


def test_kelurahan_pages_do_not_offer_kecamatan_posts(client, petugas):
    client.force_login(petugas)
    response = client.get(reverse("kelurahan:official_create"))
    assertContains(response, 'value="lurah"')
    assertNotContains(response, 'value="camat"')


def test_a_camat_chairs_the_kecamatans_meeting(
    client, kecamatan, kelurahan, other_kelurahan, kecamatan_user, camat
):
    client.force_login(kecamatan_user)
    form = client.get(reverse("kpm:rapat_create"))
    assertContains(form, "Drs. Sugeng Widodo, M.Si. — Camat Dukuh Pakis")
    assertContains(form, "Kelurahan yang diundang.")
    assertNotContains(form, "selalu ikut")
    data = plan_data(participants=[kelurahan.pk, other_kelurahan.pk], chair=camat.pk)
    del data["level"], data["chair_name"], data["chair_position"]
    response = client.post(reverse("kpm:rapat_create"), data)
    rapat = Rapat.objects.get()
    assertRedirects(response, rapat.get_absolute_url())
    assert (rapat.chair, rapat.chair_name, rapat.chair_position) == (
        camat,
        "Drs. Sugeng Widodo, M.Si.",
        "Camat",
    )


def test_kecamatan_letterhead_and_the_camats_signature(
    client, kecamatan, kelurahan, kecamatan_user, petugas, camat
):
    kecamatan.address = "Jl. Dukuh Pakis No. 2, Surabaya"
    kecamatan.phone = "+62315678123"
    kecamatan.save()
    rapat = make_rapat(None, kecamatan=kecamatan, participants=[kelurahan], chair=camat)
    client.force_login(kecamatan_user)
    url = reverse("kpm:rapat_pdf_minutes", args=[rapat.pk])
    text = pdf_text(client.get(url))
    assert "KECAMATAN DUKUH PAKIS" in text
    assert "Jl. Dukuh Pakis No. 2, Surabaya" in text
    assert "Telp. (031) 5678123" in text
    assert "DRAF" in text
    # The host kelurahan's petugas reads the meeting; the kecamatan signs for the camat.
    client.force_login(petugas)
    assert client.post(reverse("kpm:rapat_sign", args=[rapat.pk])).status_code == 403
    client.force_login(kecamatan_user)
    client.post(reverse("kpm:rapat_sign", args=[rapat.pk]))
    rapat.refresh_from_db()
    assert (rapat.signed_by, rapat.signer_position) == (kecamatan_user, "Camat Dukuh Pakis")
    text = pdf_text(client.get(url))
    assert "Ditandatangani secara elektronik oleh Drs. Sugeng Widodo, M.Si." in text
    assert f"NIP. {CAMAT_NIP}" in text
