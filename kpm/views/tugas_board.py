"""KPM tasks seen together: the board by status, the month calendar, the .xlsx export.

Placeholder: filled in by the issue-12 work (each function is replaced by its real view)."""

from django.http import Http404


def tugas_board(request, *args, **kwargs):
    raise Http404


def tugas_calendar(request, *args, **kwargs):
    raise Http404


def tugas_export(request, *args, **kwargs):
    raise Http404
