"""Demo incentive of Pradah Kali Kendal: the scheme of this year (and of the year of each
assessed quarter), the cadres' work in the two quarters before the current one, and the two
assessments taken through the real workflow (`stunting.incentive.workflow`).

- The quarter before last is approved by the kasi kesra: manual indicators proposed, evidence
  sample partly checked, one cadre's appeal answered, the payout recorded on the scheme's
  "insentif" budget line.
- The last quarter is submitted and waits for the kasi kesra: its appeal window has closed and
  one cadre's appeal waits for an answer, so the kasi kesra has something to review.

The other demo modules leave these quarters almost empty, so the meetings, monthly recap tasks,
families accompanied, home visits and referrals that the computed indicators read are added
here, varied per cadre and keyed so that a re-run finds them. A quarter that already has its
assessment is left as it is: the demo is safe to re-run.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kelurahan.dates import Quarter, aware
from kelurahan.models import OPD, Kelurahan, User
from kpm.models import Kader, PosAnggaran, Rapat, RapatPeserta, SumberDana, Tugas
from kpm.services_anggaran import save_line
from kpm.services_rapat import invite_kaders

from . import ages, fieldwork
from .incentive import periods, scoring, workflow
from .models import (
    Assessment,
    CadreScore,
    EvidenceCheck,
    Family,
    HomeVisit,
    IncentiveScheme,
    IndicatorResult,
    Person,
    Pregnancy,
    Referral,
    SchemeIndicator,
    SchemeTier,
)
from .models.measurement import STUNTED, WASTED
from .referrals import advance_referral, create_referral

KELURAHAN = "Pradah Kali Kendal"
VARIABLE_AMOUNT = 300_000
# (code, weight, floor, target, rubric): the weights sum to 100.
INDICATORS = [
    ("kehadiran", 20, 50, 100, ""),
    ("tugas", 20, 40, 90, ""),
    ("pemantauan", 20, 50, 100, ""),
    ("kunjungan", 15, 25, 100, ""),
    ("rujukan", 5, 0, 100, ""),
    ("inisiatif", 10, 1, 5, "1 tidak ada; 3 usul kegiatan di rapat; 5 memimpin kegiatan baru"),
    ("kerja_sama", 10, 1, 5, "1 sulit diajak bekerja; 3 membantu bila diminta; 5 menggerakkan"),
]
# How diligent each cadre is (5 best), by position in name order: their absences, late recaps
# and skipped home visits follow from it; the second quarter some improve, some slip.
DILIGENCE = [5, 4, 5, 3, 2, 4, 5, 3, 4]
PKM, DINSOS, PERKIM = OPD.Kind.PUSKESMAS, OPD.Kind.DINAS_SOSIAL, OPD.Kind.PERUMAHAN_SANITASI
# (reason, OPD kind, days after the quarter's start, steps as (status, days after referral))
REFERRALS = [
    ("imunisasi", PKM, 10, [("diterima", 2), ("ditindaklanjuti", 5), ("selesai", 14)]),
    ("bb_tidak_naik", PKM, 25, [("diterima", 3), ("ditindaklanjuti", 12), ("selesai", 41)]),
    ("bansos", DINSOS, 35, [("diterima", 4), ("ditolak", 9)]),
    ("air", PERKIM, 45, [("diterima", 7), ("ditindaklanjuti", 20), ("selesai", 28)]),
]  # fmt: skip
Attendance = RapatPeserta.Attendance
REFUSED = "Keluarga sudah terdaftar BPNT; cukup aktivasi kartu di bank penyalur."
APPEAL = (
    "Saya merasa hadir di semua rapat koordinasi triwulan ini, tetapi nilai kehadiran saya tidak "
    "penuh. Mohon daftar hadir diperiksa kembali."
)
ANSWER = (
    "Daftar hadir dan foto rapat sudah diperiksa bersama notulis: pada satu rapat kader tidak "
    "tercatat hadir. Nilai kehadiran tetap; mohon tanda tangan daftar hadir di setiap rapat."
)


def seed_incentive(*, stdout) -> None:
    kelurahan = Kelurahan.objects.filter(name=KELURAHAN, kecamatan__name="Dukuh Pakis").first()
    petugas = User.objects.filter(username="petugas.pradah").first()
    kasi = User.objects.filter(username="kasikesra.pradah").first()
    cadres = list(Kader.objects.filter(kelurahan=kelurahan, is_active=True).order_by("name"))
    if kelurahan is None or petugas is None or kasi is None or not cadres:
        stdout.write("No demo kelurahan; skipping the incentive.")
        return
    today = timezone.localdate()
    current = Quarter.of(today)
    quarters = [current.shifted(-2), current.shifted(-1)]
    for year in sorted({q.year for q in quarters} | {current.year}):
        _scheme(kelurahan, year)
    since = quarters[0].shifted(-1).start  # the cadres accompany their families from then
    made = []
    for index, quarter in enumerate(quarters):
        period = periods.quarter(quarter)
        if Assessment.objects.filter(kelurahan=kelurahan, period=period.code).exists():
            continue
        with transaction.atomic():
            _seed_work(kelurahan, quarter, cadres, index=index, by=petugas, since=since)
            approve = index == 0
            _assess(kelurahan, period, petugas=petugas, kasi=kasi, index=index, approve=approve)
        made.append(period.code)
    stdout.write(f"Incentive demo: {KELURAHAN} assessed {made or 'already'}.")


# --- The scheme ------------------------------------------------------------------------------


def _scheme(kelurahan, year: int) -> IncentiveScheme:
    """The kelurahan's scheme of `year` (made once; a scheme in use never changes)."""
    found = IncentiveScheme.objects.filter(kelurahan=kelurahan, year=year).first()
    if found is not None:
        return found
    line = _budget_line(kelurahan, year)
    scheme = IncentiveScheme.objects.create(
        kelurahan=kelurahan,
        year=year,
        name=f"Insentif kinerja KPM {year}",
        period=IncentiveScheme.Period.QUARTER,
        variable_amount=VARIABLE_AMOUNT,
        budget_line=line,
        is_shadow=line is None,  # no budget to pay from: scored, not paid
    )
    for code, weight, floor, target, rubric in INDICATORS:
        SchemeIndicator.objects.create(
            scheme=scheme, code=code, weight=weight, floor=floor, target=target, rubric=rubric
        )
    for tier in scoring.DEFAULT_TIERS:
        SchemeTier.objects.create(
            scheme=scheme, label=tier.label, minimum=tier.minimum, percent=tier.percent
        )
    return scheme


