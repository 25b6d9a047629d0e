"""Incentive schemes and assessments: the petugas' side (open, propose, submit, evidence checks).

Placeholder: filled in by the issue-14 work (each function is replaced by its real view)."""

from django.http import Http404


def incentive_index(request, *args, **kwargs):
    raise Http404


def incentive_scheme_create(request, *args, **kwargs):
    raise Http404


def incentive_scheme_detail(request, *args, **kwargs):
    raise Http404


def incentive_scheme_update(request, *args, **kwargs):
    raise Http404


def assessment_open(request, *args, **kwargs):
    raise Http404


def assessment_detail(request, *args, **kwargs):
    raise Http404


def assessment_propose(request, *args, **kwargs):
    raise Http404


def assessment_submit(request, *args, **kwargs):
    raise Http404


def assessment_evidence(request, *args, **kwargs):
    raise Http404


def evidence_confirm(request, *args, **kwargs):
    raise Http404
