"""Two users at once: version checks on edit forms, one-time tokens on creating forms.

- A form of a saved record carries the record's version (its `updated_at` when the form was
  opened) in a hidden `versi` field. The save locks the row (`select_for_update`) and refuses
  when it changed meanwhile, saying who changed it, when and which fields (from the change
  history); nothing is written and the form is shown again with the user's input.
- A creating form carries a one-time token in a hidden `token_formulir` field. The save writes
  a `FormSubmission` with that (unique) token in the same transaction as the new record, so a
  repeated or concurrent POST of the same form creates nothing and goes to the saved record.
- A constraint race (two saves that both passed validation) ends in a form error, not a 500.

`edit_form_view` applies all three to every form it gets; views with forms of their own call
`protect`, `repeated` and `save_once` the same way.
"""

from __future__ import annotations

import datetime
import re
import secrets
from collections.abc import Callable, Iterable

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import FormSubmission

VERSION_FIELD = "versi"
TOKEN_FIELD = "token_formulir"
KEEP_TOKENS = datetime.timedelta(days=7)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
_NOT_COMPARED = {"created_at", "updated_at"}


class StampField(forms.CharField):
    """A hidden value the page carries back (a version or a token); never counts as a change."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data) -> bool:
        return False


class OnceForm(forms.Form):
    """Only a one-time token: the form of a button that saves what a page showed (an import's
    confirmation)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_token_field(self)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def version(updated_at: datetime.datetime | None) -> str:
    """The version token of a row last saved at `updated_at`."""
    if updated_at is None:
        return ""
    return updated_at.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def _saved(form) -> bool:
    instance = getattr(form, "instance", None)
    return instance is not None and instance.pk is not None and hasattr(instance, "updated_at")


def protect(form, formsets: Iterable = ()) -> None:
    """Add the hidden fields: a version to the form (if any) and to each formset row of a saved
    record, a one-time token to a form that creates one."""
    main = [] if form is None else [form]
    for each in [*main, *(row for formset in formsets for row in formset.forms)]:
        if _saved(each):
            each.fields[VERSION_FIELD] = StampField(initial=version(each.instance.updated_at))
    if form is not None and not _saved(form):
        add_token_field(form)


def add_token_field(form) -> None:
    form.fields[TOKEN_FIELD] = StampField(initial=new_token)


def posted_token(form) -> str:
    """The form's one-time token as posted ("" when there is none or it is malformed)."""
    if not form.is_bound:
        return ""
    value = form.data.get(form.add_prefix(TOKEN_FIELD)) or ""
    return value if _TOKEN.fullmatch(value) else ""


def repeated(request: HttpRequest, token: str) -> HttpResponse | None:
    """When a form with this token was already saved: say so and go to what it created."""
    if not token:
        return None
    url = (
        FormSubmission.objects.filter(token=token, user=request.user)
        .exclude(url="")
        .values_list("url", flat=True)
        .first()
    )
    if url is None:
        return None
    messages.info(request, _("Formulir ini sudah dikirim; data sudah tersimpan."))
    return redirect(url)


class _AlreadySubmitted(Exception):
    pass


class _Refused(Exception):
    pass


def _claim(user, token: str) -> FormSubmission | None:
    """Write the token (inside the caller's transaction); a second writer waits for the first
    to commit and then fails on the unique token."""
    if not token:
        return None
    FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP_TOKENS).delete()
    try:
        with transaction.atomic():
            return FormSubmission.objects.create(token=token, user=user)
    except IntegrityError:
        raise _AlreadySubmitted from None


def save_once(
    request: HttpRequest,
    *,
    write: Callable[[], str | None],
    message: str | Callable[[], str],
    form=None,
    checked: Iterable = (),
    token: str = "",
) -> HttpResponse | None:
    """Run `write` (it saves and returns the URL to go to, or None to keep nothing) in one
    transaction, after writing the one-time `token` and checking the version of each form in
    `checked`; then say `message` and redirect. None when nothing was saved: the errors are on
    the forms (or in the messages when there is no `form`)."""
    adding = form is not None and getattr(form, "instance", None) is not None
    adding = adding and form.instance.pk is None
    try:
        with transaction.atomic():
            submission = _claim(request.user, token)
            if [each for each in list(checked) if _stale(each)]:
                raise _Refused
            url = write()
            if url is None:  # the write found errors of its own: keep nothing, not the token
                transaction.set_rollback(True)
                return _refuse(request, form, adding)
            if submission is not None:
                submission.url = url
                submission.save(update_fields=["url"])
    except _AlreadySubmitted:
        return repeated(request, token) or _refuse(request, form, adding, _already_sent())
    except _Refused:
        return _refuse(request, form, adding)
    except IntegrityError:
        return _refuse(request, form, adding, _race_lost_message(form))
    messages.success(request, message() if callable(message) else message)
    return redirect(url)


