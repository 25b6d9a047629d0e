"""City-scale programmes and KPM tasks for the benchmark: about 20 tasks per cadre per year, some
from monthly templates, most finished, some overdue (the pages measured are in `kpm/bench.py`)."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from kelurahan.dates import add_months, month_start
from kelurahan.scale import scale_kelurahan

from ..models import Duty, Kader, PaketLayanan, Program, Tahap, Tugas, TugasCatatan, TugasRutin

TASKS_PER_KADER_PER_YEAR = 20
PROGRAMS_PER_KELURAHAN = 3
TEMPLATES_PER_KELURAHAN = 2


@transaction.atomic
def seed_scale(*, stdout, scale) -> None:
    kelurahan = scale_kelurahan()
    if not kelurahan:
        stdout.write("No scale kelurahan; skipping the tasks.")
        return
    if Tugas.objects.filter(kelurahan__in=kelurahan).exists():
        stdout.write("Scale tasks exist already; skipping the tasks.")
        return
    rng = random.Random(20261129)
    today = timezone.localdate()
    kaders: dict[int, list[int]] = {}
    for pk, kelurahan_id in Kader.objects.filter(
        kelurahan__in=kelurahan, is_active=True
    ).values_list("pk", "kelurahan_id"):
        kaders.setdefault(kelurahan_id, []).append(pk)
    programs = Program.objects.bulk_create(
        [
            Program(
                kelurahan=k,
                name=f"Program {n + 1}",
                aims="Pencegahan stunting",
                paket=rng.choice(PaketLayanan.values),
                start_date=today - datetime.timedelta(days=300 - 90 * n),
                stage=rng.choice(Tahap.values),
            )
            for k in kelurahan
            for n in range(PROGRAMS_PER_KELURAHAN)
        ],
        batch_size=1000,
    )
    templates = TugasRutin.objects.bulk_create(
        [
            TugasRutin(
                kelurahan=k,
                title=title,
                duty=duty,
                due_day=25,
                start_month=add_months(month_start(today), -11),
            )
            for k in kelurahan
            for title, duty in [
                ("Kunjungan rumah ibu hamil KEK", Duty.PEMANTAUAN),
                ("Rekap posyandu", Duty.PENDATAAN),
            ][:TEMPLATES_PER_KELURAHAN]
        ],
        batch_size=1000,
    )
    programs_of: dict[int, list[int]] = {}
    for program in programs:
        programs_of.setdefault(program.kelurahan_id, []).append(program.pk)
    tasks, assigned = _tasks(kelurahan, kaders, programs_of, templates, today, rng)
    tasks = Tugas.objects.bulk_create(tasks, batch_size=2000)
    Tugas.kaders.through.objects.bulk_create(
        [
            Tugas.kaders.through(tugas_id=task.pk, kader_id=kader_id)
            for task, members in zip(tasks, assigned, strict=True)
            for kader_id in members
        ],
        batch_size=5000,
    )
    notes = TugasCatatan.objects.bulk_create(
        [
            TugasCatatan(tugas=task, note="Sudah dikunjungi, lanjut bulan depan.")
            for task in tasks
            if task.status != Tugas.Status.BARU and rng.random() < 0.5
        ],
        batch_size=5000,
    )
    stdout.write(
        f"Scale data: {len(programs)} program, {len(templates)} tugas rutin, "
        f"{len(tasks)} tugas, {len(notes)} catatan kemajuan."
    )


def _tasks(kelurahan, kaders, programs_of, templates, today, rng):
    """The tasks of a year, and the cadres of each (the same order)."""
    tasks, assigned = [], []
    for k in kelurahan:
        members = kaders.get(k.pk, [])
        count = len(members) * TASKS_PER_KADER_PER_YEAR // 2  # two cadres a task on average
        for n in range(count):
            due = today - datetime.timedelta(days=rng.randint(-60, 330))
            tasks.append(_task(k, f"Tugas {n + 1}", due, today, rng, programs_of.get(k.pk)))
            assigned.append(rng.sample(members, min(len(members), rng.choice([1, 2, 3]))))
    for template in templates:
        members = kaders.get(template.kelurahan_id, [])[:2]
        for m in range(12):
            month = add_months(template.start_month, m)
            task = _task(
                template.kelurahan, template.title, month.replace(day=25), today, rng, None
            )
            task.duty, task.template, task.month = template.duty, template, month
            tasks.append(task)
            assigned.append(members)
    return tasks, assigned


def _task(kelurahan, title, due, today, rng, programs) -> Tugas:
    past = due < today
    roll = rng.random()
    if past and roll < 0.8:
        status = Tugas.Status.SELESAI
    elif roll < 0.9:
        status = Tugas.Status.BERJALAN
    elif roll < 0.95:
        status = Tugas.Status.BARU
    else:
        status = Tugas.Status.DIBATALKAN
    finished = None
    if status == Tugas.Status.SELESAI:
        finished = min(today, due + datetime.timedelta(days=rng.randint(-10, 8)))
    return Tugas(
        kelurahan=kelurahan,
        title=title,
        duty=rng.choice(Duty.values),
        stage=rng.choice(Tahap.values),
        paket=rng.choice(["", *PaketLayanan.values]),
        due_date=due,
        program_id=rng.choice(programs) if programs and rng.random() < 0.3 else None,
        status=status,
        finished_on=finished,
        finished_on_time=finished <= due if finished else None,
    )
