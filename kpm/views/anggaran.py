"""The year's funding sources and budget lines of the KPM.

Placeholder: filled in by the issue-13 work (each function is replaced by its real view)."""

from django.http import Http404


def anggaran_index(request, *args, **kwargs):
    raise Http404


def anggaran_source_create(request, *args, **kwargs):
    raise Http404


def anggaran_source_update(request, *args, **kwargs):
    raise Http404


def anggaran_line_create(request, *args, **kwargs):
    raise Http404


def anggaran_line_detail(request, *args, **kwargs):
    raise Http404


def anggaran_line_update(request, *args, **kwargs):
    raise Http404
