"""The lurah signs a referral letter in the app, the way minutes and SK are signed: the PDF
says "DRAF" until then and who signed it and when after; a signed letter no longer changes,
while the OPD's answer (the steps) still goes on; a withdrawal needs a reason and is kept."""

import datetime

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.models import OPD, SigningLog, User
from stunting.models import Referral
from stunting.referrals import advance_referral

from .factories import make_user
from .factories_kpm import make_kader, make_lurah
from .factories_referral import make_opd, make_referral
from .factories_stunting import make_child, make_family, today
from .pages import message_texts
from .pdf import pdf_text
from .signing import unsign_with_reason
from .stamps import stamps_in

pytestmark = pytest.mark.django_db

LURAH = "Hajar Sulistyono, S.Sos., M.Si."
LURAH_NIP = "197001011990031001"


@pytest.fixture
def lurah_official(kelurahan):
    return make_lurah(kelurahan, name=LURAH, nip=LURAH_NIP)


@pytest.fixture
def puskesmas(kota, kecamatan):
    return make_opd(kota, OPD.Kind.PUSKESMAS, name="Puskesmas Dukuh Kupang", kecamatan=kecamatan)


@pytest.fixture
def kader(kelurahan):
    return make_kader(kelurahan, name="Siti Aminah")


@pytest.fixture
def referral(kelurahan, puskesmas, petugas, kader, lurah_official):
    family = make_family(kelurahan, head_name="Agus Salim")
    child = make_child(family, name="Rafa Pratama")
    return make_referral(
        child,
        puskesmas,
        by=petugas,
        kader=kader,
        reason="stunting",
        reason_detail="TB/U -2,5 SD pada penimbangan Februari",
        referred_on=today() - datetime.timedelta(9),
    )


def sign(client, user, referral):
    client.force_login(user)
    return client.post(reverse("stunting:referral_sign", args=[referral.pk]))


def letter(client, referral) -> str:
    return pdf_text(client.get(reverse("stunting:referral_letter", args=[referral.pk])))


def letter_contents(referral) -> tuple:
    referral = Referral.objects.get(pk=referral.pk)
    return tuple(getattr(referral, name) for name in Referral.LETTER_FIELDS)


# --- signing ------------------------------------------------------------------------------


def test_the_letter_is_draf_until_the_lurah_signs_it(client, lurah, referral):
    client.force_login(lurah)
    page = client.get(referral.get_absolute_url())
    assertContains(page, "Belum ditandatangani. Dokumen cetaknya bertanda DRAF.")
    assertContains(page, "Tandatangani secara elektronik")
    draft = letter(client, referral)
    assert "DRAF" in draft
    assert "Ditandatangani secara elektronik" not in draft
    assert LURAH in draft  # the lurah in office, to sign on paper

    response = sign(client, lurah, referral)
    assertRedirects(response, referral.get_absolute_url(), fetch_redirect_response=False)
    assert f"Ditandatangani secara elektronik oleh {LURAH}" in message_texts(response)
    referral.refresh_from_db()
    assert (referral.signed_by, referral.signer_name) == (lurah, LURAH)
    assert referral.signer_position == "Lurah Pradah Kali Kendal"
    assert referral.signer_nip == LURAH_NIP
    log = SigningLog.objects.get()
    assert (log.action, log.by, log.document) == ("signed", lurah, referral)
    assert referral.history.first().history_change_reason == f"Ditandatangani oleh {LURAH}"

    text = letter(client, referral)
    assert "DRAF" not in text
    day = referral.signed_at.astimezone(datetime.timezone(datetime.timedelta(hours=7))).day
    assert f"Ditandatangani secara elektronik oleh {LURAH} pada {day} " in text
    assert f"NIP. {LURAH_NIP}" in text
    assert "Rafa Pratama" in text and "Lembar balasan rujukan" in text
    page = client.get(referral.get_absolute_url())
    assertContains(page, f"Ditandatangani secara elektronik oleh {LURAH} (Lurah Pradah Kali")
    assertContains(page, "Batalkan tanda tangan")


def test_signing_twice_keeps_the_first_signature(client, lurah, referral):
    sign(client, lurah, referral)
    first = Referral.objects.get(pk=referral.pk).signed_at
    response = sign(client, lurah, referral)
    assert "Dokumen ini sudah ditandatangani." in message_texts(response)
    assert Referral.objects.get(pk=referral.pk).signed_at == first
    assert SigningLog.objects.count() == 1


def test_without_a_lurah_in_office_the_letter_is_not_signed(client, lurah, referral):
    referral.kelurahan.officials.all().delete()
    response = sign(client, lurah, referral)
    assert "Belum tercatat lurah atau camat" in message_texts(response)[-1]
    assert not Referral.objects.get(pk=referral.pk).is_signed


def test_an_answered_letter_is_still_signed(client, lurah, referral):
    """The letter is the office's copy of what was sent, whatever the OPD answered."""
    advance_referral(referral=referral, status="ditolak", on=today(), by=None, note="Penuh")
    sign(client, lurah, referral)
    assert Referral.objects.get(pk=referral.pk).is_signed


# --- who may sign ---------------------------------------------------------------------------


def test_anonymous_goes_to_login_and_signing_is_post_only(client, lurah, referral):
    for name in ("referral_sign", "referral_unsign"):
        url = reverse(f"stunting:{name}", args=[referral.pk])
        assert "/login" in client.post(url, {"reason": "x"})["Location"]
    client.force_login(lurah)
    for name in ("referral_sign", "referral_unsign"):
        assert client.get(reverse(f"stunting:{name}", args=[referral.pk])).status_code == 405


