"""Import of an existing cadre list from Excel (.xlsx), with a downloadable template.

Each row is checked by the same form as the web page (NIK, birth date, phone, origin), plus
duplicates inside the file. The preview shows every row's problems in Indonesian; nothing is
saved unless every row is valid (see `services.import_kader`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kelurahan.imports import ImportRefused, iso_date, read_table, text
from kelurahan.models import RW, Kelurahan, Lembaga
from kelurahan.xlsx import TemplateColumn, template_book

from .forms.kader import ORIGIN_LEMBAGA_KINDS, KaderForm
from .models import Kader

# (form field, column header, example value, help for the instructions sheet)
COLUMNS = [
    ("name", "Nama lengkap", "Siti Aminah", "Wajib."),
    ("nik", "NIK", "3578015203850001", "Wajib, 16 digit sesuai KTP. Ketik sebagai teks."),
    (
        "sex",
        "Jenis kelamin",
        "Perempuan",
        "Pilih dari daftar (Laki-laki atau Perempuan; L atau P juga diterima); harus cocok "
        "dengan NIK.",
    ),
    ("birth_place", "Tempat lahir", "Surabaya", "Boleh kosong."),
    (
        "birth_date",
        "Tanggal lahir (DD-MM-YYYY)",
        "12-03-1985",
        "Wajib; harus cocok dengan NIK; usia minimal 17 tahun.",
    ),
    ("education", "Pendidikan terakhir", "SMA/SMK/sederajat", "Pilih dari daftar."),
    ("courses", "Kursus", "Kader posyandu paripurna", "Boleh kosong."),
    ("origin", "Asal kader", "Kader posyandu", "Pilih dari daftar."),
    (
        "origin_lembaga",
        "Posyandu/PAUD/lembaga asal",
        "Posyandu Melati RW 01",
        "Nama persis seperti di daftar lembaga; wajib untuk kader posyandu dan guru PAUD.",
    ),
    ("origin_detail", "Keterangan asal", "", "Untuk kader lainnya."),
    ("bidang", "Bidang tugas", "Kesehatan dan gizi", "Pilih dari daftar."),
    ("address", "Alamat", "Jl. Pradah Jaya I/12", "Wajib."),
    ("rw", "RW", "1", "Nomor RW, boleh kosong."),
    ("phone", "Nomor HP", "0812-3456-7890", "Boleh kosong; nomor Indonesia."),
    ("notes", "Keterangan", "", "Boleh kosong."),
]
HEADERS = [header for _name, header, _example, _help in COLUMNS]
CHOICE_FIELDS = {
    "sex": Kader.Sex,
    "education": Kader.Education,
    "origin": Kader.Origin,
    "bidang": Kader.Bidang,
}


@dataclass
class ImportRow:
    number: int  # the row number in the sheet
    values: dict  # raw cell values as strings, by form field
    errors: list[str] = field(default_factory=list)
    bad_cells: set[str] = field(default_factory=set)  # cells already reported as unreadable

    @property
    def name(self) -> str:
        return self.values.get("name", "")


@dataclass
class ImportResult:
    rows: list[ImportRow]
    file_errors: list[str] = field(default_factory=list)
    forms: list = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.file_errors and not any(r.errors for r in self.rows)

    @property
    def error_count(self) -> int:
        return sum(1 for r in self.rows if r.errors)


# --- Template ----------------------------------------------------------------------------------


def build_template(kelurahan: Kelurahan | None) -> bytes:
    """The .xlsx template: headers, a marked example row (skipped on import), dropdowns of the
    allowed values, and help."""
    lists = {
        name: tuple(str(label) for label in choices.labels)
        for name, choices in CHOICE_FIELDS.items()
    }
    if kelurahan is not None:
        lembaga = Lembaga.objects.filter(
            kelurahan=kelurahan, kind__in=ORIGIN_LEMBAGA_KINDS, is_active=True
        ).order_by("kind", "name")
        lists["origin_lembaga"] = tuple(obj.name for obj in lembaga)
    columns = [
        TemplateColumn(
            header,
            example,
            choices=lists.get(name, ()),
            as_text=name == "nik",
            help=advice,
        )
        for name, header, example, advice in COLUMNS
    ]
    guide = ['Baris contoh (ditandai "(contoh)") tidak ikut diimpor. Satu baris untuk satu kader.']
    return template_book(
        title="Kader", columns=columns, guide=guide, guide_headers=["Kolom", "Petunjuk"]
    )


# --- Reading -------------------------------------------------------------------------------------


def read_rows(upload) -> tuple[list[ImportRow], list[str]]:
    """Rows of the first sheet as strings, keyed by form field; and file-level errors."""
    try:
        table = read_table(upload)
    except ImportRefused as refused:
        return [], [refused.message]
    header = [text(v).lower() for v in table.header]
    missing = [h for h in HEADERS if h.lower() not in header]
    if missing:
        return [], [
            _("Kolom berikut tidak ada di baris pertama: %(columns)s. Gunakan templat.")
            % {"columns": ", ".join(missing)}
        ]
    positions = {name: header.index(h.lower()) for name, h, _e, _h in COLUMNS}
    result = [
        ImportRow(
            number=number,
            values={
                name: text(cells[pos]) if pos < len(cells) else ""
                for name, pos in positions.items()
            },
        )
        for number, cells in table.rows
    ]
    result = [row for row in result if any(row.values.values())]
    if not result:
        return [], [_("Berkas tidak berisi baris data kader.")]
    return result, []


# --- Checking ------------------------------------------------------------------------------------


def _choice(choices, text: str) -> str | None:
    wanted = text.strip().lower()
    for value, label in choices.choices:
        if wanted in (str(value).lower(), str(label).lower()):
            return value
    return None


def _date(written: str) -> str | None:
    """An ISO date, or None when the cell is no date."""
    try:
        return datetime.date.fromisoformat(iso_date(written)).isoformat()
    except ValueError:
        return None


def _form_data(row: ImportRow, *, lembaga_by_name: dict, rw_by_number: dict) -> dict:
    """Translate the row's cells into the form's data, noting cells that cannot be read."""
    values = row.values
    data = dict(values)
    for name, choices in CHOICE_FIELDS.items():
        if values[name]:
            data[name] = _choice(choices, values[name])
            if data[name] is None:
                row.bad_cells.add(name)
                row.errors.append(
                    _("%(column)s: '%(value)s' tidak ada dalam daftar pilihan.")
                    % {"column": _header(name), "value": values[name]}
                )
    if values["birth_date"]:
        data["birth_date"] = _date(values["birth_date"])
        if data["birth_date"] is None:
            row.bad_cells.add("birth_date")
            row.errors.append(
                _("Tanggal lahir: '%(value)s' bukan tanggal (tulis DD-MM-YYYY).")
                % {"value": values["birth_date"]}
            )
    if values["origin_lembaga"]:
        lembaga = lembaga_by_name.get(values["origin_lembaga"].lower())
        data["origin_lembaga"] = lembaga
        if lembaga is None:
            row.bad_cells.add("origin_lembaga")
            row.errors.append(
                _("Posyandu/PAUD/lembaga asal '%(value)s' tidak ditemukan di kelurahan ini.")
                % {"value": values["origin_lembaga"]}
            )
    if values["rw"]:
        rw = rw_by_number.get(values["rw"].lstrip("0") or "0")
        data["rw"] = rw
        if rw is None:
            row.bad_cells.add("rw")
            row.errors.append(
                _("RW '%(value)s' tidak terdaftar di kelurahan ini.") % {"value": values["rw"]}
            )
    return data


def _header(name: str) -> str:
    return next(header for n, header, _e, _h in COLUMNS if n == name)


def check_rows(rows: list[ImportRow], *, kelurahan: Kelurahan, user) -> ImportResult:
    lembaga_by_name = {
        obj.name.lower(): obj.pk
        for obj in Lembaga.objects.filter(kelurahan=kelurahan, kind__in=ORIGIN_LEMBAGA_KINDS)
    }
    rw_by_number = {str(rw.number): rw.pk for rw in RW.objects.filter(kelurahan=kelurahan)}
    seen_nik: dict[str, int] = {}
    forms = []
    for row in rows:
        data = _form_data(row, lembaga_by_name=lembaga_by_name, rw_by_number=rw_by_number)
        data = {k: ("" if v is None else v) for k, v in data.items()}
        form = KaderForm(data, instance=Kader(kelurahan=kelurahan), user=user)
        if not form.is_valid():
            for name, errors in form.errors.items():
                if name in row.bad_cells:
                    continue
                label = form.fields[name].label if name in form.fields else ""
                for error in errors:
                    message = f"{label}: {error}" if label else error
                    if message not in row.errors:
                        row.errors.append(message)
        nik = form.cleaned_data.get("nik") if hasattr(form, "cleaned_data") else None
        nik = nik or row.values["nik"]
        if nik in seen_nik:
            row.errors.append(
                _("NIK sama dengan baris %(row)d di berkas ini (data ganda).")
                % {"row": seen_nik[nik]}
            )
        elif nik:
            seen_nik[nik] = row.number
        forms.append(form)
    # Form field labels come from the model: put them in sentence case for the preview.
    for row in rows:
        row.errors = [e[:1].upper() + e[1:] for e in row.errors]
    return ImportResult(rows=rows, forms=forms)


def check_upload(upload, *, kelurahan: Kelurahan, user) -> ImportResult:
    rows, file_errors = read_rows(upload)
    if file_errors:
        return ImportResult(rows=[], file_errors=file_errors)
    return check_rows(rows, kelurahan=kelurahan, user=user)


def rows_to_session(rows: list[ImportRow]) -> list[dict]:
    return [{"number": r.number, "values": r.values} for r in rows]


def rows_from_session(data: list[dict]) -> list[ImportRow]:
    return [ImportRow(number=item["number"], values=item["values"]) for item in data]
