"""Validators of the cadre register: scanned PDFs. NIK and phone numbers are checked by
`kelurahan.validators` and re-exported here (the migrations name them by this module).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kelurahan.validators import (
    clean_nik,
    format_phone,
    mask_nik,
    nik_birth_parts,
    nik_mismatches,
    normalize_phone,
    validate_nik,
    validate_phone,
)

__all__ = [
    "clean_nik",
    "format_phone",
    "mask_nik",
    "nik_birth_parts",
    "nik_mismatches",
    "normalize_phone",
    "validate_nik",
    "validate_pdf_scan",
    "validate_phone",
]

MAX_SCAN_BYTES = 5 * 1024 * 1024


def validate_pdf_scan(file) -> None:
    """A scanned document: a PDF (by its content, not its name) of at most 5 MB.

    Only new uploads are read; a file already stored was checked when it was uploaded.
    """
    if getattr(file, "_committed", False):
        return
    if file.size > MAX_SCAN_BYTES:
        raise ValidationError(
            _("Berkas terlalu besar (%(size).1f MB). Batasnya %(limit)d MB."),
            code="file_too_large",
            params={"size": file.size / 1024 / 1024, "limit": MAX_SCAN_BYTES // 1024 // 1024},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(5)
    file.seek(position)
    if head != b"%PDF-":
        raise ValidationError(
            _("Berkas harus PDF hasil pindai SK (berkas ini bukan PDF)."), code="not_pdf"
        )
