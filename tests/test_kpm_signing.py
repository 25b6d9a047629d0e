"""The lurah (or, for the kecamatan's own meeting, the camat through the kecamatan's login)
signs minutes and SK in the app: signing locks them, the PDF says who signed and when (and
"DRAF" before), a withdrawal needs a reason and is kept."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.models import SigningLog, User
from kpm.models import SK, Rapat

from .factories import make_official, make_user
from .factories_kpm import make_kader, make_sk
from .factories_rapat import make_peserta, make_rapat, make_tindak_lanjut
from .pages import message_texts
from .pdf import pdf_text
from .signing import unsign_with_reason

LURAH_NIP = "197001011990031001"


@pytest.fixture
def lurah_official(kelurahan):
    return make_official(
        kelurahan, position="lurah", name="Hajar Sulistyono, S.Sos., M.Si.", nip=LURAH_NIP
    )


@pytest.fixture
def rapat(kelurahan, lurah_official):
    rapat = make_rapat(kelurahan, title="Rapat Koordinasi Peran KPM", minutes="Sepakat.")
    make_peserta(rapat, official=lurah_official, attendance="hadir")
    make_tindak_lanjut(rapat, description="Mendata sasaran 1000 HPK")
    return rapat


def sign(client, user, rapat):
    client.force_login(user)
    return client.post(reverse("kpm:rapat_sign", args=[rapat.pk]))


# --- signing ------------------------------------------------------------------------------


def test_lurah_signs_the_minutes_and_who_and_when_are_recorded(client, lurah, rapat):
    response = sign(client, lurah, rapat)
    assertRedirects(response, rapat.get_absolute_url(), fetch_redirect_response=False)
    rapat.refresh_from_db()
    assert rapat.signed_by == lurah
    assert rapat.signed_at is not None
    assert rapat.signer_name == "Hajar Sulistyono, S.Sos., M.Si."
    assert rapat.signer_position == "Lurah Pradah Kali Kendal"
    assert rapat.signer_nip == LURAH_NIP
    log = SigningLog.objects.get()
    assert (log.action, log.by, log.document) == ("signed", lurah, rapat)
    assert rapat.history.first().history_change_reason.startswith("Ditandatangani oleh Hajar")
    page = client.get(rapat.get_absolute_url())
    assertContains(page, "Notulen ditandatangani")
    assertContains(page, "Ditandatangani secara elektronik oleh Hajar Sulistyono")
    assertNotContains(page, reverse("kpm:rapat_minutes", args=[rapat.pk]))


def test_signing_twice_keeps_the_first_signature(client, lurah, rapat):
    sign(client, lurah, rapat)
    first = Rapat.objects.get(pk=rapat.pk).signed_at
    response = client.post(reverse("kpm:rapat_sign", args=[rapat.pk]))
    assert "Dokumen ini sudah ditandatangani." in message_texts(response)
    assert Rapat.objects.get(pk=rapat.pk).signed_at == first
    assert SigningLog.objects.count() == 1


def test_a_meeting_not_yet_held_or_cancelled_is_not_signed(
    client, lurah, kelurahan, lurah_official
):
    future = make_rapat(kelurahan, starts_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC))
    response = sign(client, lurah, future)
    assert "Notulen baru dapat ditandatangani sesudah rapat dimulai." in message_texts(response)
    cancelled = make_rapat(kelurahan, status="dibatalkan")
    response = client.post(reverse("kpm:rapat_sign", args=[cancelled.pk]))
    assert "Rapat yang dibatalkan tidak ditandatangani." in message_texts(response)
    assert not Rapat.objects.filter(signed_at__isnull=False).exists()


def test_without_a_lurah_in_office_nobody_is_named(client, lurah, kelurahan):
    rapat = make_rapat(kelurahan)
    response = sign(client, lurah, rapat)
    assert "Belum tercatat lurah atau camat" in message_texts(response)[-1]
    assert not Rapat.objects.get(pk=rapat.pk).is_signed


# --- the lock ----------------------------------------------------------------------------


def test_signed_minutes_refuse_every_edit_and_save_nothing(client, lurah, petugas, rapat):
    sign(client, lurah, rapat)
    client.force_login(petugas)
    minutes = reverse("kpm:rapat_minutes", args=[rapat.pk])
    response = client.post(
        minutes,
        {
            "minutes": "Diubah sesudah ditandatangani",
            "agenda-TOTAL_FORMS": "0",
            "agenda-INITIAL_FORMS": "0",
            "keputusan-TOTAL_FORMS": "0",
            "keputusan-INITIAL_FORMS": "0",
        },
    )
    assertRedirects(response, rapat.get_absolute_url(), fetch_redirect_response=False)
    assert "sudah ditandatangani oleh Hajar Sulistyono" in message_texts(response)[-1]
    assert Rapat.objects.get(pk=rapat.pk).minutes == "Sepakat."
    for name in ("rapat_update", "rapat_minutes", "rapat_followups", "rapat_invitees"):
        response = client.get(reverse(f"kpm:{name}", args=[rapat.pk]))
        assertRedirects(response, rapat.get_absolute_url(), fetch_redirect_response=False)
    peserta = rapat.peserta.get()
    mark = reverse("kpm:rapat_mark", args=[rapat.pk, peserta.pk])
    response = client.post(mark, {"attendance": "izin"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "Notulen rapat ini sudah ditandatangani" in response.content.decode()
    peserta.refresh_from_db()
    assert peserta.attendance == "hadir"
    page = client.get(reverse("kpm:rapat_attendance", args=[rapat.pk]))
    assertContains(page, "kehadiran tidak dapat diubah lagi")


# --- the PDF ---------------------------------------------------------------------------------


def test_minutes_pdf_says_draf_until_signed_then_who_signed_and_when(client, lurah, rapat):
    client.force_login(lurah)
    url = reverse("kpm:rapat_pdf_minutes", args=[rapat.pk])
    draft = pdf_text(client.get(url))
    assert "DRAF" in draft
    assert "Ditandatangani secara elektronik" not in draft
    sign(client, lurah, rapat)
    signed_at = Rapat.objects.get(pk=rapat.pk).signed_at
    text = pdf_text(client.get(url))
    assert "DRAF" not in text
    day = signed_at.astimezone(datetime.timezone(datetime.timedelta(hours=7))).day
    name = "Hajar Sulistyono, S.Sos., M.Si."
    assert f"Ditandatangani secara elektronik oleh {name} pada {day} " in text
    assert f"NIP. {LURAH_NIP}" in text
    attendance = pdf_text(client.get(reverse("kpm:rapat_pdf_attendance", args=[rapat.pk])))
    assert "Ditandatangani secara elektronik" in attendance


# --- withdrawing a signature --------------------------------------------------------------------


def test_unsigning_needs_a_reason_keeps_it_and_unlocks(client, lurah, rapat):
    sign(client, lurah, rapat)
    url = reverse("kpm:rapat_unsign", args=[rapat.pk])
    log = unsign_with_reason(client, url, rapat, "Daftar hadir keliru, perlu diperbaiki")
    assert (rapat.signed_by, rapat.signer_name) == (None, "")
    assert log.reason == "Daftar hadir keliru, perlu diperbaiki"
    assert log.signer_name == "Hajar Sulistyono, S.Sos., M.Si."
    page = client.get(rapat.get_absolute_url())
    assertContains(page, "Daftar hadir keliru, perlu diperbaiki")
    assert client.get(reverse("kpm:rapat_minutes", args=[rapat.pk])).status_code == 200


# --- who may sign ------------------------------------------------------------------------------


def test_petugas_and_kasi_kesra_cannot_sign_or_unsign(client, petugas, kasi_kesra, lurah, rapat):
    for user in (petugas, kasi_kesra):
        assert sign(client, user, rapat).status_code == 403
    sign(client, lurah, rapat)
    client.force_login(petugas)
    url = reverse("kpm:rapat_unsign", args=[rapat.pk])
    assert client.post(url, {"reason": "coba"}).status_code == 403
    assert Rapat.objects.get(pk=rapat.pk).is_signed
    client.force_login(petugas)
    assertNotContains(client.get(rapat.get_absolute_url()), "Tandatangani secara elektronik")


def test_another_kelurahans_lurah_cannot_sign(client, kelurahan, other_kelurahan, lurah_official):
    other_lurah = make_user(User.Role.LURAH, kelurahan=other_kelurahan)
    hosted = make_rapat(kelurahan)
    assert sign(client, other_lurah, hosted).status_code == 404
    joined = make_rapat(kelurahan, participants=[other_kelurahan])
    assert sign(client, other_lurah, joined).status_code == 403  # reads it, does not sign it
    assert not Rapat.objects.filter(signed_at__isnull=False).exists()


def test_signing_is_post_only(client, lurah, rapat):
    client.force_login(lurah)
    assert client.get(reverse("kpm:rapat_sign", args=[rapat.pk])).status_code == 405
    assert client.get(reverse("kpm:rapat_unsign", args=[rapat.pk])).status_code == 405


# --- SK --------------------------------------------------------------------------------------


@pytest.fixture
def sk(kelurahan, lurah_official):
    kader = make_kader(kelurahan, name="Kusmiati")
    return make_sk(kelurahan, [kader], number="188/7/436.9/2021", signatory=lurah_official)


def test_lurah_signs_an_sk_which_then_refuses_changes(client, lurah, petugas, sk, kelurahan):
    client.force_login(lurah)
    draft = pdf_text(client.get(reverse("kpm:sk_pdf", args=[sk.pk])))
    assert "DRAF" in draft
    assert "Kusmiati" in draft
    response = client.post(reverse("kpm:sk_sign", args=[sk.pk]))
    assertRedirects(response, sk.get_absolute_url(), fetch_redirect_response=False)
    sk.refresh_from_db()
    assert (sk.signed_by, sk.signer_name, sk.signer_nip) == (lurah, sk.signatory.name, LURAH_NIP)
    text = pdf_text(client.get(reverse("kpm:sk_pdf", args=[sk.pk])))
    assert "DRAF" not in text
    assert "Ditandatangani secara elektronik oleh Hajar Sulistyono" in text

    client.force_login(petugas)
    url = reverse("kpm:sk_update", args=[sk.pk])
    response = client.post(url, {"kind": "pengangkatan", "number": "188/99", "date": "2021-01-11"})
    assertRedirects(response, sk.get_absolute_url(), fetch_redirect_response=False)
    assert "SK ini sudah ditandatangani" in message_texts(response)[-1]
    assert SK.objects.get(pk=sk.pk).number == "188/7/436.9/2021"
    page = client.get(sk.get_absolute_url())
    assertNotContains(page, url)
    assert client.post(reverse("kpm:sk_sign", args=[sk.pk])).status_code == 403


def test_another_kelurahans_lurah_does_not_see_the_sk(client, other_kelurahan, sk):
    other_lurah = make_user(User.Role.LURAH, kelurahan=other_kelurahan)
    client.force_login(other_lurah)
    assert client.post(reverse("kpm:sk_sign", args=[sk.pk])).status_code == 404
    assert not SK.objects.get(pk=sk.pk).is_signed
