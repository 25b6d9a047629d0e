"""Forms of a meeting's invitations (undangan) and attendance (presensi)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kelurahan import formguard

from ..models import (
    Rapat,
    RapatPeserta,
    invitable_kaders,
    invitable_lembaga,
    invitable_officials,
)


class _PickForm(forms.Form):
    """Pick several rows out of `queryset` with check boxes. A posted row outside it (another
    kelurahan's person, a cadre who had left by the meeting's date...) gets `refusal`."""

    refusal = ""

    def __init__(self, *args, queryset, label_from_instance=str, **kwargs):
        super().__init__(*args, **kwargs)
        field = forms.ModelMultipleChoiceField(
            label=_("Pilih"),
            queryset=queryset,
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": _("Pilih paling sedikit satu."),
                "invalid_choice": self.refusal,
            },
        )
        field.label_from_instance = label_from_instance
        self.fields["items"] = field


class InviteKaderForm(_PickForm):
    refusal = _(
        "Ada kader yang tidak dapat diundang. Yang dapat diundang hanya kader dari kelurahan "
        "peserta rapat yang masih aktif pada tanggal rapat dan belum diundang."
    )

    def __init__(self, *args, rapat: Rapat, queryset=None, **kwargs):
        queryset = (
            (invitable_kaders(rapat) if queryset is None else queryset)
            .exclude(rapat_peserta__rapat=rapat)
            .select_related("kelurahan")
            .order_by("kelurahan__name", "name")
        )
        super().__init__(
            *args,
            queryset=queryset,
            label_from_instance=lambda k: (
                f"{k.name} — {k.get_origin_display()}, {k.kelurahan.name}"
                + ("" if k.is_active else f" ({_('berhenti')})")
            ),
            **kwargs,
        )
        self.fields["items"].label = _("Kader")


class InviteOfficialForm(_PickForm):
    refusal = _(
        "Ada pejabat/tokoh yang tidak dapat diundang. Yang dapat diundang hanya pejabat/tokoh "
        "dari kelurahan peserta rapat yang menjabat pada tanggal rapat dan belum diundang."
    )

    def __init__(self, *args, rapat: Rapat, **kwargs):
        queryset = (
            invitable_officials(rapat)
            .exclude(rapat_peserta__rapat=rapat)
            .select_related("kelurahan", "kecamatan")
            .order_by("kecamatan_id", "kelurahan__name", "position", "name")
        )
        super().__init__(
            *args,
            queryset=queryset,
            label_from_instance=lambda o: f"{o.name} — {o.title}",
            **kwargs,
        )
        self.fields["items"].label = _("Pejabat dan tokoh")


class InviteLembagaForm(_PickForm):
    refusal = _(
        "Ada lembaga yang tidak dapat diundang. Yang dapat diundang hanya lembaga aktif dari "
        "kelurahan peserta rapat yang belum diundang."
    )

    def __init__(self, *args, rapat: Rapat, **kwargs):
        queryset = (
            invitable_lembaga(rapat)
            .exclude(rapat_peserta__rapat=rapat)
            .select_related("kelurahan")
            .order_by("kelurahan__name", "kind", "name")
        )
        super().__init__(
            *args,
            queryset=queryset,
            label_from_instance=lambda lem: f"{lem.name} ({lem.kelurahan.name})",
            **kwargs,
        )
        self.fields["items"].label = _("Lembaga")


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
