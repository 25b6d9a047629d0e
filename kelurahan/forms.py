from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.signals import user_login_failed
from django.db import models
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from .models import (
    NOTES_MAX_LENGTH,
    RT,
    RW,
    KelompokMasyarakat,
    Kelurahan,
    Lembaga,
    Officer,
    Official,
)
from .models.base import limit_text
from .money import MAX_RUPIAH, RupiahError, parse_rupiah
from .validators import clean_nip, normalize_phone


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        # Django's own Indonesian text repeats "nama pengguna"; say it plainly.
        "invalid_login": _(
            "Nama pengguna atau sandi salah. Periksa kembali; huruf besar dan kecil dibedakan."
        ),
        "inactive": _("Akun ini tidak aktif. Hubungi admin kelurahan."),
    }


class GuardedPasswordChangeForm(PasswordChangeForm):
    """A wrong old password counts as a failed login (django-axes), so the password form
    cannot be used to guess a password that the login form would lock out."""

    def __init__(self, user, *args, request, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    @property
    def credentials(self) -> dict:
        return {"username": self.user.get_username()}

    @property
    def locked(self) -> bool:
        return AxesProxyHandler.is_locked(self.request, self.credentials)

    def clean_old_password(self):
        if self.locked:
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        try:
            return super().clean_old_password()
        except forms.ValidationError:
            user_login_failed.send(
                sender=type(self), credentials=self.credentials, request=self.request
            )
            raise

    error_messages = {
        **PasswordChangeForm.error_messages,
        "locked": _("Terlalu banyak percobaan sandi yang salah. Akun dikunci sementara."),
    }


class ChildSelect(forms.Select):
    """A select whose options carry their parent's id (`data-parent`), filtered in the browser by
    the select `filter_by` names (static/js/options_by_parent.js): the RT of the chosen RW.
    `parent_attr` is the attribute of the option's object that holds the parent's id."""

    def __init__(self, *, filter_by: str, parent_attr: str, attrs=None):
        super().__init__({**(attrs or {}), "data-filter-by": filter_by})
        self.parent_attr = parent_attr

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-parent"] = str(getattr(instance, self.parent_attr))
        return option


def digits_field(label, *, help_text, required: bool = True) -> forms.CharField:
    """A number of digits (NIK, NIP), with the phone's number keyboard. Wider than the number
    so that one typed with its usual spaces or dots (19700101 199003 1 001) is accepted; the
    form or the model compacts and checks it."""
    return forms.CharField(
        label=label,
        max_length=24,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class RupiahField(forms.IntegerField):
    """An amount in whole Rupiah, typed as people write it: "1500000", "1.500.000" or
    "Rp 1.500.000". A decimal, a negative or text is refused with a message saying how to write
    it; shown again grouped ("1.500.000")."""

    default_error_messages = {
        "invalid": _("Tulis jumlah dengan angka, misalnya 1.500.000."),
        "decimal": _("Tulis jumlah dalam Rupiah utuh, tanpa sen (misalnya 1.500.000)."),
        "negative": _("Jumlah tidak boleh negatif."),
    }

    def __init__(self, *, min_value: int = 0, max_value: int = MAX_RUPIAH, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def to_python(self, value):
        if value in self.empty_values or str(value).strip() == "":
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_rupiah(value)
        except RupiahError as error:
            raise forms.ValidationError(self.error_messages[error.code], code=error.code) from None

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}".replace(",", ".")
        return value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m")


class PhoneFieldMixin:
    """Store the form's `phone` field as a normalised Indonesian number (+62...)."""

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))


def limit_free_text(form: forms.ModelForm) -> None:
    """The form's fields of plain TextFields (those of this app's models, which keep their
    columns as they are) get the notes limit that `LimitedTextField` gives the others."""
    for model_field in form._meta.model._meta.fields:
        if type(model_field) is models.TextField and model_field.name in form.fields:
            limit_text(form.fields[model_field.name], NOTES_MAX_LENGTH)


