"""Forms of referrals to OPD: a new referral of one target (the view fixes the target), and the
next step of a referral (its status, day and note)."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils import dates, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelurahan import formguard
from kelurahan.dates import next_month
from kelurahan.forms import DateInput, ScopedModelForm
from kelurahan.models import OPD
from kelurahan.params import YEARS
from kpm.models import PaketLayanan

from ..models import REASONS, Referral
from .monitoring import cadre_queryset, not_in_future

__all__ = [
    "ReferralForm",
    "ReferralPeriodForm",
    "ReferralStepForm",
    "reason_choices",
    "usual_opd",
]


def reason_choices() -> list:
    """The reasons grouped by their paket layanan, in the order of the five packages; the
    reasons of no package ("lainnya") last."""
    groups = []
    for paket, label in PaketLayanan.choices:
        reasons = [(r, Referral.Reason(r).label) for r, (p, _k) in REASONS.items() if p == paket]
        groups.append((label, reasons))
    others = [(r, Referral.Reason(r).label) for r, (p, _k) in REASONS.items() if not p]
    return [("", "---------"), *groups, (_("Lainnya"), others)]


def _opd_choices(user, person) -> OPD.objects:
    """The OPD of the target's city that the user may see."""
    return OPD.objects.for_user(user).filter(kota_id=person.kelurahan.kecamatan.kota_id)


def usual_opd(opds, reason: str, person) -> OPD | None:
    """The OPD a referral for `reason` usually goes to, when there is exactly one of the
    reason's kind serving the target's kecamatan (a city-wide one, or one whose working area is
    that kecamatan)."""
    kind = REASONS.get(reason, ("", ""))[1]
    if not kind:
        return None
    candidates = [
        opd
        for opd in opds
        if opd.kind == kind and opd.kecamatan_id in (None, person.kelurahan.kecamatan_id)
    ]
    return candidates[0] if len(candidates) == 1 else None


class ReferralForm(ScopedModelForm):
    """A referral of the instance's target (set by the view, with its kelurahan)."""

    class Meta:
        model = Referral
        fields = ["reason", "opd", "reason_detail", "referred_on", "kader"]
        widgets = {
            "referred_on": DateInput(),
            "reason_detail": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "reason_detail": gettext_lazy(
                "Keadaan sasaran dan layanan yang diminta, untuk surat rujukan."
            ),
        }

    def __init__(self, *args, reason: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        person = self.instance.person
        self.fields["reason"].choices = reason_choices()
        kind = REASONS.get(reason, ("", ""))[1]
        opds = _opd_choices(self.user, person).order_by(
            Case(When(kind=kind, then=Value(0)), default=Value(1), output_field=IntegerField()),
            "kind",
            "name",
        )
        self.fields["opd"].queryset = opds
        self.fields["kader"].queryset = cadre_queryset(person.kelurahan_id, self.instance.kader_id)
        self.fields["kader"].required = False
        if not self.is_bound:
            self.initial["referred_on"] = self.initial.get("referred_on") or timezone.localdate()
            if reason in REASONS:
                self.initial["reason"] = reason
                usual = usual_opd(opds, reason, person)
                if usual is not None:
                    self.initial["opd"] = usual.pk

    def clean_referred_on(self):
        return not_in_future(self.cleaned_data["referred_on"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == Referral.Reason.LAINNYA and not cleaned.get("reason_detail"):
            self.add_error("reason_detail", _("Untuk alasan “Lainnya”, tulis uraiannya."))
        return cleaned


class ReferralStepForm(forms.Form):
    """The next step of a referral: one of the statuses that may follow, its day, a note (the
    reason, for a refusal). A one-time token makes a double click one step."""

    status = forms.ChoiceField(label=gettext_lazy("Langkah berikutnya"))
    on = forms.DateField(label=gettext_lazy("Tanggal"), widget=DateInput())
    note = forms.CharField(
        label=gettext_lazy("Catatan"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Wajib diisi bila rujukan ditolak: tulis alasannya."),
    )

    def __init__(self, *args, referral: Referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.referral = referral
        self.fields["status"].choices = [
            (status, Referral.Status(status).label) for status in referral.next_statuses
        ]
        self.fields["status"].error_messages["invalid_choice"] = _(
            "Langkah ini tidak bisa mengikuti status rujukan sekarang."
        )
        self.fields["on"].initial = max(timezone.localdate(), referral.status_on)
        formguard.add_token_field(self)

    def clean_on(self) -> datetime.date:
        day = not_in_future(self.cleaned_data["on"])
        if day < self.referral.status_on:
            raise forms.ValidationError(
                _("Tanggal tidak boleh sebelum langkah sebelumnya (%(date)s).")
                % {"date": self.referral.status_on.strftime("%d/%m/%Y")}
            )
        return day

    def clean(self):
        cleaned = super().clean()
        note = (cleaned.get("note") or "").strip()
        if cleaned.get("status") == Referral.Status.DITOLAK and not note:
            self.add_error("note", _("Tulis alasan penolakan."))
        return cleaned


MONTHS = list(dates.MONTHS.items())  # Django's month names, in the page's language


class ReferralPeriodForm(forms.Form):
    """The recap's period: the referrals made in a year (this year by default) or one month of
    it. An unreadable value is a form error and the default period applies."""

    tahun = forms.IntegerField(
        label=gettext_lazy("Tahun dirujuk"), min_value=YEARS.start, max_value=YEARS.stop - 1
    )
    bulan = forms.TypedChoiceField(
        label=gettext_lazy("Bulan"),
        choices=[("", gettext_lazy("Setahun penuh")), *MONTHS],
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, data=None, **kwargs):
        year = timezone.localdate().year
        if data is not None and not data.get("tahun"):
            data = {**data.dict(), "tahun": year}
        super().__init__(data, initial={"tahun": year}, **kwargs)
        self.fields["tahun"].required = False

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The first day of the period and the first day after it."""
        year, month = timezone.localdate().year, None
        if self.is_valid():
            year = self.cleaned_data["tahun"] or year
            month = self.cleaned_data["bulan"]
        if month:
            start = datetime.date(year, month, 1)
            return start, next_month(start)
        return datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)

    def narrow(self, referrals):
        start, end = self.period()
        return referrals.filter(referred_on__gte=start, referred_on__lt=end)

    @property
    def label(self) -> str:
        start, end = self.period()
        if (end - start).days < 32:
            return f"{MONTHS[start.month - 1][1]} {start.year}"
        return str(start.year)
