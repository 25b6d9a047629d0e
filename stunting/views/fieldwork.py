"""Field work: families each cadre accompanies (keluarga binaan), home visits, tasks about
targets."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kelurahan.params import parse_id, parse_text
from kelurahan.viewhelpers import (
    edit_form_view,
    editor_required,
    filtered_page,
    next_page,
    stored_file_response,
    submitted,
)
from kpm.models import Duty, Kader, Tugas

from .. import fieldwork, queries_fieldwork
from ..filters_fieldwork import FamilyAssignmentFilter, HomeVisitFilter
from ..forms.fieldwork import TASK_DUE_DAYS, AssignFamiliesForm, HomeVisitForm, TaskForTargetForm
from ..models import Family, FamilyAssignment, HomeVisit, Person

UNASSIGNED_SHOWN = 30


# --- Families a cadre accompanies ------------------------------------------------------------


@login_required
def assignment_list(request):
    queryset = (
        FamilyAssignment.objects.for_user(request.user)
        .current()
        .select_related("kelurahan", "kader", "family", "family__rw", "family__posyandu")
        .order_by("kader__name", "kader_id", "family__head_name", "pk")
    )
    context = filtered_page(request, FamilyAssignmentFilter, queryset)
    unassigned = queries_fieldwork.unassigned_families(Family.objects.for_user(request.user))
    form = context["filter"].form
    if form.is_valid():
        for name in ("rw", "posyandu", "kelurahan"):
            if form.cleaned_data.get(name):
                unassigned = unassigned.filter(**{name: form.cleaned_data[name]})
    context.update(
        unassigned=list(unassigned[:UNASSIGNED_SHOWN]), unassigned_count=unassigned.count()
    )
    return render(request, "stunting/familyassignment_list.html", context)


@editor_required
def assignment_create(request):
    kaders = Kader.objects.for_user(request.user).filter(is_active=True).order_by("name")
    chosen = kaders.filter(pk=parse_id(request.GET.get("kader")) or 0).first()
    families = Family.objects.for_user(request.user)
    if chosen is not None:
        families = families.filter(kelurahan_id=chosen.kelurahan_id)
    search = parse_text(request.GET.get("q"))
    if search and request.method != "POST":
        found = Q(head_name__icontains=search) | Q(address__icontains=search)
        families = families.filter(found | Q(members__name__icontains=search)).distinct()
    form = AssignFamiliesForm(
        **submitted(request),
        kaders=kaders,
        families=queries_fieldwork.families_to_choose(families),
        initial={"kader": chosen},
    )
    made = []

    def save(form) -> str:
        kader = form.cleaned_data["kader"]
        made.append(
            fieldwork.assign_families(
                kader=kader,
                families=form.cleaned_data["families"],
                started_on=form.cleaned_data["started_on"],
            )
        )
        return reverse("stunting:assignment_list") + "?" + urlencode({"kader": kader.pk})

    return edit_form_view(
        request,
        form=form,
        template="stunting/familyassignment_form.html",
        message=lambda: _("%(n)d keluarga ditambahkan ke keluarga binaan kader.") % {"n": made[0]},
        save=save,
        context={"chosen": chosen, "search": search},
    )


@require_POST
@editor_required
def assignment_delete(request, pk):
    assignment = get_object_or_404(
        FamilyAssignment.objects.for_user(request.user).select_related("kader", "family"), pk=pk
    )
    fieldwork.unassign_family(assignment=assignment)
    messages.success(
        request,
        _("%(family)s tidak lagi didampingi %(kader)s.")
        % {"family": assignment.family.head_name, "kader": assignment.kader.name},
    )
    back = reverse("stunting:assignment_list") + "?" + urlencode({"kader": assignment.kader_id})
    return redirect(next_page(request, back))


# --- Home visits -----------------------------------------------------------------------------


@login_required
def home_visit_list(request):
    queryset = HomeVisit.objects.for_user(request.user).for_list().select_related("kelurahan")
    context = filtered_page(request, HomeVisitFilter, queryset)
    return render(request, "stunting/homevisit_list.html", context)


def _visit_initial(request, person: Person) -> dict:
    """Today, the family's companion when it has exactly one, and the pregnancy asked for
    (`?kehamilan=`) or else the current one."""
    initial: dict = {"visit_date": timezone.localdate()}
    companions = list(
        FamilyAssignment.objects.filter(family_id=person.family_id, kader__is_active=True)
        .current()
        .values_list("kader_id", flat=True)[:2]
    )
    if len(companions) == 1:
        initial["kader"] = companions[0]
    pregnancies = person.pregnancies.all()
    wanted = parse_id(request.GET.get("kehamilan"))
    pregnancy = pregnancies.filter(pk=wanted).first() if wanted else None
    pregnancy = pregnancy or pregnancies.current().order_by("-last_period_date", "-pk").first()
    if pregnancy is not None and not person.is_child:
        initial.update(pregnancy=pregnancy.pk, purpose=HomeVisit.Purpose.IBU_HAMIL)
    else:
        initial["purpose"] = HomeVisit.Purpose.PEMANTAUAN
    return initial


def _visit_form(request, visit: HomeVisit, *, initial: dict | None = None, message: str):
    form = HomeVisitForm(**submitted(request), instance=visit, user=request.user, initial=initial)
    back = next_page(request, visit.person.get_absolute_url())
    return edit_form_view(
        request,
        form=form,
        template="stunting/homevisit_form.html",
        message=message,
        save=lambda f: fieldwork.save_home_visit(
            visit=f.instance, by=request.user, photo=f.cleaned_data.get("foto")
        ),
        success_url=back,
        context={"person": visit.person, "back_url": back},
    )


@editor_required
def home_visit_create(request):
    people = Person.objects.for_user(request.user).select_related("family")
    person = get_object_or_404(people, pk=parse_id(request.GET.get("sasaran")) or 0)
    visit = HomeVisit(person=person, kelurahan_id=person.kelurahan_id)
    initial = _visit_initial(request, person)
    return _visit_form(request, visit, initial=initial, message=_("Kunjungan rumah dicatat."))


def _visit(request, pk) -> HomeVisit:
    visits = HomeVisit.objects.for_user(request.user).select_related("person", "kader", "pregnancy")
    return get_object_or_404(visits, pk=pk)


@editor_required
def home_visit_update(request, pk):
    visit = _visit(request, pk)
    return _visit_form(request, visit, message=_("Perubahan kunjungan rumah disimpan."))


@require_POST
@editor_required
def home_visit_delete(request, pk):
    visit = _visit(request, pk)
    fieldwork.delete_home_visit(visit=visit)
    messages.success(request, _("Kunjungan rumah dihapus."))
    return redirect(next_page(request, visit.person.get_absolute_url()))


@require_safe
@login_required
def home_visit_photo(request, pk, size):
    if size not in ("kecil", "asli"):
        raise Http404
    visit = _visit(request, pk)
    return stored_file_response(visit.thumbnail if size == "kecil" else visit.photo)


# --- A KPM task about a target ---------------------------------------------------------------


@editor_required
def task_for_target(request, pk):
    person = get_object_or_404(Person.objects.for_user(request.user), pk=pk)
    companions = FamilyAssignment.objects.filter(family_id=person.family_id).current()
    initial = {
        "title": _("Kunjungan rumah: %(name)s") % {"name": person.name},
        "duty": Duty.PEMANTAUAN,
        "due_date": timezone.localdate() + datetime.timedelta(days=TASK_DUE_DAYS),
        "kaders": list(companions.values_list("kader_id", flat=True)),
    }
    tugas = Tugas(kelurahan_id=person.kelurahan_id)
    form = TaskForTargetForm(
        **submitted(request), instance=tugas, user=request.user, initial=initial
    )
    return edit_form_view(
        request,
        form=form,
        template="stunting/task_for_target.html",
        message=_("Tugas KPM dibuat."),
        save=lambda f: fieldwork.create_task_for_targets(
            tugas=f.instance, persons=[person], kaders=f.cleaned_data["kaders"], by=request.user
        ),
        context={"person": person},
    )