class ScopedModelForm(PhoneFieldMixin, forms.ModelForm):
    """A ModelForm for a row that belongs to a kelurahan.

    The view passes the instance with its kelurahan already set. A user whose scope holds
    several kelurahan (an admin) picks the kelurahan of a new row in the form instead. The
    kelurahan takes part in the database-constraint checks even though it is not a form field,
    so that a duplicate shows as a form error rather than a database error.
    """

    scope_field = "kelurahan"

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.kelurahan_id is None:
            kelurahan_field = forms.ModelChoiceField(
                label=_("Kelurahan"), queryset=Kelurahan.objects.for_user(user)
            )
            self.fields = {"kelurahan": kelurahan_field, **self.fields}
        limit_free_text(self)
        kelurahan_id = self.instance.kelurahan_id or self.data.get(self.add_prefix("kelurahan"))
        for name in ("rw",):
            if name in self.fields:
                self.fields[name].queryset = RW.objects.filter(kelurahan_id=kelurahan_id or None)

    def clean(self):
        cleaned = super().clean()
        if "kelurahan" in cleaned:
            self.instance.kelurahan = cleaned["kelurahan"]
        return cleaned

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        exclusions.discard(self.scope_field)
        return exclusions


class LabelledInlineFormSet(BaseInlineFormSet):
    """An inline formset whose duplicate-row message names fields by their labels, and which
    takes at most ROWS_MAX rows: a posted row count of thousands is refused with a form error
    instead of building thousands of forms (Django's own cap is 2,000)."""

    ROWS_MAX = 100

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_num = min(self.max_num, self.ROWS_MAX)
        self.absolute_max = min(self.absolute_max, self.ROWS_MAX)

    def get_unique_error_message(self, unique_check):
        labels = [
            str(self.model._meta.get_field(name).verbose_name)
            for name in unique_check
            if name != self.fk.name
        ]
        return _("Ada baris ganda untuk %(fields)s: setiap baris harus berbeda.") % {
            "fields": ", ".join(labels)
        }


def inline_rows(parent, model, form, *, extra: int, formset=LabelledInlineFormSet):
    """The rows of `model` edited on `parent`'s form (officers of a lembaga, agenda of a rapat):
    `extra` empty rows, each deletable."""
    return inlineformset_factory(
        parent, model, form=form, formset=formset, extra=extra, can_delete=True
    )


class LembagaForm(ScopedModelForm):
    class Meta:
        model = Lembaga
        fields = ["kind", "name", "rw", "address", "phone", "established_on", "is_active", "notes"]
        widgets = {"established_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}


class OfficerForm(PhoneFieldMixin, forms.ModelForm):
    class Meta:
        model = Officer
        fields = ["name", "position", "phone", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}


OfficerFormSet = inline_rows(Lembaga, Officer, OfficerForm, extra=2)


class KelompokMasyarakatForm(ScopedModelForm):
    class Meta:
        model = KelompokMasyarakat
        fields = [
            "kind",
            "name",
            "rw",
            "contact_name",
            "phone",
            "member_count",
            "is_active",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}


class OfficialForm(ScopedModelForm):
    """An official of a kelurahan (the kecamatan's own are kept in the admin site)."""

    nip = digits_field(
        _("NIP"), help_text=Official._meta.get_field("nip").help_text, required=False
    )

    class Meta:
        model = Official
        fields = [
            "name",
            "position",
            "position_detail",
            "nip",
            "nrp",
            "phone",
            "start_date",
            "end_date",
            "notes",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        position = self.fields["position"]
        position.choices = [
            choice for choice in position.choices if choice[0] not in Official.KECAMATAN_POSTS
        ]

    def clean_nip(self) -> str:
        return clean_nip(self.cleaned_data.get("nip", ""))


class RWForm(ScopedModelForm):
    class Meta:
        model = RW
        fields = ["number", "chair_name"]


class RTForm(forms.ModelForm):
    class Meta:
        model = RT
        fields = ["number", "chair_name"]


RTFormSet = inline_rows(RW, RT, RTForm, extra=3)


CONFIRM_FIELD = "konfirmasi"


class ConfirmRepostForm(forms.Form):
    """The confirmation page's form: the data first submitted, hidden, posted back with
    `konfirmasi=1` (see `viewhelpers.confirm_page`)."""

    def __init__(self, submitted_data):
        super().__init__()
        for name in submitted_data:
            if name not in (CONFIRM_FIELD, "csrfmiddlewaretoken"):
                self.fields[name] = forms.Field(
                    widget=forms.MultipleHiddenInput, initial=submitted_data.getlist(name)
                )
        self.fields[CONFIRM_FIELD] = forms.CharField(widget=forms.HiddenInput, initial="1")


class KelurahanChoiceForm(forms.Form):
    """The `?kelurahan=` chooser of a page for users whose scope holds several kelurahan."""

    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan"), queryset=Kelurahan.objects.none(), empty_label=None
    )

    def __init__(self, *args, user, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["kelurahan"]
        field.queryset = Kelurahan.objects.for_user(user).order_by("kecamatan__name", "name")
        field.initial = current
