"""Personal data every app keeps: NIK (checked, compared with the birth date and sex it codes,
masked for read-only roles) and Indonesian phone numbers.

NIK rules come from python-stdnum (`stdnum.id.nik`): 16 digits, a known region code and a valid
DDMMYY birth date, where women have 40 added to the day. Phone numbers are checked and
formatted by the `phonenumbers` library.
"""

from __future__ import annotations

import datetime

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidComponent, InvalidFormat, InvalidLength
from stdnum.id import nik as stdnum_nik

from .choices import Sex


def normalize_phone(value: str) -> str:
    """An Indonesian phone number in E.164 form (+62...), "" for empty, or a ValidationError.

    Accepts national (0812-3456-7890, (031) 5678901) and international (62..., +62...) forms.
    """
    value = (value or "").strip()
    if not value:
        return ""
    if any(char.isalpha() for char in value):
        # phonenumbers would read letters as a keypad word (ABC = 2); a register wants digits.
        raise ValidationError(_("Nomor telepon hanya boleh berisi angka."), code="phone_format")
    try:
        number = phonenumbers.parse(value, "ID")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            _("Nomor telepon tidak terbaca. Tulis seperti 0812-3456-7890 atau 031-5678901."),
            code="phone_format",
        ) from exc
    if number.country_code != 62 or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("Nomor telepon Indonesia tidak valid (contoh: 0812-3456-7890 atau 031-5678901)."),
            code="phone_invalid",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value: str) -> None:
    normalize_phone(value)


def format_phone(value: str) -> str:
    """+6281234567890 -> 0812-3456-7890 for display; anything unparsable is shown as stored."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "ID")
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


# --- NIK ---------------------------------------------------------------------------------------


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
    sex = Sex.PEREMPUAN if day > 40 else Sex.LAKI_LAKI
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
        label = _("perempuan") if nik_sex == Sex.PEREMPUAN else _("laki-laki")
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


# --- NIP ---------------------------------------------------------------------------------------


def clean_nip(value: str) -> str:
    """The NIP without the spaces, dots or dashes it is often printed with
    (19700101 199003 1 001)."""
    return "".join(char for char in (value or "") if char not in " .-")


def validate_nip(value: str) -> None:
    """An NIP (Nomor Induk Pegawai) of a civil servant: 18 digits, which code the birth date
    (YYYYMMDD), the month of appointment (YYYYMM), the sex (1 or 2) and a serial number."""
    if not value.isdigit() or len(value) != 18:
        raise ValidationError(_("NIP harus 18 digit angka."), code="nip_length")
    try:
        datetime.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError as exc:
        raise ValidationError(
            _("NIP tidak valid: 8 digit pertama harus tanggal lahir (tahun, bulan, tanggal)."),
            code="nip_birth_date",
        ) from exc
    if not 1 <= int(value[12:14]) <= 12:
        raise ValidationError(
            _("NIP tidak valid: digit ke-9 sampai ke-14 harus tahun dan bulan pengangkatan."),
            code="nip_appointment",
        )
    if value[14] not in "12":
        raise ValidationError(
            _("NIP tidak valid: digit ke-15 (jenis kelamin) harus 1 atau 2."), code="nip_sex"
        )


def nik_for(user, value: str) -> str:
    """A NIK or KK number as `user` may see it: whole for those who keep the register
    (`User.sees_full_nik`), masked for everyone else."""
    if getattr(user, "sees_full_nik", False):
        return value or ""
    return mask_nik(value)
