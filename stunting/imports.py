"""Import targets and monthly records from .xlsx: all rows or none, with an error per row.

Every row goes through the same forms as the pages, so an import keeps exactly the rules (and
the Indonesian messages) of manual entry. Rows are saved in order inside one transaction, so a
later row sees the family or the record an earlier row created; if any row fails, everything is
rolled back and the user gets the list of rows to fix.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BytesIO

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kelurahan.models import RT, RW, Lembaga

from . import ages
from .forms import (
    AdultForm,
    ChildForm,
    ChildMonthForm,
    FamilyForm,
    MeasurementForm,
    PregnancyForm,
    PregnancyMonthForm,
)
from .models import ChildMonth, Family, Measurement, Person, Pregnancy, PregnancyMonth

MAX_ROWS = 5000


class RowError(Exception):
    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    required: bool = False
    help: str = ""


@dataclass
class Context:
    user: object
    kelurahan: object


@dataclass
class ImportResult:
    saved: int = 0
    errors: list[tuple[int, list[str]]] = field(default_factory=list)
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_error


@dataclass(frozen=True)
class ImportKind:
    slug: str
    title: str
    description: str
    columns: tuple[Col, ...]
    handler: Callable[[dict, Context], None]


# --- Reading cells ---------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _digits(value) -> str:
    return "".join(ch for ch in _text(value) if ch.isdigit()) if value is not None else ""


def _date(value) -> str:
    """A form-ready ISO date from a date cell or text (31-12-2024, 31/12/2024, 2024-12-31)."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = _text(value)
    for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return text  # the form says what is wrong with it


def _optional_date(value) -> str:
    return _date(value) if value not in (None, "") else ""


