"""The kasi kesra's review of an assessment: every cadre's score explained, adjustments,
appeals, return, approval, reopening.

Placeholder: filled in by the issue-14 work (each function is replaced by its real view)."""

from django.http import Http404


def cadre_score_detail(request, *args, **kwargs):
    raise Http404


def indicator_adjust(request, *args, **kwargs):
    raise Http404


def cadre_score_appeal(request, *args, **kwargs):
    raise Http404


def cadre_score_answer(request, *args, **kwargs):
    raise Http404


def assessment_return(request, *args, **kwargs):
    raise Http404


def assessment_approve(request, *args, **kwargs):
    raise Http404


def assessment_reopen(request, *args, **kwargs):
    raise Http404
