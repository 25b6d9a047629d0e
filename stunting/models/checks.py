"""Database checks that several stunting models share."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kelurahan.models import range_check


def muac_and_hb_plausible(prefix: str) -> list[models.CheckConstraint]:
    """A pregnant woman's LiLA and Hb, where a pregnancy or one of its months (2A) records
    them: empty, or in a plausible range."""
    ranges = [
        ("muac", "muac_cm", 10, 50, _("LiLA harus antara 10 dan 50 cm.")),
        ("hb", "hb", 3, 20, _("Kadar Hb harus antara 3 dan 20 g/dL.")),
    ]
    return [
        range_check(f"{prefix}_{name}_plausible", field, low, high, message, may_be_empty=True)
        for name, field, low, high, message in ranges
    ]
