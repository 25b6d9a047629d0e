"""Forms of a meeting's invitations (undangan) and attendance (presensi)."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kelurahan.models import Lembaga, Official

from ..models import (
    Kader,
    Rapat,
    RapatPeserta,
)


class _PickForm(forms.Form):
    """Pick several rows out of `queryset` with check boxes."""

    def __init__(self, *args, queryset, label_from_instance=str, **kwargs):
        super().__init__(*args, **kwargs)
        field = forms.ModelMultipleChoiceField(
            label=_("Pilih"),
            queryset=queryset,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Pilih paling sedikit satu.")},
        )
        field.label_from_instance = label_from_instance
        self.fields["items"] = field


class InviteKaderForm(_PickForm):
    def __init__(self, *args, rapat: Rapat, queryset=None, **kwargs):
        if queryset is None:
            queryset = Kader.objects.filter(kelurahan__in=rapat.participant_kelurahan())
        queryset = (
            queryset.exclude(rapat_peserta__rapat=rapat)
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
    def __init__(self, *args, rapat: Rapat, **kwargs):
        queryset = (
            Official.objects.current()
            .filter(
                Q(kelurahan__in=rapat.participant_kelurahan()) | Q(kecamatan_id=rapat.kecamatan_id)
            )
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
    def __init__(self, *args, rapat: Rapat, **kwargs):
        queryset = (
            Lembaga.objects.filter(kelurahan__in=rapat.participant_kelurahan(), is_active=True)
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


class MarkAttendanceForm(forms.Form):
    attendance = forms.ChoiceField(
        choices=[c for c in RapatPeserta.Attendance.choices if c[0]]
        + [(RapatPeserta.Attendance.BELUM, RapatPeserta.Attendance.BELUM.label)]
    )
