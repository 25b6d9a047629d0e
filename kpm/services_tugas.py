"""Writes of programmes and KPM tasks: a follow-up turned into a task, status changes (who
finished and whether on time), progress notes with evidence, and the monthly tasks made from
their templates (once per month, however often it is asked)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kelurahan.models import Kelurahan, User

from .models import (
    Duty,
    Program,
    ProgramTahap,
    RapatTindakLanjut,
    Tahap,
    Tugas,
    TugasCatatan,
    TugasRutin,
)
from .models.tugas import TugasContent
from .uploads import prepare_evidence, removed_on_error

Status = Tugas.Status
# A task's status -> the status of the meeting follow-up it came from.
_FOLLOWUP_STATUS = {
    Status.BARU: RapatTindakLanjut.Status.BELUM,
    Status.BERJALAN: RapatTindakLanjut.Status.PROSES,
    Status.SELESAI: RapatTindakLanjut.Status.SELESAI,
    Status.DIBATALKAN: RapatTindakLanjut.Status.BATAL,
}

# What a monthly task takes over from its template: what TugasContent declares (not its times).
_TEMPLATE_CONTENT = [
    field.name
    for field in TugasContent._meta.fields
    if field.name not in ("created_at", "updated_at")
]


@transaction.atomic
def set_program_stage(
    *, program: Program, stage: str, started_on: datetime.date, note: str = ""
) -> ProgramTahap:
    """Record the day `program` entered `stage` (again: the day is corrected); its current stage
    is the one entered last."""
    row, _created = ProgramTahap.objects.update_or_create(
        program=program, stage=stage, defaults={"started_on": started_on, "note": note}
    )
    latest = program.stages.order_by("-started_on", "-pk").first()
    program.stage = latest.stage if latest else Tahap.PERENCANAAN
    program.save(update_fields=["stage", "updated_at"])
    return row


@transaction.atomic
def task_from_followup(*, followup: RapatTindakLanjut, by: User) -> Tugas:
    """The task made from a meeting's follow-up (made once: a second click returns it)."""
    followup = RapatTindakLanjut.objects.select_for_update().get(pk=followup.pk)
    existing = Tugas.objects.filter(followup=followup).first()
    if existing is not None:
        return existing
    if not followup.is_open:
        raise ValidationError(
            _("Tindak lanjut yang sudah selesai atau batal tidak dijadikan tugas.")
        )
    rapat = followup.rapat
    tugas = Tugas.objects.create(
        kelurahan_id=followup.kelurahan_id or rapat.kelurahan_id,
        title=followup.description[:200],
        description=_("Tindak lanjut rapat “%(rapat)s” tanggal %(date)s.")
        % {"rapat": rapat.title, "date": timezone.localtime(rapat.starts_at).strftime("%d/%m/%Y")},
        duty=Duty.KOORDINASI,
        due_date=followup.due_date,
        followup=followup,
        status=Status.BERJALAN
        if followup.status == RapatTindakLanjut.Status.PROSES
        else Status.BARU,
        created_by=by,
    )
    if followup.assignee_kader_id:
        tugas.kaders.add(followup.assignee_kader_id)
    return tugas


@transaction.atomic
def set_task_status(
    *, tugas: Tugas, status: str, by: User, on: datetime.date | None = None
) -> Tugas:
    """Move a task to `status`. Finishing keeps who, on which day and whether it was on time;
    reopening a finished task clears them. The meeting follow-up it came from follows."""
    tugas = Tugas.objects.select_for_update().get(pk=tugas.pk)
    on = on or timezone.localdate()
    tugas.status = status
    if status == Status.SELESAI:
        tugas.finished_on, tugas.finished_by = on, by
        tugas.finished_on_time = on <= tugas.due_date
    else:
        tugas.finished_on = tugas.finished_by = tugas.finished_on_time = None
    tugas.save()
    if tugas.followup_id:
        followup = tugas.followup
        followup.status = _FOLLOWUP_STATUS[status]
        followup.done_on = on if status == Status.SELESAI else None
        followup.save(update_fields=["status", "done_on", "updated_at"])
    return tugas


@transaction.atomic
def add_task_note(*, tugas: Tugas, note: str, by: User, kader=None, upload=None) -> TugasCatatan:
    """A progress note, with a photo (re-encoded) or PDF as evidence; a new task becomes
    "berjalan"."""
    row = TugasCatatan(tugas=tugas, note=note, kader=kader, written_by=by)
    stored = prepare_evidence(upload) if upload else None
    with removed_on_error(row.attachment, row.thumbnail):
        if stored is not None:
            row.attachment_kind = stored.kind
            row.attachment.save(stored.file.name, stored.file, save=False)
            if stored.thumbnail is not None:
                row.thumbnail.save(stored.thumbnail.name, stored.thumbnail, save=False)
        row.full_clean()
        row.save()
    if tugas.status == Status.BARU:
        Tugas.objects.filter(pk=tugas.pk).update(status=Status.BERJALAN)
        tugas.status = Status.BERJALAN
    return row


def generate_monthly_tasks(*, month: datetime.date, kelurahan: Kelurahan | None = None) -> int:
    """Make this month's task of every template that runs in `month` (the first of a month) and
    has none yet; the number made. Safe to repeat and to run twice at once: a template's month
    has one task (a database constraint)."""
    templates = TugasRutin.objects.running_in(month).exclude(tasks__month=month)
    if kelurahan is not None:
        templates = templates.filter(kelurahan=kelurahan)
    made = 0
    for template in templates.prefetch_related("kaders"):
        try:
            with transaction.atomic():
                tugas = Tugas.objects.create(
                    kelurahan_id=template.kelurahan_id,
                    **{name: getattr(template, name) for name in _TEMPLATE_CONTENT},
                    program_id=template.program_id,
                    due_date=month.replace(day=template.due_day),
                    template=template,
                    month=month,
                )
                tugas.kaders.set(template.kaders.all())
        except IntegrityError:  # made by another request meanwhile
            continue
        made += 1
    return made


def missing_monthly_tasks(*, month: datetime.date, kelurahan: Kelurahan) -> int:
    """How many templates of `kelurahan` still have no task for `month`."""
    return (
        TugasRutin.objects.running_in(month)
        .filter(kelurahan=kelurahan)
        .exclude(tasks__month=month)
        .count()
    )
