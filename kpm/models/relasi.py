"""Working relations (hubungan kerja) of cadres with their partners: Permendagri No. 7 Tahun 2007,
Bab V. Every relation is koordinatif and/or konsultatif.
"""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.models import (
    NOTES_MAX_LENGTH,
    OPD,
    KelompokMasyarakat,
    Lembaga,
    LimitedTextField,
    Official,
    ScopedQuerySet,
    TimeStampedModel,
    check_constraint,
    end_after_start,
    kind_matches_link,
    optional_key,
)

from .kader import Kader

__all__ = ["Relasi"]


class RelasiQuerySet(ScopedQuerySet):
    kelurahan_lookup = "kader__kelurahan"

    def current(self, today=None) -> Self:
        today = today or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))

    def with_partners(self) -> Self:
        return self.select_related(
            "kader", "official", "lembaga", "partner_kader", "kelompok", "opd"
        ).order_by("partner_kind", "kader__name", "start_date", "pk")

    def touching(self, kader: Kader) -> Self:
        """The cadre's own relations and those where another cadre named them as partner."""
        return self.filter(Q(kader=kader) | Q(partner_kader=kader))


class PartnerKind(models.TextChoices):
    LURAH = "lurah", _("Lurah")
    LEMBAGA = "lembaga", _("Lembaga kemasyarakatan")
    KADER = "kader", _("KPM lainnya")
    KADER_TEKNIS = "kader_teknis", _("Kader teknis")
    KELOMPOK = "kelompok", _("Kelompok masyarakat")
    OPD = "opd", _("OPD")


# The partner field that each kind of partner uses (the others stay empty).
PARTNER_FIELD = {
    PartnerKind.LURAH: "official",
    PartnerKind.LEMBAGA: "lembaga",
    PartnerKind.KADER: "partner_kader",
    PartnerKind.KADER_TEKNIS: "official",
    PartnerKind.KELOMPOK: "kelompok",
    PartnerKind.OPD: "opd",
}


class Relasi(TimeStampedModel):
    """A working relation (hubungan kerja) of a cadre with a partner (Permendagri 7/2007 Bab V)."""

    PartnerKind = PartnerKind
    PARTNER_FIELD = PARTNER_FIELD

    class Nature(models.TextChoices):
        KOORDINATIF = "koordinatif", _("Koordinatif")
        KONSULTATIF = "konsultatif", _("Konsultatif")
        KEDUANYA = "keduanya", _("Koordinatif dan konsultatif")

    class Activity(models.TextChoices):
        BANTUAN_TEKNIS = (
            "bantuan_teknis",
            _("Bantuan teknis pemberdayaan dan pembangunan partisipatif"),
        )
        KEGIATAN_BERSAMA = (
            "kegiatan_bersama",
            _("Membantu atau memproses bersama kegiatan pemberdayaan"),
        )
        KERJA_SAMA = "kerja_sama", _("Kerja sama saling mendukung, integratif dan sinergis")
        SINKRONISASI = "sinkronisasi", _("Sinkronisasi, integrasi dan harmonisasi kegiatan")
        PENDAMPINGAN = "pendampingan", _("Pendampingan dan fasilitasi")
        PENYELARASAN = "penyelarasan", _("Penyelarasan kegiatan dengan program dan layanan OPD")

    # What the regulation proposes for each kind of partner: (nature, activity).
    PROPOSED = {
        PartnerKind.LURAH: (Nature.KEDUANYA, Activity.BANTUAN_TEKNIS),
        PartnerKind.LEMBAGA: (Nature.KEDUANYA, Activity.KEGIATAN_BERSAMA),
        PartnerKind.KADER: (Nature.KEDUANYA, Activity.KERJA_SAMA),
        PartnerKind.KADER_TEKNIS: (Nature.KEDUANYA, Activity.SINKRONISASI),
        PartnerKind.KELOMPOK: (Nature.KEDUANYA, Activity.PENDAMPINGAN),
        PartnerKind.OPD: (Nature.KOORDINATIF, Activity.PENYELARASAN),
    }

    kader = models.ForeignKey(
        Kader, on_delete=models.CASCADE, related_name="relasi_set", verbose_name=_("kader")
    )
    partner_kind = models.CharField(_("jenis mitra"), max_length=20, choices=PartnerKind)
    official = optional_key(
        Official,
        on_delete=models.PROTECT,
        related_name="kpm_relasi_set",
        verbose_name=_("lurah/kader teknis"),
    )
    lembaga = optional_key(
        Lembaga,
        on_delete=models.PROTECT,
        related_name="kpm_relasi_set",
        verbose_name=_("lembaga kemasyarakatan"),
    )
    partner_kader = optional_key(
        Kader,
        on_delete=models.PROTECT,
        related_name="relasi_as_partner_set",
        verbose_name=_("KPM lain"),
    )
    kelompok = optional_key(
        KelompokMasyarakat,
        on_delete=models.PROTECT,
        related_name="kpm_relasi_set",
        verbose_name=_("kelompok masyarakat"),
    )
    opd = optional_key(
        OPD,
        on_delete=models.PROTECT,
        related_name="kpm_relasi_set",
        verbose_name=_("OPD"),
    )
    nature = models.CharField(_("sifat hubungan"), max_length=20, choices=Nature)
    activity = models.CharField(_("bentuk hubungan kerja"), max_length=30, choices=Activity)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"), null=True, blank=True)
    notes = LimitedTextField(_("catatan"), max_length=NOTES_MAX_LENGTH, blank=True)
    history = HistoricalRecords()

    objects = RelasiQuerySet.as_manager()

    class Meta:
        verbose_name = _("hubungan kerja")
        verbose_name_plural = _("hubungan kerja")
        ordering = ["partner_kind", "start_date"]
        constraints = [
            kind_matches_link(
                "relasi_partner_matches_kind",
                "partner_kind",
                PARTNER_FIELD,
                _("Pilih satu mitra yang sesuai dengan jenis mitra."),
                link_required=True,
            ),
            check_constraint(
                "relasi_not_with_self",
                Q(partner_kader__isnull=True) | ~Q(partner_kader=F("kader")),
                _("Kader tidak dapat berelasi dengan dirinya sendiri."),
            ),
            end_after_start("relasi_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.kader} – {self.partner}"

    def get_absolute_url(self) -> str:
        return self.kader.get_absolute_url()

    @property
    def partner(self):
        return getattr(self, self.PARTNER_FIELD[self.partner_kind])

    @property
    def partner_name(self) -> str:
        partner = self.partner
        if partner is None:
            return ""
        if self.partner_kind == self.PartnerKind.KADER_TEKNIS and partner.position_detail:
            return f"{partner.name} ({partner.position_detail})"
        return partner.name

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.end_date is None or self.end_date >= today
