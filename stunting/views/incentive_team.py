"""The team's scores and community outcomes, as a team (never individual pay).

Placeholder: filled in by the issue-14 work (each function is replaced by its real view)."""

from django.http import Http404


def incentive_team(request, *args, **kwargs):
    raise Http404