def _number(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    return _text(value).replace(",", ".")


_YES = {"ya", "y", "yes", "1", "true", "v", "√", "ada", "sudah"}


def _bool(value) -> str:
    return "on" if _text(value).lower() in _YES else ""


def _null_bool(value) -> str:
    text = _text(value).lower()
    if not text:
        return "unknown"
    return "true" if text in _YES else "false"


def _form_errors(form, columns: dict[str, str]) -> list[str]:
    messages = []
    for name, errors in form.errors.items():
        label = columns.get(name) or (str(form.fields[name].label) if name in form.fields else "")
        for error in errors:
            messages.append(f"{label}: {error}" if label and name != "__all__" else str(error))
    return messages


def _check(form, columns: dict[str, str]):
    if not form.is_valid():
        raise RowError(_form_errors(form, columns))
    return form.save()


# --- Families --------------------------------------------------------------------------------

FAMILY_COLUMNS = (
    Col("kk_number", gettext_lazy("No KK"), help=gettext_lazy("16 digit; boleh kosong.")),
    Col("head_name", gettext_lazy("Nama kepala keluarga"), required=True),
    Col("address", gettext_lazy("Alamat")),
    Col("rw", gettext_lazy("RW"), help=gettext_lazy("Nomor RW, misalnya 3.")),
    Col("rt", gettext_lazy("RT"), help=gettext_lazy("Nomor RT di RW tersebut.")),
    Col(
        "posyandu",
        gettext_lazy("Posyandu"),
        help=gettext_lazy("Nama posyandu seperti di aplikasi."),
    ),
)


def _family(row: dict, ctx: Context) -> Family:
    """The family of the row: by KK number, else by head name and RW; created if new."""
    kelurahan = ctx.kelurahan
    families = Family.objects.filter(kelurahan=kelurahan)
    kk = _digits(row.get("kk_number"))
    head = _text(row.get("head_name"))
    rw = rt = posyandu = None
    errors = []
    if _text(row.get("rw")):
        rw = RW.objects.filter(kelurahan=kelurahan, number=_digits(row["rw"]) or 0).first()
        if rw is None:
            errors.append(_("RW: RW %(rw)s tidak ada di kelurahan ini.") % {"rw": _text(row["rw"])})
    if rw and _text(row.get("rt")):
        rt = RT.objects.filter(rw=rw, number=_digits(row["rt"]) or 0).first()
        if rt is None:
            errors.append(_("RT: RT %(rt)s tidak ada di RW ini.") % {"rt": _text(row["rt"])})
    if _text(row.get("posyandu")):
        posyandu = Lembaga.objects.filter(
            kelurahan=kelurahan, kind=Lembaga.Kind.POSYANDU, name__iexact=_text(row["posyandu"])
        ).first()
        if posyandu is None:
            errors.append(
                _("Posyandu: posyandu \u201c%(name)s\u201d tidak ada di kelurahan ini.")
                % {"name": _text(row["posyandu"])}
            )
    if errors:
        raise RowError(errors)
    existing = (
        families.filter(kk_number=kk).first()
        if kk
        else families.filter(head_name__iexact=head, rw=rw, kk_number="").first()
    )
    if existing:
        return existing
    data = {
        "kk_number": kk,
        "head_name": head,
        "address": _text(row.get("address")),
        "rw": rw.pk if rw else "",
        "rt": rt.pk if rt else "",
        "posyandu": posyandu.pk if posyandu else "",
        "is_resident": "on",
        **dict.fromkeys(
            (
                "has_kk",
                "has_ktp",
                "stopped_open_defecation",
                "family_assistance",
                "receives_pkh",
                "receives_bpnt",
                "receives_blt",
                "at_risk",
            ),
            "unknown",
        ),
    }
    form = FamilyForm(data, instance=Family(kelurahan=kelurahan), user=ctx.user)
    return _check(form, _labels(FAMILY_COLUMNS))


def _labels(columns) -> dict[str, str]:
    return {c.key: str(c.header) for c in columns}


# --- Children --------------------------------------------------------------------------------

CHILD_COLUMNS = (
    *FAMILY_COLUMNS,
    Col("name", gettext_lazy("Nama anak"), required=True),
    Col("nik", gettext_lazy("NIK anak"), help=gettext_lazy("Boleh kosong.")),
    Col("sex", gettext_lazy("Jenis kelamin"), required=True, help="L / P"),
    Col("birth_date", gettext_lazy("Tanggal lahir"), required=True, help="31-12-2024"),
    Col("mother_name", gettext_lazy("Nama ibu")),
    Col("mother_nik", gettext_lazy("NIK ibu")),
    Col("birth_weight_kg", gettext_lazy("Berat lahir (kg)")),
    Col("birth_length_cm", gettext_lazy("Panjang lahir (cm)")),
    Col("has_birth_certificate", gettext_lazy("Akta lahir"), help=gettext_lazy("Ya / Tidak")),
)


def _mother(row: dict, family: Family, ctx: Context) -> Person | None:
    name, nik = _text(row.get("mother_name")), _digits(row.get("mother_nik"))
    if not name and not nik:
        return None
    persons = Person.objects.filter(kelurahan=ctx.kelurahan, sex=Person.Sex.PEREMPUAN)
    found = persons.filter(nik=nik).first() if nik else None
    found = found or persons.filter(family=family, name__iexact=name).first()
    if found:
        if found.family_id != family.pk:
            raise RowError([_("Nama ibu: ibu dengan NIK ini terdaftar di keluarga lain.")])
        return found
    data = {
        "name": name,
        "nik": nik,
        "sex": Person.Sex.PEREMPUAN,
        "family_role": Person.FamilyRole.ISTRI,
        "is_resident": "on",
    }
    person = Person(kelurahan=ctx.kelurahan, family=family)
    form = AdultForm(data, instance=person, user=ctx.user)
    return _check(form, {"name": str(_("Nama ibu")), "nik": str(_("NIK ibu"))})


def import_child(row: dict, ctx: Context) -> None:
    family = _family(row, ctx)
    mother = _mother(row, family, ctx)
    data = {
        "name": _text(row.get("name")),
        "nik": _digits(row.get("nik")),
        "sex": _text(row.get("sex")).upper()[:1],
        "birth_date": _date(row.get("birth_date")),
        "mother": mother.pk if mother else "",
        "family_role": Person.FamilyRole.ANAK,
        "is_resident": "on",
        "birth_weight_kg": _number(row.get("birth_weight_kg")),
        "birth_length_cm": _number(row.get("birth_length_cm")),
        "has_birth_certificate": _bool(row.get("has_birth_certificate")),
    }
    person = Person(kelurahan=ctx.kelurahan, family=family)
    _check(ChildForm(data, instance=person, user=ctx.user), _labels(CHILD_COLUMNS))


# --- Pregnant women --------------------------------------------------------------------------

STATUS_WORDS = {"normal": "normal", "risti": "risti", "risiko tinggi": "risti", "kek": "kek"}

PREGNANCY_COLUMNS = (
    *FAMILY_COLUMNS,
    Col("name", gettext_lazy("Nama ibu"), required=True),
    Col("nik", gettext_lazy("NIK ibu"), help=gettext_lazy("Boleh kosong (non-penduduk).")),
    Col("birth_date", gettext_lazy("Tanggal lahir ibu")),
    Col("last_period_date", gettext_lazy("HPHT")),
    Col("expected_delivery_date", gettext_lazy("HPL"), help=gettext_lazy("Isi HPHT atau HPL.")),
    Col("pregnancy_number", gettext_lazy("Kehamilan ke")),
    Col("status", gettext_lazy("Status"), help=gettext_lazy("normal / risiko tinggi / KEK")),
    Col("muac_cm", gettext_lazy("LiLA (cm)")),
)


def import_pregnancy(row: dict, ctx: Context) -> None:
    family = _family(row, ctx)
    nik = _digits(row.get("nik"))
    person = (
        Person.objects.filter(kelurahan=ctx.kelurahan, nik=nik, sex=Person.Sex.PEREMPUAN).first()
        if nik
        else None
    )
    if person is None:
        data = {
            "name": _text(row.get("name")),
            "nik": nik,
            "sex": Person.Sex.PEREMPUAN,
            "birth_date": _optional_date(row.get("birth_date")),
            "family_role": Person.FamilyRole.ISTRI,
            "is_resident": "on",
        }
        person = _check(
            AdultForm(data, instance=Person(kelurahan=ctx.kelurahan, family=family), user=ctx.user),
            _labels(PREGNANCY_COLUMNS),
        )
    status = STATUS_WORDS.get(_text(row.get("status")).lower() or "normal", "")
    data = {
        "pregnancy_number": _digits(row.get("pregnancy_number")),
        "last_period_date": _date(row.get("last_period_date"))
        if row.get("last_period_date")
        else "",
        "expected_delivery_date": _date(row.get("expected_delivery_date"))
        if row.get("expected_delivery_date")
        else "",
        "status": status,
        "muac_cm": _number(row.get("muac_cm")),
        "postpartum_family_planning": "unknown",
    }
    pregnancy = Pregnancy(kelurahan=ctx.kelurahan, person=person)
    _check(PregnancyForm(data, instance=pregnancy, user=ctx.user), _labels(PREGNANCY_COLUMNS))


# --- Monthly records of children (measurement, and 2B for 0-23 months) ------------------------

CHILD_MONTH_COLUMNS = (
    Col(
        "id",
        gettext_lazy("ID sasaran"),
        help=gettext_lazy("Dari ekspor daftar anak; atau isi NIK."),
    ),
    Col("nik", gettext_lazy("NIK anak")),
    Col("name", gettext_lazy("Nama anak"), help=gettext_lazy("Untuk pengecekan saja.")),
    Col("visit_date", gettext_lazy("Tanggal ukur"), required=True),
    Col("weight_kg", gettext_lazy("Berat (kg)")),
    Col("height_cm", gettext_lazy("Panjang/tinggi (cm)")),
    Col("measured_lying", gettext_lazy("Cara ukur"), help="PB / TB"),
    Col("growth_mat", gettext_lazy("Tikar"), help=gettext_lazy("hijau / kuning / merah")),
    Col("basic_immunization_complete", gettext_lazy("Imunisasi dasar lengkap")),
    Col("measles_immunized", gettext_lazy("Campak/MR")),
    Col("counseling_father", gettext_lazy("Konseling ayah")),
    Col("counseling_mother", gettext_lazy("Konseling ibu")),
    Col("home_visits", gettext_lazy("Kunjungan rumah")),
    Col("parenting_class", gettext_lazy("Kelas parenting")),
    Col("safe_water", gettext_lazy("Air minum aman")),
    Col("proper_latrine", gettext_lazy("Jamban layak")),
    Col("birth_certificate", gettext_lazy("Akta lahir")),
    Col("health_insurance", gettext_lazy("Jaminan kesehatan")),
    Col("supplementary_feeding", gettext_lazy("PMT")),
)

_BOOL_2B = (
    "basic_immunization_complete",
    "measles_immunized",
    "counseling_father",
    "counseling_mother",
    "parenting_class",
    "safe_water",
    "proper_latrine",
    "birth_certificate",
    "health_insurance",
    "supplementary_feeding",
)


def _child(row: dict, ctx: Context) -> Person:
    persons = Person.objects.filter(kelurahan=ctx.kelurahan)
    ident, nik = _digits(row.get("id")), _digits(row.get("nik"))
    person = None
    if ident:
        person = persons.filter(pk=int(ident)).first()
    elif nik:
        person = persons.filter(nik=nik).first()
    else:
        raise RowError([_("Isi ID sasaran atau NIK anak.")])
    if person is None:
        raise RowError([_("Anak dengan ID/NIK ini tidak ada di kelurahan ini.")])
    name = _text(row.get("name"))
    if name and name.lower() != person.name.lower():
        raise RowError(
            [_("Nama anak tidak cocok: ID/NIK ini milik %(name)s.") % {"name": person.name}]
        )
    return person


def import_child_month(row: dict, ctx: Context) -> None:
    person = _child(row, ctx)
    position = _text(row.get("measured_lying")).upper()
    data = {
        "visit_date": _date(row.get("visit_date")),
        "measured_on": _date(row.get("visit_date")),
        "weight_kg": _number(row.get("weight_kg")),
        "height_cm": _number(row.get("height_cm")),
        "measured_lying": {"PB": "1", "TB": "0"}.get(position, position),
        "growth_mat": _text(row.get("growth_mat")).lower() or ChildMonth.Mat.TIDAK_DIUKUR,
        "home_visits": _digits(row.get("home_visits")) or "0",
        "exclusive_breastfeeding": "unknown",
        "complementary_feeding": "unknown",
        **{name: _bool(row.get(name)) for name in _BOOL_2B},
    }
    labels = _labels(CHILD_MONTH_COLUMNS) | {"measured_on": str(_("Tanggal ukur"))}
    try:
        day = datetime.date.fromisoformat(data["visit_date"])
    except ValueError:
        raise RowError([_("Tanggal ukur: tanggal tidak valid.")]) from None
    age = ages.age_months(person.birth_date, day) if person.birth_date else None
    if age is not None and age > ages.FORM_2B_MONTHS[1]:
        form = MeasurementForm(
            data,
            instance=Measurement(person=person, kelurahan_id=person.kelurahan_id),
            user=ctx.user,
        )
    else:
        form = ChildMonthForm(
            data,
            instance=ChildMonth(person=person, kelurahan_id=person.kelurahan_id),
            user=ctx.user,
        )
    _check(form, labels)


# --- Monthly records of pregnant women (2A) ---------------------------------------------------

PREGNANCY_MONTH_COLUMNS = (
    Col("id", gettext_lazy("ID kehamilan"), help=gettext_lazy("Dari ekspor; atau isi NIK ibu.")),
    Col("nik", gettext_lazy("NIK ibu")),
    Col("visit_date", gettext_lazy("Tanggal kunjungan"), required=True),
    Col("status", gettext_lazy("Status"), help=gettext_lazy("normal / risiko tinggi / KEK")),
    Col("anc_visits", gettext_lazy("Periksa kehamilan")),
    Col("iron_tablets", gettext_lazy("Tablet tambah darah (butir)")),
    Col("postnatal_visits", gettext_lazy("Periksa nifas")),
    Col("nutrition_counseling", gettext_lazy("Konseling gizi/kelas ibu hamil")),
    Col("home_visits", gettext_lazy("Kunjungan rumah")),
    Col("muac_cm", gettext_lazy("LiLA (cm)")),
    Col("safe_water", gettext_lazy("Air minum aman")),
    Col("proper_latrine", gettext_lazy("Jamban layak")),
    Col("health_insurance", gettext_lazy("Jaminan kesehatan")),
)


def import_pregnancy_month(row: dict, ctx: Context) -> None:
    pregnancies = Pregnancy.objects.filter(kelurahan=ctx.kelurahan).select_related("person")
    ident, nik = _digits(row.get("id")), _digits(row.get("nik"))
    if ident:
        pregnancy = pregnancies.filter(pk=int(ident)).first()
    elif nik:
        pregnancy = pregnancies.filter(person__nik=nik).order_by("-last_period_date").first()
    else:
        raise RowError([_("Isi ID kehamilan atau NIK ibu.")])
    if pregnancy is None:
        raise RowError([_("Kehamilan dengan ID/NIK ini tidak ada di kelurahan ini.")])
    data = {
        "visit_date": _date(row.get("visit_date")),
        "status": STATUS_WORDS.get(_text(row.get("status")).lower(), pregnancy.status),
        "muac_cm": _number(row.get("muac_cm")),
        **{
            name: _digits(row.get(name)) or "0"
            for name in (
                "anc_visits",
                "iron_tablets",
                "postnatal_visits",
                "nutrition_counseling",
                "home_visits",
            )
        },
        **{
            name: _bool(row.get(name))
            for name in ("safe_water", "proper_latrine", "health_insurance")
        },
    }
    record = PregnancyMonth(pregnancy=pregnancy, kelurahan_id=pregnancy.kelurahan_id)
    _check(
        PregnancyMonthForm(data, instance=record, user=ctx.user),
        _labels(PREGNANCY_MONTH_COLUMNS),
    )


KINDS = {
    k.slug: k
    for k in (
        ImportKind(
            "anak",
            gettext_lazy("Sasaran anak"),
            gettext_lazy("Satu baris per anak, dengan keluarga dan ibunya."),
            CHILD_COLUMNS,
            import_child,
        ),
        ImportKind(
            "ibu-hamil",
            gettext_lazy("Sasaran ibu hamil"),
            gettext_lazy("Satu baris per kehamilan, dengan keluarganya."),
            PREGNANCY_COLUMNS,
            import_pregnancy,
        ),
        ImportKind(
            "pemantauan-anak",
            gettext_lazy("Pemantauan bulanan anak (pengukuran dan 2B)"),
            gettext_lazy(
                "Satu baris per anak per bulan. Untuk anak 0-23 bulan juga disimpan sebagai "
                "formulir 2B; untuk anak 24-59 bulan hanya pengukurannya."
            ),
            CHILD_MONTH_COLUMNS,
            import_child_month,
        ),
        ImportKind(
            "pemantauan-ibu",
            gettext_lazy("Pemantauan bulanan ibu hamil (2A)"),
            gettext_lazy("Satu baris per kehamilan per bulan."),
            PREGNANCY_MONTH_COLUMNS,
            import_pregnancy_month,
        ),
    )
}


def _normal(header) -> str:
    return " ".join(str(header or "").lower().replace("*", "").split())


def run_import(kind: ImportKind, file, *, user, kelurahan) -> ImportResult:
    result = ImportResult()
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable upload is the same user error
        result.file_error = _("Berkas tidak bisa dibaca. Unggah berkas Excel .xlsx.")
        return result
    rows = book.active.iter_rows(values_only=True)
    header = next(rows, None) or ()
    positions = {_normal(h): i for i, h in enumerate(header) if h is not None}
    keys = {c.key: positions.get(_normal(c.header)) for c in kind.columns}
    missing = [str(c.header) for c in kind.columns if c.required and keys[c.key] is None]
    if missing:
        result.file_error = _("Kolom wajib tidak ditemukan di baris judul: %(cols)s.") % {
            "cols": ", ".join(missing)
        }
        return result
    ctx = Context(user=user, kelurahan=kelurahan)
    with transaction.atomic():
        for number, values in enumerate(rows, start=2):
            if number > MAX_ROWS + 1:
                result.file_error = _("Paling banyak %(n)d baris per berkas.") % {"n": MAX_ROWS}
                break
            if all(v is None or _text(v) == "" for v in values):
                continue
            row = {
                key: (values[i] if i is not None and i < len(values) else None)
                for key, i in keys.items()
            }
            try:
                with transaction.atomic():
                    kind.handler(row, ctx)
                result.saved += 1
            except RowError as exc:
                result.errors.append((number, exc.messages))
        if not result.ok:
            transaction.set_rollback(True)
            result.saved = 0
    return result


def template_workbook(kind: ImportKind) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Data"))
    sheet.append([str(c.header) + (" *" if c.required else "") for c in kind.columns])
    for index, cell in enumerate(sheet[1], start=1):
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(cell.value) + 2)
    guide = book.create_sheet(str(_("Petunjuk")))
    guide.append([str(_("Kolom")), str(_("Wajib")), str(_("Keterangan"))])
    for column in kind.columns:
        guide.append([str(column.header), _("Ya") if column.required else "", str(column.help)])
    guide.append([])
    guide.append([str(kind.description)])
    guide.append(
        [
            str(
                _(
                    "Semua baris disimpan bersama, atau tidak satu pun jika ada baris yang salah. "
                    "Tanggal boleh ditulis 31-12-2024. Ya/Tidak ditulis Ya atau kosong."
                )
            )
        ]
    )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
