"""Spending (realisasi) with receipts: list, form, approval, overspend confirmation, reversal.

Placeholder: filled in by the issue-13 work (each function is replaced by its real view)."""

from django.http import Http404


def realisasi_list(request, *args, **kwargs):
    raise Http404


def realisasi_create(request, *args, **kwargs):
    raise Http404


def realisasi_detail(request, *args, **kwargs):
    raise Http404


def realisasi_update(request, *args, **kwargs):
    raise Http404


def realisasi_approve(request, *args, **kwargs):
    raise Http404


def realisasi_confirm(request, *args, **kwargs):
    raise Http404


def realisasi_reverse(request, *args, **kwargs):
    raise Http404


def realisasi_receipt(request, *args, **kwargs):
    raise Http404
