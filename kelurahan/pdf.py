"""Printable PDF documents of a kelurahan, rendered with WeasyPrint.

Templates extend `pdf/base.html`, which draws the kelurahan's (or the kecamatan's) letterhead
(kop surat) and the lurah's (camat's) signature block. `letterhead_context(kelurahan)` and
`kecamatan_letterhead_context(kecamatan)` give the context that base needs. A document that is
signed in the app passes itself as `signed_document`: until it is signed every page is marked
"DRAF", and once signed the signature block says who signed it electronically and when.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Kecamatan, Kelurahan, Official


def letterhead_context(kelurahan: Kelurahan, *, on: datetime.date | None = None) -> dict:
    """The letterhead and signature context for a document of `kelurahan` dated `on`."""
    on = on or timezone.localdate()
    lurah = Official.objects.current(on=on).lurah().filter(kelurahan=kelurahan).first()
    kecamatan = kelurahan.kecamatan
    return {
        "kelurahan": kelurahan,
        "kecamatan": kecamatan,
        "kota": kecamatan.kota,
        "signer": lurah,
        "signer_title": "Lurah",
        "document_date": on,
        "place": kecamatan.kota.name,
    }


def kecamatan_letterhead_context(kecamatan: Kecamatan, *, on: datetime.date | None = None) -> dict:
    """The same for a document of the kecamatan itself: its letterhead (no kelurahan line)
    and the camat's signature."""
    on = on or timezone.localdate()
    camat = Official.objects.current(on=on).head_of(kelurahan_id=None, kecamatan_id=kecamatan.pk)
    return {
        "kelurahan": "",
        "kecamatan": kecamatan,
        "kota": kecamatan.kota,
        "signer": camat.first(),
        "signer_title": "Camat",
        "document_date": on,
        "place": kecamatan.kota.name,
    }


def _layout(request: HttpRequest | None, template: str, context: dict):
    from weasyprint import HTML  # imported here: loading pango takes a moment

    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else str(settings.BASE_DIR)
    return HTML(string=html, base_url=base_url).render()


def render_pdf_bytes(request: HttpRequest | None, template: str, context: dict) -> bytes:
    """The PDF of `template`. A letter with an attachment (an element `id="lampiran"` where
    the attachment begins) gets the attachment's real page count as `attachment_pages` (see
    the `lembar` filter): laid out again when the first layout's count (1) was wrong."""
    document = _layout(request, template, context)
    starts = [i for i, page in enumerate(document.pages) if "lampiran" in page.anchors]
    if starts and len(document.pages) - starts[0] != context.get("attachment_pages", 1):
        context = {**context, "attachment_pages": len(document.pages) - starts[0]}
        document = _layout(request, template, context)
    return document.write_pdf()


def render_pdf(
    request: HttpRequest | None, template: str, context: dict, filename: str
) -> HttpResponse:
    """An inline PDF response (the browser shows it; printing or saving is one click)."""
    response = HttpResponse(render_pdf_bytes(request, template, context), "application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
