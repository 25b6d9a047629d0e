"""Small helpers that every app's views share: role checks, pagination, filtered lists."""

from collections.abc import Callable
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404, render, resolve_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import formguard
from .forms import CONFIRM_FIELD, ConfirmRepostForm
from .models import Kecamatan, Kelurahan
from .params import parse_id

PAGE_SIZE = 25


def chosen_kelurahan(request: HttpRequest) -> Kelurahan | None:
    """The user's own kelurahan, or the one a wider-scoped user chose with `?kelurahan=` (None
    while they have not chosen). Outside the user's scope, or unreadable: 404."""
    wanted = request.GET.get("kelurahan") or request.user.kelurahan_id
    if not wanted:
        return None
    pk = parse_id(wanted)
    if pk is None:
        raise Http404
    allowed = Kelurahan.objects.for_user(request.user).select_related("kecamatan__kota")
    return get_object_or_404(allowed, pk=pk)


def kelurahan_from_request(request: HttpRequest) -> Kelurahan:
    """`chosen_kelurahan`, or the first of a wider-scoped user's kelurahan while they have not
    chosen."""
    kelurahan = chosen_kelurahan(request)
    if kelurahan is None:
        allowed = Kelurahan.objects.for_user(request.user).select_related("kecamatan__kota")
        kelurahan = allowed.order_by("kecamatan__name", "name").first()
    if kelurahan is None:
        raise Http404
    return kelurahan


def chosen_kecamatan(request: HttpRequest) -> Kecamatan:
    """The kecamatan a page of kelurahan side by side shows: a kecamatan user's own, or the one
    a user who sees everything chose with `?kecamatan=` (the first by name until then). A
    kelurahan user reads only their own kelurahan: 403."""
    scope = request.user.scope
    if not (scope.is_all or scope.is_kecamatan):
        raise PermissionDenied
    allowed = (
        Kecamatan.objects.all() if scope.is_all else Kecamatan.objects.filter(pk=scope.kecamatan_id)
    )
    wanted = parse_id(request.GET.get("kecamatan"))
    if wanted:
        return get_object_or_404(allowed, pk=wanted)
    kecamatan = allowed.order_by("name").first()
    if kecamatan is None:
        raise Http404
    return kecamatan


_FILE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".pdf": "application/pdf",
}


def stored_file_response(stored, *, filename: str = "") -> FileResponse:
    """An uploaded file (a photo, its thumbnail, a receipt, a PDF) served by a view that looked
    its record up in the user's scope: never a public media URL. Its type follows the stored
    name, which the upload code chose from the checked content; a missing file is a 404."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    suffix = Path(stored.name).suffix.lower()
    response = FileResponse(
        handle, content_type=_FILE_TYPES.get(suffix, "application/octet-stream")
    )
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def next_page(request: HttpRequest, default: str = "") -> str:
    """The page to go back to: `next` (posted, or in the query string) when it is a path of this
    site ("/...", never a bare word, which redirect() would read as a view name), else
    `default`."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    on_site = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if on_site and wanted.startswith("/") and not wanted.startswith("//") else default


def editor_required(view: Callable) -> Callable:
    """Login required, and the user keeps the kelurahan's records (petugas, lurah, admin)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.can_edit_records:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def indonesian():
    """Indonesian, whatever language the user reads the pages in (a context manager).

    For the office's documents and data files: printed letters and books, and the Excel files
    that staff pass to each other and import again.
    """
    return translation.override(settings.LANGUAGE_CODE)


def in_indonesian(view: Callable) -> Callable:
    """A view whose whole response is one of those documents (see `indonesian`)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        with indonesian():
            return view(request, *args, **kwargs)

    return wrapper


def paginate(request: HttpRequest, queryset: QuerySet, per_page: int = PAGE_SIZE) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def filtered_page(request: HttpRequest, filterset_class, queryset: QuerySet) -> dict:
    """Apply a FilterSet bound to the query string, and paginate what it keeps."""
    filterset = filterset_class(request.GET or None, queryset=queryset, user=request.user)
    return {"filter": filterset, "page_obj": paginate(request, filterset.qs)}


def filtered_list_view(request: HttpRequest, filterset_class):
    """The list page of the filter's model: the user's rows (`for_user().for_list()`),
    filtered and paginated, in `<app>/<model>_list.html`."""
    model = filterset_class._meta.model
    queryset = model.objects.for_user(request.user).for_list()
    template = f"{model._meta.app_label}/{model._meta.model_name}_list.html"
    return render(request, template, filtered_page(request, filterset_class, queryset))


