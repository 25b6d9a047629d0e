"""Coordination meetings (rapat): the plan, invitees and their attendance, minutes, decisions,
follow-ups and documentation photos.

A meeting is hosted by one kelurahan, or by the kecamatan itself (`kelurahan` empty). A
kecamatan-level meeting also has participating kelurahan. Every kelurahan that hosts or takes
part reads the meeting; only the host's editors (and, for kecamatan-level meetings, the
kecamatan's staff) change it. A participant sees only its own people's attendance.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Self

from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.models import (
    Kecamatan,
    Kelurahan,
    Lembaga,
    Official,
    Scope,
    ScopedQuerySet,
    TimeStampedModel,
)

__all__ = [
    "Rapat",
    "RapatAgenda",
    "RapatFoto",
    "RapatKeputusan",
    "RapatPeserta",
    "RapatTindakLanjut",
    "AttendanceSummary",
    "attendance_summary_for_kader",
    "attendance_counts_by_kader",
    "can_plan_meetings",
]


def _local_midnight(day: datetime.date) -> datetime.datetime:
    """The start of `day` in Asia/Jakarta."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min), timezone.get_default_timezone()
    )


def can_plan_meetings(user) -> bool:
    """Kelurahan editors plan meetings of their kelurahan; kecamatan staff plan kecamatan ones."""
    return user.is_authenticated and (user.can_edit_records or user.scope.is_kecamatan)


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
        start = _local_midnight(datetime.date(year, month, 1))
        end = _local_midnight(datetime.date(year + month // 12, month % 12 + 1, 1))
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def upcoming(self, now: datetime.datetime | None = None) -> Self:
        return self.filter(
            starts_at__gte=now or timezone.now(), status=Rapat.Status.TERJADWAL
        ).order_by("starts_at")


class Rapat(TimeStampedModel):
    """A meeting: a coordination meeting, rembuk stunting, socialisation, deliberation..."""

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
    kelurahan = models.ForeignKey(
        Kelurahan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
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
    chair = models.ForeignKey(
        Official,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rapat_dipimpin",
        verbose_name=_("pimpinan rapat (pejabat)"),
    )
    chair_name = models.CharField(_("nama pimpinan rapat"), max_length=150, blank=True)
    chair_position = models.CharField(_("jabatan pimpinan rapat"), max_length=150, blank=True)
    minute_taker = models.ForeignKey(
        Official,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
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
    minutes = models.TextField(
        _("notulen"),
        blank=True,
        help_text=_("Jalannya rapat: pembukaan, paparan, tanya jawab, penutupan."),
    )
    history = HistoricalRecords(m2m_fields=[participants])

    objects = RapatQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapat")
        verbose_name_plural = _("rapat")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["kecamatan", "starts_at"], name="rapat_kecamatan_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="rapat_ends_after_start",
                violation_error_message=_("Rapat tidak boleh selesai sebelum dimulai."),
            ),
            models.CheckConstraint(
                condition=Q(level="kecamatan") | Q(kelurahan__isnull=False),
                name="rapat_kelurahan_level_has_host",
                violation_error_message=_(
                    "Rapat tingkat kelurahan harus punya kelurahan penyelenggara."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="dibatalkan") | Q(cancelled_at__isnull=True),
                name="rapat_cancelled_at_only_when_cancelled",
                violation_error_message=_("Tanggal pembatalan hanya untuk rapat yang dibatalkan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("kpm:rapat_detail", args=[self.pk])

    # --- who may do what --------------------------------------------------------------------

    def sees_all_attendees(self, user) -> bool:
        """The host (any role), the kecamatan and admins see every attendee; a participant
        kelurahan sees only its own people."""
        return self._in_scope(Scope.of(user))

    def is_editable_by(self, user) -> bool:
        """The host kelurahan's editors, and the kecamatan's staff for kecamatan-level
        meetings of their kecamatan."""
        scope = Scope.of(user)
        if scope.is_kecamatan and self.level != self.Level.KECAMATAN:
            return False
        if scope.is_kelurahan and not user.can_edit_records:
            return False
        return self._in_scope(scope)

    def _in_scope(self, scope: Scope) -> bool:
        return scope.covers(kecamatan_id=self.kecamatan_id, kelurahan_id=self.kelurahan_id)

    # --- state ------------------------------------------------------------------------------

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.DIBATALKAN

    def has_started(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def attendance_open(self, now: datetime.datetime | None = None) -> bool:
        """Attendance is marked once the meeting has started, and never for a cancelled one."""
        return not self.is_cancelled and self.has_started(now)

    @property
    def host_label(self) -> str:
        if self.kelurahan_id:
            return str(self.kelurahan)
        return str(self.kecamatan)

    def participant_kelurahan(self) -> list[Kelurahan]:
        """The kelurahan whose people may be invited: the host and the participants (fetched
        once per instance)."""
        if not hasattr(self, "_participant_kelurahan"):
            rows = list(self.participants.all()) if self.pk else []
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
    discussion = models.TextField(_("ringkasan pembahasan"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda rapat")
        verbose_name_plural = _("agenda rapat")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


# --- Invitees and attendance ---------------------------------------------------------------------


class RapatPesertaQuerySet(ScopedQuerySet):
    def for_user(self, user) -> Self:
        """Rows of meetings the user sees (see `visible_to` for one meeting's own rows)."""
        return self.filter(rapat__in=Rapat.objects.for_user(user).values("pk"))

    def visible_to(self, user, rapat: Rapat) -> Self:
        """The rows of `rapat` the user may see: all for the host, own people for a participant."""
        rows = self.filter(rapat=rapat)
        if rapat.sees_all_attendees(user):
            return rows
        scope = Scope.of(user)
        return rows.filter(kelurahan_id=scope.kelurahan_id) if scope.is_kelurahan else rows.none()

    def for_sheet(self) -> Self:
        """Officials first, then institutions, cadres by kelurahan, and guests last."""
        kind_order = Case(
            *(When(kind=kind, then=Value(n)) for kind, n in RapatPeserta.KIND_ORDER.items()),
            default=Value(9),
        )
        return (
            self.select_related("kelurahan")
            .alias(kind_order=kind_order)
            .order_by("kind_order", "kelurahan__name", "name", "pk")
        )

    def counts(self) -> dict[str, int]:
        """Rows per attendance (`hadir`, `izin`, `tidak_hadir`, `belum` = not yet marked), and
        `total`: one GROUP BY query."""
        result = {"hadir": 0, "izin": 0, "tidak_hadir": 0, "belum": 0}
        for row in self.order_by().values("attendance").annotate(n=Count("pk")):
            result[row["attendance"] or "belum"] = row["n"]
        return {"total": sum(result.values()), **result}


class RapatPeserta(TimeStampedModel):
    """An invitee (a cadre, an official, an institution or a guest) and their attendance.

    The name, position and institution are copied when the person is invited, so that the
    attendance sheet of a past meeting shows them as they were.
    """

    class Kind(models.TextChoices):
        PEJABAT = "pejabat", _("Pejabat dan tokoh")
        KADER = "kader", _("Kader")
        LEMBAGA = "lembaga", _("Lembaga")
        TAMU = "tamu", _("Tamu")

    KIND_ORDER = {"pejabat": 1, "lembaga": 2, "kader": 3, "tamu": 4}

    class Attendance(models.TextChoices):
        BELUM = "", _("Belum dicatat")
        HADIR = "hadir", _("Hadir")
        IZIN = "izin", _("Izin")
        TIDAK_HADIR = "tidak_hadir", _("Tidak hadir")

    rapat = models.ForeignKey(
        Rapat, on_delete=models.CASCADE, related_name="peserta", verbose_name=_("rapat")
    )
    kind = models.CharField(_("jenis peserta"), max_length=10, choices=Kind)
    kader = models.ForeignKey(
        "kpm.Kader",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rapat_peserta",
        verbose_name=_("kader"),
    )
    official = models.ForeignKey(
        Official,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rapat_peserta",
        verbose_name=_("pejabat/tokoh"),
    )
    lembaga = models.ForeignKey(
        Lembaga,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rapat_peserta",
        verbose_name=_("lembaga"),
    )
    kelurahan = models.ForeignKey(
        Kelurahan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rapat_peserta",
        verbose_name=_("asal kelurahan"),
    )
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=150, blank=True)
    institution = models.CharField(_("instansi / lembaga"), max_length=150, blank=True)
    attendance = models.CharField(
        _("kehadiran"), max_length=12, choices=Attendance, default=Attendance.BELUM, blank=True
    )
    marked_at = models.DateTimeField(_("dicatat pada"), null=True, blank=True)
    walk_in = models.BooleanField(
        _("datang tanpa undangan"), default=False, help_text=_("Tamu yang dicatat di tempat.")
    )
    history = HistoricalRecords()

    objects = RapatPesertaQuerySet.as_manager()

    class Meta:
        verbose_name = _("peserta rapat")
        verbose_name_plural = _("peserta rapat")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["kader", "attendance"], name="rapatpeserta_kader_att")]
        constraints = [
            models.UniqueConstraint(
                fields=["rapat", "kader"],
                condition=Q(kader__isnull=False),
                name="rapatpeserta_unique_kader",
                violation_error_message=_("Kader ini sudah diundang ke rapat ini."),
            ),
            models.UniqueConstraint(
                fields=["rapat", "official"],
                condition=Q(official__isnull=False),
                name="rapatpeserta_unique_official",
                violation_error_message=_("Pejabat/tokoh ini sudah diundang ke rapat ini."),
            ),
            models.UniqueConstraint(
                fields=["rapat", "lembaga"],
                condition=Q(lembaga__isnull=False),
                name="rapatpeserta_unique_lembaga",
                violation_error_message=_("Lembaga ini sudah diundang ke rapat ini."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="kader", official__isnull=True, lembaga__isnull=True)
                    | Q(kind="pejabat", kader__isnull=True, lembaga__isnull=True)
                    | Q(kind="lembaga", kader__isnull=True, official__isnull=True)
                    | Q(
                        kind="tamu",
                        kader__isnull=True,
                        official__isnull=True,
                        lembaga__isnull=True,
                    )
                ),
                name="rapatpeserta_link_matches_kind",
                violation_error_message=_("Jenis peserta tidak cocok dengan data yang dipilih."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="rapatpeserta_name_required",
                violation_error_message=_("Nama peserta wajib diisi."),
            ),
            models.CheckConstraint(
                condition=Q(attendance="") | Q(marked_at__isnull=False),
                name="rapatpeserta_marked_has_time",
                violation_error_message=_("Kehadiran yang dicatat harus punya waktu pencatatan."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        """Position and institution on one line, for lists and the attendance sheet."""
        return ", ".join(part for part in (self.position, self.institution) if part)


@dataclass(frozen=True)
class AttendanceSummary:
    """A cadre's attendance at meetings that have started and were not cancelled."""

    invited: int
    hadir: int
    izin: int
    tidak_hadir: int
    belum: int

    @property
    def marked(self) -> int:
        return self.hadir + self.izin + self.tidak_hadir

    @property
    def rate(self) -> float | None:
        """Share of marked meetings attended (hadir / (hadir + izin + tidak hadir)), or None."""
        return self.hadir / self.marked if self.marked else None

    @property
    def rate_percent(self) -> int | None:
        return None if self.rate is None else round(self.rate * 100)


def _counted_rows(start: datetime.date | None, end: datetime.date | None, now=None):
    rows = RapatPeserta.objects.filter(
        rapat__status=Rapat.Status.TERJADWAL, rapat__starts_at__lte=now or timezone.now()
    )
    if start:
        rows = rows.filter(rapat__starts_at__gte=_local_midnight(start))
    if end:
        rows = rows.filter(rapat__starts_at__lt=_local_midnight(end + datetime.timedelta(days=1)))
    return rows


def attendance_counts_by_kader(
    kader_ids, *, start: datetime.date | None = None, end: datetime.date | None = None
) -> dict[int, AttendanceSummary]:
    """One query: the attendance summary of each cadre in `kader_ids` (meetings whose start
    falls between `start` and `end`, both inclusive, when given). Cadres never invited are
    missing from the result."""
    A = RapatPeserta.Attendance
    rows = (
        _counted_rows(start, end)
        .filter(kader_id__in=kader_ids)
        .values("kader_id")
        .annotate(
            invited=Count("pk"),
            hadir=Count("pk", filter=Q(attendance=A.HADIR)),
            izin=Count("pk", filter=Q(attendance=A.IZIN)),
            tidak_hadir=Count("pk", filter=Q(attendance=A.TIDAK_HADIR)),
            belum=Count("pk", filter=Q(attendance=A.BELUM)),
        )
        .order_by()
    )
    return {row.pop("kader_id"): AttendanceSummary(**row) for row in rows}


def attendance_summary_for_kader(
    kader, *, start: datetime.date | None = None, end: datetime.date | None = None
) -> AttendanceSummary:
    return attendance_counts_by_kader([kader.pk], start=start, end=end).get(
        kader.pk, AttendanceSummary(0, 0, 0, 0, 0)
    )


# --- Decisions, follow-ups, photos ---------------------------------------------------------------


class RapatKeputusan(TimeStampedModel):
    rapat = models.ForeignKey(
        Rapat, on_delete=models.CASCADE, related_name="keputusan", verbose_name=_("rapat")
    )
    order = models.PositiveSmallIntegerField(_("nomor"), default=1)
    text = models.TextField(_("keputusan / kesepakatan"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("keputusan rapat")
        verbose_name_plural = _("keputusan rapat")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:60]}"


class RapatTindakLanjutQuerySet(ScopedQuerySet):
    def for_user(self, user) -> Self:
        return self.filter(rapat__in=Rapat.objects.for_user(user).values("pk"))

    def open(self) -> Self:
        return self.filter(
            status__in=[RapatTindakLanjut.Status.BELUM, RapatTindakLanjut.Status.PROSES]
        )

    def overdue(self, today: datetime.date | None = None) -> Self:
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def for_kader(self, kader) -> Self:
        return self.filter(assignee_kader=kader)

    def for_official(self, official) -> Self:
        return self.filter(assignee_official=official)

    def for_list(self) -> Self:
        return self.select_related("rapat", "kelurahan").order_by("due_date", "pk")


class RapatTindakLanjut(TimeStampedModel):
    """A follow-up agreed in a meeting: what, who, by when, and how far it has come."""

    class Status(models.TextChoices):
        BELUM = "belum", _("Belum dikerjakan")
        PROSES = "proses", _("Sedang dikerjakan")
        SELESAI = "selesai", _("Selesai")
        BATAL = "batal", _("Dibatalkan")

    rapat = models.ForeignKey(
        Rapat, on_delete=models.CASCADE, related_name="tindak_lanjut", verbose_name=_("rapat")
    )
    description = models.CharField(_("tindak lanjut"), max_length=255)
    assignee_kader = models.ForeignKey(
        "kpm.Kader",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rapat_tindak_lanjut",
        verbose_name=_("penanggung jawab (kader)"),
    )
    assignee_official = models.ForeignKey(
        Official,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rapat_tindak_lanjut",
        verbose_name=_("penanggung jawab (pejabat/tokoh)"),
    )
    assignee_name = models.CharField(
        _("penanggung jawab (lainnya)"),
        max_length=150,
        blank=True,
        help_text=_("Isi jika penanggung jawab bukan kader atau pejabat yang terdaftar."),
    )
    kelurahan = models.ForeignKey(
        Kelurahan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rapat_tindak_lanjut",
        verbose_name=_("kelurahan penanggung jawab"),
    )
    due_date = models.DateField(_("batas waktu"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.BELUM)
    done_on = models.DateField(_("tanggal selesai"), null=True, blank=True)
    notes = models.CharField(_("catatan perkembangan"), max_length=255, blank=True)
    history = HistoricalRecords()

    objects = RapatTindakLanjutQuerySet.as_manager()

    class Meta:
        verbose_name = _("tindak lanjut rapat")
        verbose_name_plural = _("tindak lanjut rapat")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"], name="rapattl_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(assignee_kader__isnull=True) | Q(assignee_official__isnull=True),
                name="rapattl_one_assignee",
                violation_error_message=_(
                    "Pilih satu penanggung jawab saja: kader atau pejabat/tokoh."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="selesai") | Q(done_on__isnull=False),
                name="rapattl_done_has_date",
                violation_error_message=_(
                    "Tindak lanjut yang selesai harus punya tanggal selesai."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def assignee_display(self) -> str:
        if self.assignee_kader_id:
            return self.assignee_kader.name
        if self.assignee_official_id:
            return self.assignee_official.name
        return self.assignee_name

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.BELUM, self.Status.PROSES)


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
