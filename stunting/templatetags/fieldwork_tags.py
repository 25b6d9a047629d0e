"""Field work on the pages of other apps: a cadre's families with this month's service gaps
(on the cadre page), a target's home visits (on the target page).

Placeholder: filled in by the issue-12 work."""

from django import template

register = template.Library()


@register.simple_tag
def kader_families(kader):
    return ""


@register.simple_tag
def person_home_visits(person):
    return ""
