"""The register: families, children, adults and pregnancies."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from kelurahan import formguard
from kelurahan.viewhelpers import (
    bound_form,
    edit_form_view,
    editor_required,
    filtered_list_view,
    filtered_page,
    record_form_view,
    submitted,
)

from .. import charts, queries, services
from ..filters import ChildFilter, FamilyFilter, PregnancyFilter
from ..forms import AdultForm, ChildForm, FamilyForm, PregnancyForm
from ..models import Family, Person, Pregnancy


def _save_person(form) -> Person:
    return services.save_person(person=form.instance)


def _person_form(request, form_class, person: Person, *, message: str):
    return edit_form_view(
        request,
        form=bound_form(request, form_class, person),
        save=_save_person,
        template="stunting/person_form.html",
        message=message,
        context={"family": person.family},
    )


def _save_pregnancy(form) -> Pregnancy:
    return services.save_pregnancy(pregnancy=form.instance)


def _pregnancy_form(request, pregnancy: Pregnancy, *, message: str):
    return edit_form_view(
        request,
        form=bound_form(request, PregnancyForm, pregnancy),
        save=_save_pregnancy,
        template="stunting/pregnancy_form.html",
        message=message,
        context={"person": pregnancy.person},
    )


# --- Families -----------------------------------------------------------------------------


@login_required
def family_list(request):
    return filtered_list_view(request, FamilyFilter)


@login_required
def family_detail(request, pk):
    family = get_object_or_404(Family.objects.for_user(request.user).for_list(), pk=pk)
    members = family.members.select_related("mother", "last_measurement").order_by(
        "birth_date", "pk"
    )
    return render(request, "stunting/family_detail.html", {"family": family, "members": members})


@editor_required
def family_create(request):
    message = _("Keluarga ditambahkan. Sekarang tambahkan anggota dan sasarannya.")
    return record_form_view(request, FamilyForm, message=message)


@editor_required
def family_update(request, pk):
    return record_form_view(
        request, FamilyForm, message=_("Perubahan data keluarga disimpan."), pk=pk
    )


# --- Persons ------------------------------------------------------------------------------


@login_required
def child_list(request):
    queryset = Person.objects.for_user(request.user).children().for_child_list()
    context = filtered_page(request, ChildFilter, queryset)
    queries.fill_page(context["page_obj"], queryset)
    return render(request, "stunting/child_list.html", context)


def _new_member(request, family_pk, form_class, *, message: str):
    family = get_object_or_404(Family.objects.for_user(request.user), pk=family_pk)
    person = Person(kelurahan_id=family.kelurahan_id, family=family)
    return _person_form(request, form_class, person, message=message)


@editor_required
def child_create(request, family_pk):
    return _new_member(request, family_pk, ChildForm, message=_("Anak didaftarkan."))


@editor_required
def adult_create(request, family_pk):
    return _new_member(request, family_pk, AdultForm, message=_("Anggota keluarga didaftarkan."))


@login_required
def person_detail(request, pk):
    person = get_object_or_404(
        Person.objects.for_user(request.user).with_place().select_related("mother", "paud"),
        pk=pk,
    )
    duplicates = Person.objects.for_user(request.user).likely_duplicates_of(person)
    context = {"person": person, "duplicates": list(duplicates.select_related("family")[:5])}
    if person.is_child:
        history = queries.child_history(person)
        context.update(history=history, charts=charts.child_charts(person, history))
    else:
        context["pregnancies"] = person.pregnancies.order_by("-last_period_date")
        context["children"] = person.children.select_related("last_measurement")
    return render(request, "stunting/person_detail.html", context)


@editor_required
def person_update(request, pk):
    person = get_object_or_404(Person.objects.for_user(request.user), pk=pk)
    form_class = ChildForm if person.is_child else AdultForm
    return _person_form(request, form_class, person, message=_("Perubahan data sasaran disimpan."))


# --- Pregnancies --------------------------------------------------------------------------


@login_required
def pregnancy_list(request):
    return filtered_list_view(request, PregnancyFilter)


@login_required
def pregnancy_detail(request, pk):
    pregnancy = get_object_or_404(
        Pregnancy.objects.for_user(request.user)
        .select_related("person", "person__family")
        .prefetch_related(
            Prefetch("months", queryset=queries.pregnancy_months()),
        ),
        pk=pk,
    )
    month = queries.this_month()
    this_month = next((m for m in pregnancy.months.all() if m.month == month), None)
    context = {"pregnancy": pregnancy, "this_month_record": this_month}
    return render(request, "stunting/pregnancy_detail.html", context)


@editor_required
def pregnant_woman_create(request, family_pk):
    """A new woman and her pregnancy, in one page."""
    family = get_object_or_404(Family.objects.for_user(request.user), pk=family_pk)
    data = submitted(request)["data"]
    person = Person(kelurahan_id=family.kelurahan_id, family=family, sex=Person.Sex.PEREMPUAN)
    person_form = AdultForm(data, instance=person, user=request.user, women_only=True, prefix="ibu")
    pregnancy = Pregnancy(kelurahan_id=family.kelurahan_id)
    form = PregnancyForm(data, instance=pregnancy, user=request.user, prefix="hamil")
    formguard.protect(form)
    token = formguard.posted_token(form)
    if data is not None and person_form.is_valid() and form.is_valid():
        saved = formguard.save_once(
            request,
            write=lambda: services.register_pregnancy(
                person=person, pregnancy=pregnancy
            ).get_absolute_url(),
            message=_("Ibu hamil didaftarkan."),
            form=form,
            token=token,
        )
        if saved is not None:
            return saved
    elif earlier := formguard.repeated(request, token):  # invalid now: it was saved before
        return earlier
    return render(
        request,
        "stunting/pregnant_woman_form.html",
        {"person_form": person_form, "form": form, "family": family},
    )


@editor_required
def pregnancy_create(request, person_pk):
    """A new pregnancy of a woman already in the register."""
    person = get_object_or_404(Person.objects.for_user(request.user), pk=person_pk)
    if person.sex != Person.Sex.PEREMPUAN:
        raise Http404
    pregnancy = Pregnancy(kelurahan_id=person.kelurahan_id, person=person)
    return _pregnancy_form(request, pregnancy, message=_("Kehamilan dicatat."))


@editor_required
def pregnancy_update(request, pk):
    pregnancy = get_object_or_404(
        Pregnancy.objects.for_user(request.user).select_related("person"), pk=pk
    )
    return _pregnancy_form(request, pregnancy, message=_("Perubahan data kehamilan disimpan."))
