"""The errors of shared/DESIGN.md §5 that apply to the scorecard, one test each, named after the
error: each fails if the engine made it. Quarter K1 2025 throughout, so that look-back windows
reach into 2024 and no date is in the future; records go through `stunting.services`."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kelurahan.dates import Quarter
from stunting import services
from stunting.models import Pregnancy, PregnancyMonth
from stunting.scorecard.compute import Ratio, as_json, compute

from .factories_stunting import make_child, make_family, make_mother, make_pregnancy
from .scorecard_helpers import (
    HOUSEHOLD_YES,
    MOTHER_HOUSEHOLD_YES,
    D,
    child_month,
    marks,
    measure,
    month_range,
    mother_month,
    paud_month,
)

K1 = Quarter(2025, 1)
HOME_VISITS = 4  # the 5th indicator of both groups, 0-based


def everything_received(kelurahan) -> dict:
    """A quarter in which every target received every applicable service, with one target of
    each stage and band, KEK and risti mothers, a wasted, a severely wasted and a stunted child,
    and a PAUD child taking part every month."""
    made = {}
    risti = make_pregnancy(
        make_mother(make_family(kelurahan)), last_period_date=D(2025, 1, 5), status="risti"
    )
    mother_month(
        risti,
        D(2025, 2, 20),
        anc_visits=1,
        iron_tablets=30,
        nutrition_counseling=1,
        home_visits=1,
        **MOTHER_HOUSEHOLD_YES,
    )
    normal = make_pregnancy(make_mother(make_family(kelurahan)), last_period_date=D(2024, 9, 1))
    mother_month(
        normal,
        D(2025, 1, 15),
        anc_visits=1,
        iron_tablets=30,
        nutrition_counseling=1,
        **MOTHER_HOUSEHOLD_YES,
    )
    kek = make_pregnancy(
        make_mother(make_family(kelurahan)), last_period_date=D(2024, 6, 15), status="kek"
    )
    mother_month(
        kek,
        D(2025, 3, 10),
        anc_visits=2,
        iron_tablets=30,
        nutrition_counseling=2,
        home_visits=1,
        **MOTHER_HOUSEHOLD_YES,
    )
    delivered = make_pregnancy(make_mother(make_family(kelurahan)), last_period_date=D(2024, 5, 1))
    mother_month(
        delivered,
        D(2025, 2, 20),
        delivered_on=D(2025, 2, 5),
        postnatal_visits=3,
        **MOTHER_HOUSEHOLD_YES,
    )
    made["mothers"] = {"t1": risti, "t2": normal, "t3": kek, "bersalin": delivered}

    young = make_child(make_family(kelurahan), birth_date=D(2024, 10, 10))  # 5 months, gizi kurang
    child_month(young, D(2025, 1, 15), weighed="normal")
    child_month(young, D(2025, 2, 15), weighed=("5.6", "62.5"), home_visits=1)
    child_month(
        young,
        D(2025, 3, 15),
        weighed=("5.9", "64.5"),
        home_visits=1,
        growth_mat="kuning",
        **HOUSEHOLD_YES,
    )

    baby = make_child(make_family(kelurahan), birth_date=D(2024, 7, 5))  # 8 months
    for day in month_range(D(2024, 10, 1), D(2025, 3, 1), 10):
        last = day.month == 3
        facts = (
            HOUSEHOLD_YES | {"basic_immunization_complete": True, "growth_mat": "hijau"}
            if last
            else {}
        )
        child_month(
            baby, day, weighed="normal", counseling_mother=True, parenting_class=True, **facts
        )

    toddler = make_child(make_family(kelurahan), birth_date=D(2023, 9, 15))  # 18 months, stunted
    stunted = {1: ("9.1", "73.8"), 2: ("9.3", "74.5"), 3: ("9.4", "75.0")}
    for day in month_range(D(2024, 4, 1), D(2025, 3, 1), 20):
        facts = {"home_visits": 1} if day.year == 2025 and day.month < 3 else {}
        if day == D(2025, 3, 20):
            facts |= HOUSEHOLD_YES | {
                "basic_immunization_complete": True,
                "measles_immunized": True,
            }
            facts["growth_mat"] = "kuning"
        weighed = stunted[day.month] if day.year == 2025 else "normal"
        child_month(
            toddler, day, weighed=weighed, counseling_father=True, parenting_class=True, **facts
        )

    older = make_child(make_family(kelurahan), birth_date=D(2023, 7, 10))  # 20 months, gizi buruk
    for day in month_range(D(2023, 10, 1), D(2025, 3, 1), 15):
        facts = {"home_visits": 1} if day.year == 2025 and day.month > 1 else {}
        if day == D(2025, 3, 15):
            facts |= HOUSEHOLD_YES | {
                "basic_immunization_complete": True,
                "measles_immunized": True,
            }
            facts["growth_mat"] = "merah"
        weighed = ("8.6", "84.2") if day.year == 2025 else "normal"
        child_month(
            older, day, weighed=weighed, counseling_mother=True, parenting_class=True, **facts
        )
    made["children"] = {"0-5": young, "6-12": baby, "13-18": toddler, "19-23": older}

    pupil = make_child(make_family(kelurahan), birth_date=D(2021, 6, 1))
    for month in (1, 2, 3):
        paud_month(pupil, D(2025, month, 8), registered=True, participated=True)
    return made


def test_kek_risti_home_visits_count_stored_codes(kelurahan):
    """KEK and risti mothers are found by the stored status codes ("kek", "risti"), not by
    comparing them with their labels; their home visits count, other mothers' are TS."""
    cases = {  # name: (status, home visits in the quarter, expected mark)
        "kek visited": ("kek", 1, "Y"),
        "risti visited": ("risti", 2, "Y"),
        "kek not visited": ("kek", 0, "T"),
        "normal visited": ("normal", 3, "TS"),
    }
    pregnancies = {}
    for name, (status, visits, _expected) in cases.items():
        mother = make_mother(make_family(kelurahan), name=name)
        pregnancy = make_pregnancy(mother, last_period_date=D(2024, 9, 1), status=status)
        mother_month(pregnancy, D(2025, 1, 15), anc_visits=1)
        mother_month(pregnancy, D(2025, 2, 15), home_visits=visits)
        pregnancies[pregnancy.pk] = name
    stored = set(PregnancyMonth.objects.values_list("status", flat=True))
    assert stored == {Pregnancy.Status.KEK.value, "risti", "normal"}  # codes, not "KEK (kurang...)"
    result = compute([kelurahan.pk], K1)
    found = {pregnancies[t.pregnancy_id]: t.marks[HOME_VISITS].value for t in result.mothers}
    assert found == {name: expected for name, (_s, _v, expected) in cases.items()}
    summary = result.summary()
    assert summary.table1["ibu_hamil_kek_risti"] == 3
    assert (
        summary.ibu.indicators[HOME_VISITS].y,
        summary.ibu.indicators[HOME_VISITS].applicable,
    ) == (2, 3)


