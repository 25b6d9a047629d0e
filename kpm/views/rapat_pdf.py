"""Printable documents of a meeting: the invitation letter (undangan), the attendance sheet
(daftar hadir) and the minutes (notulen / berita acara), on the host's letterhead.

Documents are always in Indonesian ("Senin, 21 Desember 2020"), whatever the page language.
A participant kelurahan prints them with its own people only, as on the pages.
"""

from __future__ import annotations

from base64 import b64encode

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.text import slugify

from kelurahan.pdf import kecamatan_letterhead_context, letterhead_context, render_pdf
from kelurahan.viewhelpers import indonesian

from ..models import Rapat
from .rapat_common import (
    plan_and_attendance,
    visible_attendees,
    visible_rapat,
)


def _letterhead(rapat: Rapat) -> dict:
    on = rapat.letter_date or timezone.localtime(rapat.starts_at).date()
    if rapat.kelurahan_id:
        return letterhead_context(rapat.kelurahan, on=on)
    return kecamatan_letterhead_context(rapat.kecamatan, on=on)


# The minutes print at most this many documentation photos, the first added.
PHOTOS_IN_MINUTES = 12


def _photos(rapat: Rapat) -> list[dict]:
    """The meeting's documentation photos for the minutes' appendix, embedded in the document
    (the PDF renderer fetches nothing, so it reads no file the viewer could not open)."""
    photos = []
    for foto in rapat.foto.all()[:PHOTOS_IN_MINUTES]:
        try:
            with foto.image.open("rb") as handle:
                data = b64encode(handle.read()).decode()
        except FileNotFoundError:
            continue
        photos.append({"src": f"data:{foto.content_type};base64,{data}", "caption": foto.caption})
    return photos


def _document(request, pk, template: str, prefix: str, *, minutes: bool = True, photos=False):
    """`minutes`: the document is part of the minutes that the head signs (marked "DRAF" until
    then); the invitation is not."""
    rapat = visible_rapat(request, pk)
    rows = visible_attendees(request, rapat)
    context = {
        **_letterhead(rapat),
        **plan_and_attendance(rapat, rows),
        "partial": not rapat.sees_all_attendees(request.user),
        "viewer_kelurahan": request.user.kelurahan,
        "keputusan": rapat.keputusan.all(),
        "tindak_lanjut": rapat.tindak_lanjut.select_related("assignee_kader", "assignee_official"),
        "signed_document": rapat if minutes else None,
        "photos": _photos(rapat) if photos else [],
        # The attendance sheet keeps its last two rows with the signatures.
        "tail_from": max(len(rows) - 2, 0),
    }
    day = timezone.localtime(rapat.starts_at).date()
    filename = f"{prefix}-{day:%Y-%m-%d}-{slugify(rapat.title)[:60]}.pdf"
    with indonesian():
        return render_pdf(request, template, context, filename)


@login_required
def rapat_pdf_invitation(request, pk):
    return _document(request, pk, "pdf/rapat_undangan.html", "undangan", minutes=False)


@login_required
def rapat_pdf_attendance(request, pk):
    return _document(request, pk, "pdf/rapat_daftar_hadir.html", "daftar-hadir")


@login_required
def rapat_pdf_minutes(request, pk):
    return _document(request, pk, "pdf/rapat_notulen.html", "notulen", photos=True)
