"""Monthly task templates (tugas rutin) and this month's tasks made from them.

Placeholder: filled in by the issue-12 work (each function is replaced by its real view)."""

from django.http import Http404


def tugas_rutin_list(request, *args, **kwargs):
    raise Http404


def tugas_rutin_create(request, *args, **kwargs):
    raise Http404


def tugas_rutin_update(request, *args, **kwargs):
    raise Http404


def tugas_rutin_generate(request, *args, **kwargs):
    raise Http404
