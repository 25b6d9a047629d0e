"""Incentive scores on the cadre page (a kpm page that includes this library by name): the
cadre's score history as a server-rendered SVG, and their strongest and weakest indicators in
the latest period. Scores and tiers only, never amounts."""

from django import template

from ..incentive.team import cadre_history

register = template.Library()


@register.inclusion_tag("stunting/_kader_scores.html", takes_context=True)
def kader_scores(context, kader):
    return {"kader": kader, "history": cadre_history(kader.pk), "user": context.get("user")}
