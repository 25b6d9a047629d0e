"""The data of the incentive issue's worked example (three cadres over two quarters of 2026),
shared by the incentive tests: see tests/test_stunting_incentive_example.py for the numbers."""

import datetime

from kpm.models import PosAnggaran, RapatPeserta, SumberDana, Tugas
from stunting import fieldwork
from stunting.incentive import periods, workflow
from stunting.models import (
    Assessment,
    FamilyAssignment,
    HomeVisit,
    IncentiveScheme,
    IndicatorResult,
    Pregnancy,
    SchemeIndicator,
    SchemeTier,
)
from tests.factories_kpm import make_kader, make_sk
from tests.factories_rapat import at, make_peserta, make_rapat
from tests.factories_stunting import (
    make_child,
    make_family,
    make_measurement,
    make_mother,
    make_pregnancy,
)

HADIR, ABSEN = RapatPeserta.Attendance.HADIR, RapatPeserta.Attendance.TIDAK_HADIR


def build_example(kelurahan, petugas) -> dict:
    """Three cadres with their meetings, tasks and families, and the scheme."""
    ani, budi, cici = (make_kader(kelurahan, name=n) for n in ("Ani", "Budi", "Cici"))
    make_sk(
        kelurahan,
        [ani, budi, cici],
        term_start=datetime.date(2025, 1, 1),
        term_end=datetime.date(2028, 1, 1),
    )
    _meetings(kelurahan, ani, budi, cici)
    _tasks(kelurahan, ani, budi, cici)
    _families(kelurahan, ani, budi, cici, petugas)
    scheme = make_scheme(
        kelurahan, source_amount=5_000_000, line_amount=900_000, variable_amount=400_000
    )
    for code, weight, floor, target in [
        ("kehadiran", 30, 50, 100),
        ("tugas", 30, 40, 90),
        ("kunjungan", 20, 0, 100),
        ("inisiatif", 20, 1, 5),
    ]:
        SchemeIndicator.objects.create(
            scheme=scheme, code=code, weight=weight, floor=floor, target=target
        )
    for label, minimum, percent in [
        ("Sangat baik", 90, 100),
        ("Baik", 80, 75),
        ("Cukup", 70, 50),
        ("Perlu pembinaan", 60, 25),
        ("Kurang", 0, 0),
    ]:
        SchemeTier.objects.create(scheme=scheme, label=label, minimum=minimum, percent=percent)
    return {"ani": ani, "budi": budi, "cici": cici, "scheme": scheme, "line": scheme.budget_line}


def make_scheme(
    kelurahan, *, source_amount: int, line_amount: int, variable_amount: int
) -> IncentiveScheme:
    """A quarterly scheme of 2026 paid from the line "Insentif kader" of an APBD 2026 source;
    its indicators and tiers are the caller's."""
    source = SumberDana.objects.create(
        kelurahan=kelurahan, year=2026, kind="apbd", name="APBD 2026", amount=source_amount
    )
    line = PosAnggaran.objects.create(
        kelurahan=kelurahan,
        year=2026,
        source=source,
        name="Insentif kader",
        activity="insentif",
        amount=line_amount,
    )
    return IncentiveScheme.objects.create(
        kelurahan=kelurahan,
        year=2026,
        name="Skema 2026",
        period="triwulan",
        variable_amount=variable_amount,
        budget_line=line,
    )


def _meetings(kelurahan, ani, budi, cici):
    # (day, Ani, Budi, Cici): K1 Ani 3/4, Budi 4/4, Cici 1/4; K2 Ani 4/4, Budi 3/4, Cici 3/4.
    days = [
        (datetime.date(2026, 1, 15), HADIR, HADIR, HADIR),
        (datetime.date(2026, 2, 15), HADIR, HADIR, ABSEN),
        (datetime.date(2026, 3, 10), HADIR, HADIR, ABSEN),
        (datetime.date(2026, 3, 25), ABSEN, HADIR, ABSEN),
        (datetime.date(2026, 4, 15), HADIR, HADIR, HADIR),
        (datetime.date(2026, 5, 15), HADIR, HADIR, HADIR),
        (datetime.date(2026, 6, 10), HADIR, ABSEN, HADIR),
        (datetime.date(2026, 6, 25), HADIR, HADIR, ABSEN),
    ]
    for day, *marks in days:
        rapat = make_rapat(kelurahan, starts_at=at(day))
        for kader, mark in zip((ani, budi, cici), marks, strict=True):
            make_peserta(rapat, kader=kader, attendance=mark)


