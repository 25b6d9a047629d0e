"""Where the last backups were written, so that the dashboard need not look at the disk."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class BackupRecord(models.Model):
    """One verified archive written by `manage.py backup` (not edited by users)."""

    created_at = models.DateTimeField(_("waktu cadangan"), default=timezone.now, db_index=True)
    path = models.CharField(_("berkas arsip"), max_length=1000)
    size_bytes = models.PositiveBigIntegerField(_("ukuran (byte)"))
    database_vendor = models.CharField(_("basis data"), max_length=20)
    file_count = models.PositiveIntegerField(_("jumlah berkas unggahan"), default=0)
    duration_s = models.FloatField(_("lama (detik)"), default=0)

    class Meta:
        verbose_name = _("cadangan data")
        verbose_name_plural = _("cadangan data")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.path
