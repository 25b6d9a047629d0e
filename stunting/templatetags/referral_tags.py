"""Referrals on other pages: a target's referrals (on the target page).

Placeholder: filled in by the issue-12 work."""

from django import template

register = template.Library()


@register.simple_tag
def person_referrals(person):
    return ""