def _already_sent() -> str:
    return _("Formulir ini sudah dikirim; data sudah tersimpan.")


def _race_lost_message(form) -> str | None:
    """Validate again now that the other save is stored: its own error (a number already
    used) says the most; else a general one."""
    if form is not None:
        form.full_clean()
        if form.errors:
            return None
    return _(
        "Data ini bentrok dengan data yang baru saja disimpan pengguna lain. "
        "Periksa isian Anda lalu simpan lagi."
    )


def _refuse(request, form, adding: bool, error: str | None = None) -> None:
    if adding:  # a rolled-back create leaves no row behind
        form.instance.pk = None
        form.instance._state.adding = True
    if error is None:
        return None
    if form is None:
        messages.error(request, error)
    else:
        form.add_error(None, error)
    return None


# --- The version check ---------------------------------------------------------------------


def _stale(form) -> bool:
    """Lock the form's row; when it changed since the form was opened, put the refusal on the
    form, give it the current version (so a second save goes through) and return True."""
    instance = form.instance
    current = (
        type(instance)
        ._base_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("updated_at", flat=True)
        .first()
    )
    opened = form.data.get(form.add_prefix(VERSION_FIELD)) or ""
    if current is not None and version(current) == opened:
        return False
    form.add_error(None, conflict_message(instance, opened, deleted=current is None))
    restamp(form, VERSION_FIELD, version(current))
    return True


def restamp(form, field: str, value: str) -> None:
    """Give a bound form another posted value of a hidden field (shown again with it)."""
    data = form.data.copy()
    data[form.add_prefix(field)] = value
    form.data = data


def conflict_message(instance, opened: str, *, deleted: bool = False) -> str:
    """What the user reads when the record changed (or went) since they opened it."""
    if deleted:
        return _("Data ini sudah dihapus oleh pengguna lain. Perubahan Anda tidak disimpan.")
    latest, fields = changes_since(instance, opened)
    who = _("pengguna lain")
    when = ""
    if latest is not None:
        user = latest.history_user
        if user is not None:
            who = user.get_full_name() or user.get_username()
        when = formats.date_format(timezone.localtime(latest.history_date), "j F Y H.i")
    text = _(
        "Data ini sudah diubah oleh %(user)s pada %(time)s sejak Anda membukanya. "
        "Perubahan Anda tidak disimpan."
    ) % {"user": who, "time": when}
    if fields:
        text += " " + _("Yang berubah: %(fields)s.") % {"fields": ", ".join(fields)}
    return text + " " + _("Isian Anda masih di bawah ini: periksa lalu simpan lagi.")


def changes_since(instance, opened: str) -> tuple[object | None, list[str]]:
    """The latest change-history row of `instance` and the labels of the fields that differ
    between it and the version the user opened (`opened`, a `version()` token)."""
    history = getattr(instance, "history", None)
    if history is None:
        return None, []
    rows = history.order_by("-history_date", "-history_id")
    latest = rows.first()
    opened_at = _moment(opened)
    if opened_at is None:
        return latest, []
    before = rows.filter(updated_at__lte=opened_at).first()
    if latest is None or before is None:
        return latest, []
    delta = latest.diff_against(before, excluded_fields=_NOT_COMPARED)
    changed = {change.field for change in delta.changes}
    fields = [f for f in type(instance)._meta.get_fields() if f.name in changed]
    return latest, [str(field.verbose_name) for field in fields]


def _moment(token: str) -> datetime.datetime | None:
    """The time a `version()` token names; None for anything else (a hand-made value)."""
    try:
        moment = datetime.datetime.fromisoformat(token)
    except ValueError:
        return None
    if moment.tzinfo is None or not 2000 <= moment.year <= 9000:
        return None
    return moment