def test_paud_adds_the_right_months(kelurahan):
    """Aktif counts the months of this quarter of this year, each once: months of the quarter
    before or after, or of the same quarter a year earlier, do not count."""
    family = make_family(kelurahan)
    steady = make_child(family, name="steady", birth_date=D(2021, 6, 1))
    for day in month_range(D(2024, 10, 1), D(2025, 4, 1), 8):
        paud_month(steady, day, registered=True, participated=D(2025, 1, 1) <= day < D(2025, 4, 1))
    stopped = make_child(family, name="stopped in March", birth_date=D(2021, 7, 1))
    for month in (1, 2, 3):
        paud_month(stopped, D(2025, month, 8), registered=True, participated=month < 3)
    last_year = make_child(family, name="active a year ago", birth_date=D(2020, 7, 1))
    for month in (1, 2, 3):
        paud_month(last_year, D(2024, month, 8), registered=True, participated=True)
    paud_month(last_year, D(2025, 1, 8), registered=True, participated=False)

    def active(quarter):
        return {t.name: t.active for t in compute([kelurahan.pk], quarter).paud if t.registered}

    assert active(K1) == {"steady": True, "stopped in March": False, "active a year ago": False}
    assert active(Quarter(2024, 4)) == {"steady": False}
    assert active(Quarter(2025, 2)) == {"steady": False}
    assert active(Quarter(2024, 1)) == {"active a year ago": True}
    summary = compute([kelurahan.pk], K1).summary()
    assert (summary.paud_active.y, summary.paud_active.applicable) == (1, 3)


