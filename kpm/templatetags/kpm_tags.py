"""Template tags for pages of a lower app that show kpm data (the lower app's Python never
imports kpm; its template loads these tags)."""

from django import template

from kpm.models import Peralatan
from kpm.queries import rapat_context_for_official

register = template.Library()


@register.simple_tag(takes_context=True)
def rapat_for_official(context, official) -> dict:
    """`{% rapat_for_official official as r %}`: the meetings and open follow-ups of an
    official, as `templates/kpm/_rapat_for_official.html` shows them (4 queries)."""
    return rapat_context_for_official(official, context["user"])


@register.simple_tag
def peralatan_for_lembaga(lembaga) -> list:
    """`{% peralatan_for_lembaga lembaga as items %}`: the equipment a lembaga holds, as
    `templates/kpm/_peralatan_for_lembaga.html` shows it (1 query)."""
    return list(Peralatan.objects.filter(lembaga=lembaga).for_list())