def new_for_user(model, user):
    """A new row of `model` in the user's own kelurahan (wider scopes pick one in the form)."""
    return model(kelurahan=user.kelurahan) if user.kelurahan_id else model()


def editable_record(request: HttpRequest, model, pk=None):
    """The record a create view (no `pk`: a new row in the user's kelurahan) or an update view
    edits, looked up in the user's scope: another kelurahan's row is a 404."""
    if pk is None:
        return new_for_user(model, request.user)
    return get_object_or_404(model.objects.for_user(request.user), pk=pk)


def submitted(request: HttpRequest) -> dict:
    """The keyword arguments that bind a form to a POST (data and files), unbound otherwise:
    `Form(**submitted(request), instance=...)`."""
    if request.method == "POST":
        return {"data": request.POST, "files": request.FILES}
    return {"data": None, "files": None}


def bound_form(request: HttpRequest, form_class, instance, **kwargs):
    """A ModelForm of `instance` for the user (see ScopedModelForm), bound on POST."""
    return form_class(**submitted(request), instance=instance, user=request.user, **kwargs)


def confirmed(request: HttpRequest) -> bool:
    """Whether the POST comes from the confirmation page (see `confirm_page`)."""
    return request.POST.get(CONFIRM_FIELD) == "1"


def confirm_page(request: HttpRequest, *, title: str, changes: list[str], back_url: str):
    """Before a destructive change: say what else will change, and post the same data again
    (with `konfirmasi=1`) only when the user confirms."""
    context = {
        "title": title,
        "changes": changes,
        "back_url": back_url,
        "form": ConfirmRepostForm(request.POST),
    }
    return render(request, "kelurahan/confirm_change.html", context)


def edit_form_view(
    request: HttpRequest,
    *,
    form,
    template: str,
    message: str,
    formsets: dict | None = None,
    save: Callable | None = None,
    success_url=None,
    context: dict | None = None,
    consequences: Callable | None = None,
):
    """The form view shape, the one every app uses: on a valid POST (the form and its inline
    formsets) save them together, say so and go to the record; else render with the errors.

    `save(form)` is the service that writes the record (default `form.save()`); the formsets'
    parent is the saved record. A `save` that returns None has put its errors on the form:
    nothing is kept and the form is shown again (see `service_errors`). `success_url` is a URL
    or an object (default the saved record).
    The template gets `form`, `object` (the form's instance), each formset by its name and
    `context`. `consequences(form, formsets)` lists what a valid POST would change elsewhere
    (rows losing a link...): when it lists anything, the user confirms first (`confirm_page`).
    Two users at once (`formguard`): an edit of a record (and of its saved rows) that changed
    since the form was opened is refused; a creating form saves once however often it is
    posted; a constraint race is a form error.
    """
    formsets = formsets or {}
    formguard.protect(form, formsets.values())
    token = formguard.posted_token(form)
    if form.is_bound and form.is_valid() and all(f.is_valid() for f in formsets.values()):
        changes = [] if consequences is None or confirmed(request) else consequences(form, formsets)
        if changes:
            title = _("Periksa dulu sebelum menyimpan")
            return confirm_page(request, title=title, changes=changes, back_url=request.path)

        def write() -> str | None:
            obj = save(form) if save else form.save()
            if obj is None:  # the service refused: its errors are on the form
                return None
            for formset in formsets.values():
                formset.instance = obj
                formset.save()
            return resolve_url(success_url or obj)

        rows = [row for formset in formsets.values() for row in formset.forms]
        checked = [f for f in [form, *rows] if formguard.VERSION_FIELD in f.fields]
        saved = formguard.save_once(
            request, write=write, message=message, form=form, checked=checked, token=token
        )
        if saved is not None:
            return saved
    elif earlier := formguard.repeated(request, token):  # invalid now: it was saved before
        return earlier
    return render(
        request, template, {"form": form, "object": form.instance, **formsets, **(context or {})}
    )


def service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names when the form has
    that field, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def record_form_view(
    request: HttpRequest, form_class, *, message: str, pk=None, initial: dict | None = None
):
    """Create (no `pk`) or update one record of `form_class`'s model, with no inline rows,
    in `<app>/<model>_form.html`. `initial` prefills an unbound create form."""
    meta = form_class._meta.model._meta
    instance = editable_record(request, meta.model, pk)
    return edit_form_view(
        request,
        form=bound_form(request, form_class, instance, initial=initial),
        template=f"{meta.app_label}/{meta.model_name}_form.html",
        message=message,
    )
