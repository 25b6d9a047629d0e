"""KPM tasks: list, page, form, status, progress notes with evidence, a follow-up made a task.

Placeholder: filled in by the issue-12 work (each function is replaced by its real view)."""

from django.http import Http404


def tugas_list(request, *args, **kwargs):
    raise Http404


def tugas_create(request, *args, **kwargs):
    raise Http404


def tugas_detail(request, *args, **kwargs):
    raise Http404


def tugas_update(request, *args, **kwargs):
    raise Http404


def tugas_status(request, *args, **kwargs):
    raise Http404


def tugas_note(request, *args, **kwargs):
    raise Http404


def tugas_note_file(request, *args, **kwargs):
    raise Http404


def tugas_from_followup(request, *args, **kwargs):
    raise Http404
