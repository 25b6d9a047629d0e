"""KPM tasks: list, page, form, status, progress notes with evidence, a follow-up made a task."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kelurahan import formguard
from kelurahan.params import parse_id
from kelurahan.viewhelpers import (
    bound_form,
    edit_form_view,
    editor_required,
    filtered_page,
    new_for_user,
    stored_file_response,
)

from ..filters_tugas import TugasFilter
from ..forms.tugas import TugasCatatanForm, TugasForm, TugasStatusForm
from ..models import Tugas
from ..services_tugas import add_task_note, set_task_status, task_from_followup
from .rapat_common import editable_followup

Status = Tugas.Status


@login_required
def tugas_list(request):
    queryset = Tugas.objects.for_user(request.user).for_list()
    context = filtered_page(request, TugasFilter, queryset)
    context["today"] = timezone.localdate()
    return render(request, "kpm/tugas_list.html", context)


def _visible_tugas(request, pk) -> Tugas:
    queryset = Tugas.objects.for_user(request.user).select_related(
        "kelurahan",
        "program",
        "partner_lembaga",
        "partner_opd",
        "followup__rapat",
        "template",
        "finished_by",
        "created_by",
    )
    return get_object_or_404(queryset, pk=pk)


# The buttons of a task's page: (the status it moves to, the button's words), by current status.
def _status_buttons(tugas: Tugas) -> list[tuple[str, str]]:
    if tugas.status == Status.BARU:
        return [(Status.BERJALAN, _("Mulai dikerjakan")), (Status.SELESAI, _("Tandai selesai"))]
    if tugas.status == Status.BERJALAN:
        return [(Status.SELESAI, _("Tandai selesai")), (Status.BARU, _("Kembalikan ke baru"))]
    return [(Status.BERJALAN, _("Buka kembali"))]


def _detail_page(request, tugas: Tugas, *, note_form: TugasCatatanForm | None = None):
    if note_form is None:
        note_form = TugasCatatanForm(tugas=tugas)
        formguard.add_token_field(note_form)
    context = {
        "tugas": tugas,
        "kaders": tugas.kaders.order_by("name"),
        "notes": tugas.notes.select_related("kader", "written_by"),
        "status_buttons": _status_buttons(tugas),
        "note_form": note_form,
        "overdue": tugas.is_overdue(),
        "today": timezone.localdate(),
    }
    return render(request, "kpm/tugas_detail.html", context)


@login_required
def tugas_detail(request, pk):
    return _detail_page(request, _visible_tugas(request, pk))


def _initial_from_query(request) -> dict:
    """`?program=<id>` (the programme's page) and `?kader=<id>` (the cadre's page) prefill."""
    initial = {}
    if program := parse_id(request.GET.get("program")):
        initial["program"] = program
    if kader := parse_id(request.GET.get("kader")):
        initial["kaders"] = [kader]
    return initial


@editor_required
def tugas_create(request):
    tugas = new_for_user(Tugas, request.user)
    tugas.created_by = request.user
    return edit_form_view(
        request,
        form=bound_form(request, TugasForm, tugas, initial=_initial_from_query(request)),
        template="kpm/tugas_form.html",
        message=_("Tugas berhasil dicatat."),
    )


@editor_required
def tugas_update(request, pk):
    return edit_form_view(
        request,
        form=bound_form(request, TugasForm, _visible_tugas(request, pk)),
        template="kpm/tugas_form.html",
        message=_("Perubahan tugas disimpan."),
    )


@require_POST
@editor_required
def tugas_status(request, pk):
    tugas = _visible_tugas(request, pk)
    form = TugasStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Status tugas tidak dikenal; tidak ada yang diubah."))
    elif form.cleaned_data["status"] == tugas.status:  # a double tap, or an old page
        messages.info(request, _("Status tugas sudah %(status)s.") % _status_words(tugas))
    else:
        tugas = set_task_status(tugas=tugas, status=form.cleaned_data["status"], by=request.user)
        messages.success(request, _("Status tugas sekarang %(status)s.") % _status_words(tugas))
    return redirect(tugas)


def _status_words(tugas: Tugas) -> dict:
    return {"status": tugas.get_status_display().lower()}


@require_POST
@editor_required
def tugas_note(request, pk):
    tugas = _visible_tugas(request, pk)
    form = TugasCatatanForm(request.POST, request.FILES, tugas=tugas)
    formguard.add_token_field(form)
    token = formguard.posted_token(form)
    if form.is_valid():
        data = form.cleaned_data

        def write() -> str:
            add_task_note(
                tugas=tugas,
                note=data["note"],
                kader=data["kader"],
                upload=data["attachment"],
                by=request.user,
            )
            return tugas.get_absolute_url() + "#catatan"

        try:
            saved = formguard.save_once(
                request, write=write, message=_("Catatan kemajuan disimpan."), token=token
            )
        except ValidationError as error:  # the evidence file: its content was refused
            form.add_error("attachment", error)
        else:
            if saved is not None:
                return saved
    elif earlier := formguard.repeated(request, token):
        return earlier
    return _detail_page(request, tugas, note_form=form)


@require_safe
@login_required
def tugas_note_file(request, pk, note_pk, size):
    """A note's evidence (`asli`) or a photo's thumbnail (`kecil`), only through the task's
    scope: never a public media URL."""
    tugas = get_object_or_404(Tugas.objects.for_user(request.user), pk=pk)
    row = get_object_or_404(tugas.notes, pk=note_pk)
    stored = {"asli": row.attachment, "kecil": row.thumbnail}.get(size)
    pdf = stored and stored.name.endswith(".pdf")
    return stored_file_response(
        stored, filename=f"bukti-tugas-{tugas.pk}-{row.pk}.pdf" if pdf else ""
    )


@require_POST
@editor_required
def tugas_from_followup(request, pk):
    """A meeting's follow-up becomes a task (once: a second click goes to the same task)."""
    followup = editable_followup(request, pk)
    kelurahan_id = followup.kelurahan_id or followup.rapat.kelurahan_id
    back = followup.rapat.get_absolute_url()
    if kelurahan_id is None:
        messages.error(request, _("Tindak lanjut ini belum punya kelurahan penanggung jawab."))
        return redirect(back)
    if not request.user.scope.covers(kecamatan_id=None, kelurahan_id=kelurahan_id):
        raise PermissionDenied  # a follow-up of another kelurahan's people
    existed = Tugas.objects.filter(followup=followup).exists()
    try:
        tugas = task_from_followup(followup=followup, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    if existed:
        messages.info(request, _("Tindak lanjut ini sudah menjadi tugas."))
    else:
        messages.success(request, _("Tindak lanjut dijadikan tugas. Lengkapi kader dan mitranya."))
    return redirect(reverse("kpm:tugas_detail", args=[tugas.pk]))
