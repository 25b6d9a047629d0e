"""Referrals of targets to the city's service agencies (rujukan ke OPD), followed through
dirujuk -> diterima -> ditindaklanjuti -> selesai, or ditolak with a reason. Each step keeps who
and when (`ReferralStep`).

The referral letter is signed in the app by the lurah (`SignedDocument`). A signed letter is
locked: what it says (`Referral.LETTER_FIELDS`) no longer changes, while the steps (the OPD's
answer, not the letter) go on."""

from __future__ import annotations

from typing import Self

from django.db import models
from django.db.models import SET_NULL, ProtectedError, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.links import url_for
from kelurahan.models import (
    NOTES_MAX_LENGTH,
    OPD,
    LimitedTextField,
    OpenStatusQuerySet,
    SignedDocument,
    TimeStampedModel,
    check_constraint,
    kelurahan_key,
    optional_key,
    signature_complete,
    user_key,
)
from kpm.models import Kader, PaketLayanan

from .targets import Person

__all__ = ["REASONS", "Referral", "ReferralStep"]


class Reason(models.TextChoices):
    """Why a target is referred; each reason belongs to one paket layanan (`REASONS`)."""

    ANC = "anc", _("Belum periksa kehamilan/nifas sesuai jadwal")
    KEK = "kek", _("Ibu hamil KEK atau risiko tinggi")
    IMUNISASI = "imunisasi", _("Imunisasi belum lengkap")
    STUNTING = "stunting", _("Anak pendek/sangat pendek (stunting)")
    WASTING = "wasting", _("Anak gizi kurang/gizi buruk")
    BB_TIDAK_NAIK = "bb_tidak_naik", _("Berat badan tidak naik")
    JAMBAN = "jamban", _("Rumah tangga tanpa jamban layak")
    AIR = "air", _("Rumah tangga tanpa akses air minum aman")
    JAMINAN = "jaminan", _("Belum punya jaminan kesehatan")
    BANSOS = "bansos", _("Belum menerima bantuan sosial (PKH/BPNT)")
    AKTA = "akta", _("Anak belum punya akta kelahiran")
    KK_KTP = "kk_ktp", _("Belum punya KK/KTP")
    PAUD = "paud", _("Anak belum terdaftar di PAUD")
    LAINNYA = "lainnya", _("Lainnya (tulis di uraian)")


# reason -> (paket layanan, the kind of OPD it usually goes to)
REASONS: dict[str, tuple[str, str]] = {
    Reason.ANC: (PaketLayanan.KIA, OPD.Kind.PUSKESMAS),
    Reason.KEK: (PaketLayanan.KIA, OPD.Kind.PUSKESMAS),
    Reason.IMUNISASI: (PaketLayanan.KIA, OPD.Kind.PUSKESMAS),
    Reason.STUNTING: (PaketLayanan.GIZI, OPD.Kind.PUSKESMAS),
    Reason.WASTING: (PaketLayanan.GIZI, OPD.Kind.PUSKESMAS),
    Reason.BB_TIDAK_NAIK: (PaketLayanan.GIZI, OPD.Kind.PUSKESMAS),
    Reason.JAMBAN: (PaketLayanan.SANITASI, OPD.Kind.PERUMAHAN_SANITASI),
    Reason.AIR: (PaketLayanan.SANITASI, OPD.Kind.PERUMAHAN_SANITASI),
    Reason.JAMINAN: (PaketLayanan.PERLINSOS, OPD.Kind.DINAS_SOSIAL),
    Reason.BANSOS: (PaketLayanan.PERLINSOS, OPD.Kind.DINAS_SOSIAL),
    Reason.AKTA: (PaketLayanan.PERLINSOS, OPD.Kind.DUKCAPIL),
    Reason.KK_KTP: (PaketLayanan.PERLINSOS, OPD.Kind.DUKCAPIL),
    Reason.PAUD: (PaketLayanan.PAUD, OPD.Kind.DINAS_PENDIDIKAN),
    Reason.LAINNYA: ("", ""),
}


def keep_signed_letters(collector, field, sub_objs, using) -> None:
    """`on_delete` of the referring cadre: a cadre named in a signed letter is not deleted
    (the letter would change); other referrals just lose their cadre."""
    signed = sub_objs.filter(signed_at__isnull=False)
    if signed.exists():
        raise ProtectedError(
            gettext(
                "Kader ini tercatat di surat rujukan yang sudah ditandatangani, sehingga tidak "
                "dapat dihapus."
            ),
            set(signed),
        )
    SET_NULL(collector, field, sub_objs, using)


class ReferralQuerySet(OpenStatusQuerySet):
    def for_list(self) -> Self:
        return self.select_related("person__family", "opd", "kader").order_by("-referred_on", "-pk")


