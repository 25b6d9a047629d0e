"""One-time tokens of creating forms and import confirmations (see `kelurahan.formguard`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FormSubmission(models.Model):
    """A creating form or an import confirmation that was saved, by its one-time token.

    Written in the same transaction as what the form created, so a repeated or concurrent POST
    of the same form finds it (the token is unique) and goes to `url` instead of saving again.
    Rows older than a week are pruned when a new one is written.
    """

    token = models.CharField(_("token formulir"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="form_submissions",
        verbose_name=_("pengguna"),
    )
    url = models.CharField(_("alamat hasil"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("kiriman formulir")
        verbose_name_plural = _("kiriman formulir")

    def __str__(self) -> str:
        return self.url or self.token
