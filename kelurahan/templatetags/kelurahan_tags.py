from django import template
from django.utils.translation import gettext as _

from kelurahan.money import rupiah
from kelurahan.validators import format_phone, nik_for

register = template.Library()


@register.filter
def phone(value: str) -> str:
    """A stored +62... number in the national form people dial: 0812-3456-7890."""
    return format_phone(value or "")


@register.filter
def nik(value: str, user) -> str:
    """`{{ person.nik|nik:user }}`: a NIK or KK number, masked unless `user` sees it whole."""
    return nik_for(user, value)


@register.filter
def in_section(view_name: str, prefixes: str) -> bool:
    """Whether a view name (`kpm:kader_detail`) starts with one of the comma-separated
    prefixes (`kpm:kader_`): the menu marks the entry of the page's section as active."""
    return view_name.startswith(tuple(prefixes.split(",")))


@register.filter
def active_filters(form, skip: int = 1) -> int:
    """How many of a bound filter form's fields (after the first `skip`) hold a value.

    The filter card folds its extra fields away on a phone; it opens itself when one of
    them is in use, so that a narrowed list never hides why it is narrowed.
    """
    if not form.is_bound:
        return 0
    fields = list(form)[skip:]
    return sum(1 for field in fields if field.value() not in (None, "", []))


_CHOICE_LABELS: dict = {}


@register.filter
def label(obj, field_name: str):
    """`{{ kader|label:"bidang" }}`: the label of a choice field's value, like
    `get_bidang_display` but without rebuilding the field's choices for every row (Django
    hashes, and so translates, every label of the field on each call)."""
    field = obj._meta.get_field(field_name)
    key = (obj._meta.label, field_name)
    labels = _CHOICE_LABELS.get(key)
    if labels is None:
        labels = _CHOICE_LABELS[key] = dict(field.flatchoices)
    value = getattr(obj, field.attname)
    return labels.get(value, value)


_ONES = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]


def terbilang(n: int) -> str:
    """A number from 1 to 999 in Indonesian words, as letters write it: 2 -> "dua",
    11 -> "sebelas", 25 -> "dua puluh lima", 100 -> "seratus"."""
    if n >= 100:
        hundreds = "seratus" if n // 100 == 1 else f"{_ONES[n // 100]} ratus"
        return f"{hundreds} {terbilang(n % 100)}".strip()
    if n >= 20:
        return f"{_ONES[n // 10]} puluh {_ONES[n % 10]}".strip()
    if n >= 12:
        return f"{_ONES[n - 10]} belas"
    return {10: "sepuluh", 11: "sebelas"}.get(n, _ONES[n])


@register.filter
def lembar(pages) -> str:
    """An attachment's length as a letter states it: "2 (dua) lembar"."""
    pages = int(pages or 1)
    return _("%(n)d (%(words)s) lembar") % {"n": pages, "words": terbilang(pages)}


@register.filter(name="rupiah")
def rupiah_filter(value) -> str:
    """`{{ line.amount|rupiah }}`: "Rp 1.500.000" ("–" for no amount)."""
    if value in (None, ""):
        return "–"
    return rupiah(int(value))
