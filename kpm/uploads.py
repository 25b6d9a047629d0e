"""Uploaded photos: checked by their content (Pillow), never by the file name.

A photo is accepted when Pillow reads it as JPEG or PNG, it is at most `MAX_PHOTO_BYTES` and
`MAX_PIXELS` large, and it decodes completely. It is then stored re-encoded (turned upright,
at most `MAX_SIDE` pixels, without EXIF data such as the GPS position) with a JPEG thumbnail.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 50_000_000
MAX_SIDE = 2000
THUMBNAIL_SIZE = (480, 480)
FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}


@dataclass(frozen=True)
class StoredPhoto:
    image: ContentFile
    thumbnail: ContentFile
    content_type: str
    width: int
    height: int


def _rewind(file) -> None:
    if hasattr(file, "seek"):
        file.seek(0)


def check_photo(file) -> str:
    """The Pillow format ("JPEG" or "PNG") of an uploaded file, or a ValidationError."""
    if file.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("Foto terlalu besar (%(size).1f MB). Batasnya %(limit)d MB."),
            code="photo_too_large",
            params={"size": file.size / 1024 / 1024, "limit": MAX_PHOTO_BYTES // 1024 // 1024},
        )
    not_an_image = ValidationError(
        _("Berkas ini bukan foto JPEG atau PNG (isi berkas diperiksa, bukan namanya)."),
        code="not_an_image",
    )
    _rewind(file)
    try:
        with Image.open(file) as image:
            if image.format not in FORMATS:
                raise not_an_image
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("Ukuran gambar terlalu besar (%(w)d × %(h)d piksel)."),
                    code="photo_too_many_pixels",
                    params={"w": width, "h": height},
                )
            image_format = image.format
            image.load()  # decodes every pixel: a truncated or forged file fails here
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_an_image from None
    finally:
        _rewind(file)
    return image_format


def prepare_photo(file) -> StoredPhoto:
    """Re-encode a photo that passed `check_photo`, and make its thumbnail."""
    image_format = check_photo(file)
    content_type, extension = FORMATS[image_format]
    name = uuid.uuid4().hex
    with Image.open(file) as original:
        image = ImageOps.exif_transpose(original)
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        main = io.BytesIO()
        if image_format == "JPEG":
            image.convert("RGB").save(main, "JPEG", quality=85, optimize=True)
        else:
            image.save(main, "PNG", optimize=True)
        width, height = image.size
        thumb = image.copy()
        thumb.thumbnail(THUMBNAIL_SIZE)
        if thumb.mode in ("RGBA", "LA", "P"):
            thumb = thumb.convert("RGBA")
            background = Image.new("RGB", thumb.size, "white")
            background.paste(thumb, mask=thumb.getchannel("A"))
            thumb = background
        small = io.BytesIO()
        thumb.convert("RGB").save(small, "JPEG", quality=80, optimize=True)
    _rewind(file)
    return StoredPhoto(
        image=ContentFile(main.getvalue(), name=f"{name}.{extension}"),
        thumbnail=ContentFile(small.getvalue(), name=f"{name}-kecil.jpg"),
        content_type=content_type,
        width=width,
        height=height,
    )


MAX_PDF_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class StoredEvidence:
    """An evidence file ready to store: a re-encoded photo with its thumbnail, or a PDF."""

    kind: str  # "foto" or "pdf"
    file: ContentFile
    thumbnail: ContentFile | None


def _is_pdf(file) -> bool:
    _rewind(file)
    head = file.read(5)
    _rewind(file)
    return head == b"%PDF-"


def prepare_evidence(file) -> StoredEvidence:
    """A photo (checked and re-encoded as `prepare_photo` does) or a PDF (checked by its first
    bytes and its size), whatever the file is called; anything else is a ValidationError."""
    if _is_pdf(file):
        if file.size > MAX_PDF_BYTES:
            raise ValidationError(
                _("Berkas PDF terlalu besar (%(size).1f MB). Batasnya %(limit)d MB."),
                code="pdf_too_large",
                params={"size": file.size / 1024 / 1024, "limit": MAX_PDF_BYTES // 1024 // 1024},
            )
        _rewind(file)
        content = ContentFile(file.read(), name=f"{uuid.uuid4().hex}.pdf")
        _rewind(file)
        return StoredEvidence(kind="pdf", file=content, thumbnail=None)
    try:
        photo = prepare_photo(file)
    except ValidationError as error:
        if error.code != "not_an_image":
            raise
        raise ValidationError(
            _(
                "Lampiran harus foto JPEG/PNG atau berkas PDF "
                "(isi berkas diperiksa, bukan namanya)."
            ),
            code="not_evidence",
        ) from None
    return StoredEvidence(kind="foto", file=photo.image, thumbnail=photo.thumbnail)


@contextmanager
def removed_on_error(*fields) -> Iterator[None]:
    """Files saved to `fields` (FieldFiles) inside the block are taken back off the storage
    when the block raises: the row that would have pointed at them was not written."""
    try:
        yield
    except Exception:
        for field in fields:
            if field.name:
                field.storage.delete(field.name)
        raise


def deleted_on_commit(*fields) -> None:
    """The files `fields` (FieldFiles) hold now are deleted once the transaction commits: for a
    row about to be deleted, or given other files (a rollback keeps them)."""
    files = [(field.storage, field.name) for field in fields if field.name]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
