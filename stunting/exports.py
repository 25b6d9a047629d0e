"""Excel (.xlsx) exports of the register. Each export is one list of columns, written by the
one Excel writer (`kelurahan.xlsx`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from kelurahan import xlsx
from kelurahan.validators import nik_for
from kelurahan.xlsx import Column, Sheet, dated_filename, workbook


def _yes_no(value) -> str:
    if value is None:
        return ""
    return str(_("Ya")) if value else str(_("Tidak"))


def _z(value) -> float | None:
    return None if value is None else round(value, 2)


def _m(attr: str):
    """A value of the child's last measurement."""

    def get(person):
        m = person.last_measurement
        return getattr(m, attr) if m else None

    return get


def _m_display(attr: str):
    def get(person):
        m = person.last_measurement
        return getattr(m, f"get_{attr}_display")() if m and getattr(m, attr) else ""

    return get


def child_columns(user) -> list[Column]:
    """The child exports' columns; the NIK as `user` may see it (`nik_for`)."""
    return [
        Column(_("ID sasaran"), lambda p: p.pk, 10),
        Column(_("Nama anak"), lambda p: p.name, 28),
        Column(_("NIK"), lambda p: nik_for(user, p.nik), 19),
        *_CHILD_REST,
    ]


_CHILD_REST = [
    Column(_("Jenis kelamin"), lambda p: p.sex, 8),
    Column(_("Tanggal lahir"), lambda p: p.birth_date, 12),
    Column(_("Umur (bulan)"), lambda p: p.age_months, 8),
    Column(_("Nama ibu"), lambda p: p.mother.name if p.mother else "", 24),
    Column(_("Kepala keluarga"), lambda p: p.family.head_name, 24),
    Column(_("Alamat"), lambda p: p.family.address, 30),
    Column(_("RW"), lambda p: p.family.rw.number if p.family.rw else None, 6),
    Column(_("RT"), lambda p: p.family.rt.number if p.family.rt else None, 6),
    Column(_("Posyandu"), lambda p: str(p.family.posyandu or ""), 24),
    Column(_("Non-penduduk"), lambda p: "" if p.is_resident else str(_("Ya")), 8),
    Column(_("Tanggal ukur terakhir"), _m("measured_on"), 12),
    Column(_("Umur saat diukur (bulan)"), _m("age_months"), 8),
    Column(_("Berat (kg)"), _m("weight_kg"), 8),
    Column(_("Panjang/tinggi (cm)"), _m("height_cm"), 8),
    Column(
        _("Cara ukur"),
        lambda p: p.last_measurement.position_label if p.last_measurement else "",
        6,
    ),
    Column(_("z BB/U"), lambda p: _z(_m("wfa_z")(p)), 8),
    Column(_("z PB/U atau TB/U"), lambda p: _z(_m("hfa_z")(p)), 8),
    Column(_("z BB/PB atau BB/TB"), lambda p: _z(_m("wfh_z")(p)), 8),
    Column(_("z IMT/U"), lambda p: _z(_m("bfa_z")(p)), 8),
    Column(_("BB/U"), _m_display("wfa_category"), 20),
    Column(_("PB/U atau TB/U"), _m_display("hfa_category"), 16),
    Column(_("BB/PB atau BB/TB"), _m_display("wfh_category"), 18),
    Column(
        _("Periksa ulang"),
        lambda p: _yes_no(p.last_measurement.needs_recheck) if p.last_measurement else "",
        8,
    ),
]


def pregnancy_columns(user) -> list[Column]:
    """The pregnancy export's columns; the NIK as `user` may see it (`nik_for`)."""
    return [
        Column(_("ID kehamilan"), lambda g: g.pk, 10),
        Column(_("Nama ibu"), lambda g: g.person.name, 28),
        Column(_("NIK"), lambda g: nik_for(user, g.person.nik), 19),
        *_PREGNANCY_REST,
    ]


_PREGNANCY_REST = [
    Column(_("Kepala keluarga"), lambda g: g.person.family.head_name, 24),
    Column(_("Alamat"), lambda g: g.person.family.address, 30),
    Column(_("RW"), lambda g: g.person.family.rw.number if g.person.family.rw else None, 6),
    Column(_("Posyandu"), lambda g: str(g.person.family.posyandu or ""), 24),
    Column(_("Kehamilan ke-"), lambda g: g.pregnancy_number, 8),
    Column(_("HPHT"), lambda g: g.last_period_date, 12),
    Column(_("HPL"), lambda g: g.expected_delivery_date, 12),
    Column(_("Status"), lambda g: g.get_status_display(), 16),
    Column(_("LiLA (cm)"), lambda g: g.muac_cm, 8),
    Column(_("Tanggal melahirkan"), lambda g: g.delivered_on, 12),
]


def xlsx_response(name: str, title: str, columns: list[Column], rows: Iterable) -> HttpResponse:
    """One sheet titled `title` (at most 31 characters), downloaded as `<name>-YYYYMMDD.xlsx`."""
    return xlsx.xlsx_response(workbook(Sheet(title, columns, rows)), dated_filename(name))
