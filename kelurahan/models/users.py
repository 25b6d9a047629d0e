"""Logins, their role and their scope."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import check_constraint, optional_key
from .regions import Kecamatan, Kelurahan
from .scope import Scope


class User(AbstractUser):
    """A login. Its role and scope (one kelurahan, or one kecamatan) decide what it sees."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin")
        PETUGAS = "petugas", _("Petugas kelurahan")
        LURAH = "lurah", _("Lurah")
        KASI_KESRA = "kasi_kesra", _("Kasi Kesra")
        KECAMATAN = "kecamatan", _("Kecamatan")

    KELURAHAN_ROLES = [Role.PETUGAS, Role.LURAH, Role.KASI_KESRA]
    EDITOR_ROLES = [Role.ADMIN, Role.PETUGAS, Role.LURAH]

    role = models.CharField(_("peran"), max_length=20, choices=Role, blank=True)
    kelurahan = optional_key(
        Kelurahan,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("kelurahan"),
    )
    kecamatan = optional_key(
        Kecamatan,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("kecamatan"),
    )
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    history = HistoricalRecords()

    objects = UserManager()

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            check_constraint(
                "user_scope_matches_role",
                (
                    Q(role__in=["petugas", "lurah", "kasi_kesra"], kelurahan__isnull=False)
                    & Q(kecamatan__isnull=True)
                )
                | Q(role="kecamatan", kecamatan__isnull=False, kelurahan__isnull=True)
                | Q(role__in=["admin", ""], kelurahan__isnull=True, kecamatan__isnull=True),
                _(
                    "Petugas, lurah dan kasi kesra harus memilih satu kelurahan; "
                    "pengguna kecamatan memilih satu kecamatan; "
                    "admin tidak memilih keduanya."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def sees_all(self) -> bool:
        return self.is_superuser or self.role == self.Role.ADMIN

    @property
    def scope(self) -> Scope:
        """What the user reads: all, one kecamatan, one kelurahan or nothing (see `Scope`)."""
        return Scope.of(self)

    @property
    def can_edit_records(self) -> bool:
        """Keep the kelurahan's records: petugas, lurah and admin."""
        return self.is_active and (self.is_superuser or self.role in self.EDITOR_ROLES)

    def can_sign_for(self, *, kelurahan_id: int | None, kecamatan_id: int | None) -> bool:
        """Sign (and withdraw the signature of) a document of a kelurahan: its lurah's login;
        of the kecamatan itself (`kelurahan_id` None): the kecamatan's staff, for the camat.
        Admins sign for any office; petugas and kasi kesra never sign."""
        if not self.is_active:
            return False
        if self.sees_all:
            return True
        if kelurahan_id:
            return self.role == self.Role.LURAH and self.kelurahan_id == kelurahan_id
        return self.role == self.Role.KECAMATAN and self.kecamatan_id == kecamatan_id

    @property
    def sees_full_nik(self) -> bool:
        """Who sees whole NIK and KK numbers (pages, exports, PDFs, admin lists): the roles that
        keep the register. Read-only roles (kasi kesra, kecamatan) see them masked."""
        return self.can_edit_records

    @property
    def can_review_scores(self) -> bool:
        return self.is_active and (self.is_superuser or self.role == self.Role.KASI_KESRA)

    @property
    def scope_label(self) -> str:
        scope = self.scope
        if scope.is_all:
            return str(_("Semua wilayah"))
        if scope.is_kecamatan:
            return str(self.kecamatan)
        if scope.is_kelurahan:
            return str(self.kelurahan)
        return str(_("Belum ada wilayah"))
