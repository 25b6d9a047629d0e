"""Choices that several apps' models share."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    """Jenis kelamin, coded as on the KTP and in the NIK."""

    LAKI_LAKI = "L", _("Laki-laki")
    PEREMPUAN = "P", _("Perempuan")
