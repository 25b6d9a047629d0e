"""Meeting invitees (peserta rapat) and their attendance, and the attendance summary of cadres
over the meetings they were invited to.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Self

from django.db import models
from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kelurahan.dates import aware
from kelurahan.models import (
    Kelurahan,
    Lembaga,
    Official,
    Scope,
    TimeStampedModel,
    check_constraint,
    kind_matches_link,
    optional_key,
    unique_constraint,
)

from .kader import Kader
from .rapat import Rapat, RapatRowQuerySet

__all__ = [
    "AttendanceSummary",
    "RapatPeserta",
    "attendance_counts_by_kader",
    "attendance_summary_for_kader",
    "invitable_kaders",
    "invitable_lembaga",
    "invitable_officials",
]


# --- Who may be invited ---------------------------------------------------------------------
# People of the meeting's kelurahan (the host, and the participants of a kecamatan-level
# meeting) who serve on the meeting's date (invited or not).


def _meeting_day(rapat: Rapat) -> datetime.date:
    return timezone.localdate(rapat.starts_at)


def invitable_kaders(rapat: Rapat) -> QuerySet[Kader]:
    """Cadres active on the meeting's date (not those who had left by then)."""
    return Kader.objects.filter(kelurahan__in=rapat.participant_kelurahan()).active_on(
        _meeting_day(rapat)
    )


def invitable_officials(rapat: Rapat) -> QuerySet[Official]:
    """Officials in office on the meeting's date: of the participating kelurahan, and the
    kecamatan's own (a camat, sekcam or kasi PM)."""
    return Official.objects.current(on=_meeting_day(rapat)).filter(
        Q(kelurahan__in=rapat.participant_kelurahan()) | Q(kecamatan_id=rapat.kecamatan_id)
    )


def invitable_lembaga(rapat: Rapat) -> QuerySet[Lembaga]:
    return Lembaga.objects.filter(kelurahan__in=rapat.participant_kelurahan(), is_active=True)


class RapatPesertaQuerySet(RapatRowQuerySet):
    """`for_user` gives the rows of the meetings the user sees; `visible_to`, those of one
    meeting that the user may see."""

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
    kader = optional_key(
        "kpm.Kader",
        on_delete=models.SET_NULL,
        related_name="rapat_peserta",
        verbose_name=_("kader"),
    )
    official = optional_key(
        Official,
        on_delete=models.SET_NULL,
        related_name="rapat_peserta",
        verbose_name=_("pejabat/tokoh"),
    )
    lembaga = optional_key(
        Lembaga,
        on_delete=models.SET_NULL,
        related_name="rapat_peserta",
        verbose_name=_("lembaga"),
    )
    kelurahan = optional_key(
        Kelurahan,
        on_delete=models.SET_NULL,
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
            unique_constraint(
                "rapatpeserta_unique_kader",
                "rapat",
                "kader",
                condition=Q(kader__isnull=False),
                message=_("Kader ini sudah diundang ke rapat ini."),
            ),
            unique_constraint(
                "rapatpeserta_unique_official",
                "rapat",
                "official",
                condition=Q(official__isnull=False),
                message=_("Pejabat/tokoh ini sudah diundang ke rapat ini."),
            ),
            unique_constraint(
                "rapatpeserta_unique_lembaga",
                "rapat",
                "lembaga",
                condition=Q(lembaga__isnull=False),
                message=_("Lembaga ini sudah diundang ke rapat ini."),
            ),
            kind_matches_link(
                "rapatpeserta_link_matches_kind",
                "kind",
                {"kader": "kader", "pejabat": "official", "lembaga": "lembaga", "tamu": None},
                _("Jenis peserta tidak cocok dengan data yang dipilih."),
                link_required=False,
            ),
            check_constraint(
                "rapatpeserta_name_required", ~Q(name=""), _("Nama peserta wajib diisi.")
            ),
            check_constraint(
                "rapatpeserta_marked_has_time",
                Q(attendance="") | Q(marked_at__isnull=False),
                _("Kehadiran yang dicatat harus punya waktu pencatatan."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def owned_followups(self) -> QuerySet:
        """This meeting's follow-ups that this invitee (a cadre or an official) is responsible
        for: they lose their owner when the invitation is withdrawn."""
        if self.kader_id:
            return self.rapat.tindak_lanjut.filter(assignee_kader_id=self.kader_id)
        if self.official_id:
            return self.rapat.tindak_lanjut.filter(assignee_official_id=self.official_id)
        return self.rapat.tindak_lanjut.none()

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
        rows = rows.filter(rapat__starts_at__gte=aware(start))
    if end:
        rows = rows.filter(rapat__starts_at__lt=aware(end + datetime.timedelta(days=1)))
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
