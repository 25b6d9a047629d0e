"""Indonesian phone numbers, checked and formatted by the `phonenumbers` library."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


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
