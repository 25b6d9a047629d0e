"""Field work on the pages of other apps: a cadre's families with this month's service gaps
(on the cadre page), a target's home visits (on the target page)."""

from django import template
from django.utils.timezone import localdate

from .. import queries_fieldwork

register = template.Library()


def _may_edit(context) -> bool:
    user = context.get("user")
    return bool(user and user.is_authenticated and user.can_edit_records)


@register.inclusion_tag("stunting/_kader_families.html", takes_context=True)
def kader_families(context, kader):
    request = context.get("request")
    back = request.get_full_path() if request else ""
    rows = queries_fieldwork.kader_families(kader, back=back)
    return {
        "kader": kader,
        "rows": rows,
        "month": localdate(),
        "gap_count": sum(row.gap_count for row in rows),
        "may_edit": _may_edit(context),
    }


@register.inclusion_tag("stunting/_person_home_visits.html", takes_context=True)
def person_home_visits(context, person):
    request = context.get("request")
    back = request.get_full_path() if request else ""
    visits = person.home_visits.select_related("kader").order_by("-visit_date", "-pk")
    return {
        "person": person,
        "visits": list(visits),
        "may_edit": _may_edit(context),
        "back": back,
        "create_url": queries_fieldwork.visit_url(person.pk, back=back),
    }
