"""Forms of a meeting's plan: the meeting with its agenda, and its cancellation. Invitations and
attendance are in `rapat_peserta.py`; minutes, decisions, follow-ups and photos in
`rapat_notulen.py`."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelurahan.dates import aware
from kelurahan.forms import DateInput, inline_rows
from kelurahan.models import Kelurahan, Official
from kelurahan.params import parse_id

from ..models import (
    Rapat,
    RapatAgenda,
    holds_kecamatan_meetings,
)


class OrderInput(forms.NumberInput):
    """The number that orders the rows of a list (agenda items, decisions)."""

    def __init__(self, attrs=None):
        super().__init__({"min": 1, "class": "input-order", **(attrs or {})})


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class RapatForm(forms.ModelForm):
    """Plan a meeting. The view sets the host (`kelurahan`, or none for the kecamatan) and the
    `kecamatan` on the instance; an admin picks the host kelurahan in the form."""

    date = forms.DateField(label=_("Tanggal"), widget=DateInput())
    start_time = forms.TimeField(label=_("Jam mulai (WIB)"), widget=TimeInput())
    end_time = forms.TimeField(
        label=_("Jam selesai (WIB)"),
        widget=TimeInput(),
        required=False,
        help_text=_("Kosongkan jika 'sampai selesai'."),
    )
    health_protocol = forms.MultipleChoiceField(
        label=_("Protokol kesehatan"),
        choices=Rapat.Protocol.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Rapat
        fields = [
            "title",
            "kind",
            "level",
            "participants",
            "place",
            "chair",
            "chair_name",
            "chair_position",
            "minute_taker",
            "minute_taker_name",
            "minute_taker_position",
            "health_protocol",
            "health_protocol_notes",
            "letter_number",
            "letter_date",
        ]
        widgets = {
            "participants": forms.CheckboxSelectMultiple,
            "letter_date": DateInput(),
        }

    field_order = ["kelurahan", "title", "kind", "level", "participants", "date", "start_time"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        rapat = self.instance
        if rapat.kelurahan_id is None and rapat.kecamatan_id is None:
            # An admin: choose the host kelurahan.
            self.fields["kelurahan"] = forms.ModelChoiceField(
                label=_("Kelurahan penyelenggara"),
                queryset=Kelurahan.objects.for_user(user).select_related("kecamatan"),
            )
            self.order_fields(self.field_order)
        kecamatan_id = rapat.kecamatan_id or self._posted_kecamatan_id()
        if rapat.kelurahan_id is None and rapat.kecamatan_id is not None:
            # Hosted by the kecamatan: always a kecamatan-level meeting.
            del self.fields["level"]
        self.fields["participants"].queryset = Kelurahan.objects.filter(kecamatan_id=kecamatan_id)
        self.fields["participants"].help_text = (
            _("Kelurahan yang diundang.")
            if rapat.kecamatan_id and not rapat.kelurahan_id
            else _(
                "Untuk rapat tingkat kecamatan: kelurahan yang diundang. Kelurahan "
                "penyelenggara selalu ikut."
            )
        )
        if "level" in self.fields and not holds_kecamatan_meetings(user):
            self._kelurahan_level_only()
        # The host kelurahan's officials (every kelurahan's for a kecamatan's own meeting),
        # and the kecamatan's: a camat may chair.
        hosts = (
            Q(kelurahan_id=rapat.kelurahan_id)
            if rapat.kelurahan_id
            else Q(kelurahan__kecamatan_id=kecamatan_id)
        )
        officials = Official.objects.current().filter(hosts | Q(kecamatan_id=kecamatan_id))
        for name in ("chair", "minute_taker"):
            self.fields[name].queryset = Official.objects.filter(
                Q(pk__in=officials.values("pk")) | Q(pk=getattr(rapat, f"{name}_id"))
            ).select_related("kelurahan", "kecamatan")
            self.fields[name].label_from_instance = self._official_label
        self.fields["chair"].help_text = _(
            "Pilih pejabat, atau tulis nama dan jabatan di bawah (misalnya Camat)."
        )
        if rapat.starts_at:
            local = timezone.localtime(rapat.starts_at)
            self.initial.setdefault("date", local.date())
            self.initial.setdefault("start_time", local.time())
        if rapat.ends_at:
            self.initial.setdefault("end_time", timezone.localtime(rapat.ends_at).time())

    def _kelurahan_level_only(self) -> None:
        """A kelurahan holds meetings of its own people only: meetings across kelurahan are
        the kecamatan's."""
        level = self.fields["level"]
        level.choices = [(Rapat.Level.KELURAHAN, Rapat.Level.KELURAHAN.label)]
        level.help_text = _("Rapat lintas kelurahan dijadwalkan oleh kecamatan.")
        level.error_messages["invalid_choice"] = _(
            "Rapat tingkat kecamatan (lintas kelurahan) hanya dapat diselenggarakan oleh "
            "kecamatan. Minta kecamatan menjadwalkannya dan mengundang kelurahan Anda."
        )
        del self.fields["participants"]

    def _posted_kecamatan_id(self):
        kelurahan_id = parse_id(self.data.get(self.add_prefix("kelurahan")))
        if kelurahan_id is None:
            return None
        return (
            Kelurahan.objects.filter(pk=kelurahan_id)
            .values_list("kecamatan_id", flat=True)[:1]
            .first()
        )

    @staticmethod
    def _official_label(official: Official) -> str:
        return f"{official.name} — {official.title}"

    def clean(self):
        cleaned = super().clean()
        rapat = self.instance
        if "kelurahan" in cleaned:
            rapat.kelurahan = cleaned["kelurahan"]
            rapat.kecamatan_id = cleaned["kelurahan"].kecamatan_id
        level = cleaned.get("level", Rapat.Level.KECAMATAN)
        self._clean_times(cleaned)
        self._clean_people(cleaned)
        if "level" in self.errors:
            return cleaned
        participants = list(cleaned.get("participants") or [])
        if level == Rapat.Level.KELURAHAN:
            cleaned["participants"] = []
        else:
            if rapat.kelurahan and rapat.kelurahan not in participants:
                participants.insert(0, rapat.kelurahan)
            if len(participants) < 2 and rapat.kelurahan_id:
                self.add_error(
                    "participants",
                    _("Rapat tingkat kecamatan melibatkan paling sedikit satu kelurahan lain."),
                )
            elif not participants:
                self.add_error("participants", _("Pilih kelurahan peserta."))
            cleaned["participants"] = participants
        self._check_invitees_stay(rapat, cleaned["participants"], level)
        return cleaned

    def _check_invitees_stay(self, rapat: Rapat, participants, level: str) -> None:
        """A kelurahan whose people are invited cannot be dropped from the meeting."""
        if not rapat.pk:
            return
        allowed = {k.pk for k in participants} | {rapat.kelurahan_id}
        stranded = (
            rapat.peserta.exclude(kelurahan__isnull=True)
            .exclude(kelurahan_id__in=allowed)
            .select_related("kelurahan")
            .first()
        )
        if stranded is not None:
            field = "level" if level == Rapat.Level.KELURAHAN else "participants"
            self.add_error(
                field,
                _(
                    "%(kelurahan)s masih punya peserta yang diundang ke rapat ini. Hapus "
                    "undangan mereka terlebih dahulu."
                )
                % {"kelurahan": stranded.kelurahan},
            )

    def _clean_times(self, cleaned) -> None:
        day, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if day is None or start is None:
            return
        self.instance.starts_at = aware(day, start)
        self.instance.ends_at = aware(day, end) if end else None
        if end and end <= start:
            self.add_error(
                "end_time", _("Rapat tidak boleh selesai sebelum (atau tepat saat) dimulai.")
            )
        letter_date = cleaned.get("letter_date")
        if letter_date and letter_date > day:
            self.add_error(
                "letter_date",
                _("Surat undangan harus bertanggal sebelum rapat atau pada hari rapat."),
            )

    def _clean_people(self, cleaned) -> None:
        for role in ("chair", "minute_taker"):
            official = cleaned.get(role)
            if official and not cleaned.get(f"{role}_name"):
                cleaned[f"{role}_name"] = official.name
            if official and not cleaned.get(f"{role}_position"):
                cleaned[f"{role}_position"] = official.get_position_display()
        if not cleaned.get("chair") and not cleaned.get("chair_name"):
            self.add_error("chair_name", _("Isi siapa yang memimpin rapat."))


class RapatAgendaForm(forms.ModelForm):
    class Meta:
        model = RapatAgenda
        fields = ["order", "title", "presenter"]
        widgets = {"order": OrderInput()}


RapatAgendaFormSet = inline_rows(Rapat, RapatAgenda, RapatAgendaForm, extra=3)


class RapatCancelForm(forms.ModelForm):
    class Meta:
        model = Rapat
        fields = ["cancelled_reason"]
        widgets = {"cancelled_reason": forms.TextInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cancelled_reason"].required = True
