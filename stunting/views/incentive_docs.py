"""Incentive documents: a cadre's report card, the payout list (PDF and .xlsx).

Placeholder: filled in by the issue-14 work (each function is replaced by its real view)."""

from django.http import Http404


def cadre_score_card(request, *args, **kwargs):
    raise Http404


def assessment_payout_pdf(request, *args, **kwargs):
    raise Http404


def assessment_payout_xlsx(request, *args, **kwargs):
    raise Http404
