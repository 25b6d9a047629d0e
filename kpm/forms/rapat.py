"""Forms of the meetings: the plan with its agenda, invitations, attendance, minutes,
decisions, follow-ups and photos."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kelurahan.dates import aware
from kelurahan.forms import DateInput, LabelledInlineFormSet
from kelurahan.models import Kelurahan, Lembaga, Official

from ..models import (
    Kader,
    Rapat,
    RapatAgenda,
    RapatKeputusan,
    RapatPeserta,
    RapatTindakLanjut,
)
from ..uploads import MAX_PHOTO_BYTES, check_photo


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
        self.fields["participants"].help_text = _(
            "Untuk rapat tingkat kecamatan: kelurahan yang diundang. Kelurahan penyelenggara "
            "selalu ikut."
        )
        officials = Official.objects.current().select_related("kelurahan")
        officials = (
            officials.filter(kelurahan_id=rapat.kelurahan_id)
            if rapat.kelurahan_id
            else officials.filter(kelurahan__kecamatan_id=kecamatan_id)
        )
        for name in ("chair", "minute_taker"):
            self.fields[name].queryset = Official.objects.filter(
                Q(pk__in=officials.values("pk")) | Q(pk=getattr(rapat, f"{name}_id"))
            ).select_related("kelurahan")
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

    def _posted_kecamatan_id(self):
        kelurahan_id = self.data.get(self.add_prefix("kelurahan"))
        if not kelurahan_id or not str(kelurahan_id).isdigit():
            return None
        return (
            Kelurahan.objects.filter(pk=kelurahan_id)
            .values_list("kecamatan_id", flat=True)[:1]
            .first()
        )

    @staticmethod
    def _official_label(official: Official) -> str:
        return f"{official.name} — {official.get_position_display()} ({official.kelurahan.name})"

    def clean(self):
        cleaned = super().clean()
        rapat = self.instance
        if "kelurahan" in cleaned:
            rapat.kelurahan = cleaned["kelurahan"]
            rapat.kecamatan_id = cleaned["kelurahan"].kecamatan_id
        level = cleaned.get("level", Rapat.Level.KECAMATAN)
        self._clean_times(cleaned)
        self._clean_people(cleaned)
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

    def _clean_people(self, cleaned) -> None:
        for role in ("chair", "minute_taker"):
            official = cleaned.get(role)
            if official and not cleaned.get(f"{role}_name"):
                cleaned[f"{role}_name"] = official.name
            if official and not cleaned.get(f"{role}_position"):
                position = official.get_position_display()
                cleaned[f"{role}_position"] = position
        if not cleaned.get("chair") and not cleaned.get("chair_name"):
            self.add_error("chair_name", _("Isi siapa yang memimpin rapat."))


class RapatAgendaForm(forms.ModelForm):
    class Meta:
        model = RapatAgenda
        fields = ["order", "title", "presenter"]
        widgets = {"order": forms.NumberInput(attrs={"min": 1, "style": "width: 5rem"})}


RapatAgendaFormSet = inlineformset_factory(
    Rapat,
    RapatAgenda,
    form=RapatAgendaForm,
    formset=LabelledInlineFormSet,
    extra=3,
    can_delete=True,
)


class RapatCancelForm(forms.ModelForm):
    class Meta:
        model = Rapat
        fields = ["cancelled_reason"]
        widgets = {"cancelled_reason": forms.TextInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cancelled_reason"].required = True


# --- Invitations ---------------------------------------------------------------------------------


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
            .filter(kelurahan__in=rapat.participant_kelurahan())
            .exclude(rapat_peserta__rapat=rapat)
            .select_related("kelurahan")
            .order_by("kelurahan__name", "position", "name")
        )
        super().__init__(
            *args,
            queryset=queryset,
            label_from_instance=lambda o: (
                f"{o.name} — {o.get_position_display()}, {o.kelurahan.name}"
            ),
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


# --- Minutes, decisions, follow-ups, photos ----------------------------------------------------


class RapatMinutesForm(forms.ModelForm):
    class Meta:
        model = Rapat
        fields = ["minutes", "minute_taker_name", "minute_taker_position"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 8})}


class AgendaDiscussionForm(forms.ModelForm):
    class Meta:
        model = RapatAgenda
        fields = ["order", "title", "discussion"]
        widgets = {
            "order": forms.NumberInput(attrs={"min": 1, "style": "width: 5rem"}),
            "discussion": forms.Textarea(attrs={"rows": 4}),
        }


AgendaDiscussionFormSet = inlineformset_factory(
    Rapat,
    RapatAgenda,
    form=AgendaDiscussionForm,
    formset=LabelledInlineFormSet,
    extra=1,
    can_delete=True,
)


class KeputusanForm(forms.ModelForm):
    class Meta:
        model = RapatKeputusan
        fields = ["order", "text"]
        widgets = {
            "order": forms.NumberInput(attrs={"min": 1, "style": "width: 5rem"}),
            "text": forms.Textarea(attrs={"rows": 2}),
        }


KeputusanFormSet = inlineformset_factory(
    Rapat,
    RapatKeputusan,
    form=KeputusanForm,
    formset=LabelledInlineFormSet,
    extra=2,
    can_delete=True,
)


class TindakLanjutForm(forms.ModelForm):
    class Meta:
        model = RapatTindakLanjut
        fields = [
            "description",
            "assignee_kader",
            "assignee_official",
            "assignee_name",
            "due_date",
            "status",
            "done_on",
            "notes",
        ]
        widgets = {"due_date": DateInput(), "done_on": DateInput()}
        labels = {
            "assignee_kader": _("Kader"),
            "assignee_official": _("Pejabat/tokoh"),
            "assignee_name": _("Lainnya"),
        }
        help_texts = {"assignee_name": ""}

    def __init__(self, *args, rapat: Rapat, kader_choices, official_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.rapat = rapat
        self.fields["assignee_kader"].queryset = kader_choices
        self.fields["assignee_official"].queryset = official_choices

    def clean(self):
        cleaned = super().clean()
        kader, official = cleaned.get("assignee_kader"), cleaned.get("assignee_official")
        if kader and official:
            raise ValidationError(_("Pilih satu penanggung jawab saja: kader atau pejabat/tokoh."))
        if not (kader or official or cleaned.get("assignee_name")):
            self.add_error("assignee_name", _("Isi siapa penanggung jawabnya."))
        if cleaned.get("status") == RapatTindakLanjut.Status.SELESAI and not cleaned.get("done_on"):
            cleaned["done_on"] = timezone.localdate()
        if kader or official:
            cleaned["assignee_name"] = ""
        self.instance.kelurahan = (
            kader.kelurahan if kader else official.kelurahan if official else self.rapat.kelurahan
        )
        return cleaned


class _TindakLanjutBaseFormSet(LabelledInlineFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rapat = self.instance
        # The people who can take a follow-up: the invited cadres and officials.
        self.kader_choices = Kader.objects.filter(rapat_peserta__rapat=rapat).order_by("name")
        self.official_choices = Official.objects.filter(rapat_peserta__rapat=rapat).order_by("name")
        # Evaluate once for every row of the formset.
        self.kader_choices = _cached(self.kader_choices)
        self.official_choices = _cached(self.official_choices)

    def get_form_kwargs(self, index):
        return {
            **super().get_form_kwargs(index),
            "rapat": self.instance,
            "kader_choices": self.kader_choices,
            "official_choices": self.official_choices,
        }


def _cached(queryset):
    """A queryset whose rows are fetched once, however many select boxes render it."""
    queryset._fetch_all()
    return queryset


TindakLanjutFormSet = inlineformset_factory(
    Rapat,
    RapatTindakLanjut,
    form=TindakLanjutForm,
    formset=_TindakLanjutBaseFormSet,
    extra=2,
    can_delete=True,
)


class TindakLanjutStatusForm(forms.ModelForm):
    class Meta:
        model = RapatTindakLanjut
        fields = ["status", "notes"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == RapatTindakLanjut.Status.SELESAI:
            self.instance.done_on = self.instance.done_on or timezone.localdate()
        else:
            self.instance.done_on = None
        return cleaned


class FotoForm(forms.Form):
    image = forms.FileField(
        label=_("Foto (JPEG atau PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    caption = forms.CharField(label=_("Keterangan foto"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted here, in the request's language (at import time it would stay Indonesian).
        limit = MAX_PHOTO_BYTES // 1024 // 1024
        self.fields["image"].help_text = _("Paling besar %(mb)d MB.") % {"mb": limit}

    def clean_image(self):
        upload = self.cleaned_data["image"]
        check_photo(upload)
        return upload
