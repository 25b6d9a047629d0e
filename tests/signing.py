"""What the tests of electronic signing share: the lurah withdrawing a signature (a meeting's
minutes in tests/test_kpm_signing.py, a referral letter in
tests/test_stunting_referral_signing.py)."""

from pytest_django.asserts import assertRedirects

from kelurahan.models import SigningLog

from .pages import message_texts


def unsign_with_reason(client, url: str, document, reason: str) -> SigningLog:
    """POST to the unsign `url` without a reason (refused: the document stays signed), then with
    `reason`: the signature is withdrawn and the reason kept in the document's history; the
    withdrawal's log entry."""
    response = client.post(url, {"reason": "  "})
    assert "Isi alasan pembatalan tanda tangan." in message_texts(response)
    assert type(document).objects.get(pk=document.pk).is_signed
    response = client.post(url, {"reason": reason})
    assertRedirects(response, document.get_absolute_url(), fetch_redirect_response=False)
    document.refresh_from_db()
    assert not document.is_signed
    history = document.history.first().history_change_reason
    assert history == f"Tanda tangan dibatalkan: {reason}"
    return SigningLog.objects.filter(action="unsigned").get()
