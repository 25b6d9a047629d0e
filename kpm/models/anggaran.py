"""Operational financing of the KPM: funding sources per year (sumber dana), the budget lines
that allocate them (pos anggaran), spending (realisasi) with its receipt, and the equipment and
resources of posyandu and institutions (peralatan).

Money is whole Rupiah in integer fields. A spending is a draft until the lurah approves it; an
approved spending is never edited: a correction is a reversing entry (the same amount, negative)
and, where needed, a new spending. A spending that takes its line over its allocation is kept
only with the lurah's confirmation and reason.
"""

from __future__ import annotations

import datetime
from typing import Self

from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.dates import add_months
from kelurahan.links import url_for
from kelurahan.models import (
    NOTES_MAX_LENGTH,
    Lembaga,
    LimitedTextField,
    ScopedQuerySet,
    TimeStampedModel,
    check_constraint,
    kelurahan_key,
    optional_key,
    unique_constraint,
    user_key,
)
from kelurahan.money import MAX_RUPIAH

from .kader import Kader
from .program import PaketLayanan, Program
from .rapat import Rapat
from .tugas import Tugas

__all__ = ["Peralatan", "PosAnggaran", "Realisasi", "SumberDana"]


def amount_plausible(name: str) -> models.CheckConstraint:
    """A budget's `amount` is not beyond what any kelurahan could have (a typing slip)."""
    return check_constraint(name, Q(amount__lte=MAX_RUPIAH), _("Jumlah terlalu besar."))


class YearQuerySet(ScopedQuerySet):
    """Rows of a budget year (`year`)."""

    def in_year(self, year: int) -> Self:
        return self.filter(year=year)


