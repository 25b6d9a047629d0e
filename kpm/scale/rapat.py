"""City-scale meetings for the benchmark (the pages measured are in `kpm/bench.py`)."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from kelurahan.models import Kecamatan
from kelurahan.scale import scale_kelurahan

from ..models import Kader, Rapat, RapatPeserta, RapatTindakLanjut

MEETINGS_PER_KELURAHAN = 24  # monthly, two years
KECAMATAN_MEETINGS = 8  # quarterly, two years


@transaction.atomic
def seed_scale(*, stdout, scale) -> None:
    kelurahan = scale_kelurahan()
    if not kelurahan:
        stdout.write("No scale kelurahan; skipping the meetings.")
        return
    if Rapat.objects.filter(kecamatan__in={k.kecamatan_id for k in kelurahan}).exists():
        stdout.write("Scale meetings exist already; skipping the meetings.")
        return
    rng = random.Random(20201221)
    kaders: dict[int, list] = {}
    for kader in Kader.objects.filter(kelurahan__in=kelurahan, is_active=True).only(
        "pk", "name", "kelurahan_id", "origin"
    ):
        kaders.setdefault(kader.kelurahan_id, []).append(kader)
    by_kecamatan: dict[int, list] = {}
    for k in kelurahan:
        by_kecamatan.setdefault(k.kecamatan_id, []).append(k)
    now = timezone.now()
    start = now - datetime.timedelta(days=30 * (MEETINGS_PER_KELURAHAN - 2))
    meetings, participants = [], []
    for k in kelurahan:
        for n in range(MEETINGS_PER_KELURAHAN):
            meetings.append(_scale_rapat(k.kecamatan_id, k, start, n, rng))
    for kecamatan in Kecamatan.objects.filter(pk__in=by_kecamatan).order_by("pk"):
        for n in range(KECAMATAN_MEETINGS):
            rapat = _scale_rapat(kecamatan.pk, None, start, n * 3, rng)
            meetings.append(rapat)
            participants.append((rapat, by_kecamatan[kecamatan.pk]))
    meetings = Rapat.objects.bulk_create(meetings, batch_size=1000)
    Rapat.participants.through.objects.bulk_create(
        [
            Rapat.participants.through(rapat_id=rapat.pk, kelurahan_id=k.pk)
            for rapat, members in participants
            for k in members
        ],
        batch_size=2000,
    )
    members_of = {rapat.pk: members for rapat, members in participants}
    peserta, followups = _scale_rows(meetings, members_of, kaders, now, rng)
    stdout.write(
        f"Scale data: {len(meetings)} rapat, {peserta} peserta, {followups} tindak lanjut."
    )


def _scale_rapat(kecamatan_id, kelurahan, start, n, rng):
    day = start + datetime.timedelta(days=30 * n + rng.randint(0, 20))
    starts_at = day.replace(hour=2, minute=0, second=0, microsecond=0)  # 09.00 WIB
    level = Rapat.Level.KELURAHAN if kelurahan else Rapat.Level.KECAMATAN
    kind = rng.choice(Rapat.Kind.values)
    cancelled = rng.random() < 0.03
    return Rapat(
        kecamatan_id=kecamatan_id,
        kelurahan=kelurahan,
        level=level,
        kind=kind,
        title=f"{Rapat.Kind(kind).label} {n + 1}",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        place="Balai kelurahan" if kelurahan else "Kantor kecamatan",
        chair_name="Lurah" if kelurahan else "Camat",
        chair_position="Lurah" if kelurahan else "Camat",
        minutes="Rapat berjalan lancar.",
        status=Rapat.Status.DIBATALKAN if cancelled else Rapat.Status.TERJADWAL,
        cancelled_at=starts_at if cancelled else None,
    )


def _scale_rows(meetings, members_of, kaders, now, rng) -> tuple[int, int]:
    A = RapatPeserta.Attendance
    peserta, followups = [], []
    for rapat in meetings:
        members = members_of.get(rapat.pk) or [rapat.kelurahan]
        past = rapat.starts_at < now
        for k in members:
            for kader in kaders.get(k.pk, []):
                value = rng.choices([A.HADIR, A.IZIN, A.TIDAK_HADIR], [8, 1, 1])[0] if past else ""
                peserta.append(
                    RapatPeserta(
                        rapat=rapat,
                        kind=RapatPeserta.Kind.KADER,
                        kader_id=kader.pk,
                        kelurahan_id=k.pk,
                        name=kader.name,
                        position="KPM",
                        attendance=value,
                        marked_at=rapat.starts_at if value else None,
                    )
                )
        for n in range(2):
            done = past and rng.random() < 0.7
            assignee = rng.choice(kaders.get(members[0].pk) or [None])
            followups.append(
                RapatTindakLanjut(
                    rapat=rapat,
                    description=f"Tindak lanjut {n + 1}",
                    assignee_kader_id=assignee.pk if assignee else None,
                    assignee_name="" if assignee else "Panitia",
                    kelurahan_id=members[0].pk,
                    due_date=(rapat.starts_at + datetime.timedelta(days=30)).date(),
                    status="selesai" if done else "belum",
                    done_on=rapat.starts_at.date() if done else None,
                )
            )
    RapatPeserta.objects.bulk_create(peserta, batch_size=2000)
    RapatTindakLanjut.objects.bulk_create(followups, batch_size=2000)
    return len(peserta), len(followups)
