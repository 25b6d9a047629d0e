"""Figures of the scorecard pages: a percentage with one decimal in the user's language
("83,3%"), or "–" where nothing applies (never 0%)."""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .scorecard_format import persen

register = template.Library()


@register.filter
def percent(ratio) -> str:
    """A `Ratio` (or anything with `.percent`) as "83,3%", or "–" where nothing applies."""
    return persen(ratio)


@register.filter
def lookup(mapping: dict, key):
    """`mapping[key]`, or "–" when it has none (an RW or posyandu name by id)."""
    return mapping.get(key, "–")


CELL_CLASS = {"Y": "y", "T": "t", "TS": "ts"}


@register.filter
def mark_cells(marks) -> str:
    """A target's Y / T / TS cells, each titled with its reason: rendered here rather than by
    a template loop, since a recap at city scale has thousands of them."""
    cells = (
        f'<td class="mark mark-{CELL_CLASS[mark.value]}" title="{escape(mark.reason)}">'
        f"{mark.value}</td>"
        for mark in marks
    )
    return mark_safe("".join(cells))  # noqa: S308 - the reason is escaped, the rest is ours


@register.simple_tag(takes_context=True)
def recap_rows(context, targets) -> str:
    """The rows of the 3A (ibu) or 3B (anak) recap, one a target, as the printed form lists
    them: written here rather than by a template loop, since a kelurahan has hundreds of targets
    (the same markup the loop wrote, escaped the same way; `tests/test_stunting_scorecard_pages`
    compares the two)."""
    ibu = context["group"] == "ibu"
    prefix = escape(context["trace_prefix"])
    query = escape(context["query"])
    rw_names, names = context["rw_names"], context["names"]
    non_resident = " · " + escape(gettext("non-penduduk"))
    high_risk = (
        f'<div><span class="badge text-bg-danger">{escape(gettext("KEK/risti"))}</span></div>'
    )
    months = gettext("%(m)s bln")
    rows = []
    for number, t in enumerate(targets, 1):
        place = escape(str(lookup(rw_names, t.rw_id)))
        if not ibu:
            place += " · " + escape(t.sex)
        if not t.is_resident:
            place += non_resident
        if ibu:
            key = t.pregnancy_id
            age = escape(str(lookup(names, t.stage))) + (high_risk if t.high_risk else "")
        else:
            key = t.person_id
            age = (
                escape(str(lookup(names, t.band)))
                + f'<div class="small text-body-secondary">{escape(months % {"m": t.age_months})}'
                "</div>"
            )
        rows.append(
            f'<tr><td>{number}</td><td class="name-cell"><a href="{prefix}{key}/?{query}">'
            f'{escape(t.name)}</a><div class="small text-body-secondary">{place}</div></td>'
            f'<td class="text-nowrap">{age}</td>{mark_cells(t.marks)}'
            f'<td class="num text-end text-nowrap">{t.received} / {t.applicable}'
            f'<div class="small">{escape(persen(t.ratio))}</div></td></tr>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value above is escaped
