"""Signing a document in the app, and withdrawing the signature (with a reason).

Who signs: the head of the document's office, through a login that may sign for that office
(`User.can_sign_for`: the lurah's own login, the kecamatan's staff for the camat, an admin).
What is printed is the official's name, title and NIP on the signing day: the official the
document names (the signatory of an SK) or else the head of the office in office that day.
Every signature and withdrawal is logged (`SigningLog`) and leaves its reason on the
document's change history.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .models import Official, SignedDocument, SigningLog, User

# django-simple-history keeps up to 100 characters of a change reason.
CHANGE_REASON_LENGTH = 100


class UnsignForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan pembatalan tanda tangan"),
        max_length=255,
        error_messages={"required": gettext_lazy("Isi alasan pembatalan tanda tangan.")},
    )


def may_sign(user: User, document: SignedDocument) -> bool:
    kelurahan_id, kecamatan_id = document.signing_office()
    return user.can_sign_for(kelurahan_id=kelurahan_id, kecamatan_id=kecamatan_id)


def signing_official(document: SignedDocument, *, on: datetime.date) -> Official:
    """The official whose name the signature prints, or a ValidationError saying who is
    missing."""
    official = document.named_signatory()
    if official is not None:
        if not official.in_office_on(on):
            raise ValidationError(
                _(
                    "%(name)s tidak menjabat lagi hari ini. Ubah penanda tangan dokumen "
                    "terlebih dahulu."
                )
                % {"name": official.name}
            )
        return official
    kelurahan_id, kecamatan_id = document.signing_office()
    heads = Official.objects.current(on=on).head_of(
        kelurahan_id=kelurahan_id, kecamatan_id=kecamatan_id
    )
    official = heads.select_related("kelurahan", "kecamatan").first()
    if official is None:
        raise ValidationError(
            _(
                "Belum tercatat lurah atau camat yang menjabat hari ini. Catat pejabatnya "
                "terlebih dahulu."
            )
        )
    return official


def _locked_copy(document: SignedDocument) -> SignedDocument:
    """The document's row, locked until the transaction ends (a double click signs once)."""
    return type(document)._default_manager.select_for_update().get(pk=document.pk)


def _save_signature(document: SignedDocument, copy: SignedDocument, reason: str) -> None:
    for name in SignedDocument.SIGNATURE_FIELDS:
        setattr(document, name, getattr(copy, name))
    copy._change_reason = reason[:CHANGE_REASON_LENGTH]
    copy.save(update_fields=[*SignedDocument.SIGNATURE_FIELDS, "updated_at"])


@transaction.atomic
def sign_document(
    *, document: SignedDocument, by: User, now: datetime.datetime | None = None
) -> None:
    """Sign `document` for its office's head; it is locked from then on."""
    if not may_sign(by, document):
        raise PermissionDenied
    copy = _locked_copy(document)
    if copy.is_signed:
        raise ValidationError(_("Dokumen ini sudah ditandatangani."))
    problem = copy.signing_problem()
    if problem:
        raise ValidationError(problem)
    now = now or timezone.now()
    official = signing_official(copy, on=timezone.localdate(now))
    copy.signed_by, copy.signed_at = by, now
    copy.signer_name, copy.signer_position = official.name, official.title
    copy.signer_nip = official.nip
    _save_signature(document, copy, _("Ditandatangani oleh %(name)s") % {"name": official.name})
    SigningLog.objects.create(
        document=copy, action=SigningLog.Action.SIGNED, by=by, signer_name=official.name
    )


@transaction.atomic
def unsign_document(*, document: SignedDocument, by: User, reason: str) -> None:
    """Withdraw the signature, for `reason` (required); the document can be changed again."""
    if not may_sign(by, document):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Isi alasan pembatalan tanda tangan."))
    copy = _locked_copy(document)
    if not copy.is_signed:
        raise ValidationError(_("Dokumen ini belum ditandatangani."))
    signer_name = copy.signer_name
    copy.signed_by = copy.signed_at = None
    copy.signer_name = copy.signer_position = copy.signer_nip = ""
    _save_signature(document, copy, _("Tanda tangan dibatalkan: %(reason)s") % {"reason": reason})
    SigningLog.objects.create(
        document=copy,
        action=SigningLog.Action.UNSIGNED,
        by=by,
        signer_name=signer_name,
        reason=reason,
    )


def signing_log(document: SignedDocument):
    """The document's signatures and withdrawals, the latest first."""
    return SigningLog.objects.filter(
        content_type__app_label=document._meta.app_label,
        content_type__model=document._meta.model_name,
        object_id=document.pk,
    ).select_related("by")


# --- the signature panel and the two POST actions of every signed document's page -----------


def signing_context(user: User, document: SignedDocument) -> dict:
    """What `_signature_panel.html` needs: whether the user signs, the withdrawal form, the
    log."""
    return {
        "can_sign": may_sign(user, document),
        "unsign_form": UnsignForm(),
        "signing_log": signing_log(document),
    }


def _sign(request, document: SignedDocument):
    """Sign and go back to the document's page, saying what happened."""
    try:
        sign_document(document=document, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("Ditandatangani secara elektronik oleh %(name)s") % {"name": document.signer_name},
        )
    return redirect(document)


def _unsign(request, document: SignedDocument):
    """Withdraw the signature for the reason posted, and go back to the document's page."""
    form = UnsignForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["reason"][0])
        unsign_document(document=document, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Tanda tangan dibatalkan. Dokumen dapat diubah kembali."))
    return redirect(document)


def signing_views(lookup: Callable[[HttpRequest, int], SignedDocument], name: str):
    """The two POST-only views of a document's page, `<name>_sign` and `<name>_unsign`:
    `lookup(request, pk)` finds the document in the user's scope (a 404 outside it); a user
    who may not sign for its office gets a 403."""

    def view(action: Callable, suffix: str) -> Callable:
        @require_POST
        @login_required
        def signing_view(request: HttpRequest, pk: int):
            document = lookup(request, pk)
            if not may_sign(request.user, document):
                raise PermissionDenied
            return action(request, document)

        signing_view.__name__ = signing_view.__qualname__ = f"{name}_{suffix}"
        return signing_view

    return view(_sign, "sign"), view(_unsign, "unsign")