def _budget_line(kelurahan, year: int) -> PosAnggaran | None:
    """The "insentif" line of the year (kpm's demo makes it); made on the year's first source
    when it is missing; None when the year has no funding at all."""
    lines = PosAnggaran.objects.filter(kelurahan=kelurahan, year=year, activity="insentif")
    if found := lines.order_by("pk").first():
        return found
    source = SumberDana.objects.filter(kelurahan=kelurahan, year=year).order_by("pk").first()
    if source is None:
        return None
    line = PosAnggaran(source=source, name="Insentif kinerja kader", activity="insentif")
    line.amount = min(12_000_000, source.amount)
    return save_line(line=line)


# --- The cadres' work in a quarter -----------------------------------------------------------


def _diligence(position: int, index: int) -> int:
    """1-5; in the second quarter (index 1) every third cadre improves, every fourth slips."""
    base = DILIGENCE[position % len(DILIGENCE)]
    if index == 1:
        base += (position % 3 == 0) - (position % 4 == 1)
    return max(1, min(5, base))


def _seed_work(kelurahan, quarter: Quarter, cadres: list, *, index: int, by, since) -> None:
    _meetings(kelurahan, quarter, cadres, index=index)
    _recap_tasks(kelurahan, quarter, cadres, index=index, by=by)
    families = _accompany(kelurahan, cadres, since=since)
    _home_visits(quarter, cadres, families, index=index, by=by)
    _referrals(kelurahan, quarter, cadres, families, by=by)


