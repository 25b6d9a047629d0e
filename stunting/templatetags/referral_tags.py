"""Referrals on other pages: a target's referrals (on the target page)."""

from django import template

register = template.Library()


@register.inclusion_tag("stunting/_person_referrals.html", takes_context=True)
def person_referrals(context, person):
    """The target's referrals, the latest first, with a "Rujuk ke OPD" button for editors."""
    referrals = person.referrals.select_related("opd").order_by("-referred_on", "-pk")
    return {"person": person, "referrals": referrals, "user": context["user"]}
