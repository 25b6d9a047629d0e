"""Regions: kota/kabupaten, kecamatan, kelurahan, RW and RT."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import (
    ScopedQuerySet,
    TimeStampedModel,
    check_constraint,
    kelurahan_key,
    unique_constraint,
)
from .scope import Scope


class KotaKabupaten(TimeStampedModel):
    class Kind(models.TextChoices):
        KOTA = "kota", _("Kota")
        KABUPATEN = "kabupaten", _("Kabupaten")

    kind = models.CharField(_("jenis"), max_length=10, choices=Kind, default=Kind.KOTA)
    name = models.CharField(_("nama"), max_length=100)
    province = models.CharField(_("provinsi"), max_length=100, blank=True)
    code = models.CharField(
        _("kode wilayah"),
        max_length=13,
        blank=True,
        help_text=_("Kode Kemendagri, jika diketahui."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kota/kabupaten")
        verbose_name_plural = _("kota/kabupaten")
        ordering = ["name"]
        constraints = [
            unique_constraint(
                "kotakabupaten_unique_name",
                "kind",
                "name",
                message=_("Kota/kabupaten dengan nama ini sudah ada."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class Kecamatan(TimeStampedModel):
    kota = models.ForeignKey(
        KotaKabupaten,
        on_delete=models.PROTECT,
        related_name="kecamatan_set",
        verbose_name=_("kota/kabupaten"),
    )
    name = models.CharField(_("nama"), max_length=100)
    code = models.CharField(_("kode wilayah"), max_length=13, blank=True)
    address = models.CharField(_("alamat kantor"), max_length=255, blank=True)
    postal_code = models.CharField(_("kode pos"), max_length=5, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["name"]
        constraints = [
            unique_constraint(
                "kecamatan_unique_name_per_kota",
                "kota",
                "name",
                message=_("Kecamatan dengan nama ini sudah ada di kota ini."),
            )
        ]

    def __str__(self) -> str:
        return f"Kecamatan {self.name}"


class KelurahanQuerySet(models.QuerySet):
    def for_user(self, user) -> Self:
        return Scope.of(user).filter(self, kecamatan="kecamatan_id", kelurahan="pk")


class Kelurahan(TimeStampedModel):
    kecamatan = models.ForeignKey(
        Kecamatan,
        on_delete=models.PROTECT,
        related_name="kelurahan_set",
        verbose_name=_("kecamatan"),
    )
    name = models.CharField(_("nama"), max_length=100)
    code = models.CharField(
        _("kode wilayah"),
        max_length=13,
        blank=True,
        help_text=_("Kode Kemendagri, jika diketahui."),
    )
    address = models.CharField(_("alamat kantor"), max_length=255, blank=True)
    postal_code = models.CharField(_("kode pos"), max_length=5, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    history = HistoricalRecords()

    objects = KelurahanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kelurahan")
        verbose_name_plural = _("kelurahan")
        ordering = ["name"]
        constraints = [
            unique_constraint(
                "kelurahan_unique_name_per_kecamatan",
                "kecamatan",
                "name",
                message=_("Kelurahan dengan nama ini sudah ada di kecamatan ini."),
            )
        ]

    def __str__(self) -> str:
        return f"Kelurahan {self.name}"


class RWQuerySet(ScopedQuerySet):
    def with_rt_count(self) -> Self:
        return self.annotate(rt_count=models.Count("rt_set")).order_by("kelurahan__name", "number")


class RW(TimeStampedModel):
    kelurahan = kelurahan_key("rw_set", on_delete=models.CASCADE)
    number = models.PositiveSmallIntegerField(_("nomor RW"))
    chair_name = models.CharField(_("nama ketua RW"), max_length=100, blank=True)
    history = HistoricalRecords()

    objects = RWQuerySet.as_manager()

    class Meta:
        verbose_name = _("RW")
        verbose_name_plural = _("RW")
        ordering = ["kelurahan", "number"]
        constraints = [
            unique_constraint(
                "rw_unique_number_per_kelurahan",
                "kelurahan",
                "number",
                message=_("Nomor RW ini sudah terdaftar di kelurahan ini."),
            ),
            check_constraint(
                "rw_number_positive", Q(number__gt=0), _("Nomor RW harus lebih dari 0.")
            ),
        ]

    def __str__(self) -> str:
        return f"RW {self.number:02d}"

    def get_absolute_url(self) -> str:
        return reverse("kelurahan:rw_list")


class RTQuerySet(ScopedQuerySet):
    kelurahan_lookup = "rw__kelurahan"


class RT(TimeStampedModel):
    rw = models.ForeignKey(
        RW, on_delete=models.CASCADE, related_name="rt_set", verbose_name=_("RW")
    )
    number = models.PositiveSmallIntegerField(_("nomor RT"))
    chair_name = models.CharField(_("nama ketua RT"), max_length=100, blank=True)
    history = HistoricalRecords()

    objects = RTQuerySet.as_manager()

    class Meta:
        verbose_name = _("RT")
        verbose_name_plural = _("RT")
        ordering = ["rw__number", "number"]
        constraints = [
            unique_constraint(
                "rt_unique_number_per_rw",
                "rw",
                "number",
                message=_("Nomor RT ini sudah terdaftar di RW ini."),
            ),
            check_constraint(
                "rt_number_positive", Q(number__gt=0), _("Nomor RT harus lebih dari 0.")
            ),
        ]

    def __str__(self) -> str:
        return f"RT {self.number:02d}/RW {self.rw.number:02d}"
