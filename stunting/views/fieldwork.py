"""Field work: families each cadre accompanies, home visits, tasks about targets.

Placeholder: filled in by the issue-12 work (each function is replaced by its real view)."""

from django.http import Http404


def assignment_list(request, *args, **kwargs):
    raise Http404


def assignment_create(request, *args, **kwargs):
    raise Http404


def assignment_delete(request, *args, **kwargs):
    raise Http404


def home_visit_list(request, *args, **kwargs):
    raise Http404


def home_visit_create(request, *args, **kwargs):
    raise Http404


def home_visit_update(request, *args, **kwargs):
    raise Http404


def home_visit_delete(request, *args, **kwargs):
    raise Http404


def home_visit_photo(request, *args, **kwargs):
    raise Http404


def task_for_target(request, *args, **kwargs):
    raise Http404
