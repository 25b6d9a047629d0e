"""The four imports: children, pregnant women, and the monthly records of each."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelurahan.imports import (
    RowError,
    checkbox,
    digits,
    iso_date,
    number,
    optional_date,
    text,
)
from kelurahan.models import RT, RW, Lembaga

from .. import ages, services
from ..forms import (
    FAMILY_FACTS,
    AdultForm,
    ChildForm,
    ChildMonthForm,
    FamilyForm,
    MeasurementForm,
    PregnancyForm,
    PregnancyMonthForm,
)
from ..models import ChildMonth, Family, Measurement, Person, Pregnancy, PregnancyMonth
from .base import YES, Col, Context, ImportKind, labels, save_form, yes_col

_EXAMPLE_DAY = datetime.date(2024, 11, 12)


# --- Families --------------------------------------------------------------------------------

FAMILY_COLUMNS = (
    Col(
        "kk_number",
        gettext_lazy("No KK"),
        help=gettext_lazy("16 digit; boleh kosong."),
        example="3578011204190007",
    ),
    Col("head_name", gettext_lazy("Nama kepala keluarga"), required=True, example="Joko Santoso"),
    Col("address", gettext_lazy("Alamat"), example="Jl. Pradah Jaya II/15"),
    Col("rw", gettext_lazy("RW"), help=gettext_lazy("Nomor RW, misalnya 3."), example=3),
    Col("rt", gettext_lazy("RT"), help=gettext_lazy("Nomor RT di RW tersebut."), example=2),
    Col(
        "posyandu",
        gettext_lazy("Posyandu"),
        help=gettext_lazy("Nama posyandu seperti di aplikasi."),
        example="Posyandu Melati",
    ),
)


def _family(row: dict, ctx: Context) -> Family:
    """The family of the row: by KK number, else by head name and RW; created if new."""
    kelurahan = ctx.kelurahan
    families = Family.objects.filter(kelurahan=kelurahan)
    kk = digits(row.get("kk_number"))
    head = text(row.get("head_name"))
    rw = rt = posyandu = None
    errors = []
    if text(row.get("rw")):
        rw = RW.objects.filter(kelurahan=kelurahan, number=digits(row["rw"]) or 0).first()
        if rw is None:
            errors.append(_("RW: RW %(rw)s tidak ada di kelurahan ini.") % {"rw": text(row["rw"])})
    if rw and text(row.get("rt")):
        rt = RT.objects.filter(rw=rw, number=digits(row["rt"]) or 0).first()
        if rt is None:
            errors.append(_("RT: RT %(rt)s tidak ada di RW ini.") % {"rt": text(row["rt"])})
    if text(row.get("posyandu")):
        posyandu = Lembaga.objects.filter(
            kelurahan=kelurahan, kind=Lembaga.Kind.POSYANDU, name__iexact=text(row["posyandu"])
        ).first()
        if posyandu is None:
            errors.append(
                _("Posyandu: posyandu \u201c%(name)s\u201d tidak ada di kelurahan ini.")
                % {"name": text(row["posyandu"])}
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
        "address": text(row.get("address")),
        "rw": rw.pk if rw else "",
        "rt": rt.pk if rt else "",
        "posyandu": posyandu.pk if posyandu else "",
        "is_resident": "on",
        **dict.fromkeys(FAMILY_FACTS, "unknown"),
    }
    form = FamilyForm(data, instance=Family(kelurahan=kelurahan), user=ctx.user)
    return save_form(form, labels(FAMILY_COLUMNS))


# --- Children --------------------------------------------------------------------------------

CHILD_COLUMNS = (
    *FAMILY_COLUMNS,
    Col("name", gettext_lazy("Nama anak"), required=True, example="Bima Santoso"),
    Col("nik", gettext_lazy("NIK anak"), help=gettext_lazy("Boleh kosong.")),
    Col(
        "sex",
        gettext_lazy("Jenis kelamin"),
        required=True,
        help=gettext_lazy("L (laki-laki) atau P (perempuan)."),
        example="L",
        choices=("L", "P"),
    ),
    Col(
        "birth_date",
        gettext_lazy("Tanggal lahir"),
        required=True,
        help="31-12-2024",
        example=datetime.date(2024, 3, 5),
    ),
    Col("mother_name", gettext_lazy("Nama ibu"), example="Sri Rahayu"),
    Col("mother_nik", gettext_lazy("NIK ibu"), example="3578015705950001"),
    Col("birth_weight_kg", gettext_lazy("Berat lahir (kg)"), example=3.2),
    Col("birth_length_cm", gettext_lazy("Panjang lahir (cm)"), example=49),
    yes_col("has_birth_certificate", gettext_lazy("Akta lahir")),
)


def _mother(row: dict, family: Family, ctx: Context) -> Person | None:
    name, nik = text(row.get("mother_name")), digits(row.get("mother_nik"))
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
    return save_form(
        form, {"name": str(_("Nama ibu")), "nik": str(_("NIK ibu"))}, save=_save_person
    )


def _save_person(form) -> Person:
    return services.save_person(person=form.instance)


def import_child(row: dict, ctx: Context) -> None:
    family = _family(row, ctx)
    mother = _mother(row, family, ctx)
    data = {
        "name": text(row.get("name")),
        "nik": digits(row.get("nik")),
        "sex": text(row.get("sex")).upper()[:1],
        "birth_date": iso_date(row.get("birth_date")),
        "mother": mother.pk if mother else "",
        "family_role": Person.FamilyRole.ANAK,
        "is_resident": "on",
        "birth_weight_kg": number(row.get("birth_weight_kg")),
        "birth_length_cm": number(row.get("birth_length_cm")),
        "has_birth_certificate": checkbox(row.get("has_birth_certificate")),
    }
    person = Person(kelurahan=ctx.kelurahan, family=family)
    save_form(
        ChildForm(data, instance=person, user=ctx.user), labels(CHILD_COLUMNS), save=_save_person
    )


# --- Pregnant women --------------------------------------------------------------------------

STATUS_WORDS = {"normal": "normal", "risti": "risti", "risiko tinggi": "risti", "kek": "kek"}
STATUS_COL = Col(
    "status",
    gettext_lazy("Status"),
    help=gettext_lazy("normal / risiko tinggi / KEK"),
    example="normal",
    choices=("normal", "risiko tinggi", "KEK"),
)

PREGNANCY_COLUMNS = (
    *FAMILY_COLUMNS,
    Col("name", gettext_lazy("Nama ibu"), required=True, example="Sri Rahayu"),
    Col(
        "nik",
        gettext_lazy("NIK ibu"),
        help=gettext_lazy("Boleh kosong (non-penduduk)."),
        example="3578015705950001",
    ),
    Col("birth_date", gettext_lazy("Tanggal lahir ibu"), example=datetime.date(1995, 5, 17)),
    Col("last_period_date", gettext_lazy("HPHT"), example=datetime.date(2024, 8, 1)),
    Col("expected_delivery_date", gettext_lazy("HPL"), help=gettext_lazy("Isi HPHT atau HPL.")),
    Col("pregnancy_number", gettext_lazy("Kehamilan ke"), example=2),
    STATUS_COL,
    Col("muac_cm", gettext_lazy("LiLA (cm)"), example=24.5),
)


def import_pregnancy(row: dict, ctx: Context) -> None:
    family = _family(row, ctx)
    nik = digits(row.get("nik"))
    person = (
        Person.objects.filter(kelurahan=ctx.kelurahan, nik=nik, sex=Person.Sex.PEREMPUAN).first()
        if nik
        else None
    )
    if person is None:
        data = {
            "name": text(row.get("name")),
            "nik": nik,
            "sex": Person.Sex.PEREMPUAN,
            "birth_date": optional_date(row.get("birth_date")),
            "family_role": Person.FamilyRole.ISTRI,
            "is_resident": "on",
        }
        person = save_form(
            AdultForm(data, instance=Person(kelurahan=ctx.kelurahan, family=family), user=ctx.user),
            labels(PREGNANCY_COLUMNS),
            save=_save_person,
        )
    status = STATUS_WORDS.get(text(row.get("status")).lower() or "normal", "")
    data = {
        "pregnancy_number": digits(row.get("pregnancy_number")),
        "last_period_date": iso_date(row.get("last_period_date"))
        if row.get("last_period_date")
        else "",
        "expected_delivery_date": iso_date(row.get("expected_delivery_date"))
        if row.get("expected_delivery_date")
        else "",
        "status": status,
        "muac_cm": number(row.get("muac_cm")),
        "postpartum_family_planning": "unknown",
    }
    pregnancy = Pregnancy(kelurahan=ctx.kelurahan, person=person)
    save_form(
        PregnancyForm(data, instance=pregnancy, user=ctx.user),
        labels(PREGNANCY_COLUMNS),
        save=lambda form: services.save_pregnancy(pregnancy=form.instance),
    )


# --- Monthly records of children (measurement, and 2B for 0-23 months) ------------------------

CHILD_MONTH_COLUMNS = (
    Col(
        "id",
        gettext_lazy("ID sasaran"),
        help=gettext_lazy("Dari ekspor daftar anak; atau isi NIK."),
        example=123,
    ),
    Col("nik", gettext_lazy("NIK anak")),
    Col(
        "name",
        gettext_lazy("Nama anak"),
        help=gettext_lazy("Untuk pengecekan saja."),
        example="Bima Santoso",
    ),
    Col("visit_date", gettext_lazy("Tanggal ukur"), required=True, example=_EXAMPLE_DAY),
    Col("weight_kg", gettext_lazy("Berat (kg)"), example=8.4),
    Col("height_cm", gettext_lazy("Panjang/tinggi (cm)"), example=70.5),
    Col(
        "measured_lying",
        gettext_lazy("Cara ukur"),
        help="PB / TB",
        example="PB",
        choices=("PB", "TB"),
    ),
    Col(
        "recheck_confirmed",
        gettext_lazy("Sudah diperiksa ulang"),
        help=gettext_lazy("Ya jika nilai yang tidak wajar menurut WHO sudah diperiksa dan benar."),
        choices=YES,
    ),
    Col(
        "growth_mat",
        gettext_lazy("Tikar"),
        help=gettext_lazy("hijau / kuning / merah"),
        example="hijau",
        choices=("hijau", "kuning", "merah"),
    ),
    yes_col("basic_immunization_complete", gettext_lazy("Imunisasi dasar lengkap"), ""),
    yes_col("measles_immunized", gettext_lazy("Campak/MR"), ""),
    yes_col("counseling_father", gettext_lazy("Konseling ayah"), ""),
    yes_col("counseling_mother", gettext_lazy("Konseling ibu")),
    Col("home_visits", gettext_lazy("Kunjungan rumah"), example=0),
    yes_col("parenting_class", gettext_lazy("Kelas parenting"), ""),
    yes_col("safe_water", gettext_lazy("Air minum aman")),
    yes_col("proper_latrine", gettext_lazy("Jamban layak")),
    yes_col("birth_certificate", gettext_lazy("Akta lahir")),
    yes_col("health_insurance", gettext_lazy("Jaminan kesehatan")),
    yes_col("supplementary_feeding", gettext_lazy("PMT"), ""),
)

_BOOL_2B = (
    "recheck_confirmed",
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
    ident, nik = digits(row.get("id")), digits(row.get("nik"))
    person = None
    if ident:
        person = persons.filter(pk=int(ident)).first()
    elif nik:
        person = persons.filter(nik=nik).first()
    else:
        raise RowError([_("Isi ID sasaran atau NIK anak.")])
    if person is None:
        raise RowError([_("Anak dengan ID/NIK ini tidak ada di kelurahan ini.")])
    name = text(row.get("name"))
    if name and name.lower() != person.name.lower():
        raise RowError(
            [_("Nama anak tidak cocok: ID/NIK ini milik %(name)s.") % {"name": person.name}]
        )
    return person


def import_child_month(row: dict, ctx: Context) -> None:
    person = _child(row, ctx)
    position = text(row.get("measured_lying")).upper()
    data = {
        "visit_date": iso_date(row.get("visit_date")),
        "measured_on": iso_date(row.get("visit_date")),
        "weight_kg": number(row.get("weight_kg")),
        "height_cm": number(row.get("height_cm")),
        "measured_lying": {"PB": "1", "TB": "0"}.get(position, position),
        "growth_mat": text(row.get("growth_mat")).lower() or ChildMonth.Mat.TIDAK_DIUKUR,
        "home_visits": digits(row.get("home_visits")) or "0",
        "exclusive_breastfeeding": "unknown",
        "complementary_feeding": "unknown",
        **{name: checkbox(row.get(name)) for name in _BOOL_2B},
    }
    columns = labels(CHILD_MONTH_COLUMNS) | {"measured_on": str(_("Tanggal ukur"))}
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
        save_form(form, columns, lambda f: services.save_measurement(measurement=f.instance))
        return
    form = ChildMonthForm(
        data,
        instance=ChildMonth(person=person, kelurahan_id=person.kelurahan_id),
        user=ctx.user,
    )
    save_form(
        form,
        columns,
        lambda f: services.save_child_month(record=f.instance, measurement=f.measurement_input()),
    )


# --- Monthly records of pregnant women (2A) ---------------------------------------------------

PREGNANCY_MONTH_COLUMNS = (
    Col(
        "id",
        gettext_lazy("ID kehamilan"),
        help=gettext_lazy("Dari ekspor; atau isi NIK ibu."),
        example=45,
    ),
    Col("nik", gettext_lazy("NIK ibu")),
    Col("visit_date", gettext_lazy("Tanggal kunjungan"), required=True, example=_EXAMPLE_DAY),
    STATUS_COL,
    Col("anc_visits", gettext_lazy("Periksa kehamilan"), example=1),
    Col("iron_tablets", gettext_lazy("Tablet tambah darah (butir)"), example=30),
    Col("postnatal_visits", gettext_lazy("Periksa nifas"), example=0),
    Col("nutrition_counseling", gettext_lazy("Konseling gizi/kelas ibu hamil"), example=1),
    Col("home_visits", gettext_lazy("Kunjungan rumah"), example=0),
    Col("muac_cm", gettext_lazy("LiLA (cm)"), example=24.5),
    yes_col("safe_water", gettext_lazy("Air minum aman")),
    yes_col("proper_latrine", gettext_lazy("Jamban layak")),
    yes_col("health_insurance", gettext_lazy("Jaminan kesehatan")),
)


def import_pregnancy_month(row: dict, ctx: Context) -> None:
    pregnancies = Pregnancy.objects.filter(kelurahan=ctx.kelurahan).select_related("person")
    ident, nik = digits(row.get("id")), digits(row.get("nik"))
    if ident:
        pregnancy = pregnancies.filter(pk=int(ident)).first()
    elif nik:
        pregnancy = pregnancies.filter(person__nik=nik).order_by("-last_period_date").first()
    else:
        raise RowError([_("Isi ID kehamilan atau NIK ibu.")])
    if pregnancy is None:
        raise RowError([_("Kehamilan dengan ID/NIK ini tidak ada di kelurahan ini.")])
    data = {
        "visit_date": iso_date(row.get("visit_date")),
        "status": STATUS_WORDS.get(text(row.get("status")).lower(), pregnancy.status),
        "muac_cm": number(row.get("muac_cm")),
        **{
            name: digits(row.get(name)) or "0"
            for name in (
                "anc_visits",
                "iron_tablets",
                "postnatal_visits",
                "nutrition_counseling",
                "home_visits",
            )
        },
        **{
            name: checkbox(row.get(name))
            for name in ("safe_water", "proper_latrine", "health_insurance")
        },
    }
    record = PregnancyMonth(pregnancy=pregnancy, kelurahan_id=pregnancy.kelurahan_id)
    save_form(
        PregnancyMonthForm(data, instance=record, user=ctx.user),
        labels(PREGNANCY_MONTH_COLUMNS),
        lambda f: services.save_pregnancy_month(
            record=f.instance, delivered_on=f.cleaned_data.get("delivered_on")
        ),
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
