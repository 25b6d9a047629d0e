"""Empowerment programmes: list, page with the stage timeline, form, stage changes.

Placeholder: filled in by the issue-12 work (each function is replaced by its real view)."""

from django.http import Http404


def program_list(request, *args, **kwargs):
    raise Http404


def program_create(request, *args, **kwargs):
    raise Http404


def program_detail(request, *args, **kwargs):
    raise Http404


def program_update(request, *args, **kwargs):
    raise Http404


def program_stage(request, *args, **kwargs):
    raise Http404
