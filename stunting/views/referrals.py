"""Referrals of targets to OPD: list, form, page with its steps, letter, figures per OPD.

Placeholder: filled in by the issue-12 work (each function is replaced by its real view)."""

from django.http import Http404


def referral_list(request, *args, **kwargs):
    raise Http404


def referral_create(request, *args, **kwargs):
    raise Http404


def referral_detail(request, *args, **kwargs):
    raise Http404


def referral_advance(request, *args, **kwargs):
    raise Http404


def referral_letter(request, *args, **kwargs):
    raise Http404


def referral_opd(request, *args, **kwargs):
    raise Http404


def referral_recap(request, *args, **kwargs):
    raise Http404
