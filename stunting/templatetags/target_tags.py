"""The children lists' rows, a measurement's nutrition status and a target's follow-up buttons,
written in Python: a list shows 25 children a page (a kecamatan's, more kelurahan), and the
template loop with an include for the status and one for the buttons of every row was most of
the page's time. The markup is the one those templates wrote; tests/test_stunting_child_rows.py
renders the old templates (kept beside it) and compares, so a change here is a change there."""

from html import escape
from urllib.parse import quote

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from kelurahan.links import url_for
from kelurahan.templatetags.kelurahan_tags import label

from ..models.measurement import STUNTED, UNDERWEIGHT, WASTED, HeightForAge, WeightForHeight

register = template.Library()

OVERWEIGHT = (WeightForHeight.GIZI_LEBIH, WeightForHeight.OBESITAS)
NORMAL_HEIGHT = (HeightForAge.NORMAL, HeightForAge.TINGGI)
NORMAL_WEIGHT_FOR_HEIGHT = (WeightForHeight.GIZI_BAIK, WeightForHeight.BERISIKO_GIZI_LEBIH)


def _badge(css: str, text) -> str:
    return f'<span class="badge {css}">{escape(str(text))}</span>'


@register.simple_tag
def nutrition_status(m) -> str:
    """The nutrition status of measurement `m` as badges; an unconfirmed implausible one shows
    only "periksa ulang", a missing one "belum diukur"."""
    if m is None:
        return mark_safe(  # noqa: S308 - translated text, escaped
            f'<span class="text-body-secondary small">{escape(gettext("belum diukur"))}</span>'
        )
    if m.awaits_recheck:
        return mark_safe(_badge("text-bg-dark", gettext("periksa ulang")))  # noqa: S308
    badges = []
    if m.hfa_category in STUNTED:
        badges.append(_badge("text-bg-danger", label(m, "hfa_category")))
    if m.wfh_category in WASTED:
        badges.append(_badge("text-bg-warning", label(m, "wfh_category")))
    if m.wfa_category in UNDERWEIGHT:
        badges.append(_badge("text-bg-warning", label(m, "wfa_category")))
    if m.wfh_category in OVERWEIGHT:
        badges.append(_badge("text-bg-info", label(m, "wfh_category")))
    if m.needs_recheck:
        badges.append(_badge("text-bg-secondary", gettext("sudah diperiksa ulang")))
    elif m.hfa_category in NORMAL_HEIGHT and (
        m.wfh_category in NORMAL_WEIGHT_FOR_HEIGHT or not m.wfh_category
    ):
        badges.append(_badge("text-bg-success", gettext("normal")))
    return mark_safe("\n".join(badges))  # noqa: S308 - every text is escaped


def _return_path(context) -> str | None:
    """The escaped path the follow-up buttons come back to, or None for a user who does not
    keep the records (no buttons)."""
    if not context["user"].can_edit_records:
        return None
    return escape(quote(context["request"].get_full_path()))


def _actions(back: str, person, pregnancy=None) -> str:
    visit = f"{url_for('stunting:home_visit_create')}?sasaran={person.pk}"
    if pregnancy:
        visit += f"&amp;kehamilan={pregnancy.pk}"
    return (
        '<div class="d-flex flex-wrap gap-1 mt-1 d-print-none">'
        f'<a class="btn btn-sm btn-outline-success text-nowrap" href="{visit}&amp;next={back}">'
        f"{escape(gettext('Catat kunjungan rumah'))}</a>\n"
        '<a class="btn btn-sm btn-outline-primary text-nowrap" '
        f'href="{url_for("stunting:task_for_target", person.pk)}">'
        f"{escape(gettext('Buat tugas'))}</a>\n"
        '<a class="btn btn-sm btn-outline-danger text-nowrap" '
        f'href="{url_for("stunting:referral_create")}?sasaran={person.pk}">'
        f"{escape(gettext('Rujuk'))}</a></div>"
    )


@register.simple_tag(takes_context=True)
def target_actions(context, person, pregnancy=None) -> str:
    """The follow-up buttons of one target on the lists a kelurahan acts on (record a home
    visit, make a task, refer), for editors only; they wrap under the name at phone width."""
    back = _return_path(context)
    if back is None:
        return ""
    # URLs of ids and an escaped path; the translated labels are escaped.
    return mark_safe(_actions(back, person, pregnancy))  # noqa: S308


def _text(value, default: str = "") -> str:
    """`{{ value|default:default }}`: the value's text, escaped, or `default` when it is empty."""
    return escape(str(value)) if value else default


@register.simple_tag(takes_context=True)
def child_rows(context, children, row_actions: bool = False) -> str:
    """The rows of `stunting/_child_table.html`, one a child: name (with non-resident and BBLR
    badges, and with `row_actions` the follow-up buttons), sex, age, mother and family, RW and
    posyandu, the kelurahan for users who see several, and the last measurement."""
    with_kelurahan = not context["user"].kelurahan_id
    non_resident = (
        f' <span class="badge text-bg-light border" '
        f'title="{escape(gettext("Bukan penduduk kelurahan ini"))}">'
        f"{escape(gettext('non-penduduk'))}</span>"
    )
    low_birth_weight = (
        ' <span class="badge text-bg-warning" '
        f'title="{escape(gettext("Berat badan lahir rendah (di bawah 2,5 kg)"))}">BBLR</span>'
    )
    back = _return_path(context) if row_actions else None
    rows = []
    for child in children:
        m, family = child.last_measurement, child.family
        name = f'<a href="{child.get_absolute_url()}">{escape(child.name)}</a>'
        if not child.is_resident:
            name += non_resident
        if child.is_low_birth_weight:
            name += low_birth_weight
        if back is not None:
            name += _actions(back, child)
        mother = _text(child.mother.name if child.mother else "", "–")
        measured_on = date_filter(m.measured_on, "j M Y") if m else ""
        rows.append(
            f"<tr><td>{name}</td><td>{escape(child.sex)}</td>"
            f'<td class="text-nowrap">{escape(child.age_label)}</td>'
            f'<td>{mother}<div class="small text-body-secondary">'
            f"{_text(family.head_name if family else '')}</div></td>"
            f"<td>{_text(family.rw if family else None, '–')}"
            f'<div class="small text-body-secondary">'
            f"{_text(family.posyandu if family else None)}</div></td>"
            + (f"<td>{escape(child.kelurahan.name)}</td>" if with_kelurahan else "")
            + f'<td class="text-nowrap">{_text(measured_on, "–")}</td>'
            f'<td class="text-end">{_text(m.weight_label if m else "", "–")}</td>'
            f'<td class="text-end">{_text(m.height_label if m else "", "–")}</td>'
            f"<td>{nutrition_status(m)}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every text is escaped