def test_petugas_kasi_kesra_and_kecamatan_cannot_sign_or_unsign(
    client, petugas, kasi_kesra, kecamatan_user, lurah, referral
):
    for user in (petugas, kasi_kesra, kecamatan_user):
        assert sign(client, user, referral).status_code == 403
        page = client.get(referral.get_absolute_url())
        assertContains(page, "Belum ditandatangani")
        assertNotContains(page, "Tandatangani secara elektronik")
    assert not Referral.objects.get(pk=referral.pk).is_signed
    sign(client, lurah, referral)
    unsign = reverse("stunting:referral_unsign", args=[referral.pk])
    for user in (petugas, kasi_kesra, kecamatan_user):
        client.force_login(user)
        assert client.post(unsign, {"reason": "coba"}).status_code == 403
        assertNotContains(client.get(referral.get_absolute_url()), "Batalkan tanda tangan")
    assert Referral.objects.get(pk=referral.pk).is_signed


def test_another_kelurahans_lurah_gets_404(client, other_kelurahan, lurah, referral):
    other_lurah = make_user(User.Role.LURAH, kelurahan=other_kelurahan)
    assert sign(client, other_lurah, referral).status_code == 404
    sign(client, lurah, referral)
    client.force_login(other_lurah)
    unsign = reverse("stunting:referral_unsign", args=[referral.pk])
    assert client.post(unsign, {"reason": "coba"}).status_code == 404
    assert Referral.objects.get(pk=referral.pk).signer_name == LURAH
    assert SigningLog.objects.count() == 1


# --- withdrawing the signature -------------------------------------------------------------------


def test_unsigning_needs_a_reason_is_logged_and_the_letter_is_draf_again(client, lurah, referral):
    sign(client, lurah, referral)
    url = reverse("stunting:referral_unsign", args=[referral.pk])
    log = unsign_with_reason(client, url, referral, "Alamat sasaran keliru")
    assert (referral.signed_by, referral.signer_name, referral.signer_nip) == (None, "", "")
    assert (log.by, log.signer_name, log.reason) == (lurah, LURAH, "Alamat sasaran keliru")
    page = client.get(referral.get_absolute_url())
    assertContains(page, "alasan: Alamat sasaran keliru")
    assertContains(page, "Tandatangani secara elektronik")
    assert "DRAF" in letter(client, referral)
    response = client.post(url, {"reason": "lagi"})
    assert "Dokumen ini belum ditandatangani." in message_texts(response)


# --- the lock: the letter no longer changes, its steps go on --------------------------------------


def test_steps_go_on_after_signing_and_the_letter_stays_signed(client, petugas, lurah, referral):
    sign(client, lurah, referral)
    contents = letter_contents(referral)
    url = referral.get_absolute_url()
    advance = reverse("stunting:referral_advance", args=[referral.pk])
    client.force_login(petugas)
    for status, offset in [("diterima", 1), ("ditindaklanjuti", 2), ("selesai", 7)]:
        page = client.get(url)
        assertContains(page, "jawaban OPD tetap dicatat sebagai langkah")
        day = referral.referred_on + datetime.timedelta(days=offset)
        data = {**stamps_in(page), "status": status, "on": str(day), "note": ""}
        assertRedirects(client.post(advance, data), url)
    referral.refresh_from_db()
    assert (referral.status, referral.days_to_resolve) == ("selesai", 7)
    assert referral.is_signed and referral.signer_name == LURAH
    assert letter_contents(referral) == contents
    assert [s.status for s in referral.steps.all()] == [
        "dirujuk",
        "diterima",
        "ditindaklanjuti",
        "selesai",
    ]
    assert "DRAF" not in letter(client, referral)


def test_a_signed_letters_contents_cannot_change(client, petugas, lurah, referral, kota, kelurahan):
    sign(client, lurah, referral)
    contents = letter_contents(referral)
    # A step posted with the letter's fields changes only the status.
    elsewhere = make_opd(kota, OPD.Kind.DINAS_SOSIAL, name="Dinas Sosial")
    client.force_login(petugas)
    page = client.get(referral.get_absolute_url())
    data = {
        **stamps_in(page),
        "status": "diterima",
        "on": str(today()),
        "opd": elsewhere.pk,
        "reason": "bansos",
        "reason_detail": "Diubah",
        "referred_on": "2020-01-01",
        "kader": "",
        "person": make_child(make_family(kelurahan), name="Anak Lain").pk,
    }
    client.post(reverse("stunting:referral_advance", args=[referral.pk]), data)
    assert Referral.objects.get(pk=referral.pk).status == "diterima"
    assert letter_contents(referral) == contents
    # A step saved from a changed copy in memory saves only the status.
    referral.opd, referral.reason_detail = elsewhere, "Diubah lagi"
    advance_referral(referral=referral, status="ditindaklanjuti", on=today(), by=petugas)
    assert letter_contents(referral) == contents
    # The referring cadre of a signed letter is not deleted from under it.
    with pytest.raises(ProtectedError):
        referral.kader.delete()
    assert letter_contents(referral) == contents


def test_an_unsigned_letter_loses_a_deleted_cadre(referral):
    kader = referral.kader
    kader.delete()
    referral.refresh_from_db()
    assert referral.kader is None
