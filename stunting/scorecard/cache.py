"""Live quarters computed once for each state of the data they read.

Marking a kelurahan's quarter at city scale takes a few hundred milliseconds of Python (every
target, every indicator, every month of its window), and the scorecard, its recaps, the
targets behind a figure and the trends read the same quarters again and again between two
edits. So a computed quarter is kept in Django's cache under a key made of what it was
computed from: the kelurahan, the quarters, the rule set, the language of its reasons, and a
*stamp* of the data, the count and latest `updated_at` of every table the engine reads for
those kelurahan (the monthly records of the months read, and the persons, families and
pregnancies, and the quarters' reports). Any save, bulk create or delete there changes the
stamp, so a stale quarter is never served; the stamp is one query.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from django.core.cache import cache
from django.db.models import Count, Max, Value
from django.utils.translation import get_language

from kelurahan.dates import Quarter, add_months

from ..models import (
    ChildMonth,
    Family,
    Measurement,
    PaudMonth,
    Person,
    Pregnancy,
    PregnancyMonth,
    QuarterReport,
)

ENGINE_VERSION = 1  # raise when the marking changes, so a shared cache forgets old results
TIMEOUT = 24 * 60 * 60
MONTHLY = (PregnancyMonth, ChildMonth, PaudMonth, Measurement)
# With the quarters' reports: validating or reopening changes what a page shows.
REGISTER = (Person, Family, Pregnancy, QuarterReport)
# The earliest month the engine reads before its first quarter: a child's measurements since
# birth (0-23 months), which covers the 2B look-back windows; pregnancies are read whole.
READ_BACK_MONTHS = 24
# The last few results this process read, kept as objects: Django's cache pickles what it
# keeps, and unpickling a city-scale quarter (every target with every mark and reason) was
# most of a warm scorecard page. The key holds the data stamp, so a kept result is as fresh
# as the cache's, and one is used only while the cache still holds its key (a cleared cache
# forgets it). The pages only read results (`filtered`, `where` and `combined` build new
# ones), never change them.
RECENT = 8
_recent: OrderedDict[str, object] = OrderedDict()


def data_stamp(kelurahan_ids: list[int], quarters: list[Quarter]) -> str:
    """Count and latest change of every table the engine reads for these kelurahan, in one
    query (a UNION of one aggregate row per table)."""
    first = add_months(min(quarters).start, -READ_BACK_MONTHS)
    last = max(quarters).end
    rows = []
    for index, model in enumerate(MONTHLY + REGISTER):
        queryset = model.objects.filter(kelurahan_id__in=kelurahan_ids)
        if model in MONTHLY:
            queryset = queryset.filter(month__range=(first, last))
        rows.append(
            queryset.order_by()
            .values(table=Value(index))
            .annotate(n=Count("*"), last=Max("updated_at"))  # COUNT(*): index-only
            .values_list("table", "n", "last")
        )
    head, *rest = rows
    stamp = sorted(head.union(*rest, all=True), key=lambda row: row[0])
    return hashlib.sha1(repr(stamp).encode()).hexdigest()


def cached(kind: str, kelurahan_ids, quarters: list[Quarter], rules, compute, *, stamp: str = ""):
    """`compute(ids, quarters, rules)`, or what it gave for the same data, from the cache.
    `kind` names what is kept (the marked quarters, or only a trend's points). `stamp` is a
    `data_stamp` the caller already read for these kelurahan over quarters that include
    `quarters` (a wider range's stamp changes whenever this range's does), so that a page that
    asks for several results reads the tables once."""
    ids = sorted(kelurahan_ids)
    if not ids or not quarters:
        return compute(ids, quarters, rules)
    periods = ",".join(q.slug for q in quarters)
    kelurahan = ",".join(map(str, ids))
    key = (
        f"scorecard:{kind}:"
        + hashlib.sha1(
            f"{ENGINE_VERSION}|{rules.code}|{get_language()}|{kelurahan}|{periods}|"
            f"{stamp or data_stamp(ids, quarters)}".encode()
        ).hexdigest()
    )
    value = _recent.get(key)
    if value is not None and cache.has_key(key):  # a cleared cache forgets it here too
        _recent.move_to_end(key)
        return value
    value = cache.get(key)
    if value is None:
        value = compute(ids, quarters, rules)
        cache.set(key, value, TIMEOUT)
    _recent[key] = value
    while len(_recent) > RECENT:
        _recent.popitem(last=False)
    return value


def cached_quarters(
    kelurahan_ids, quarters: list[Quarter], rules, compute, *, stamp: str = ""
) -> list:
    return cached("quarters", kelurahan_ids, quarters, rules, compute, stamp=stamp)