def test_no_indicator_hard_coded_to_zero(kelurahan):
    """Every one of the 19 indicators (8 ibu, 10 anak, PAUD) can reach a count above 0, and so
    can every figure of tables 1 and 2."""
    everything_received(kelurahan)
    summary = compute([kelurahan.pk], K1).summary()
    assert len(summary.ibu.indicators) == 8 and len(summary.anak.indicators) == 10
    for number, ratio in enumerate(summary.ibu.indicators, 1):
        assert ratio.y > 0, f"ibu hamil indicator {number}"
    for number, ratio in enumerate(summary.anak.indicators, 1):
        assert ratio.y > 0, f"anak 0-23 indicator {number}"
    assert summary.paud_active.y > 0
    assert all(summary.table1.values()), summary.table1
    assert summary.table2 == {"hijau": 1, "kuning": 2, "merah": 1, "tidak_diukur": 0}


def test_child_home_visits_only_for_malnourished_and_stunted(kelurahan):
    """Home visits are an indicator only for children whose latest measurement up to the
    quarter's end is gizi buruk / gizi kurang (BB/PB) or pendek / sangat pendek (PB/U); for every
    other child, however often visited, and for the merely underweight (BB/U), it is TS."""
    born = D(2024, 5, 10)  # 10 months in March 2025
    march, normal, stunted = D(2025, 3, 15), ("9.2", "73.3"), ("7.9", "67.5")
    cases = {  # name: (March measurement, other measurement, visits in February, expected)
        "normal, visited often": (normal, None, 3, "TS"),
        "underweight only": (("7.3", "69.5"), None, 2, "TS"),
        "stunted, 2 visits": (stunted, None, 2, "Y"),
        "stunted, 1 visit": (stunted, None, 1, "T"),
        "wasted, no visit": (("7.0", "73.0"), None, 0, "T"),
        "stunted in December": (None, (D(2024, 12, 15), ("7.3", "64.5")), 2, "Y"),
        "stunted only after the quarter": (normal, (D(2025, 4, 15), stunted), 2, "TS"),
    }
    children = {}
    for name, (in_march, other, visits, _expected) in cases.items():
        child = make_child(make_family(kelurahan), name=name, birth_date=born)
        children[child.pk] = name
        child_month(child, D(2025, 2, 15), home_visits=visits)
        child_month(child, march, weighed=in_march)
        if other:
            measure(child, other[0], *other[1])
    result = compute([kelurahan.pk], K1)
    found = {children[t.person_id]: t.marks[HOME_VISITS].value for t in result.children}
    assert found == {name: case[-1] for name, case in cases.items()}
    assert result.summary().table1["stunting"] == 3


def test_households_are_distinct_families_not_kia_numbers(kelurahan):
    """Rumah tangga 1000 HPK = distinct families with an ibu hamil or a baduta in the quarter:
    a mother and her child are one household; families without a KK number are still each
    their own; PAUD-only families and families out of the quarter do not count."""
    shared = make_family(kelurahan)
    mother = make_mother(shared)
    pregnancy = make_pregnancy(mother, last_period_date=D(2024, 9, 1))
    mother_month(pregnancy, D(2025, 1, 15), anc_visits=1)
    sibling = make_child(shared, birth_date=D(2024, 1, 10), mother=mother)
    child_month(sibling, D(2025, 1, 15), weighed="normal")
    twin_a = make_child(shared, birth_date=D(2024, 6, 1), mother=mother)
    child_month(twin_a, D(2025, 2, 5), weighed="normal")
    for _ in range(2):  # two households without a KK number
        child_month(
            make_child(make_family(kelurahan, kk_number=""), birth_date=D(2024, 3, 3)),
            D(2025, 2, 5),
        )
    pupil = make_child(make_family(kelurahan), birth_date=D(2021, 6, 1))
    paud_month(pupil, D(2025, 1, 8), registered=True, participated=True)
    earlier = make_child(make_family(kelurahan), birth_date=D(2024, 3, 3))
    child_month(earlier, D(2024, 12, 5))
    result = compute([kelurahan.pk], K1)
    summary = result.summary()
    assert (summary.table1["ibu_hamil"], summary.table1["anak_0_23"]) == (1, 4)
    assert summary.table1["rumah_tangga"] == 3
    assert len(result.figure_targets("rumah_tangga")) == 3