def _meetings(kelurahan, quarter: Quarter, cadres: list, *, index: int) -> None:
    """A monthly KPM coordination meeting; a less diligent cadre misses one or two."""
    for m, month in enumerate(quarter.months):
        day = month.replace(day=12)
        rapat, _created = Rapat.objects.update_or_create(
            kecamatan_id=kelurahan.kecamatan_id,
            kelurahan=kelurahan,
            title=f"Rapat koordinasi KPM bulanan {month:%m/%Y}",
            defaults={
                "kind": Rapat.Kind.KOORDINASI_KPM,
                "starts_at": aware(day, datetime.time(9)),
                "ends_at": aware(day, datetime.time(11)),
                "place": "Balai Kelurahan Pradah Kali Kendal",
                "chair_name": "Kasi Kesra Kelurahan Pradah Kali Kendal",
                "chair_position": "Kasi Kesra",
                "minutes": "Evaluasi pemantauan 2A/2B, kunjungan rumah dan rujukan bulan lalu.",
            },
        )
        invite_kaders(rapat=rapat, kaders=cadres)
        rows = {p.kader_id: p for p in rapat.peserta.exclude(kader=None)}
        for position, kader in enumerate(cadres):
            missed = max(0, 3 - _diligence(position, index))
            mark = Attendance.HADIR
            if (m + position) % 3 < missed:
                mark = Attendance.IZIN if m == 1 else Attendance.TIDAK_HADIR
            row = rows.get(kader.pk)
            if row is not None and row.attendance != mark:
                row.attendance, row.marked_at = mark, rapat.starts_at
                row.save(update_fields=["attendance", "marked_at", "updated_at"])


def _recap_tasks(kelurahan, quarter: Quarter, cadres: list, *, index: int, by) -> None:
    """Each cadre's monthly recap of the 2A/2B forms, due on the 25th; some finished late."""
    for m, month in enumerate(quarter.months):
        due = month.replace(day=25)
        for position, kader in enumerate(cadres):
            late = max(0, 4 - _diligence(position, index))
            finished = due + datetime.timedelta(days=4 if (m + position) % 3 < late else -2)
            tugas, _created = Tugas.objects.update_or_create(
                kelurahan=kelurahan,
                title=f"Rekap formulir 2A/2B {month:%m/%Y} – {kader.name}",
                defaults={
                    "duty": "pemantauan",
                    "due_date": due,
                    "status": Tugas.Status.SELESAI,
                    "finished_on": finished,
                    "finished_on_time": finished <= due,
                    "finished_by": by,
                },
            )
            tugas.kaders.set([kader])


def _accompany(kelurahan, cadres: list, *, since: datetime.date) -> dict[int, list[Family]]:
    """Every family of the kelurahan accompanied by one cadre (in turn); kader id -> families."""
    families = list(Family.objects.filter(kelurahan=kelurahan).order_by("kk_number"))
    by_kader: dict[int, list[Family]] = {k.pk: [] for k in cadres}
    for n, family in enumerate(families):
        by_kader[cadres[n % len(cadres)].pk].append(family)
    for kader in cadres:
        fieldwork.assign_families(kader=kader, families=by_kader[kader.pk], started_on=since)
    return by_kader


def _priority_targets(families: list[Family]) -> list[tuple[Person, Pregnancy | None]]:
    """The KEK or risiko-tinggi pregnancies and the stunted or wasted children of these
    families, as (person, pregnancy)."""
    children = Person.objects.filter(family__in=families, family_role=Person.FamilyRole.ANAK)
    stunted = children.filter(last_measurement__hfa_category__in=STUNTED) | children.filter(
        last_measurement__wfh_category__in=WASTED
    )
    pregnancies = Pregnancy.objects.filter(
        person__family__in=families,
        status__in=[Pregnancy.Status.KEK, Pregnancy.Status.RISIKO_TINGGI],
    ).select_related("person")
    return [(c, None) for c in stunted.distinct().order_by("pk")] + [
        (p.person, p) for p in pregnancies.order_by("pk")
    ]


def _home_visits(quarter: Quarter, cadres: list, families: dict, *, index: int, by) -> None:
    """Monthly visits of each cadre to the priority targets of their families; a less diligent
    cadre skips some months."""
    for position, kader in enumerate(cadres):
        skip = max(0, 4 - _diligence(position, index))
        for t, (person, pregnancy) in enumerate(_priority_targets(families[kader.pk])):
            for m, month in enumerate(quarter.months):
                day = month.replace(day=min(28, 8 + position))
                if (t + m + position) % 4 < skip or not _due(person, pregnancy, month):
                    continue
                if HomeVisit.objects.filter(person=person, kader=kader, visit_date=day).exists():
                    continue
                purpose = HomeVisit.Purpose.IBU_HAMIL if pregnancy else HomeVisit.Purpose.GIZI
                visit = HomeVisit(
                    person=person, pregnancy=pregnancy, kader=kader, visit_date=day, purpose=purpose
                )
                fieldwork.save_home_visit(visit=visit, by=by)


