"""Exports of the cadre register: the .xlsx register and the printed Buku Kader (PDF)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from import_export import resources
from import_export.fields import Field

from .models import Kader


class KaderResource(resources.Resource):
    """The register as a spreadsheet. Every column is declared here, with its header, so that
    headers and values cannot drift apart. The full NIK only goes to users who keep the register.
    """

    no = Field(column_name="No", dehydrate_method="dehydrate_no")
    name = Field(attribute="name", column_name="Nama lengkap")
    nik = Field(column_name="NIK", dehydrate_method="dehydrate_nik")
    sex = Field(attribute="get_sex_display", column_name="Jenis kelamin")
    birth_place = Field(attribute="birth_place", column_name="Tempat lahir")
    birth_date = Field(column_name="Tanggal lahir", dehydrate_method="dehydrate_birth_date")
    age = Field(attribute="age", column_name="Umur")
    education = Field(attribute="get_education_display", column_name="Pendidikan terakhir")
    courses = Field(attribute="courses", column_name="Kursus")
    origin = Field(attribute="get_origin_display", column_name="Asal kader")
    origin_lembaga = Field(column_name="Posyandu/PAUD/lembaga asal")
    bidang = Field(attribute="get_bidang_display", column_name="Bidang tugas")
    address = Field(attribute="address", column_name="Alamat")
    rw = Field(column_name="RW", dehydrate_method="dehydrate_rw")
    phone = Field(attribute="phone_display", column_name="Nomor HP")
    term_end = Field(column_name="Masa bakti s.d.", dehydrate_method="dehydrate_term_end")
    status = Field(column_name="Status", dehydrate_method="dehydrate_status")
    kelurahan = Field(column_name="Kelurahan", dehydrate_method="dehydrate_kelurahan")

    STATUS_LABELS = {
        "aktif": "Aktif",
        "segera": "Aktif, masa bakti segera berakhir",
        "habis": "Aktif, masa bakti sudah habis",
        "tanpa_sk": "Aktif, belum ada SK",
        "nonaktif": "Berhenti",
    }

    def __init__(self, *, full_nik: bool):
        super().__init__()
        self.full_nik = full_nik
        self._counter = 0

    def export(self, queryset=None, **kwargs):
        self._counter = 0
        return super().export(queryset=queryset, **kwargs)

    def dehydrate_no(self, kader: Kader) -> int:
        self._counter += 1
        return self._counter

    def dehydrate_nik(self, kader: Kader) -> str:
        return kader.nik if self.full_nik else kader.nik_masked

    def dehydrate_birth_date(self, kader: Kader) -> str:
        return kader.birth_date.strftime("%d-%m-%Y")

    def dehydrate_origin_lembaga(self, kader: Kader) -> str:
        return kader.origin_lembaga.name if kader.origin_lembaga_id else kader.origin_detail

    def dehydrate_rw(self, kader: Kader) -> str:
        return str(kader.rw.number) if kader.rw_id else ""

    def dehydrate_term_end(self, kader: Kader) -> str:
        return kader.term_end.strftime("%d-%m-%Y") if kader.term_end else ""

    def dehydrate_status(self, kader: Kader) -> str:
        label = self.STATUS_LABELS[kader.status]
        if not kader.is_active:
            label += f" {kader.ended_on:%d-%m-%Y}"
        return label

    def dehydrate_kelurahan(self, kader: Kader) -> str:
        return kader.kelurahan.name


def register_xlsx(queryset, *, full_nik: bool) -> bytes:
    dataset = KaderResource(full_nik=full_nik).export(queryset)
    dataset.title = "Register kader KPM"
    return dataset.export("xlsx")


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
