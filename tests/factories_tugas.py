"""Factory helpers for programmes and KPM tasks: `make_program(kelurahan, **fields)`,
`make_tugas(kelurahan, kaders=(), **fields)`."""

import datetime
import itertools

from kpm.models import Duty, Program, Tugas

_seq = itertools.count(1)


def make_program(kelurahan, **fields) -> Program:
    fields.setdefault("name", f"Program Uji {next(_seq):03d}")
    fields.setdefault("start_date", datetime.date(2021, 1, 4))
    return Program.objects.create(kelurahan=kelurahan, **fields)


def make_tugas(kelurahan, kaders=(), **fields) -> Tugas:
    fields.setdefault("title", f"Tugas Uji {next(_seq):03d}")
    fields.setdefault("duty", Duty.PENDATAAN)
    fields.setdefault("due_date", datetime.date(2021, 1, 31))
    tugas = Tugas.objects.create(kelurahan=kelurahan, **fields)
    tugas.kaders.set(kaders)
    return tugas