def _due(person: Person, pregnancy: Pregnancy | None, month: datetime.date) -> bool:
    """Whether the target is one in `month`: a pregnancy up to the end of nifas, a child born."""
    if pregnancy is None:
        return person.birth_date is not None and person.birth_date <= month
    first = pregnancy.last_period_date
    ending = pregnancy.delivered_on or pregnancy.expected_delivery_date
    if first is None or ending is None:
        return False
    return ages.month_start(first) <= month <= ending + datetime.timedelta(days=ages.NIFAS_DAYS)


def _referrals(kelurahan, quarter: Quarter, cadres: list, families: dict, *, by) -> None:
    """A few referrals by the cadres to the city's OPD: most reach an outcome within 30 days,
    one takes longer."""
    opds = {o.kind: o for o in OPD.objects.filter(kota_id=kelurahan.kecamatan.kota_id)}
    for n, (reason, kind, after, steps) in enumerate(REFERRALS):
        kader = cadres[(2 * n + quarter.number) % len(cadres)]
        person = (
            Person.objects.filter(family__in=families[kader.pk], family_role=Person.FamilyRole.ANAK)
            .order_by("pk")
            .first()
        )
        referred = quarter.start + datetime.timedelta(days=after)
        if person is None or kind not in opds:
            continue
        if Referral.objects.filter(person=person, reason=reason, referred_on=referred).exists():
            continue
        referral = create_referral(
            referral=Referral(
                person=person, opd=opds[kind], reason=reason, referred_on=referred, kader=kader
            ),
            by=by,
        )
        for status, days in steps:
            on = referred + datetime.timedelta(days=days)
            note = REFUSED if status == "ditolak" else ""
            referral = advance_referral(referral=referral, status=status, on=on, by=by, note=note)


# --- The assessment, through the workflow ----------------------------------------------------


def _assess(kelurahan, period: periods.Period, *, petugas, kasi, index: int, approve: bool):
    """Open, propose the manual indicators, check part of the sample, submit; record an appeal
    (answered and approved for the first quarter; waiting for the kasi kesra in the second)."""
    today = timezone.localdate()
    opened = min(period.end + datetime.timedelta(days=3), today)
    submitted = min(period.end + datetime.timedelta(days=5), today)
    scheme = IncentiveScheme.objects.get(kelurahan=kelurahan, year=period.start.year)
    assessment = workflow.open_assessment(scheme=scheme, period=period, by=petugas, today=opened)
    manual = list(
        IndicatorResult.objects.filter(
            cadre_score__assessment=assessment, code__in=["inisiatif", "kerja_sama"]
        )
        .select_related("cadre_score__kader")
        .order_by("cadre_score__kader__name", "code")
    )
    names = sorted({row.cadre_score.kader.name for row in manual})
    values = {}
    for row in manual:
        n = names.index(row.cadre_score.kader.name)
        values[row.pk] = (
            2 + (n * 3 + index) % 4 if row.code == "inisiatif" else 3 + (n + 2 * index) % 3
        )
    workflow.propose_manual_values(
        assessment=assessment, values=values, by=petugas, version=_version(assessment)
    )
    checks = EvidenceCheck.objects.filter(cadre_score__assessment=assessment).order_by("pk")
    for n, check in enumerate(checks[: 6 - 3 * index]):
        result = EvidenceCheck.Result.TIDAK_COCOK if n == 3 else EvidenceCheck.Result.COCOK
        note = "Tanggal di register posyandu berbeda" if n == 3 else ""
        workflow.confirm_evidence(check=check, result=result, note=note, by=kasi)
    version = _version(assessment)
    workflow.submit(assessment=assessment, by=petugas, version=version, today=submitted)
    lowest = F("total").asc(nulls_last=True)
    score = CadreScore.objects.filter(assessment=assessment).order_by(lowest, "pk").first()
    if score is None:
        return
    appealed = periods.add_working_days(submitted, 2)
    workflow.record_appeal(score=score, text=APPEAL, by=petugas, today=appealed)
    if not approve:
        return
    workflow.answer_appeal(score=score, answer=ANSWER, by=kasi, version=_version(assessment))
    workflow.approve(
        assessment=assessment,
        by=kasi,
        version=_version(assessment),
        today=periods.add_working_days(submitted, workflow.APPEAL_WORKING_DAYS + 2),
    )


def _version(assessment: Assessment) -> int:
    return Assessment.objects.values_list("version", flat=True).get(pk=assessment.pk)
