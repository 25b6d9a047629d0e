"""The kelurahan's partners: lembaga and their officers, community groups, OPD, officials."""

from __future__ import annotations

import datetime
from typing import Self

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..links import url_for
from ..validators import validate_nip
from .base import (
    ScopedQuerySet,
    TimeStampedModel,
    check_constraint,
    digits_check,
    end_after_start,
    kelurahan_key,
    optional_key,
    unique_constraint,
)
from .regions import RW, Kecamatan, Kelurahan, KotaKabupaten
from .scope import Scope


class LembagaQuerySet(ScopedQuerySet):
    def for_list(self) -> Self:
        return (
            self.select_related("kelurahan", "rw")
            .annotate(
                officer_count=models.Count("officers", filter=Q(officers__end_date__isnull=True))
            )
            .order_by("kind", "name", "pk")
        )


class Lembaga(TimeStampedModel):
    """A lembaga kemasyarakatan of the kelurahan (LPM, PKK, RW, RT, posyandu, PAUD, ...)."""

    class Kind(models.TextChoices):
        LPM = "lpm", _("LPM")
        PKK = "pkk", _("PKK")
        KARANG_TARUNA = "karang_taruna", _("Karang Taruna")
        RW = "rw", _("Lembaga RW")
        RT = "rt", _("Lembaga RT")
        POSYANDU = "posyandu", _("Posyandu")
        PAUD = "paud", _("PAUD")
        LAINNYA = "lainnya", _("Lainnya")

    kelurahan = kelurahan_key("lembaga_set", on_delete=models.CASCADE)
    kind = models.CharField(_("jenis lembaga"), max_length=20, choices=Kind)
    name = models.CharField(_("nama"), max_length=150)
    rw = optional_key(
        RW,
        on_delete=models.SET_NULL,
        related_name="lembaga_set",
        verbose_name=_("RW"),
    )
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    established_on = models.DateField(_("tanggal berdiri"), null=True, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    notes = models.TextField(_("keterangan"), blank=True)
    history = HistoricalRecords()

    objects = LembagaQuerySet.as_manager()

    class Meta:
        verbose_name = _("lembaga kemasyarakatan")
        verbose_name_plural = _("lembaga kemasyarakatan")
        ordering = ["kind", "name"]
        constraints = [
            unique_constraint(
                "lembaga_unique_name_per_kelurahan",
                "kelurahan",
                "kind",
                "name",
                message=_("Lembaga dengan jenis dan nama ini sudah terdaftar di kelurahan ini."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_for("kelurahan:lembaga_detail", self.pk)


class OfficerQuerySet(ScopedQuerySet):
    kelurahan_lookup = "lembaga__kelurahan"


class Officer(TimeStampedModel):
    """A member of a lembaga's board (pengurus)."""

    class Position(models.TextChoices):
        KETUA = "ketua", _("Ketua")
        WAKIL_KETUA = "wakil_ketua", _("Wakil ketua")
        SEKRETARIS = "sekretaris", _("Sekretaris")
        BENDAHARA = "bendahara", _("Bendahara")
        ANGGOTA = "anggota", _("Anggota")

    lembaga = models.ForeignKey(
        Lembaga, on_delete=models.CASCADE, related_name="officers", verbose_name=_("lembaga")
    )
    name = models.CharField(_("nama"), max_length=100)
    position = models.CharField(_("jabatan"), max_length=20, choices=Position)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    start_date = models.DateField(_("mulai menjabat"), null=True, blank=True)
    end_date = models.DateField(_("selesai menjabat"), null=True, blank=True)
    history = HistoricalRecords()

    objects = OfficerQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengurus lembaga")
        verbose_name_plural = _("pengurus lembaga")
        ordering = ["end_date", "position", "name"]
        constraints = [end_after_start("officer_end_after_start", start_may_be_empty=True)]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_position_display()})"


class KelompokMasyarakatQuerySet(ScopedQuerySet):
    def for_list(self) -> Self:
        return self.select_related("kelurahan", "rw")


class KelompokMasyarakat(TimeStampedModel):
    """A community group that KPM accompany (pendampingan)."""

    class Kind(models.TextChoices):
        BKB = "bkb", _("Bina Keluarga Balita (BKB)")
        KWT = "kwt", _("Kelompok Wanita Tani")
        UMKM = "umkm", _("Kelompok usaha / UMKM")
        KEAGAMAAN = "keagamaan", _("Majelis taklim / kelompok keagamaan")
        LANSIA = "lansia", _("Kelompok lansia")
        PEMUDA = "pemuda", _("Kelompok pemuda")
        DASAWISMA = "dasawisma", _("Dasawisma")
        LAINNYA = "lainnya", _("Lainnya")

    kelurahan = kelurahan_key("kelompok_set", on_delete=models.CASCADE)
    kind = models.CharField(_("jenis kelompok"), max_length=20, choices=Kind)
    name = models.CharField(_("nama"), max_length=150)
    rw = optional_key(
        RW,
        on_delete=models.SET_NULL,
        related_name="kelompok_set",
        verbose_name=_("RW"),
    )
    contact_name = models.CharField(_("narahubung"), max_length=100, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    member_count = models.PositiveIntegerField(_("jumlah anggota"), null=True, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    notes = models.TextField(_("keterangan"), blank=True)
    history = HistoricalRecords()

    objects = KelompokMasyarakatQuerySet.as_manager()

    class Meta:
        verbose_name = _("kelompok masyarakat")
        verbose_name_plural = _("kelompok masyarakat")
        ordering = ["name"]
        constraints = [
            unique_constraint(
                "kelompok_unique_name_per_kelurahan",
                "kelurahan",
                "name",
                message=_("Kelompok masyarakat dengan nama ini sudah terdaftar di kelurahan ini."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_for("kelurahan:kelompok_detail", self.pk)


class OPDQuerySet(models.QuerySet):
    """OPD belong to a city: every user of that city sees them."""

    def for_user(self, user) -> Self:
        return Scope.of(user).filter(
            self,
            kecamatan="kota__kecamatan_set__pk",
            kelurahan="kota__kecamatan_set__kelurahan_set__pk",
        )


class OPD(TimeStampedModel):
    """A service agency of the city (organisasi perangkat daerah) or one of its units."""

    class Kind(models.TextChoices):
        PUSKESMAS = "puskesmas", _("Puskesmas")
        DINAS_KESEHATAN = "dinkes", _("Dinas Kesehatan")
        DP3APPKB = "dp3appkb", _("DP3APPKB")
        DINAS_SOSIAL = "dinsos", _("Dinas Sosial")
        DINAS_PENDIDIKAN = "dindik", _("Dinas Pendidikan")
        PERUMAHAN_SANITASI = "perkim", _("Perumahan dan sanitasi")
        DUKCAPIL = "dukcapil", _("Kependudukan dan pencatatan sipil")
        LAINNYA = "lainnya", _("Lainnya")

    kota = models.ForeignKey(
        KotaKabupaten, on_delete=models.PROTECT, related_name="opd_set", verbose_name=_("kota")
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind)
    name = models.CharField(_("nama"), max_length=150)
    kecamatan = optional_key(
        Kecamatan,
        on_delete=models.PROTECT,
        related_name="opd_set",
        verbose_name=_("wilayah kerja (kecamatan)"),
        help_text=_("Untuk puskesmas atau unit yang melayani satu kecamatan."),
    )
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    contact_name = models.CharField(_("narahubung"), max_length=100, blank=True)
    history = HistoricalRecords()

    objects = OPDQuerySet.as_manager()

    class Meta:
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")
        ordering = ["kind", "name"]
        constraints = [
            unique_constraint(
                "opd_unique_name_per_kota",
                "kota",
                "name",
                message=_("OPD dengan nama ini sudah terdaftar di kota ini."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class OfficialQuerySet(ScopedQuerySet):
    def current(self, on: datetime.date | None = None) -> Self:
        """The officials in office on `on` (today by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)

    def lurah(self) -> Self:
        """Lurah, the latest first: `Official.objects.current(on=day).lurah().first()` is the
        lurah in office that day."""
        return self.filter(position=Official.Position.LURAH).order_by("-start_date", "-pk")

    def head_of(self, *, kelurahan_id: int | None, kecamatan_id: int | None) -> Self:
        """The head of an office, the latest first: the lurah of `kelurahan_id` or, when that
        is None, the camat of `kecamatan_id`."""
        if kelurahan_id:
            return self.lurah().filter(kelurahan_id=kelurahan_id)
        return self.filter(position=Official.Position.CAMAT, kecamatan_id=kecamatan_id).order_by(
            "-start_date", "-pk"
        )

    def for_list(self) -> Self:
        return self.select_related("kelurahan", "kecamatan")


class Official(TimeStampedModel):
    """A person who holds a position in a kelurahan (pejabat, tokoh, mitra) or, for the camat,
    sekcam and kasi PM, in a kecamatan, for a period. Exactly one of `kelurahan` and
    `kecamatan` is set. The kelurahan's pages list its own officials; the kecamatan's are kept
    in the admin site."""

    class Position(models.TextChoices):
        LURAH = "lurah", _("Lurah")
        SEKRETARIS = "sekretaris", _("Sekretaris kelurahan")
        KASI_KESRA = "kasi_kesra", _("Kasi Kesejahteraan Sosial (Kesra)")
        KASI_PEMERINTAHAN = "kasi_pemerintahan", _("Kasi Pemerintahan")
        KASI_PEMBANGUNAN = "kasi_pembangunan", _("Kasi Pemberdayaan Masyarakat dan Pembangunan")
        BABINSA = "babinsa", _("Babinsa")
        BHABINKAMTIBMAS = "bhabinkamtibmas", _("Bhabinkamtibmas")
        BIDAN = "bidan", _("Bidan kelurahan")
        TENAGA_KESEHATAN = "nakes", _("Tenaga kesehatan puskesmas")
        TOKOH_MASYARAKAT = "tokoh_masyarakat", _("Tokoh masyarakat")
        TOKOH_AGAMA = "tokoh_agama", _("Tokoh agama")
        KADER_TEKNIS = "kader_teknis", _("Kader teknis")
        CAMAT = "camat", _("Camat")
        SEKCAM = "sekcam", _("Sekretaris kecamatan")
        KASI_PM = "kasi_pm", _("Kasi Pemberdayaan Masyarakat kecamatan")
        LAINNYA = "lainnya", _("Lainnya")

    # Posts of the kecamatan; every other post is a kelurahan's.
    KECAMATAN_POSTS = [Position.CAMAT, Position.SEKCAM, Position.KASI_PM]
    # Posts that only one person holds at a time.
    SINGLE_POSTS = [Position.LURAH, Position.SEKRETARIS, Position.KASI_KESRA, *KECAMATAN_POSTS]

    kelurahan = optional_key(
        Kelurahan,
        on_delete=models.CASCADE,
        related_name="officials",
        verbose_name=_("kelurahan"),
    )
    kecamatan = optional_key(
        Kecamatan,
        on_delete=models.CASCADE,
        related_name="officials",
        verbose_name=_("kecamatan"),
        help_text=_("Hanya untuk pejabat kecamatan: camat, sekcam dan kasi PM."),
    )
    name = models.CharField(_("nama lengkap dan gelar"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=30, choices=Position)
    position_detail = models.CharField(
        _("keterangan jabatan"),
        max_length=150,
        blank=True,
        help_text=_("Misalnya bidang kader teknis atau instansi asal."),
    )
    nip = models.CharField(
        _("NIP"),
        max_length=18,
        blank=True,
        validators=[validate_nip],
        help_text=_("18 digit, untuk aparatur sipil negara. Dicetak di bawah nama penanda tangan."),
    )
    nrp = models.CharField(
        _("NRP"), max_length=20, blank=True, help_text=_("Untuk anggota TNI/Polri.")
    )
    phone = models.CharField(_("telepon"), max_length=20, blank=True)
    start_date = models.DateField(_("mulai menjabat"))
    end_date = models.DateField(_("selesai menjabat"), null=True, blank=True)
    notes = models.TextField(_("keterangan"), blank=True)
    history = HistoricalRecords()

    objects = OfficialQuerySet.as_manager()

    class Meta:
        verbose_name = _("pejabat dan tokoh")
        verbose_name_plural = _("pejabat dan tokoh")
        ordering = ["position", "-start_date"]
        constraints = [
            end_after_start("official_end_after_start"),
            unique_constraint(
                "official_one_current_holder_per_single_post",
                "kelurahan",
                "position",
                condition=Q(
                    end_date__isnull=True, position__in=["lurah", "sekretaris", "kasi_kesra"]
                ),
                message=_(
                    "Jabatan ini masih dipegang orang lain. Isi tanggal selesai pejabat "
                    "sebelumnya terlebih dahulu."
                ),
            ),
            unique_constraint(
                "official_one_current_holder_per_kecamatan_post",
                "kecamatan",
                "position",
                condition=Q(end_date__isnull=True, position__in=["camat", "sekcam", "kasi_pm"]),
                message=_(
                    "Jabatan ini masih dipegang orang lain. Isi tanggal selesai pejabat "
                    "sebelumnya terlebih dahulu."
                ),
            ),
            check_constraint(
                "official_belongs_to_one_office",
                Q(
                    kelurahan__isnull=True,
                    kecamatan__isnull=False,
                    position__in=["camat", "sekcam", "kasi_pm"],
                )
                | (
                    Q(kelurahan__isnull=False, kecamatan__isnull=True)
                    & ~Q(position__in=["camat", "sekcam", "kasi_pm"])
                ),
                _(
                    "Camat, sekcam dan kasi PM dicatat pada satu kecamatan; pejabat dan tokoh "
                    "lainnya pada satu kelurahan."
                ),
            ),
            digits_check("official_nip_18_digits", "nip", 18, _("NIP harus 18 digit angka.")),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_position_display()})"

    def get_absolute_url(self) -> str:
        return url_for("kelurahan:official_detail", self.pk)

    @property
    def office(self) -> Kelurahan | Kecamatan:
        """The kelurahan or the kecamatan the official serves in."""
        return self.kelurahan if self.kelurahan_id else self.kecamatan

    @property
    def title(self) -> str:
        """The position with the office, as printed under a signature: 'Lurah Pradah Kali
        Kendal', 'Camat Dukuh Pakis'."""
        return f"{self.get_position_display()} {self.office.name}"

    def in_office_on(self, day: datetime.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)
