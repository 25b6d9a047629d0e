"""Coordination meetings (rapat): the plan and agenda, minutes, decisions and documentation
photos. Invitees and attendance are in `peserta.py`, follow-ups in `tindak_lanjut.py`.

A meeting is hosted by one kelurahan, or by the kecamatan itself (`kelurahan` empty). A
kecamatan-level meeting also has participating kelurahan. Every kelurahan that hosts or takes
part reads the meeting. One kelurahan never changes another's people: a kelurahan-level meeting
is changed by its host's editors; a kecamatan-level meeting (across kelurahan) only by the
kecamatan's staff and admins. At a kecamatan-level meeting a kelurahan sees and marks its own
people and sees only counts for the others; a kelurahan's editors always correct the
attendance of their own people (`may_correct`).
"""

from __future__ import annotations

import datetime
from typing import Self

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.dates import aware, next_month
from kelurahan.links import url_for
from kelurahan.models import (
    DISCUSSION_MAX_LENGTH,
    MINUTES_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    Kecamatan,
    Kelurahan,
    LimitedTextField,
    Official,
    Scope,
    ScopedQuerySet,
    SignedDocument,
    TimeStampedModel,
    check_constraint,
    optional_key,
    signature_complete,
)

__all__ = [
    "Rapat",
    "RapatAgenda",
    "RapatFoto",
    "RapatKeputusan",
    "can_plan_meetings",
    "holds_kecamatan_meetings",
]


def can_plan_meetings(user) -> bool:
    """Kelurahan editors plan meetings of their kelurahan; kecamatan staff plan kecamatan ones."""
    return user.is_authenticated and (user.can_edit_records or user.scope.is_kecamatan)


def holds_kecamatan_meetings(user) -> bool:
    """Only the kecamatan's staff and admins hold meetings across kelurahan."""
    scope = Scope.of(user)
    return scope.is_all or scope.is_kecamatan


# --- Rapat -------------------------------------------------------------------------------------


def _hosted_or_joined(kelurahan_id: int) -> Q:
    """Meetings a kelurahan hosts or takes part in."""
    participating = Rapat.participants.through.objects.filter(
        rapat_id=OuterRef("pk"), kelurahan_id=kelurahan_id
    )
    return Q(kelurahan_id=kelurahan_id) | Q(Exists(participating))


class RapatQuerySet(ScopedQuerySet):
    def for_user(self, user) -> Self:
        """Meetings hosted by, or taking part with, a kelurahan of the user's scope."""
        return Scope.of(user).filter(self, kecamatan="kecamatan_id", kelurahan=_hosted_or_joined)

    def for_kelurahan(self, kelurahan) -> Self:
        return self.filter(_hosted_or_joined(getattr(kelurahan, "pk", kelurahan)))

    def for_kader(self, kader) -> Self:
        return self.filter(peserta__kader=kader)

    def for_list(self) -> Self:
        from .peserta import RapatPeserta  # peserta.py imports this module

        return (
            self.select_related("kelurahan", "kecamatan")
            .annotate(
                invited_count=Count("peserta", distinct=True),
                present_count=Count(
                    "peserta",
                    filter=Q(peserta__attendance=RapatPeserta.Attendance.HADIR),
                    distinct=True,
                ),
            )
            .order_by("-starts_at", "-pk")
        )

    def in_month(self, year: int, month: int) -> Self:
        start = aware(datetime.date(year, month, 1))
        end = aware(next_month(datetime.date(year, month, 1)))
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def upcoming(self, now: datetime.datetime | None = None) -> Self:
        return self.filter(
            starts_at__gte=now or timezone.now(), status=Rapat.Status.TERJADWAL
        ).order_by("starts_at")


class RapatRowQuerySet(ScopedQuerySet):
    """Rows of a meeting (its invitees, its follow-ups)."""

    def for_user(self, user) -> Self:
        """The rows of the meetings the user sees."""
        return self.filter(rapat__in=Rapat.objects.for_user(user).values("pk"))


