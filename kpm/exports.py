"""Exports of the cadre register: the .xlsx register and the printed Buku Kader (PDF)."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from kelurahan.xlsx import Column, Sheet, workbook

from .models import Kader

STATUS_LABELS = {
    "aktif": "Aktif",
    "segera": "Aktif, masa bakti segera berakhir",
    "habis": "Aktif, masa bakti sudah habis",
    "tanpa_sk": "Aktif, belum ada SK",
    "nonaktif": "Berhenti",
}


def _status(kader: Kader) -> str:
    label = STATUS_LABELS[kader.status]
    if not kader.is_active:
        label += f" {kader.ended_on:%d-%m-%Y}"
    return label


def _kader(value: Callable[[Kader], object]) -> Callable:
    """A column value of the kader in a (number, kader) row."""
    return lambda row: value(row[1])


def register_columns(*, full_nik: bool) -> list[Column]:
    """The register's columns, each header with its value. The full NIK only goes to users who
    keep the register."""
    return [
        Column("No.", lambda row: row[0], 5),
        Column("Nama lengkap", _kader(lambda k: k.name), 28),
        Column("NIK", _kader(lambda k: k.nik if full_nik else k.nik_masked), 19),
        Column("Jenis kelamin", _kader(lambda k: k.get_sex_display()), 12),
        Column("Tempat lahir", _kader(lambda k: k.birth_place), 16),
        Column("Tanggal lahir", _kader(lambda k: k.birth_date), 12),
        Column("Umur", _kader(lambda k: k.age), 6),
        Column("Pendidikan terakhir", _kader(lambda k: k.get_education_display()), 20),
        Column("Kursus", _kader(lambda k: k.courses), 20),
        Column("Asal kader", _kader(lambda k: k.get_origin_display()), 18),
        Column(
            "Posyandu/PAUD/lembaga asal",
            _kader(lambda k: k.origin_lembaga.name if k.origin_lembaga_id else k.origin_detail),
            26,
        ),
        Column("Bidang tugas", _kader(lambda k: k.get_bidang_display()), 22),
        Column("Alamat", _kader(lambda k: k.address), 30),
        Column("RW", _kader(lambda k: k.rw.number if k.rw_id else None), 5),
        Column("Nomor HP", _kader(lambda k: k.phone_display), 16),
        Column("Masa bakti s.d.", _kader(lambda k: k.term_end), 12),
        Column("Status", _kader(_status), 24),
        Column("Kelurahan", _kader(lambda k: k.kelurahan.name), 20),
    ]


def register_xlsx(queryset, *, full_nik: bool) -> bytes:
    rows = enumerate(queryset.iterator(chunk_size=500), start=1)
    return workbook(Sheet("Register kader KPM", register_columns(full_nik=full_nik), rows))


def book_rows(queryset) -> list[dict]:
    """Rows of the Buku Kader Pemberdayaan Masyarakat, in the order of the official columns."""
    rows = []
    for number, kader in enumerate(queryset, start=1):
        trainings = [p.name for p in kader.pelatihan_set.all()]
        education = ", ".join(
            part for part in [kader.get_education_display(), kader.courses, *trainings] if part
        )
        notes = [kader.origin_label]
        sks = sorted(kader.sks.all(), key=lambda sk: sk.date)
        appointing = [sk for sk in sks if sk.kind == sk.Kind.PENGANGKATAN]
        if appointing:
            latest = appointing[-1]
            notes.append(
                _("SK %(number)s, masa bakti s.d. %(end)s")
                % {"number": latest.number, "end": latest.term_end.strftime("%d-%m-%Y")}
            )
        if not kader.is_active:
            reason = kader.end_reason or (str(kader.end_sk) if kader.end_sk_id else "")
            notes.append(
                _("Berhenti %(date)s: %(reason)s")
                % {"date": kader.ended_on.strftime("%d-%m-%Y"), "reason": reason}
            )
        rows.append(
            {
                "number": number,
                "name": kader.name,
                "age": kader.age,
                "sex": kader.get_sex_display(),
                "education": education,
                "bidang": kader.get_bidang_display(),
                "address": kader.address + (f", RW {kader.rw.number:02d}" if kader.rw_id else ""),
                "notes": "; ".join(notes),
                "is_active": kader.is_active,
            }
        )
    return rows
