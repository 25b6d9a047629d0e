"""Forms of the kasi kesra's review of an assessment (and of a cadre's appeal, written down by the
office). Every review form carries the assessment's `version` the page showed, so that a second
reviewer acting on an older page is refused with a clear message (see
`stunting.incentive.workflow`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelurahan.models import NOTES_MAX_LENGTH
from kelurahan.models.base import limit_text

from ..models.incentive import REASON_MAX_LENGTH

__all__ = [
    "AdjustForm",
    "AnswerForm",
    "AppealForm",
    "ApproveForm",
    "ReturnForm",
    "ReviewReopenForm",
]


def _text(label, required_message, max_length, *, rows=2, help_text=""):
    field = forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        error_messages={"required": required_message},
    )
    return limit_text(field, max_length)


class ApproveForm(forms.Form):
    """The assessment's version as the page showed it (a hidden field)."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": _("Halaman ini tidak lengkap. Muat ulang halaman, lalu ulangi."),
            "invalid": _("Halaman ini tidak lengkap. Muat ulang halaman, lalu ulangi."),
            "min_value": _("Halaman ini tidak lengkap. Muat ulang halaman, lalu ulangi."),
        },
    )


class AdjustForm(ApproveForm):
    value = forms.TypedChoiceField(
        label=_("Nilai baru"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        error_messages={
            "required": _("Pilih nilai 1 sampai 5."),
            "invalid_choice": _("Nilai penilaian 1 sampai 5."),
        },
    )
    reason = _text(
        _("Alasan perubahan"),
        _("Tulis alasan perubahan nilai."),
        REASON_MAX_LENGTH,
        help_text=_("Wajib; tampil pada rapor kader dan riwayat penilaian."),
    )


class AnswerForm(ApproveForm):
    answer = _text(_("Jawaban sanggahan"), _("Tulis jawaban sanggahan."), NOTES_MAX_LENGTH, rows=3)


class ReturnForm(ApproveForm):
    note = _text(
        _("Catatan untuk petugas"),
        _("Tulis catatan untuk petugas: apa yang perlu diperbaiki."),
        REASON_MAX_LENGTH,
    )


class ReviewReopenForm(ApproveForm):
    reason = _text(
        _("Alasan membuka kembali"),
        _("Tulis alasan membuka kembali."),
        REASON_MAX_LENGTH,
        help_text=_("Pembayaran yang tercatat dibatalkan; alasannya disimpan dalam riwayat."),
    )


class AppealForm(forms.Form):
    """A cadre's appeal, written down by the office on the cadre's behalf."""

    text = _text(
        _("Isi sanggahan kader"),
        _("Tulis isi sanggahan."),
        NOTES_MAX_LENGTH,
        rows=3,
        help_text=_("Tulis sanggahan kader dengan kata-katanya sendiri."),
    )
