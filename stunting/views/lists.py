"""The lists a kelurahan acts on, and their Excel exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from kelurahan.dates import parse_month, this_month
from kelurahan.viewhelpers import filtered_page, in_indonesian

from .. import exports, queries
from ..filters import ActionListFilter, ChildFilter, PregnancyFilter
from ..models import Person, Pregnancy


def _action_queryset(request, slug: str):
    if slug not in queries.ACTION_LISTS:
        raise Http404
    month = parse_month(request.GET.get("bulan"), latest=this_month())
    base = Person.objects.for_user(request.user)
    queryset = queries.action_list(slug, base, month=month).for_child_list()
    return queries.ACTION_LISTS[slug], month, queryset


@login_required
def lists_index(request):
    base = Person.objects.for_user(request.user)
    month = this_month()
    lists = [
        (item, queries.action_list(item.slug, base, month=month).count())
        for item in queries.ACTION_LISTS.values()
    ]
    risky = Pregnancy.objects.for_user(request.user).current().high_risk().count()
    return render(request, "stunting/lists_index.html", {"lists": lists, "risky": risky})


@login_required
def action_list(request, slug):
    item, month, queryset = _action_queryset(request, slug)
    context = filtered_page(request, ActionListFilter, queryset)
    queries.fill_page(context["page_obj"], queryset)
    context.update(item=item, month=month, lists=queries.ACTION_LISTS.values())
    return render(request, "stunting/action_list.html", context)


@login_required
@in_indonesian
def action_list_xlsx(request, slug):
    item, month, queryset = _action_queryset(request, slug)
    rows = ActionListFilter(request.GET or None, queryset=queryset, user=request.user).qs
    return exports.xlsx_response(slug, item.sheet, exports.child_columns(request.user), rows)


@login_required
@in_indonesian
def child_list_xlsx(request):
    queryset = Person.objects.for_user(request.user).children().for_child_list()
    rows = ChildFilter(request.GET or None, queryset=queryset, user=request.user).qs
    return exports.xlsx_response(
        "sasaran-anak", _("Sasaran anak"), exports.child_columns(request.user), rows
    )


@login_required
@in_indonesian
def pregnancy_list_xlsx(request):
    queryset = Pregnancy.objects.for_user(request.user).for_list()
    rows = PregnancyFilter(request.GET or None, queryset=queryset, user=request.user).qs
    return exports.xlsx_response(
        "ibu-hamil", _("Ibu hamil"), exports.pregnancy_columns(request.user), rows
    )
