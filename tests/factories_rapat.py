"""Factory helpers for meetings: `make_rapat(kelurahan, **fields)`, invitees, follow-ups, images."""

import datetime
import io
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from kpm.models import Rapat, RapatPeserta, RapatTindakLanjut

_seq = itertools.count(1)


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """An aware datetime on the wall clock of Asia/Jakarta."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute)),
        timezone.get_default_timezone(),
    )


def make_rapat(kelurahan=None, *, participants=(), kecamatan=None, **fields) -> Rapat:
    """A meeting hosted by `kelurahan` (or, with `kelurahan=None`, by `kecamatan`).

    Passing `participants` makes it a kecamatan-level meeting; the host takes part too.
    """
    n = next(_seq)
    fields.setdefault("title", f"Rapat Uji {n:03d}")
    fields.setdefault("kind", Rapat.Kind.KOORDINASI_KPM)
    fields.setdefault("starts_at", at(datetime.date(2020, 12, 21), 9))
    fields.setdefault("ends_at", fields["starts_at"] + datetime.timedelta(hours=2))
    fields.setdefault("place", "Balai Kelurahan")
    fields.setdefault("chair_name", "Lurah Uji")
    fields.setdefault("chair_position", "Lurah")
    if participants or kelurahan is None:
        fields.setdefault("level", Rapat.Level.KECAMATAN)
    rapat = Rapat.objects.create(
        kelurahan=kelurahan, kecamatan=kecamatan or kelurahan.kecamatan, **fields
    )
    members = list(participants)
    if kelurahan is not None and members and kelurahan not in members:
        members.insert(0, kelurahan)
    rapat.participants.set(members)
    return rapat


def make_peserta(rapat, *, kader=None, official=None, **fields) -> RapatPeserta:
    if kader is not None:
        fields.setdefault("kind", RapatPeserta.Kind.KADER)
        fields.setdefault("name", kader.name)
        fields.setdefault("kelurahan", kader.kelurahan)
    elif official is not None:
        fields.setdefault("kind", RapatPeserta.Kind.PEJABAT)
        fields.setdefault("name", official.name)
        fields.setdefault("kelurahan", official.kelurahan)
    else:
        fields.setdefault("kind", RapatPeserta.Kind.TAMU)
        fields.setdefault("name", f"Tamu Uji {next(_seq)}")
    if fields.get("attendance"):
        fields.setdefault("marked_at", rapat.starts_at)
    return RapatPeserta.objects.create(rapat=rapat, kader=kader, official=official, **fields)


def make_tindak_lanjut(rapat, **fields) -> RapatTindakLanjut:
    fields.setdefault("description", f"Tindak lanjut uji {next(_seq)}")
    fields.setdefault("due_date", datetime.date(2021, 1, 31))
    if "kelurahan" not in fields:
        kader = fields.get("assignee_kader")
        fields["kelurahan"] = kader.kelurahan if kader else rapat.kelurahan
    if not (fields.get("assignee_kader") or fields.get("assignee_official")):
        fields.setdefault("assignee_name", "Panitia")
    return RapatTindakLanjut.objects.create(rapat=rapat, **fields)


def image_bytes(fmt: str = "JPEG", size=(640, 480), color=(30, 140, 80)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