class SumberDana(TimeStampedModel):
    """Money available to the KPM in a year from one source."""

    class Kind(models.TextChoices):
        APBD = "apbd", _("APBD kota")
        DANA_KELURAHAN = "dana_kelurahan", _("Dana kelurahan")
        SWADAYA = "swadaya", _("Swadaya masyarakat")
        CSR = "csr", _("CSR")
        HIBAH = "hibah", _("Hibah")
        LAINNYA = "lainnya", _("Lainnya")

    kelurahan = kelurahan_key("kpm_sumber_dana_set", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    kind = models.CharField(_("jenis sumber"), max_length=15, choices=Kind)
    name = models.CharField(
        _("nama sumber dana"),
        max_length=150,
        help_text=_("Sebutan yang dipakai kelurahan, misalnya “APBD Kota Surabaya 2026”."),
    )
    amount = models.PositiveBigIntegerField(_("jumlah (Rp)"))
    notes = LimitedTextField(_("keterangan"), max_length=NOTES_MAX_LENGTH, blank=True)
    history = HistoricalRecords()

    objects = YearQuerySet.as_manager()

    class Meta:
        verbose_name = _("sumber dana")
        verbose_name_plural = _("sumber dana")
        ordering = ["-year", "kind", "name"]
        constraints = [
            unique_constraint(
                "sumberdana_unique_name_year",
                "kelurahan",
                "year",
                "name",
                message=_("Sumber dana dengan nama ini sudah ada pada tahun ini."),
            ),
            amount_plausible("sumberdana_amount_plausible"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def get_absolute_url(self) -> str:
        """The year's budget page of the source's kelurahan."""
        query = urlencode({"tahun": self.year, "kelurahan": self.kelurahan_id})
        return f"{reverse('kpm:anggaran_index')}?{query}"


class PosAnggaranQuerySet(YearQuerySet):
    def with_spent(self) -> Self:
        """Annotate `spent`: the sum of the line's counted spending (drafts, approved and
        reversals; not what awaits the lurah's confirmation)."""
        counted = Q(spending__status__in=Realisasi.COUNTED)
        return self.annotate(spent=Sum("spending__amount", filter=counted, default=0))


class PosAnggaran(TimeStampedModel):
    """A budget line: part of a source allocated to one KPM activity in a year."""

    class Activity(models.TextChoices):
        OPERASIONAL = "operasional", _("Operasional KPM")
        INSENTIF = "insentif", _("Insentif kader")
        PMT = "pmt", _("Pemberian makanan tambahan (PMT)")
        KELAS_IBU_HAMIL = "kelas_ibu_hamil", _("Kelas ibu hamil")
        REMBUK = "rembuk", _("Rembuk stunting")
        PELATIHAN = "pelatihan", _("Pelatihan kader")
        PERALATAN = "peralatan", _("Peralatan posyandu/PAUD")
        LAINNYA = "lainnya", _("Lainnya")

    kelurahan = kelurahan_key("kpm_pos_anggaran_set", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("tahun anggaran"), editable=False)
    source = models.ForeignKey(
        SumberDana,
        on_delete=models.PROTECT,
        related_name="lines",
        verbose_name=_("sumber dana"),
    )
    name = models.CharField(_("nama pos anggaran"), max_length=200)
    activity = models.CharField(_("kegiatan"), max_length=20, choices=Activity)
    amount = models.PositiveBigIntegerField(_("alokasi (Rp)"))
    is_stunting_specific = models.BooleanField(
        _("khusus pencegahan stunting"),
        default=False,
        help_text=_("Dihitung pada tabel 5 Scorecard Konvergensi."),
    )
    paket = models.CharField(_("paket layanan"), max_length=10, choices=PaketLayanan, blank=True)
    history = HistoricalRecords()

    objects = PosAnggaranQuerySet.as_manager()

    class Meta:
        verbose_name = _("pos anggaran")
        verbose_name_plural = _("pos anggaran")
        ordering = ["-year", "name"]
        constraints = [
            unique_constraint(
                "posanggaran_unique_name_year",
                "kelurahan",
                "year",
                "name",
                message=_("Pos anggaran dengan nama ini sudah ada pada tahun ini."),
            ),
            amount_plausible("posanggaran_amount_plausible"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def get_absolute_url(self) -> str:
        return url_for("kpm:anggaran_line_detail", self.pk)


class RealisasiQuerySet(ScopedQuerySet):
    def in_year(self, year: int) -> Self:
        return self.filter(line__year=year)

    def counted(self) -> Self:
        return self.filter(status__in=Realisasi.COUNTED)

    def for_list(self) -> Self:
        return self.select_related("line", "line__source", "rapat", "program", "tugas").order_by(
            "-spent_on", "-pk"
        )


def _receipt_path(instance: Realisasi, filename: str) -> str:
    return f"kuitansi/{instance.kelurahan_id}/{filename}"


class Realisasi(TimeStampedModel):
    """One spending on a budget line, with its receipt and what it paid for."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu konfirmasi lurah (melebihi pagu)")
        DRAF = "draf", _("Draf")
        DISETUJUI = "disetujui", _("Disetujui lurah")

    # What counts in a line's spending: not what awaits the lurah's confirmation.
    COUNTED = [Status.DRAF, Status.DISETUJUI]

    kelurahan = kelurahan_key("kpm_realisasi_set", on_delete=models.PROTECT)
    line = models.ForeignKey(
        PosAnggaran,
        on_delete=models.PROTECT,
        related_name="spending",
        verbose_name=_("pos anggaran"),
    )
    spent_on = models.DateField(_("tanggal"))
    amount = models.BigIntegerField(
        _("jumlah (Rp)"), help_text=_("Rupiah utuh, tanpa titik atau koma.")
    )
    purpose = models.CharField(_("keperluan"), max_length=255)
    rapat = optional_key(
        Rapat, on_delete=models.PROTECT, related_name="spending", verbose_name=_("untuk rapat")
    )
    program = optional_key(
        Program,
        on_delete=models.PROTECT,
        related_name="spending",
        verbose_name=_("untuk program"),
    )
    tugas = optional_key(
        Tugas, on_delete=models.PROTECT, related_name="spending", verbose_name=_("untuk tugas")
    )
    is_incentive_payout = models.BooleanField(_("pembayaran insentif kader"), default=False)
    receipt = models.FileField(
        _("kuitansi/bukti"), upload_to=_receipt_path, max_length=255, blank=True
    )
    receipt_kind = models.CharField(max_length=5, blank=True, editable=False)
    receipt_thumbnail = models.FileField(
        upload_to=_receipt_path, max_length=255, blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAF, editable=False
    )
    approved_by = user_key(_("disetujui oleh"), editable=False)
    approved_at = models.DateTimeField(_("disetujui pada"), null=True, blank=True, editable=False)
    overspend_reason = models.CharField(
        _("alasan melebihi pagu"), max_length=500, blank=True, editable=False
    )
    overspend_confirmed_by = user_key(_("lebih pagu dikonfirmasi oleh"), editable=False)
    overspend_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name=_("membatalkan"),
        editable=False,
    )
    reversal_reason = models.CharField(
        _("alasan koreksi"), max_length=500, blank=True, editable=False
    )
    created_by = user_key(_("dicatat oleh"), editable=False)
    history = HistoricalRecords()

    objects = RealisasiQuerySet.as_manager()

    class Meta:
        verbose_name = _("realisasi belanja")
        verbose_name_plural = _("realisasi belanja")
        ordering = ["-spent_on", "-pk"]
        indexes = [models.Index(fields=["kelurahan", "spent_on"], name="realisasi_kel_date")]
        constraints = [
            check_constraint(
                "realisasi_amount_sign",
                (Q(reverses__isnull=True) & Q(amount__gt=0, amount__lte=MAX_RUPIAH))
                | (Q(reverses__isnull=False) & Q(amount__lt=0)),
                _("Jumlah harus lebih dari nol (koreksi dicatat sebagai pembatalan)."),
            ),
            check_constraint(
                "realisasi_overspend_has_reason",
                Q(overspend_confirmed_by__isnull=True) | ~Q(overspend_reason=""),
                _("Tulis alasan melebihi pagu."),
            ),
            check_constraint(
                "realisasi_reversal_has_reason",
                Q(reverses__isnull=True) | ~Q(reversal_reason=""),
                _("Tulis alasan koreksi."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} ({self.spent_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return url_for("kpm:realisasi_detail", self.pk)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.DISETUJUI

    @property
    def is_reversed(self) -> bool:
        return hasattr(self, "reversed_by")


CHECK_INTERVAL_MONTHS = 12  # a scale is calibrated, a kit checked, at least once a year


def check_due_before(today: datetime.date | None = None) -> datetime.date:
    """Equipment last checked before this day is overdue: the same day 12 months earlier
    (from 29 February: 28 February of the year before)."""
    return add_months(today or timezone.localdate(), -CHECK_INTERVAL_MONTHS)


class PeralatanQuerySet(ScopedQuerySet):
    def needing_attention(self, today: datetime.date | None = None) -> Self:
        """Broken, or not checked for 12 months (or never)."""
        return self.filter(
            Q(condition=Peralatan.Condition.RUSAK_BERAT)
            | Q(condition=Peralatan.Condition.RUSAK_RINGAN)
            | Q(last_checked_on__isnull=True)
            | Q(last_checked_on__lt=check_due_before(today))
        )

    def for_list(self) -> Self:
        """What the list, the export and the lembaga page show, grouped by lembaga (equipment
        of no lembaga last), in the order of the kinds (scales first)."""
        kind_order = models.Case(
            *(models.When(kind=kind, then=n) for n, kind in enumerate(Peralatan.Kind.values)),
            output_field=models.IntegerField(),
        )
        return self.select_related("kelurahan", "lembaga__rw", "holder_kader").order_by(
            models.F("lembaga__kind").asc(nulls_last=True),
            models.F("lembaga__name").asc(nulls_last=True),
            "lembaga_id",
            kind_order,
            "name",
            "pk",
        )


class Peralatan(TimeStampedModel):
    """Equipment or stock that a posyandu, PAUD or institution holds for KPM work."""

    class Kind(models.TextChoices):
        DACIN = "dacin", _("Dacin")
        TIMBANGAN = "timbangan", _("Timbangan digital")
        LENGTH_BOARD = "papan_panjang", _("Alat ukur panjang badan (length board)")
        MICROTOISE = "microtoise", _("Microtoise")
        KMS = "kms", _("KMS / buku KIA (stok)")
        ANTROPOMETRI = "antropometri", _("Kit antropometri")
        PAUD = "paud", _("Alat permainan edukatif PAUD")
        LAINNYA = "lainnya", _("Lainnya")

    class Condition(models.TextChoices):
        BAIK = "baik", _("Baik")
        RUSAK_RINGAN = "rusak_ringan", _("Rusak ringan")
        RUSAK_BERAT = "rusak_berat", _("Rusak berat")

    kelurahan = kelurahan_key("kpm_peralatan_set", on_delete=models.PROTECT)
    lembaga = optional_key(
        Lembaga,
        on_delete=models.PROTECT,
        related_name="kpm_peralatan",
        verbose_name=_("posyandu/PAUD/lembaga"),
    )
    kind = models.CharField(_("jenis"), max_length=15, choices=Kind)
    name = models.CharField(_("nama/merek"), max_length=150, blank=True)
    quantity = models.PositiveIntegerField(_("jumlah"), default=1)
    condition = models.CharField(
        _("kondisi"), max_length=15, choices=Condition, default=Condition.BAIK
    )
    last_checked_on = models.DateField(_("terakhir diperiksa/dikalibrasi"), null=True, blank=True)
    holder_kader = optional_key(
        Kader, on_delete=models.SET_NULL, related_name="peralatan", verbose_name=_("dipegang kader")
    )
    holder_name = models.CharField(_("dipegang oleh (lainnya)"), max_length=150, blank=True)
    acquired_with = optional_key(
        Realisasi,
        on_delete=models.SET_NULL,
        related_name="peralatan",
        verbose_name=_("dibeli dengan realisasi"),
    )
    notes = LimitedTextField(_("keterangan"), max_length=NOTES_MAX_LENGTH, blank=True)
    history = HistoricalRecords()

    objects = PeralatanQuerySet.as_manager()

    class Meta:
        verbose_name = _("peralatan")
        verbose_name_plural = _("peralatan")
        # Not "lembaga": ordering by a nullable link joins the lembaga's own ordering with an
        # outer join, which PostgreSQL refuses under the form guard's SELECT ... FOR UPDATE.
        ordering = ["lembaga_id", "kind", "pk"]
        constraints = [
            check_constraint(
                "peralatan_one_holder",
                Q(holder_kader__isnull=True) | Q(holder_name=""),
                _("Pilih kader pemegang atau tulis nama pemegang lain, tidak keduanya."),
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.get_kind_display()

    def get_absolute_url(self) -> str:
        return url_for("kpm:peralatan_update", self.pk)

    @property
    def is_broken(self) -> bool:
        return self.condition != self.Condition.BAIK

    def check_overdue(self, today: datetime.date | None = None) -> bool:
        """Checked, but not for 12 months (never checked is `last_checked_on is None`)."""
        return self.last_checked_on is not None and self.last_checked_on < check_due_before(today)

    @property
    def is_check_overdue(self) -> bool:
        return self.check_overdue()

    @property
    def needs_attention(self) -> bool:
        """The row is one of `needing_attention()` (today)."""
        return self.is_broken or self.last_checked_on is None or self.check_overdue()

    @property
    def holder(self) -> str:
        """Who holds it: the cadre, or the other name written."""
        return self.holder_kader.name if self.holder_kader_id else self.holder_name
