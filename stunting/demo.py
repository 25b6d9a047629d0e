"""Demo targets for the four kelurahan of Kecamatan Dukuh Pakis: per kelurahan its own number
of families, children and pregnant women (`SIZES`), with the last twelve months of monitoring in
which a few children are stunted, wasted or not weighed. Each child's birth weight and length
follow the same growth curve as its later measurements.

Dates are relative to today, so the dashboard always has a current month. Safe to re-run:
families are found by their KK number, persons by family and name, monthly records by target
and month; a re-run on a later day moves the records with the birth dates and recomputes them.
Monthly records are written in bulk (they carry no change history) to keep the demo fast.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from kelurahan.models import Kelurahan, Lembaga
from kpm.models import Kader

from . import ages, services
from .charts import _curve
from .demo_fieldwork import seed_fieldwork
from .demo_incentive import seed_incentive
from .demo_referral import seed_referrals
from .models import ChildMonth, Family, Measurement, PaudMonth, Person, Pregnancy, PregnancyMonth

DEMO_KELURAHAN = ["Dukuh Kupang", "Dukuh Pakis", "Gunung Sari", "Pradah Kali Kendal"]
# (families, children, pregnant women) per kelurahan, in DEMO_KELURAHAN order. The last
# `pregnant` families are the pregnant women's; the children live in the others.
SIZES = [(36, 33, 7), (44, 41, 9), (30, 27, 5), (46, 40, 10)]
MONTHS = 12

FATHERS = [
    "Agus Salim", "Budi Santoso", "Dedi Kurniawan", "Eko Prasetyo", "Fajar Nugroho",
    "Gunawan Wibisono", "Hadi Susanto", "Imam Syafii", "Joko Susilo", "Kurniawan Adi",
    "Lukman Hakim", "Mochammad Rizal", "Nur Cahyo", "Purwanto", "Rahmat Hidayat",
    "Sugeng Riyadi", "Teguh Santoso", "Wahyu Saputra", "Yusuf Maulana", "Zainal Arifin",
    "Ahmad Fauzi", "Bambang Sutrisno", "Catur Wicaksono", "Didik Hartono", "Edi Suprapto",
    "Ferry Irawan", "Hendra Wijaya", "Irfan Hakim", "Junaedi", "Khoirul Anam",
    "Mulyadi", "Nanang Kosim", "Rudi Hartanto", "Slamet Widodo", "Sutrisno",
    "Taufik Hidayat", "Umar Said", "Wawan Setiawan", "Yanto Prabowo", "Arif Rahman",
    "Bayu Aji", "Dwi Cahyono", "Heru Purnomo", "Iwan Kurniadi", "Mashuri",
    "Nurhadi", "Subagyo", "Suparman",
]  # fmt: skip
MOTHERS = [
    "Ani Suryani", "Binti Masruroh", "Citra Dewi", "Dian Puspitasari", "Eka Wulandari",
    "Fitri Handayani", "Galuh Pratiwi", "Heni Kusumawati", "Indah Lestari", "Juwariyah",
    "Kartini", "Lailatul Fitriyah", "Maya Sari", "Nurul Hidayah", "Oktaviani",
    "Putri Ayu", "Rina Marlina", "Siti Khotimah", "Tutik Alawiyah", "Umi Hanik",
    "Anik Sulistyowati", "Dewi Masitoh", "Endang Susilowati", "Farida Yuliani", "Hartini",
    "Ika Rahmawati", "Khusnul Khotimah", "Lilik Sundari", "Mamik Suryani", "Novi Anggraini",
    "Nur Aini", "Ratna Sari", "Rohmah", "Sri Wahyuni", "Sulastri",
    "Suprapti", "Titik Sumarni", "Wiwik Indrawati", "Yuyun Yuliana", "Zulaikha",
    "Erna Wati", "Kholifah", "Maslahah", "Puji Astuti", "Rini Setyowati",
    "Sumiati", "Wahyuningsih", "Yeni Kartika",
]  # fmt: skip
BOYS = [
    "Ahmad Fauzan", "Bagus Pratama", "Dimas Arya", "Farel Saputra", "Galang Ramadhan",
    "Hafiz Maulana", "Ilham Akbar", "Kenzo Alfarizi", "Muhammad Rafa", "Naufal Zaky",
    "Rizky Aditya", "Satria Putra", "Alif Ramadhan", "Daffa Prasetya", "Evan Kurniawan",
    "Fikri Haikal", "Jovan Mahendra", "Raka Aditya", "Yoga Pratama", "Zidan Alfarizi",
]  # fmt: skip
GIRLS = [
    "Aisyah Putri", "Bunga Citra", "Chelsea Amelia", "Dinda Safitri", "Fatimah Azzahra",
    "Gita Permata", "Hana Nabila", "Keisha Aulia", "Nadia Salsabila", "Naura Azzahra",
    "Syifa Ramadhani", "Zahra Kirana", "Alya Zahira", "Cinta Maharani", "Felisha Anindya",
    "Kayla Putri", "Nayla Khairunnisa", "Salwa Nurhaliza", "Tiara Anjani", "Vania Larasati",
]  # fmt: skip
STREETS = ["Jl. Dukuh Kupang", "Jl. Pakis Tirtosari", "Jl. Gunungsari", "Jl. Pradah Indah"]


def _nik(birth: datetime.date, sex: str, seq: int) -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return f"357801{day:02d}{birth:%m%y}{seq:04d}"


@transaction.atomic
def seed_demo(*, stdout, force: bool = False) -> None:
    today = timezone.localdate()
    counts = {"families": 0, "children": 0, "pregnancies": 0, "measurements": 0}
    for index, name in enumerate(DEMO_KELURAHAN):
        kelurahan = Kelurahan.objects.filter(kecamatan__name="Dukuh Pakis", name=name).first()
        if kelurahan is None:
            continue
        _seed_kelurahan(kelurahan, index=index, today=today, counts=counts)
    _seed_quarter_report(today)
    assigned, visits = seed_fieldwork(today=today)
    stdout.write(
        f"Stunting demo: {counts['families']} families, {counts['children']} children, "
        f"{counts['pregnancies']} pregnancies, {counts['measurements']} measurements; "
        f"{assigned} families accompanied by cadres, {visits} home visits."
    )
    seed_referrals(stdout=stdout)
    seed_incentive(stdout=stdout)


def _seed_quarter_report(today: datetime.date) -> None:
    """Pradah Kali Kendal's quarter before last is validated by its lurah, with its rembuk
    stunting noted; the last quarter stays a draft for the lurah to validate."""
    from kelurahan.dates import Quarter
    from kelurahan.models import User

    from .scorecard.validation import report_for, validate_quarter

    lurah = User.objects.filter(role=User.Role.LURAH, kelurahan__name=DEMO_KELURAHAN[-1]).first()
    if lurah is None:
        return
    quarter = Quarter.of(today).shifted(-2)
    report = report_for(lurah.kelurahan, quarter)
    if not report.partners:
        report.rembuk_held_on = quarter.months[1].replace(day=14)
        report.partners = "Puskesmas Dukuh Kupang, PKK, Dinas Kesehatan"
        report.notes = "Rembuk stunting kelurahan membahas anak yang belum ditimbang."
        report.save()
    validate_quarter(kelurahan=lurah.kelurahan, quarter=quarter, by=lurah)


def _seed_kelurahan(kelurahan, *, index: int, today: datetime.date, counts: dict) -> None:
    rng = random.Random(1000 + index)
    n_families, n_children, n_pregnant = SIZES[index]
    homes = n_families - n_pregnant  # the families the children live in
    posyandu = list(
        Lembaga.objects.filter(kelurahan=kelurahan, kind=Lembaga.Kind.POSYANDU)
        .select_related("rw")
        .order_by("rw__number", "name")
    )
    paud = list(Lembaga.objects.filter(kelurahan=kelurahan, kind=Lembaga.Kind.PAUD))
    cadres = list(Kader.objects.filter(kelurahan=kelurahan, is_active=True).order_by("pk"))
    families, mothers = [], []
    for n in range(n_families):
        post = posyandu[n % len(posyandu)] if posyandu else None
        rw = post.rw if post else None
        rt = rw.rt_set.order_by("number").first() if rw else None
        family, _ = Family.objects.update_or_create(
            kelurahan=kelurahan,
            kk_number=f"35780{index + 1}{n + 1:04d}{(index * 7 + n) % 10}00001"[:16],
            defaults={
                "head_name": FATHERS[(n + index) % len(FATHERS)],
                "address": f"{STREETS[index]} Gg. {n % 7 + 1} No. {n + 3}",
                "rw": rw,
                "rt": rt,
                "posyandu": post,
                "is_resident": n % 19 != 7,
                "has_kk": n % 19 != 7,
                "has_ktp": True,
                "stopped_open_defecation": n % 9 != 4,
                "receives_pkh": n % 6 == 0,
                "receives_bpnt": n % 5 == 0,
                "at_risk": n % 8 == 3,
            },
        )
        families.append(family)
        mother_birth = today.replace(day=1) - datetime.timedelta(days=365 * (22 + n % 14) + n * 11)
        mother, _ = Person.objects.update_or_create(
            family=family,
            name=MOTHERS[(n + 3 * index) % len(MOTHERS)],
            defaults={
                "kelurahan": kelurahan,
                "sex": "P",
                "birth_date": mother_birth,
                "nik": _nik(mother_birth, "P", 100 * index + n + 1),
                "family_role": Person.FamilyRole.ISTRI,
                "is_resident": family.is_resident,
            },
        )
        mothers.append(mother)
    counts["families"] += len(families)

    children, profiles = [], []
    for n in range(n_children):
        family, mother = families[n % homes], mothers[n % homes]
        sex = "L" if n % 2 == 0 else "P"
        age_days = 20 + n * 50 + rng.randint(0, 20)  # 0 to about 5.5 years
        profile = _profile(n, rng)
        profiles.append(profile)
        birth = today - datetime.timedelta(days=age_days)
        names = BOYS if sex == "L" else GIRLS
        child, _ = Person.objects.update_or_create(
            family=family,
            name=f"{names[(n // 2 + index) % len(names)]} {family.head_name.split()[0]}",
            defaults={
                "kelurahan": kelurahan,
                "sex": sex,
                "birth_date": birth,
                # Newborns often have no NIK yet.
                "nik": "" if age_days < 120 else _nik(birth, sex, 100 * index + 50 + n),
                "mother": mother,
                "family_role": Person.FamilyRole.ANAK,
                "is_resident": family.is_resident,
                # At birth the child sat on the same curve as in its later measurements.
                "birth_weight_kg": Decimal(f"{_value('wfa', sex, profile[1], 0):.2f}"),
                "birth_length_cm": Decimal(f"{_value('hfa', sex, profile[0], 0):.1f}"),
                "has_birth_certificate": n % 7 != 2,
                "paud": paud[n % len(paud)] if paud and age_days > 3 * 365 else None,
            },
        )
        children.append(child)
    counts["children"] += len(children)
    counts["measurements"] += _seed_child_months(
        children, profiles, rng=rng, today=today, cadres=cadres
    )

    pregnancies = []
    for n in range(n_pregnant):
        mother = mothers[homes + n]
        gestation_days = 40 + n * 26  # from the first trimester to about to deliver
        delivered = None
        if n >= 8:  # two have delivered within the nifas period
            gestation_days = 280 + (n - 7) * 10
            delivered = today - datetime.timedelta(days=(n - 7) * 10)
        lmp = today - datetime.timedelta(days=gestation_days)
        status = "kek" if n in (2, 6) else "risti" if n in (4, 9) else "normal"
        pregnancy, _ = Pregnancy.objects.update_or_create(
            person=mother,
            pregnancy_number=1 + n % 3,
            defaults={
                "kelurahan": kelurahan,
                "last_period_date": lmp,
                "expected_delivery_date": lmp + datetime.timedelta(days=280),
                "status": status,
                "muac_cm": Decimal("22.0") if status == "kek" else Decimal("25.5"),
                "hb": Decimal("10.5") if status == "risti" else Decimal("12.2"),
                "delivered_on": delivered,
                "outcome": "lahir_hidup" if delivered else "",
            },
        )
        pregnancies.append(pregnancy)
    counts["pregnancies"] += len(pregnancies)
    _seed_pregnancy_months(pregnancies, today=today, cadres=cadres)


def _visit_day(month: datetime.date, rw_number: int, today: datetime.date) -> datetime.date:
    day = month.replace(day=min(28, 6 + rw_number * 2))
    return min(day, today)


def _value(indicator: str, sex: str, z: float, age_days: int) -> float:
    """The measurement at `z` SD (interpolated between the integer curves) at this age."""
    low = max(-3, min(2, int(z // 1)))
    frac = z - low
    a = _curve(indicator, sex, low)[age_days][1]
    b = _curve(indicator, sex, low + 1)[age_days][1]
    return a + (b - a) * frac


def _months(today: datetime.date) -> list[datetime.date]:
    current = ages.month_start(today)
    return [ages.add_months(current, -k) for k in range(MONTHS - 1, -1, -1)]


def _profile(n: int, rng) -> tuple[float, float]:
    """(length-for-age z, weight-for-age z) the child n grows along: children 5, 12, 19 and 27
    are stunted, 8 and 23 underweight, the others around the median."""
    hfa_z = -0.4 + rng.uniform(-0.8, 0.8)
    wfa_z = -0.2 + rng.uniform(-0.7, 0.7)
    if n % 40 in (5, 12, 19, 27):
        hfa_z, wfa_z = -2.3 - rng.uniform(0, 1.0), -1.8
    if n % 40 in (8, 23):
        wfa_z = -2.6
    return hfa_z, wfa_z


def _seed_child_months(children, profiles, *, rng, today, cadres) -> int:
    """A year of posyandu visits per child along its profile (`_profile`): a measurement, and
    2B (0-23 months) or 2C (24-83 months) records. A few months are missed, and children 3, 16
    and 30 have not been weighed this month."""
    months = _months(today)
    current = months[-1]
    wanted: dict[type, list] = {Measurement: [], ChildMonth: [], PaudMonth: []}
    for n, child in enumerate(children):
        hfa_z, wfa_z = profiles[n]
        family = child.family
        rw_number = family.rw.number if family.rw else 1
        cadre = cadres[n % len(cadres)] if cadres else None
        for month in months:
            visit = _visit_day(month, rw_number, today)
            if visit < child.birth_date:
                continue
            age = ages.age_months(child.birth_date, visit)
            if age > ages.FORM_2C_MONTHS[1]:
                continue
            missed = (month == current and n in (3, 16, 30)) or rng.random() < 0.07
            if age <= ages.MEASUREMENT_MONTHS[1] and not missed:
                age_days = ages.age_days(child.birth_date, visit)
                lying = age < 24
                height = _value("hfa", child.sex, hfa_z + rng.uniform(-0.1, 0.1), age_days)
                weight = _value("wfa", child.sex, wfa_z + rng.uniform(-0.15, 0.15), age_days)
                if not lying and age_days < 731:
                    height -= 0.7
                m = Measurement(
                    person=child,
                    kelurahan_id=child.kelurahan_id,
                    measured_on=visit,
                    posyandu_id=family.posyandu_id,
                    weight_kg=Decimal(f"{weight:.1f}"),
                    height_cm=Decimal(f"{height:.1f}"),
                    measured_lying=lying,
                    recorded_by=cadre,
                )
                services.compute_zscores(m, sex=child.sex, birth_date=child.birth_date)
                wanted[Measurement].append(m)
            if age <= ages.FORM_2B_MONTHS[1] and not missed:
                stunted = hfa_z < -2 or wfa_z < -2
                record = ChildMonth(
                    person=child,
                    visit_date=visit,
                    recorded_by=cadre,
                    basic_immunization_complete=age >= 9 and n % 11 != 4,
                    measles_immunized=age >= 10 and n % 11 != 4,
                    counseling_mother=rng.random() < 0.85,
                    counseling_father=rng.random() < 0.3,
                    home_visits=rng.choice([1, 2]) if stunted else 0,
                    safe_water=n % 9 != 1,
                    proper_latrine=n % 9 not in (1, 5),
                    birth_certificate=child.has_birth_certificate,
                    health_insurance=n % 6 != 0,
                    parenting_class=rng.random() < 0.6,
                    growth_mat=ChildMonth.Mat.MERAH if stunted else ChildMonth.Mat.HIJAU,
                    exclusive_breastfeeding=(n % 4 != 1) if age < 6 else None,
                    complementary_feeding=True if age >= 6 else None,
                    supplementary_feeding=stunted,
                )
                services.fill_child_month(record)
                wanted[ChildMonth].append(record)
            elif age >= ages.FORM_2C_MONTHS[0]:
                registered = child.paud_id is not None
                record = PaudMonth(
                    person=child,
                    visit_date=visit,
                    recorded_by=cadre,
                    paud_id=child.paud_id,
                    registered=registered,
                    participated=registered and rng.random() < 0.85,
                )
                services.fill_paud_month(record)
                wanted[PaudMonth].append(record)
    for model, rows in wanted.items():
        _sync(model, rows, key="person_id", persons=[c.pk for c in children])
    for child in children:
        services.refresh_last_measurement(child)
    return len(wanted[Measurement])


def _seed_pregnancy_months(pregnancies, *, today, cadres) -> None:
    rows = []
    for n, pregnancy in enumerate(pregnancies):
        rw_number = pregnancy.person.family.rw.number if pregnancy.person.family.rw else 1
        for month in _months(today):
            visit = _visit_day(month, rw_number, today)
            if visit < pregnancy.lmp + datetime.timedelta(days=35):
                continue
            stage = pregnancy.stage_on(visit)
            nifas = stage == "nifas"
            record = PregnancyMonth(
                pregnancy=pregnancy,
                visit_date=visit,
                recorded_by=cadres[n % len(cadres)] if cadres else None,
                status=pregnancy.status,
                anc_visits=0 if nifas else (2 if stage == "t3" else 1),
                iron_tablets=0 if nifas else 30,
                postnatal_visits=2 if nifas else 0,
                nutrition_counseling=0 if nifas else 1,
                home_visits=1 if pregnancy.is_high_risk else 0,
                safe_water=n % 5 != 2,
                proper_latrine=n % 5 != 3,
                health_insurance=n % 4 != 1,
                muac_cm=pregnancy.muac_cm,
            )
            services.fill_pregnancy_month(record)
            rows.append(record)
    _sync(PregnancyMonth, rows, key="pregnancy_id", persons=[p.pk for p in pregnancies])


def _sync(model, rows: list, *, key: str, persons: list[int]) -> None:
    """Make the monthly rows of these targets exactly `rows`: insert or update them on their
    natural key (target, month) in one upsert, and delete the months no longer wanted.

    A 2A/2B record counts the home visits logged on it (`stunting.fieldwork`): its number of
    visits is kept on a re-run, and a month that has logged visits is never deleted, so the
    visit log and the monthly numbers agree however often the demo runs."""
    target = key.removesuffix("_id")
    wanted = {(getattr(row, key), row.month) for row in rows}
    existing = model.objects.filter(**{f"{key}__in": persons})
    counts_visits = hasattr(model, "logged_visits")
    if counts_visits:
        existing = existing.filter(logged_visits__isnull=True)
    stale = [
        pk
        for pk, target_id, month in existing.values_list("pk", key, "month").distinct()
        if (target_id, month) not in wanted
    ]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    fields = [
        f.name
        for f in model._meta.concrete_fields
        if not f.primary_key
        and f.name not in ("created_at", target, "month")
        and not (counts_visits and f.name == "home_visits")
    ]
    model.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=[target, "month"],
        update_fields=fields,
    )
