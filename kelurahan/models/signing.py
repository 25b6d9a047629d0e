"""Documents that the head of an office signs in the app (meeting minutes, SK), and the log of
every signature given and withdrawn.

A signed document is locked: the views that change it refuse (see `kelurahan.signing`). The
signature keeps the login that signed and, as printed, the name, title and NIP of the
official it signed for.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .base import check_constraint, optional_key


class DocumentLocked(PermissionDenied):
    """A change to a signed document. Pages answer it with the message and the document's
    page (`kelurahan.middleware.DocumentLockedMiddleware`); anywhere else it is a 403."""

    def __init__(self, document: SignedDocument):
        self.document = document
        super().__init__(document.locked_message())


def signature_complete(name: str) -> models.CheckConstraint:
    """A signature records who and when, or nothing: for the `constraints` of every
    `SignedDocument`."""
    return check_constraint(
        name,
        Q(signed_at__isnull=True, signed_by__isnull=True, signer_name="")
        | (Q(signed_at__isnull=False, signed_by__isnull=False) & ~Q(signer_name="")),
        _("Tanda tangan harus mencatat siapa dan kapan."),
    )


class SignedDocument(models.Model):
    """The signature fields of a document. A subclass says whose office signs it
    (`signing_office`) and what it must be before it can be signed (`signing_problem`)."""

    signed_by = optional_key(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ditandatangani oleh (pengguna)"),
    )
    signed_at = models.DateTimeField(_("ditandatangani pada"), null=True, blank=True)
    signer_name = models.CharField(_("nama penanda tangan"), max_length=150, blank=True)
    signer_position = models.CharField(_("jabatan penanda tangan"), max_length=150, blank=True)
    signer_nip = models.CharField(_("NIP penanda tangan"), max_length=18, blank=True)

    SIGNATURE_FIELDS = ["signed_by", "signed_at", "signer_name", "signer_position", "signer_nip"]
    # How messages name the document: "Notulen rapat ini", "SK ini".
    document_label = _("Dokumen ini")

    class Meta:
        abstract = True

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    def ensure_unsigned(self) -> None:
        """Raise `DocumentLocked` when the document is signed: every change to it checks."""
        if self.is_signed:
            raise DocumentLocked(self)

    def locked_message(self) -> str:
        return gettext(
            "%(document)s sudah ditandatangani oleh %(name)s pada %(date)s, sehingga tidak "
            "dapat diubah. Untuk memperbaikinya, penanda tangan membatalkan tanda tangan "
            "dengan menuliskan alasannya."
        ) % {
            "document": self.document_label,
            "name": self.signer_name,
            "date": timezone.localtime(self.signed_at).strftime("%d-%m-%Y %H:%M"),
        }

    def signing_office(self) -> tuple[int | None, int | None]:
        """(kelurahan id, kecamatan id) of the office whose head signs: a kelurahan, or the
        kecamatan itself when the kelurahan id is None."""
        raise NotImplementedError

    def signing_problem(self) -> str:
        """Why the document cannot be signed yet ("" when it can)."""
        return ""

    def named_signatory(self):
        """The official the document names as its signatory, if it names one."""
        return None


class SigningLog(models.Model):
    """One signature given or withdrawn, with the reason for a withdrawal."""

    class Action(models.TextChoices):
        SIGNED = "signed", _("Ditandatangani")
        UNSIGNED = "unsigned", _("Tanda tangan dibatalkan")

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("jenis dokumen")
    )
    object_id = models.PositiveBigIntegerField(_("nomor dokumen"))
    document = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("tindakan"), max_length=10, choices=Action)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="signing_log",
        verbose_name=_("oleh"),
    )
    signer_name = models.CharField(_("nama penanda tangan"), max_length=150, blank=True)
    reason = models.CharField(_("alasan"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat tanda tangan")
        verbose_name_plural = _("riwayat tanda tangan")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="signinglog_document")]
        constraints = [
            check_constraint(
                "signinglog_unsign_has_reason",
                Q(action="signed") | ~Q(reason=""),
                _("Isi alasan pembatalan tanda tangan."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.signer_name} ({self.created_at:%d-%m-%Y})"