def _task(kelurahan, kader, due, on_time):
    finished = due if on_time else due + datetime.timedelta(days=5)
    tugas = Tugas.objects.create(
        kelurahan=kelurahan,
        title="Tugas",
        duty="pemantauan",
        due_date=due,
        status="selesai",
        finished_on=finished,
        finished_on_time=on_time,
    )
    tugas.kaders.add(kader)


def _tasks(kelurahan, ani, budi, cici):
    # K1: Ani 2 of 4 on time, Budi 2 of 2, Cici 2 of 5; K2: Ani 4 of 4, Budi 3 of 4, Cici 3 of 4.
    k1, k2 = datetime.date(2026, 2, 20), datetime.date(2026, 5, 20)
    for kader, due, on_time, late in [
        (ani, k1, 2, 2),
        (budi, k1, 2, 0),
        (cici, k1, 2, 3),
        (ani, k2, 4, 0),
        (budi, k2, 3, 1),
        (cici, k2, 3, 1),
    ]:
        for _ in range(on_time):
            _task(kelurahan, kader, due, True)
        for _ in range(late):
            _task(kelurahan, kader, due, False)


def _families(kelurahan, ani, budi, cici, petugas):
    started = datetime.date(2025, 12, 1)
    stunted_family, plain_family, kek_family = (make_family(kelurahan) for _ in range(3))
    stunted = make_child(stunted_family, birth_date=datetime.date(2025, 6, 1))
    make_measurement(stunted, on=datetime.date(2026, 1, 10), weight="7.5", height="62.0")
    plain = make_child(plain_family, birth_date=datetime.date(2025, 6, 1))
    make_measurement(plain, on=datetime.date(2026, 1, 10), weight="8.5", height="70.0")
    mother = make_mother(kek_family)
    pregnancy = make_pregnancy(
        mother, last_period_date=datetime.date(2025, 11, 1), status=Pregnancy.Status.KEK
    )
    for kader, family in [(ani, stunted_family), (budi, plain_family), (cici, kek_family)]:
        FamilyAssignment.objects.create(
            kelurahan=kelurahan, family=family, kader=kader, started_on=started
        )

    def visit(kader, person, months, pregnancy=None):
        for month in months:
            fieldwork.save_home_visit(
                visit=HomeVisit(
                    person=person,
                    pregnancy=pregnancy,
                    kader=kader,
                    visit_date=datetime.date(2026, month, 12),
                    purpose="pemantauan",
                ),
                by=petugas,
            )

    visit(ani, stunted, [1, 2, 4, 5, 6])  # K1: 2 of 3 months; K2: 3 of 3
    visit(cici, mother, [1, 2, 3, 4, 5, 6], pregnancy)  # K1 and K2: 3 of 3


# The worked example's quarters: the inisiatif values entered by hand, the days (year, month, day)
# the assessment is opened (and submitted) and approved.
EXAMPLE_QUARTERS = {
    "2026-Q1": ({"ani": 3, "budi": 4, "cici": 2}, (2026, 4, 20), (2026, 4, 28)),
    "2026-Q2": ({"ani": 4, "budi": 4, "cici": 3}, (2026, 7, 20), (2026, 7, 28)),
}


def submit_quarter(setup, period, manual, *, petugas, opened_on) -> Assessment:
    """The petugas opens the assessment of `period`, proposes each cadre's inisiatif value of
    `manual` and submits it."""
    assessment = workflow.open_assessment(
        scheme=setup["scheme"], period=period, by=petugas, today=opened_on
    )
    for name, value in manual.items():
        result = IndicatorResult.objects.get(
            cadre_score__assessment=assessment,
            cadre_score__kader=setup[name],
            code="inisiatif",
        )
        assessment.refresh_from_db()
        workflow.propose_manual(result=result, value=value, by=petugas, version=assessment.version)
    assessment.refresh_from_db()
    workflow.submit(assessment=assessment, by=petugas, version=assessment.version, today=opened_on)
    assessment.refresh_from_db()
    return assessment


def run_quarter(setup, period, manual, *, petugas, kasi_kesra, opened_on, approved_on):
    assessment = submit_quarter(setup, period, manual, petugas=petugas, opened_on=opened_on)
    workflow.approve(
        assessment=assessment, by=kasi_kesra, version=assessment.version, today=approved_on
    )
    assessment.refresh_from_db()
    return assessment


def run_example_quarter(setup, period: str, *, petugas, kasi_kesra) -> Assessment:
    """One quarter of the worked example (`EXAMPLE_QUARTERS`), submitted and approved."""
    manual, opened, approved = EXAMPLE_QUARTERS[period]
    return run_quarter(
        setup,
        periods.parse(period),
        manual,
        petugas=petugas,
        kasi_kesra=kasi_kesra,
        opened_on=datetime.date(*opened),
        approved_on=datetime.date(*approved),
    )