def test_all_y_is_exactly_100_percent(kelurahan):
    """When every applicable cell is Y, every percentage is exactly 100 (never 99.9)."""
    everything_received(kelurahan)
    result = compute([kelurahan.pk], K1)
    hundred = Decimal(100)
    for target in [*result.mothers, *result.children]:
        assert "T" not in marks(target), (target.name, marks(target))
        assert target.ratio.percent == hundred
    summary = result.summary()
    for ratio in [*summary.ibu.indicators, *summary.anak.indicators]:
        assert ratio.percent is None or ratio.percent == hundred
        assert ratio.y == ratio.applicable
    assert sum(r.percent is None for r in summary.anak.indicators) == 0
    for ratio in (
        summary.ibu.konvergensi,
        summary.anak.konvergensi,
        summary.kelurahan_konvergensi,
        summary.ibu.complete,
        summary.anak.complete,
        summary.complete,
        summary.paud_active,
    ):
        assert ratio.percent == hundred
        assert str(ratio.percent) in ("100", "100.0")
    assert {t.stage for t in result.mothers} == {"t1", "t2", "t3", "bersalin"}
    assert {t.band for t in result.children} == {"0-5", "6-12", "13-18", "19-23"}


def test_age_at_visit_date_not_today(kelurahan):
    """Ages and stages are those at the visit date: not today's (these children are past 23
    months today, and the mother delivered long ago), and not the quarter's end either."""
    five = make_child(make_family(kelurahan), name="five", birth_date=D(2024, 9, 25))
    child_month(five, D(2025, 3, 20), weighed="normal")  # 5 months; 6 at the quarter's end
    nine = make_child(make_family(kelurahan), name="nine", birth_date=D(2024, 5, 20))
    child_month(
        nine, D(2025, 3, 10), weighed="normal", basic_immunization_complete=True
    )  # 9; 10 on 20-03
    pregnancy = make_pregnancy(make_mother(make_family(kelurahan)), last_period_date=D(2024, 6, 15))
    mother_month(pregnancy, D(2025, 1, 10), anc_visits=1)  # 6 months pregnant: t2 (t3 by March)
    assert five.age_months > 23 and nine.age_months > 23  # today
    result = compute([kelurahan.pk], K1)
    children = {t.name: t for t in result.children}
    assert (children["five"].band, children["five"].age_months) == ("0-5", 5)
    assert children["five"].marks[0].value == "TS"
    assert (children["nine"].band, children["nine"].age_months) == ("6-12", 9)
    assert children["nine"].marks[0].value == "Y"  # 6-9 months: complete without campak
    (mother,) = result.mothers
    assert mother.stage == "t2"
    assert mother.marks[0].value == "Y"  # t2 needs 1 antenatal visit; t3 would need 2


def test_age_at_visit_date_follows_a_corrected_birth_date(kelurahan):
    """The age stored with each 2B and 2C record is the age at its visit date with the child's
    current birth date: correcting the birth date moves the child to the right band."""
    child = make_child(make_family(kelurahan), birth_date=D(2024, 2, 10))
    child_month(child, D(2025, 3, 10), weighed="normal", basic_immunization_complete=True)
    pupil = make_child(make_family(kelurahan), birth_date=D(2022, 1, 5))
    paud_month(pupil, D(2025, 3, 10), registered=True, participated=True)
    assert compute([kelurahan.pk], K1).children[0].band == "13-18"  # 13 months
    child.birth_date = D(2024, 6, 10)  # the register had it wrong: 9 months at the visit
    services.save_person(person=child)
    pupil.birth_date = D(2021, 1, 5)
    services.save_person(person=pupil)
    assert (child.child_months.get().age_months, pupil.paud_months.get().age_months) == (9, 50)
    (target,) = compute([kelurahan.pk], K1).children
    assert (target.band, target.age_months) == ("6-12", 9)
    assert target.marks[0].value == "Y"  # 6-9 months: complete without campak


