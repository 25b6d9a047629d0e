"""The yearly financing report: page, PDF, .xlsx, and the kecamatan side by side.

Placeholder: filled in by the issue-13 work (each function is replaced by its real view)."""

from django.http import Http404


def anggaran_report(request, *args, **kwargs):
    raise Http404


def anggaran_report_pdf(request, *args, **kwargs):
    raise Http404


def anggaran_report_xlsx(request, *args, **kwargs):
    raise Http404


def anggaran_kecamatan(request, *args, **kwargs):
    raise Http404
