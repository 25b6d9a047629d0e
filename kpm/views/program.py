"""Empowerment programmes: list, page with the stage timeline, form, stage changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kelurahan.viewhelpers import (
    bound_form,
    edit_form_view,
    editor_required,
    filtered_list_view,
    new_for_user,
    record_form_view,
)

from ..filters_tugas import ProgramFilter
from ..forms.program import ProgramForm, ProgramTahapForm
from ..models import Program, Rapat, Realisasi, Tahap, Tugas
from ..services_tugas import set_program_stage


@login_required
def program_list(request):
    return filtered_list_view(request, ProgramFilter)


def _visible_program(request, pk) -> Program:
    return get_object_or_404(
        Program.objects.for_user(request.user).select_related("kelurahan"), pk=pk
    )


def _timeline(program: Program) -> list[dict]:
    """The six stages in their order, each with the day the programme entered it (if it did)."""
    entered = {row.stage: row for row in program.stages.all()}
    return [
        {
            "stage": value,
            "label": label,
            "row": entered.get(value),
            "current": value == program.stage,
        }
        for value, label in Tahap.choices
    ]


def _detail_page(request, program: Program, *, stage_form: ProgramTahapForm | None = None):
    tasks = list(
        Tugas.objects.filter(program=program)
        .select_related("followup__rapat")
        .prefetch_related("kaders")
        .order_by("due_date", "pk")
    )
    spending = list(
        Realisasi.objects.filter(program=program).select_related("line").order_by("spent_on")
    )
    # Programmes have no meetings of their own: the meetings their tasks' follow-ups came from.
    meeting_ids = {t.followup.rapat_id for t in tasks if t.followup_id}
    context = {
        "program": program,
        "timeline": _timeline(program),
        "tasks": tasks,
        "meetings": Rapat.objects.filter(pk__in=meeting_ids).order_by("-starts_at"),
        "facilitators": program.facilitators.order_by("name"),
        "partner_lembaga": program.partner_lembaga.order_by("name"),
        "partner_opd": program.partner_opd.order_by("name"),
        "partner_kelompok": program.partner_kelompok.order_by("name"),
        "spending": spending,
        "spending_total": sum(r.amount for r in spending if r.status in Realisasi.COUNTED),
        "stage_form": stage_form or ProgramTahapForm(program=program),
        "today": timezone.localdate(),
    }
    return render(request, "kpm/program_detail.html", context)


@login_required
def program_detail(request, pk):
    return _detail_page(request, _visible_program(request, pk))


def _save_new_program(form: ProgramForm) -> Program:
    """A new programme starts in perencanaan on its first day (the first row of its timeline)."""
    program = form.save()
    set_program_stage(program=program, stage=Tahap.PERENCANAAN, started_on=program.start_date)
    return program


@editor_required
def program_create(request):
    return edit_form_view(
        request,
        form=bound_form(request, ProgramForm, new_for_user(Program, request.user)),
        save=_save_new_program,
        template="kpm/program_form.html",
        message=_("Program berhasil dicatat."),
    )


@editor_required
def program_update(request, pk):
    return record_form_view(request, ProgramForm, message=_("Perubahan program disimpan."), pk=pk)


@require_POST
@editor_required
def program_stage(request, pk):
    program = _visible_program(request, pk)
    form = ProgramTahapForm(request.POST, program=program)
    if not form.is_valid():
        return _detail_page(request, program, stage_form=form)
    row = set_program_stage(program=program, **form.cleaned_data)
    messages.success(
        request,
        _("Tahap %(stage)s dicatat mulai %(date)s.")
        % {"stage": row.get_stage_display(), "date": row.started_on.strftime("%d/%m/%Y")},
    )
    return redirect(program)