def test_nutrition_status_computed_not_typed(kelurahan):
    """Gizi buruk / kurang and stunting come from the z-scores computed from the measurement,
    so a corrected birth date changes them (and the scorecard) without anyone typing a status."""
    child = make_child(make_family(kelurahan), birth_date=D(2023, 7, 10))
    child_month(child, D(2025, 3, 15), weighed=("9.8", "77.0"), home_visits=1)
    measurement = child.measurements.get()
    assert (measurement.hfa_category, round(measurement.hfa_z, 1)) == ("pendek", -2.6)
    result = compute([kelurahan.pk], K1)
    assert result.summary().table1["stunting"] == 1
    assert result.children[0].marks[HOME_VISITS].value == "T"  # 1 visit, stunted needs 2
    child.birth_date = D(2023, 12, 10)  # the register had it wrong: 15 months, not 20
    services.save_person(person=child)
    measurement.refresh_from_db()
    assert measurement.hfa_category == "normal"
    result = compute([kelurahan.pk], K1)
    assert result.summary().table1["stunting"] == 0
    assert result.children[0].marks[HOME_VISITS].value == "TS"


def test_nothing_applicable_shows_dash_not_zero(kelurahan):
    """Where no target can have an indicator, its percentage is None (shown "–"), not 0%."""
    assert Ratio(0, 0).percent is None
    assert Ratio(0, 3).percent == Decimal(0)
    newborn = make_child(make_family(kelurahan), birth_date=D(2025, 1, 2))
    child_month(newborn, D(2025, 2, 10), weighed=("4.5", "54.7"), **HOUSEHOLD_YES)
    summary = compute([kelurahan.pk], K1).summary()
    percents = [r.percent for r in summary.anak.indicators]
    # 0-5 months: imunisasi, ditimbang, diukur (1 month old), konseling, kunjungan, parenting TS.
    assert percents == [None, None, None, None, None, 100, 100, 100, 100, None]
    assert summary.ibu.konvergensi.percent is None  # no ibu hamil this quarter
    assert all(r.percent is None for r in summary.ibu.indicators)
    assert summary.paud_active.percent is None
    assert summary.kelurahan_konvergensi.percent == Decimal(100)


def test_window_crosses_year_boundary(kelurahan):
    """K1 2025 looks back into 2024 (6-12: October-March) and 2023 (19-23: from October)."""
    assert K1.window(2)[0] == D(2024, 10, 1) and K1.window(6)[0] == D(2023, 10, 1)
    inside = make_child(make_family(kelurahan), name="Oct-Feb", birth_date=D(2024, 6, 10))
    outside = make_child(make_family(kelurahan), name="Sep, Nov-Feb", birth_date=D(2024, 6, 10))
    for child, first in ((inside, D(2024, 10, 1)), (outside, D(2024, 9, 1))):
        for day in month_range(first, D(2025, 2, 1), 15):
            if child is outside and day.month == 10:
                continue
            child_month(child, day, weighed="normal", counseling_mother=True, parenting_class=True)
    result = compute([kelurahan.pk], K1)
    children = {t.name: t for t in result.children}
    windowed = (1, 3, 9)  # ditimbang, konseling, parenting

    def window_marks(name):
        return [children[name].marks[i].value for i in windowed]

    assert window_marks("Oct-Feb") == ["Y", "Y", "Y"]
    assert window_marks("Sep, Nov-Feb") == ["T", "T", "T"]
    weighed = children["Oct-Feb"].marks[1]
    assert weighed.months == [
        D(2024, 10, 1),
        D(2024, 11, 1),
        D(2024, 12, 1),
        D(2025, 1, 1),
        D(2025, 2, 1),
    ]
    # A mother's nifas visits since a December delivery count in January's quarter.
    pregnancy = make_pregnancy(make_mother(make_family(kelurahan)), last_period_date=D(2024, 3, 10))
    mother_month(pregnancy, D(2024, 12, 20), delivered_on=D(2024, 12, 10), postnatal_visits=2)
    mother_month(pregnancy, D(2025, 1, 15), postnatal_visits=1)
    (mother,) = compute([kelurahan.pk], K1).mothers
    assert (mother.stage, mother.marks[2].value) == ("bersalin", "Y")


def test_query_count_does_not_grow_with_the_targets(kelurahan):
    """One kelurahan-quarter is computed, summarised and written as JSON in a fixed number of
    queries (at most 20), whatever the number of targets and records."""

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            result = compute([kelurahan.pk], K1)
            as_json(result, kelurahan_id=kelurahan.pk, validated=False)
            result.summary()
        return len(captured)

    everything_received(kelurahan)
    few = queries()
    everything_received(kelurahan)
    everything_received(kelurahan)
    many = queries()
    assert len(compute([kelurahan.pk], K1).children) == 12
    assert few == many <= 20
