"""The cadre register (Buku Kader Pemberdayaan Masyarakat): cadres and the SK (decrees of the
lurah) that appoint them and end their term. Trainings are in `pelatihan.py`, working relations
in `relasi.py`.

A cadre who stops is deactivated, never deleted: the change history keeps every version.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Self

from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.links import url_for
from kelurahan.models import (
    NOTES_MAX_LENGTH,
    RW,
    Lembaga,
    LimitedTextField,
    Official,
    ScopedQuerySet,
    SignedDocument,
    TimeStampedModel,
    check_constraint,
    digits_check,
    kelurahan_key,
    optional_key,
    signature_complete,
    unique_constraint,
)

from ..validators import (
    format_phone,
    mask_nik,
    nik_mismatches,
    validate_nik,
    validate_pdf_scan,
    validate_phone,
)

__all__ = ["Kader", "SK"]

TERM_WARNING_DAYS = 60
MIN_AGE = 17


def age_on(birth_date: datetime.date | None, day: datetime.date) -> int | None:
    if birth_date is None:
        return None
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


# --- Kader ------------------------------------------------------------------------------------


class KaderQuerySet(ScopedQuerySet):
    def active(self) -> Self:
        return self.filter(is_active=True)

    def active_on(self, day: datetime.date) -> Self:
        """Cadres still serving on `day`: active, or stopped only after it."""
        return self.filter(Q(is_active=True) | Q(ended_on__gt=day))

    def with_term(self) -> Self:
        """Annotate `term_end`: the end of the term of the cadre's latest appointment SK.

        A correlated subquery rather than an aggregate, so that it can be filtered and grouped.
        """
        latest = (
            SK.objects.filter(kaders=OuterRef("pk"), kind=SK.Kind.PENGANGKATAN)
            .order_by("-term_end")
            .values("term_end")[:1]
        )
        return self.annotate(term_end=Subquery(latest))

    def for_list(self) -> Self:
        return (
            self.select_related("kelurahan", "origin_lembaga", "rw")
            .with_term()
            .order_by("-is_active", "name", "pk")
        )

    def term_ending(self, *, within_days: int = TERM_WARNING_DAYS, today=None) -> Self:
        """Active cadres whose term ends between today and `within_days` from now."""
        today = today or timezone.localdate()
        return (
            self.active()
            .with_term()
            .filter(term_end__gte=today, term_end__lte=today + datetime.timedelta(within_days))
        )


class Kader(TimeStampedModel):
    """A Kader Pemberdayaan Masyarakat of the kelurahan."""

    class Sex(models.TextChoices):
        LAKI_LAKI = "L", _("Laki-laki")
        PEREMPUAN = "P", _("Perempuan")

    class Origin(models.TextChoices):
        KADER_POSYANDU = "posyandu", _("Kader posyandu")
        GURU_PAUD = "paud", _("Guru PAUD")
        KADER_PKK = "pkk", _("Kader PKK")
        LAINNYA = "lainnya", _("Kader lainnya")

    class Education(models.TextChoices):
        TIDAK_SEKOLAH = "tidak_sekolah", _("Tidak/belum sekolah")
        SD = "sd", _("SD/sederajat")
        SMP = "smp", _("SMP/sederajat")
        SMA = "sma", _("SMA/SMK/sederajat")
        DIPLOMA = "diploma", _("Diploma (D1–D3)")
        S1 = "s1", _("S1/D4")
        S2 = "s2", _("S2/S3")

    class Bidang(models.TextChoices):
        KESEHATAN = "kesehatan", _("Kesehatan dan gizi")
        PENDIDIKAN = "pendidikan", _("Pendidikan dan PAUD")
        EKONOMI = "ekonomi", _("Ekonomi dan usaha")
        SOSIAL = "sosial", _("Sosial budaya")
        LINGKUNGAN = "lingkungan", _("Lingkungan, air bersih dan sanitasi")
        PRASARANA = "prasarana", _("Sarana dan prasarana")
        LAINNYA = "lainnya", _("Lainnya")

    # Origins whose institution must be of one kind of lembaga.
    ORIGIN_LEMBAGA_KIND = {
        Origin.KADER_POSYANDU: Lembaga.Kind.POSYANDU,
        Origin.GURU_PAUD: Lembaga.Kind.PAUD,
        Origin.KADER_PKK: Lembaga.Kind.PKK,
    }

    kelurahan = kelurahan_key("kader_set", on_delete=models.PROTECT)
    name = models.CharField(_("nama lengkap"), max_length=150)
    nik = models.CharField(
        _("NIK"),
        max_length=16,
        validators=[validate_nik],
        help_text=_("16 digit sesuai KTP."),
    )
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex)
    birth_place = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    birth_date = models.DateField(_("tanggal lahir"))
    education = models.CharField(
        _("pendidikan terakhir"), max_length=20, choices=Education, blank=True
    )
    courses = models.CharField(
        _("kursus"),
        max_length=255,
        blank=True,
        help_text=_("Kursus atau pelatihan sebelum menjadi KPM, pisahkan dengan koma."),
    )
    origin = models.CharField(_("asal kader"), max_length=20, choices=Origin)
    origin_lembaga = optional_key(
        Lembaga,
        on_delete=models.PROTECT,
        related_name="kpm_kader_set",
        verbose_name=_("posyandu/PAUD/lembaga asal"),
    )
    origin_detail = models.CharField(
        _("keterangan asal"),
        max_length=150,
        blank=True,
        help_text=_("Untuk kader lainnya, misalnya kader jumantik atau kader lansia."),
    )
    bidang = models.CharField(_("bidang tugas"), max_length=20, choices=Bidang)
    address = models.CharField(_("alamat"), max_length=255)
    rw = optional_key(
        RW,
        on_delete=models.SET_NULL,
        related_name="kpm_kader_set",
        verbose_name=_("RW"),
    )
    phone = models.CharField(
        _("nomor HP/telepon"), max_length=16, blank=True, validators=[validate_phone]
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    ended_on = models.DateField(_("tanggal berhenti"), null=True, blank=True)
    end_sk = optional_key(
        "SK",
        on_delete=models.PROTECT,
        related_name="ended_kader_set",
        verbose_name=_("SK pemberhentian"),
    )
    end_reason = models.CharField(_("alasan berhenti"), max_length=255, blank=True)
    notes = LimitedTextField(_("keterangan"), max_length=NOTES_MAX_LENGTH, blank=True)
    history = HistoricalRecords()

    objects = KaderQuerySet.as_manager()

    class Meta:
        verbose_name = _("kader KPM")
        verbose_name_plural = _("kader KPM")
        ordering = ["name"]
        indexes = [models.Index(fields=["kelurahan", "is_active", "name"])]
        constraints = [
            unique_constraint(
                "kader_one_active_per_nik",
                "nik",
                condition=Q(is_active=True),
                message=_("NIK ini sudah terdaftar sebagai kader KPM aktif."),
            ),
            digits_check(
                "kader_nik_16_digits", "nik", 16, _("NIK harus 16 digit angka."), may_be_empty=False
            ),
            check_constraint(
                "kader_inactive_has_end_date",
                Q(is_active=True, ended_on__isnull=True)
                | Q(is_active=False, ended_on__isnull=False),
                _("Kader yang berhenti harus punya tanggal berhenti; kader aktif tidak."),
            ),
            check_constraint(
                "kader_inactive_has_sk_or_reason",
                Q(is_active=True) | ~Q(end_reason="") | Q(end_sk__isnull=False),
                _("Isi SK pemberhentian atau alasan berhenti kader."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_for("kpm:kader_detail", self.pk)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        today = timezone.localdate()
        if self.birth_date:
            if self.birth_date > today:
                errors["birth_date"] = _("Tanggal lahir tidak boleh di masa depan.")
            elif age_on(self.birth_date, today) < MIN_AGE:
                errors["birth_date"] = _("Kader KPM minimal berusia %(age)d tahun.") % {
                    "age": MIN_AGE
                }
        if self.nik:
            mismatches = nik_mismatches(self.nik, birth_date=self.birth_date, sex=self.sex)
            for field, error in mismatches.items():
                errors.setdefault(field, error)
        errors.update(self._origin_errors())
        if errors:
            raise ValidationError(errors)

    def _origin_errors(self) -> dict:
        lembaga = self.origin_lembaga if self.origin_lembaga_id else None
        needed_kind = self.ORIGIN_LEMBAGA_KIND.get(self.origin)
        if lembaga is None:
            if self.origin in (self.Origin.KADER_POSYANDU, self.Origin.GURU_PAUD):
                return {"origin_lembaga": _("Pilih posyandu atau PAUD asal kader.")}
            return {}
        if self.kelurahan_id and lembaga.kelurahan_id != self.kelurahan_id:
            return {"origin_lembaga": _("Lembaga asal harus dari kelurahan yang sama.")}
        if needed_kind and lembaga.kind != needed_kind:
            return {
                "origin_lembaga": _("Untuk asal %(origin)s pilih lembaga jenis %(kind)s.")
                % {"origin": self.get_origin_display(), "kind": needed_kind.label}
            }
        return {}

    # --- display helpers -------------------------------------------------------------------

    @property
    def nik_masked(self) -> str:
        return mask_nik(self.nik)

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    @property
    def age(self) -> int | None:
        return age_on(self.birth_date, timezone.localdate())

    @property
    def origin_label(self) -> str:
        """'Kader posyandu — Posyandu Melati RW 01'."""
        source = (self.origin_lembaga.name if self.origin_lembaga_id else "") or self.origin_detail
        label = str(self.get_origin_display())
        return f"{label} — {source}" if source else label

    def term_status(self, today=None) -> str:
        """'nonaktif', 'tanpa_sk', 'habis', 'segera' or 'aktif'; needs `with_term()`."""
        if not self.is_active:
            return "nonaktif"
        term_end = getattr(self, "term_end", None)
        if term_end is None:
            return "tanpa_sk"
        today = today or timezone.localdate()
        if term_end < today:
            return "habis"
        if term_end <= today + datetime.timedelta(TERM_WARNING_DAYS):
            return "segera"
        return "aktif"

    @property
    def status(self) -> str:
        return self.term_status()

    @property
    def days_left(self) -> int | None:
        term_end = getattr(self, "term_end", None)
        return None if term_end is None else (term_end - timezone.localdate()).days


# --- SK ---------------------------------------------------------------------------------------


def sk_scan_path(instance: SK, filename: str) -> str:
    """Uploaded scans get a random name: the user's file name is not kept on disk."""
    return f"kpm/sk/{instance.kelurahan_id}/{uuid.uuid4().hex}.pdf"


