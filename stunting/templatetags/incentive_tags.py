"""Incentive scores on the cadre page (a kpm page): the cadre's score history and strongest and
weakest indicators.

Placeholder: filled in by the issue-14 work."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def kader_scores(context, kader):
    return ""
