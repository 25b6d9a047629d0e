"""Small helpers that every app's views share: role checks, pagination, filtered lists."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import redirect, render
from django.utils import translation

PAGE_SIZE = 25


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


def new_for_user(model, user):
    """A new row of `model` in the user's own kelurahan (wider scopes pick one in the form)."""
    return model(kelurahan=user.kelurahan) if user.kelurahan_id else model()


def edit_form_view(request: HttpRequest, *, form_class, instance, template: str, message: str):
    """The form view shape: bind on POST (files too), save, say so and go to the record;
    else render the form with its errors. The form takes `user=` (see ScopedModelForm)."""
    form = form_class(
        request.POST or None, request.FILES or None, instance=instance, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        obj = form.save()
        messages.success(request, message)
        return redirect(obj)
    return render(request, template, {"form": form, "object": instance})
