"""Validators for personal data kept in the cadre register: NIK and scanned PDFs (phone
numbers are checked by kelurahan.validators and re-exported here).

NIK rules come from python-stdnum (`stdnum.id.nik`): 16 digits, a known region code and a valid
DDMMYY birth date, where women have 40 added to the day.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidComponent, InvalidFormat, InvalidLength
from stdnum.id import nik as stdnum_nik

from kelurahan.validators import format_phone, normalize_phone, validate_phone

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

SEX_MALE = "L"
SEX_FEMALE = "P"
MAX_SCAN_BYTES = 5 * 1024 * 1024


def clean_nik(value: str) -> str:
    """The NIK without spaces, dots or dashes."""
    return stdnum_nik.compact(value or "")


def validate_nik(value: str) -> None:
    """Raise a ValidationError in Indonesian when `value` is not a valid NIK."""
    try:
        stdnum_nik.validate(value)
    except InvalidLength as exc:
        raise ValidationError(_("NIK harus 16 digit."), code="nik_length") from exc
    except InvalidFormat as exc:
        raise ValidationError(_("NIK hanya boleh berisi angka."), code="nik_format") from exc
    except InvalidComponent as exc:
        raise ValidationError(
            _(
                "NIK tidak valid: kode wilayah atau tanggal lahir di dalam NIK tidak dikenal. "
                "Periksa kembali sesuai KTP."
            ),
            code="nik_component",
        ) from exc


def nik_birth_parts(value: str) -> tuple[int, int, int, str]:
    """The (day, month, two-digit year, sex) coded in a NIK that has passed `validate_nik`."""
    number = clean_nik(value)
    day = int(number[6:8])
    sex = SEX_FEMALE if day > 40 else SEX_MALE
    return day % 40, int(number[8:10]), int(number[10:12]), sex


def nik_mismatches(value: str, *, birth_date: datetime.date | None, sex: str) -> dict:
    """Field errors where the birth date or sex entered disagree with the ones coded in the NIK.

    The NIK codes only two digits of the year, so the year is compared modulo 100.
    """
    if not stdnum_nik.is_valid(value):
        return {}
    day, month, year, nik_sex = nik_birth_parts(value)
    errors = {}
    if birth_date and (birth_date.day, birth_date.month, birth_date.year % 100) != (
        day,
        month,
        year,
    ):
        errors["birth_date"] = ValidationError(
            _(
                "Tanggal lahir tidak cocok dengan NIK: menurut NIK tanggal lahirnya "
                "%(day)02d-%(month)02d-..%(year)02d."
            ),
            code="nik_birth_date",
            params={"day": day, "month": month, "year": year},
        )
    if sex and sex != nik_sex:
        label = _("perempuan") if nik_sex == SEX_FEMALE else _("laki-laki")
        errors["sex"] = ValidationError(
            _("Jenis kelamin tidak cocok dengan NIK: menurut NIK orang ini %(sex)s."),
            code="nik_sex",
            params={"sex": label},
        )
    return errors


def mask_nik(value: str) -> str:
    """Show only the first four and last two digits: 3578**********01."""
    if not value:
        return ""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 6) + value[-2:]


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
