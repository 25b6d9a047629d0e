"""Equipment and resources of posyandu, PAUD and institutions.

Placeholder: filled in by the issue-13 work (each function is replaced by its real view)."""

from django.http import Http404


def peralatan_list(request, *args, **kwargs):
    raise Http404


def peralatan_create(request, *args, **kwargs):
    raise Http404


def peralatan_update(request, *args, **kwargs):
    raise Http404