class Referral(SignedDocument, TimeStampedModel):
    """A target referred by a cadre to a service of an OPD, and how far it has come. Its letter
    is signed in the app by the lurah."""

    Reason = Reason

    class Status(models.TextChoices):
        DIRUJUK = "dirujuk", _("Dirujuk")
        DITERIMA = "diterima", _("Diterima")
        DITINDAKLANJUTI = "ditindaklanjuti", _("Ditindaklanjuti")
        SELESAI = "selesai", _("Selesai")
        DITOLAK = "ditolak", _("Ditolak")

    OPEN = [Status.DIRUJUK, Status.DITERIMA, Status.DITINDAKLANJUTI]
    # The step that may follow each status.
    NEXT = {
        Status.DIRUJUK: [Status.DITERIMA, Status.DITOLAK],
        Status.DITERIMA: [Status.DITINDAKLANJUTI, Status.DITOLAK],
        Status.DITINDAKLANJUTI: [Status.SELESAI],
        Status.SELESAI: [],
        Status.DITOLAK: [],
    }

    kelurahan = kelurahan_key("stunting_referrals", on_delete=models.PROTECT)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("sasaran")
    )
    opd = models.ForeignKey(
        OPD, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("OPD tujuan")
    )
    paket = models.CharField(
        _("paket layanan"), max_length=10, choices=PaketLayanan, blank=True, editable=False
    )
    reason = models.CharField(_("alasan rujukan"), max_length=15, choices=Reason)
    reason_detail = LimitedTextField(_("uraian"), max_length=NOTES_MAX_LENGTH, blank=True)
    kader = optional_key(
        Kader,
        on_delete=keep_signed_letters,
        related_name="referrals",
        verbose_name=_("kader perujuk"),
    )
    referred_on = models.DateField(_("tanggal dirujuk"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.DIRUJUK, editable=False
    )
    status_on = models.DateField(_("tanggal status"), editable=False)
    resolved_on = models.DateField(_("tanggal selesai"), null=True, blank=True, editable=False)
    days_to_resolve = models.PositiveIntegerField(
        _("lama penyelesaian (hari)"), null=True, blank=True, editable=False
    )
    created_by = user_key(_("dicatat oleh"), editable=False)
    history = HistoricalRecords()

    objects = ReferralQuerySet.as_manager()

    document_label = _("Surat rujukan ini")
    # What the signed letter says: never changed once it is signed.
    LETTER_FIELDS = ["person", "opd", "reason", "reason_detail", "referred_on", "kader"]
    # What a step changes (`stunting.referrals.advance_referral`).
    STATUS_FIELDS = ["status", "status_on", "resolved_on", "days_to_resolve"]

    class Meta:
        verbose_name = _("rujukan")
        verbose_name_plural = _("rujukan")
        ordering = ["-referred_on", "-pk"]
        indexes = [models.Index(fields=["kelurahan", "opd", "status"], name="referral_kel_opd")]
        constraints = [
            check_constraint(
                "referral_resolved_has_days",
                ~Q(status="selesai") | Q(resolved_on__isnull=False, days_to_resolve__isnull=False),
                _("Rujukan yang selesai harus punya tanggal selesai."),
            ),
            check_constraint(
                "referral_status_after_referred",
                Q(status_on__gte=models.F("referred_on")),
                _("Tanggal status tidak boleh sebelum tanggal dirujuk."),
            ),
            signature_complete("referral_signature_complete"),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.opd}"

    def get_absolute_url(self) -> str:
        return url_for("stunting:referral_detail", self.pk)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def next_statuses(self) -> list[str]:
        return self.NEXT[self.status]

    # --- signing the letter ------------------------------------------------------------------

    def signing_office(self) -> tuple[int | None, int | None]:
        return self.kelurahan_id, None

    # No `signing_problem`: a letter already answered (selesai, ditolak) is still signed, since
    # it is the copy of what was sent that the office files, whatever the OPD answered.


class ReferralStep(models.Model):
    """One step of a referral: its new status, on which day, by whom, with a note (the reason
    for a refusal)."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="steps", verbose_name=_("rujukan")
    )
    status = models.CharField(_("status"), max_length=16, choices=Referral.Status)
    on = models.DateField(_("tanggal"))
    note = models.CharField(_("catatan"), max_length=255, blank=True)
    by = user_key(_("oleh"))
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        verbose_name = _("langkah rujukan")
        verbose_name_plural = _("langkah rujukan")
        ordering = ["on", "created_at", "pk"]
        constraints = [
            check_constraint(
                "referralstep_refusal_has_reason",
                ~Q(status="ditolak") | ~Q(note=""),
                _("Tulis alasan penolakan."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.referral}: {self.get_status_display()}"