class SKQuerySet(ScopedQuerySet):
    def for_list(self) -> Self:
        return (
            self.select_related("kelurahan", "signatory")
            .annotate(kader_count=Count("kaders", distinct=True))
            .order_by("-date", "-pk")
        )


class SK(SignedDocument, TimeStampedModel):
    """A decree (Surat Keputusan) of the lurah that appoints, or ends the term of, cadres.

    `signatory` is the lurah the decree names; the lurah signs it in the app (`signed_by`,
    `signed_at`), which locks it."""

    class Kind(models.TextChoices):
        PENGANGKATAN = "pengangkatan", _("Pengangkatan")
        PEMBERHENTIAN = "pemberhentian", _("Pemberhentian")

    kelurahan = kelurahan_key("kpm_sk_set", on_delete=models.PROTECT)
    kind = models.CharField(_("jenis SK"), max_length=20, choices=Kind, default=Kind.PENGANGKATAN)
    number = models.CharField(_("nomor SK"), max_length=100)
    date = models.DateField(_("tanggal SK"))
    title = models.CharField(
        _("tentang"),
        max_length=255,
        blank=True,
        help_text=_("Misalnya: Pengangkatan Kader Pemberdayaan Masyarakat Kelurahan ..."),
    )
    term_start = models.DateField(_("awal masa bakti"), null=True, blank=True)
    term_end = models.DateField(_("akhir masa bakti"), null=True, blank=True)
    signatory = optional_key(
        Official,
        on_delete=models.PROTECT,
        related_name="kpm_sk_signed",
        verbose_name=_("penanda tangan"),
        help_text=_("Lurah yang menjabat pada tanggal SK."),
    )
    scan = models.FileField(
        _("pindaian SK (PDF)"),
        upload_to=sk_scan_path,
        blank=True,
        validators=[validate_pdf_scan],
        help_text=_("PDF, paling besar 5 MB."),
    )
    kaders = models.ManyToManyField(
        Kader, related_name="sks", blank=True, verbose_name=_("kader dalam SK")
    )
    notes = LimitedTextField(_("keterangan"), max_length=NOTES_MAX_LENGTH, blank=True)
    history = HistoricalRecords(m2m_fields=[kaders])

    objects = SKQuerySet.as_manager()

    document_label = _("SK ini")

    class Meta:
        verbose_name = _("SK kader")
        verbose_name_plural = _("SK kader")
        ordering = ["-date", "-pk"]
        constraints = [
            unique_constraint(
                "sk_unique_number_per_kelurahan",
                "kelurahan",
                "number",
                message=_("Nomor SK ini sudah dicatat di kelurahan ini."),
            ),
            check_constraint(
                "sk_term_end_after_start",
                Q(kind="pemberhentian") | Q(term_start__isnull=False, term_end__gt=F("term_start")),
                _(
                    "SK pengangkatan harus punya masa bakti, dan akhir masa bakti harus "
                    "sesudah awalnya."
                ),
            ),
            signature_complete("sk_signature_complete"),
        ]

    def __str__(self) -> str:
        return _("SK %(number)s") % {"number": self.number}

    def get_absolute_url(self) -> str:
        return url_for("kpm:sk_detail", self.pk)

    # --- signing --------------------------------------------------------------------------------

    def signing_office(self) -> tuple[int | None, int | None]:
        return self.kelurahan_id, None

    def named_signatory(self) -> Official | None:
        return self.signatory if self.signatory_id else None

    def signing_problem(self) -> str:
        if not self.kaders.exists():
            return str(_("SK ini belum mencantumkan kader."))
        return ""
