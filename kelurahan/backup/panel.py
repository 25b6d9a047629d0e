"""The dashboard's backup panel: date and size of the last backup, for admins only."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from ..dashboard import Panel
from ..models import BackupRecord

OVERDUE_AFTER = datetime.timedelta(days=2)


def backup_panel(user, kelurahan_list) -> list[Panel]:
    """One panel for admins (a warning when no backup is younger than two days), else none."""
    if not user.sees_all:
        return []
    last = BackupRecord.objects.order_by("-created_at").first()
    overdue = last is None or timezone.now() - last.created_at > OVERDUE_AFTER
    return [
        Panel(
            title=_("Cadangan data"),
            template="kelurahan/_backup_panel.html",
            extra={"last": last, "overdue": overdue},
        )
    ]