class Rapat(SignedDocument, TimeStampedModel):
    """A meeting: a coordination meeting, rembuk stunting, socialisation, deliberation...

    Its minutes (notulen, with the attendance and follow-ups) are signed in the app by the
    host's head: the lurah, or the camat for a kecamatan's own meeting."""

    class Kind(models.TextChoices):
        KOORDINASI_KPM = "koordinasi_kpm", _("Rapat koordinasi KPM")
        REMBUK_STUNTING = "rembuk_stunting", _("Rembuk stunting")
        SOSIALISASI = "sosialisasi", _("Sosialisasi")
        MUSYAWARAH = "musyawarah", _("Musyawarah")
        LAINNYA = "lainnya", _("Lainnya")

    class Level(models.TextChoices):
        KELURAHAN = "kelurahan", _("Kelurahan")
        KECAMATAN = "kecamatan", _("Kecamatan (beberapa kelurahan)")

    class Status(models.TextChoices):
        TERJADWAL = "terjadwal", _("Terjadwal")
        DIBATALKAN = "dibatalkan", _("Dibatalkan")

    class Protocol(models.TextChoices):
        MASKER = "masker", _("Memakai masker")
        JAGA_JARAK = "jaga_jarak", _("Menjaga jarak")
        CUCI_TANGAN = "cuci_tangan", _("Mencuci tangan sebelum masuk ruangan")
        CEK_SUHU = "cek_suhu", _("Pengecekan suhu tubuh")
        BATAS_PESERTA = "batas_peserta", _("Membatasi jumlah peserta")

    kecamatan = models.ForeignKey(
        Kecamatan, on_delete=models.PROTECT, related_name="rapat_set", verbose_name=_("kecamatan")
    )
    kelurahan = optional_key(
        Kelurahan,
        on_delete=models.PROTECT,
        related_name="rapat_set",
        verbose_name=_("kelurahan penyelenggara"),
        help_text=_("Kosong jika rapat diselenggarakan oleh kecamatan."),
    )
    level = models.CharField(_("tingkat"), max_length=10, choices=Level, default=Level.KELURAHAN)
    participants = models.ManyToManyField(
        Kelurahan,
        blank=True,
        related_name="rapat_diikuti",
        verbose_name=_("kelurahan peserta"),
    )
    title = models.CharField(_("judul rapat"), max_length=200)
    kind = models.CharField(_("jenis rapat"), max_length=20, choices=Kind)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(
        _("selesai"), null=True, blank=True, help_text=_("Kosong berarti 'sampai selesai'.")
    )
    place = models.CharField(_("tempat"), max_length=200)
    chair = optional_key(
        Official,
        on_delete=models.SET_NULL,
        related_name="rapat_dipimpin",
        verbose_name=_("pimpinan rapat (pejabat)"),
    )
    chair_name = models.CharField(_("nama pimpinan rapat"), max_length=150, blank=True)
    chair_position = models.CharField(_("jabatan pimpinan rapat"), max_length=150, blank=True)
    minute_taker = optional_key(
        Official,
        on_delete=models.SET_NULL,
        related_name="rapat_dinotulensi",
        verbose_name=_("notulis (pejabat)"),
    )
    minute_taker_name = models.CharField(_("nama notulis"), max_length=150, blank=True)
    minute_taker_position = models.CharField(_("jabatan notulis"), max_length=150, blank=True)
    health_protocol = models.JSONField(_("protokol kesehatan"), default=list, blank=True)
    health_protocol_notes = models.CharField(
        _("keterangan protokol kesehatan"), max_length=255, blank=True
    )
    letter_number = models.CharField(_("nomor surat undangan"), max_length=100, blank=True)
    letter_date = models.DateField(_("tanggal surat undangan"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.TERJADWAL)
    cancelled_reason = models.CharField(_("alasan pembatalan"), max_length=255, blank=True)
    cancelled_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    minutes = LimitedTextField(
        _("notulen"),
        max_length=MINUTES_MAX_LENGTH,
        blank=True,
        help_text=_("Jalannya rapat: pembukaan, paparan, tanya jawab, penutupan."),
    )
    history = HistoricalRecords(m2m_fields=[participants])

    objects = RapatQuerySet.as_manager()

    document_label = _("Notulen rapat ini")

    class Meta:
        verbose_name = _("rapat")
        verbose_name_plural = _("rapat")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["kecamatan", "starts_at"], name="rapat_kecamatan_start")]
        constraints = [
            check_constraint(
                "rapat_ends_after_start",
                Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                _("Rapat tidak boleh selesai sebelum dimulai."),
            ),
            check_constraint(
                "rapat_kelurahan_level_has_host",
                Q(level="kecamatan") | Q(kelurahan__isnull=False),
                _("Rapat tingkat kelurahan harus punya kelurahan penyelenggara."),
            ),
            check_constraint(
                "rapat_cancelled_at_only_when_cancelled",
                Q(status="dibatalkan") | Q(cancelled_at__isnull=True),
                _("Tanggal pembatalan hanya untuk rapat yang dibatalkan."),
            ),
            signature_complete("rapat_signature_complete"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return url_for("kpm:rapat_detail", self.pk)

    # --- who may do what --------------------------------------------------------------------

    @property
    def is_kecamatan_level(self) -> bool:
        return self.level == self.Level.KECAMATAN

    def sees_all_attendees(self, user) -> bool:
        """The host of a kelurahan-level meeting, the kecamatan and admins see every attendee;
        at a kecamatan-level meeting a kelurahan sees only its own people."""
        scope = Scope.of(user)
        if scope.is_kelurahan and self.is_kecamatan_level:
            return False
        return self._in_scope(scope)

    def is_editable_by(self, user) -> bool:
        """Who changes the meeting (plan, invitations, minutes): the host kelurahan's editors
        for a kelurahan-level meeting; the kecamatan's staff and admins for a kecamatan-level
        one, never a kelurahan (it would change another kelurahan's people)."""
        scope = Scope.of(user)
        if scope.is_kecamatan and not self.is_kecamatan_level:
            return False
        if scope.is_kelurahan and (self.is_kecamatan_level or not user.can_edit_records):
            return False
        return self._in_scope(scope)

    def minutes_changeable_by(self, user) -> bool:
        """Whether `user` may change what the minutes print now: an editor, before signing
        (`editable_rapat` refuses the same changes)."""
        return self.is_editable_by(user) and not self.is_signed

    def may_correct(self, user, peserta) -> bool:
        """Who marks or corrects one invitee's attendance: a kelurahan's editors for their own
        people (at any meeting they see), and the meeting's editors for everyone else."""
        scope = Scope.of(user)
        if scope.is_kelurahan and peserta.kelurahan_id is not None:
            return user.can_edit_records and peserta.kelurahan_id == scope.kelurahan_id
        return self.is_editable_by(user)

    def _in_scope(self, scope: Scope) -> bool:
        return scope.covers(kecamatan_id=self.kecamatan_id, kelurahan_id=self.kelurahan_id)

    # --- state ------------------------------------------------------------------------------

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.DIBATALKAN

    def has_started(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def attendance_open(self, now: datetime.datetime | None = None) -> bool:
        """Attendance is marked once the meeting has started, never for a cancelled one, and
        no longer once the minutes are signed."""
        return not self.is_cancelled and not self.is_signed and self.has_started(now)

    # --- signing the minutes -----------------------------------------------------------------

    def signing_office(self) -> tuple[int | None, int | None]:
        return self.kelurahan_id, self.kecamatan_id

    def signing_problem(self) -> str:
        if self.is_cancelled:
            return str(_("Rapat yang dibatalkan tidak ditandatangani."))
        if not self.has_started():
            return str(_("Notulen baru dapat ditandatangani sesudah rapat dimulai."))
        return ""

    @property
    def host_label(self) -> str:
        if self.kelurahan_id:
            return str(self.kelurahan)
        return str(self.kecamatan)

    def participant_kelurahan(self) -> list[Kelurahan]:
        """The kelurahan whose people may be invited: the host, and the participants of a
        kecamatan-level meeting (fetched once per instance)."""
        if not hasattr(self, "_participant_kelurahan"):
            joined = self.pk and self.is_kecamatan_level
            rows = list(self.participants.all()) if joined else []
            if self.kelurahan_id and all(k.pk != self.kelurahan_id for k in rows):
                rows.insert(0, self.kelurahan)
            self._participant_kelurahan = rows
        return self._participant_kelurahan

    @property
    def chair_display(self) -> str:
        return self.chair_name or (self.chair.name if self.chair_id else "")

    @property
    def minute_taker_display(self) -> str:
        return self.minute_taker_name or (self.minute_taker.name if self.minute_taker_id else "")

    def health_protocol_labels(self) -> list[str]:
        labels = dict(self.Protocol.choices)
        return [str(labels[code]) for code in self.health_protocol if code in labels]


class RapatAgenda(TimeStampedModel):
    """One agenda item, and (after the meeting) what was discussed under it."""

    rapat = models.ForeignKey(
        Rapat, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("rapat")
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=1)
    title = models.CharField(_("acara / pokok bahasan"), max_length=200)
    presenter = models.CharField(_("penyaji / narasumber"), max_length=150, blank=True)
    discussion = LimitedTextField(
        _("ringkasan pembahasan"), max_length=DISCUSSION_MAX_LENGTH, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda rapat")
        verbose_name_plural = _("agenda rapat")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class RapatKeputusan(TimeStampedModel):
    rapat = models.ForeignKey(
        Rapat, on_delete=models.CASCADE, related_name="keputusan", verbose_name=_("rapat")
    )
    order = models.PositiveSmallIntegerField(_("nomor"), default=1)
    text = LimitedTextField(_("keputusan / kesepakatan"), max_length=NOTES_MAX_LENGTH)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("keputusan rapat")
        verbose_name_plural = _("keputusan rapat")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:60]}"


def _photo_path(instance: RapatFoto, filename: str) -> str:
    return f"rapat/{instance.rapat_id}/{filename}"


class RapatFoto(TimeStampedModel):
    """A documentation photo. Files are served through the meeting's scoped view only."""

    rapat = models.ForeignKey(
        Rapat, on_delete=models.CASCADE, related_name="foto", verbose_name=_("rapat")
    )
    image = models.FileField(_("foto"), upload_to=_photo_path, max_length=255)
    thumbnail = models.FileField(_("gambar kecil"), upload_to=_photo_path, max_length=255)
    content_type = models.CharField(max_length=20, editable=False)
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    caption = models.CharField(_("keterangan foto"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("foto dokumentasi rapat")
        verbose_name_plural = _("foto dokumentasi rapat")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.caption or str(_("Foto dokumentasi"))
