"""Forms of a meeting's invitations (undangan) and attendance (presensi)."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kelurahan import formguard

from ..models import (
    Rapat,
    RapatPeserta,
    invitable_kaders,
    invitable_lembaga,
    invitable_officials,
)


class _InviteForm(forms.Form):
    """Pick several of the meeting's `invitable` rows not yet invited (or of `queryset`, a
    filtered part of them) with check boxes. A posted row outside them (another kelurahan's
    person, a cadre who had left by the meeting's date...) gets `refusal`."""

    label = ""
    refusal = ""
    related: tuple[str, ...] = ("kelurahan",)
    ordering: tuple[str, ...] = ()
    invitable: Callable[[Rapat], QuerySet]  # the rows the meeting may invite

    def __init__(self, *args, rapat: Rapat, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        rows = self.invitable(rapat) if queryset is None else queryset
        field = forms.ModelMultipleChoiceField(
            label=self.label,
            queryset=rows.exclude(rapat_peserta__rapat=rapat)
            .select_related(*self.related)
            .order_by(*self.ordering),
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": _("Pilih paling sedikit satu."),
                "invalid_choice": self.refusal,
            },
        )
        field.label_from_instance = self.label_from_instance
        self.fields["items"] = field

    def label_from_instance(self, obj) -> str:
        return str(obj)


class InviteKaderForm(_InviteForm):
    label = _("Kader")
    refusal = _(
        "Ada kader yang tidak dapat diundang. Yang dapat diundang hanya kader dari kelurahan "
        "peserta rapat yang masih aktif pada tanggal rapat dan belum diundang."
    )
    ordering = ("kelurahan__name", "name")
    invitable = staticmethod(invitable_kaders)

    def label_from_instance(self, kader) -> str:
        stopped = "" if kader.is_active else f" ({_('berhenti')})"
        return f"{kader.name} — {kader.get_origin_display()}, {kader.kelurahan.name}{stopped}"


class InviteOfficialForm(_InviteForm):
    label = _("Pejabat dan tokoh")
    refusal = _(
        "Ada pejabat/tokoh yang tidak dapat diundang. Yang dapat diundang hanya pejabat/tokoh "
        "dari kelurahan peserta rapat yang menjabat pada tanggal rapat dan belum diundang."
    )
    related = ("kelurahan", "kecamatan")
    ordering = ("kecamatan_id", "kelurahan__name", "position", "name")
    invitable = staticmethod(invitable_officials)

    def label_from_instance(self, official) -> str:
        return f"{official.name} — {official.title}"


class InviteLembagaForm(_InviteForm):
    label = _("Lembaga")
    refusal = _(
        "Ada lembaga yang tidak dapat diundang. Yang dapat diundang hanya lembaga aktif dari "
        "kelurahan peserta rapat yang belum diundang."
    )
    ordering = ("kelurahan__name", "kind", "name")
    invitable = staticmethod(invitable_lembaga)

    def label_from_instance(self, lembaga) -> str:
        return f"{lembaga.name} ({lembaga.kelurahan.name})"


class GuestForm(forms.ModelForm):
    """A guest who is not in the system: name, position, institution."""

    class Meta:
        model = RapatPeserta
        fields = ["name", "position", "institution"]
        labels = {"name": _("Nama tamu")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        formguard.add_token_field(self)  # a double tap adds the guest once

    def guest(self) -> dict:
        """The guest's name, position and institution, as `add_guest` takes them."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class MarkAttendanceForm(forms.Form):
    attendance = forms.ChoiceField(
        choices=[c for c in RapatPeserta.Attendance.choices if c[0]]
        + [(RapatPeserta.Attendance.BELUM, RapatPeserta.Attendance.BELUM.label)]
    )
