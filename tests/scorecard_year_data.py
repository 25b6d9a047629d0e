"""The data of tests/test_stunting_scorecard_year.py: a hand-computed quarter (K1 2025) of a
small kelurahan, checked there cell by cell against the scorecard engine (shared/DESIGN.md §2
"Quarterly marking" and "Scorecard Konvergensi").

Every expectation below was computed by hand from DESIGN before the engine's code was read. The
records are written through `stunting.services`, so months, ages and pregnancy stages at the
visit date and the z-score categories are the app's own. K1 2025 is chosen so that every
look-back window reaches into 2024 (and the 19-23 window into 2023), and no date is in the future.

Windows of K1 2025: this + previous quarter = Oct 2024-Mar 2025 (6 months, threshold 5);
this + 3 previous = Apr 2024-Mar 2025 (12 months, threshold 8); this + 5 previous =
Oct 2023-Mar 2025 (18 months, threshold 15). Parenting uses the 6-month window in every band.
Diukur in K1: age <= 3 months TS, else measured (with a length) in February 2025.

IBU HAMIL (indicators: 1 periksa, 2 TTD, 3 nifas, 4 konseling, 5 kunjungan rumah, 6 air,
7 jamban, 8 jaminan). Stage = the stage of the last 2A record of the quarter, or bersalin.
who                           stage     marks                 Y/applicable
M1 normal, HPHT 20-12-2024    t1        Y Y TS Y TS Y Y T     5/6
   Feb: ANC 1, TTD 15, konseling 1; Mar: TTD 15 (30 in all); air Y, jamban Y, jaminan T.
   An April 2025 record with every service is after the quarter: ignored.
M2 KEK, HPHT 01-09-2024       t2        Y T TS T Y T Y Y      4/7
   Dec 2024: ANC 1, TTD 20, konseling 1 (before the quarter: not counted); Jan: ANC 1, TTD 10;
   Feb: TTD 10, kunjungan 1; Mar (6 months pregnant): TTD 9 (29 < 30), air T, jamban Y, jaminan Y.
M3 risti, HPHT 15-06-2024     t3        Y Y TS T T Y T Y      4/7
   Jan (still t2): ANC 1, TTD 30; Feb: konseling 1 (t3 needs 2); Mar: ANC 1 (2 in all, t3 needs
   2); no home visit (risti needs 1); air Y, jamban T, jaminan Y.
M4 normal, delivered 05-02-2025   bersalin  TS TS Y TS TS Y Y Y  4/4
   Jan (t3): ANC 2, TTD 30, konseling 2 (TS once delivered); Feb 20: nifas 2; Mar: nifas 1.
M5 normal, delivered 10-12-2024   bersalin  TS TS Y TS TS T T T  1/4
   Dec 2024: nifas 2 (counts: "3 visits since delivery"); Jan: nifas 1; household all T.
M6 risti, HPHT 05-01-2025     t1        Y Y TS Y Y Y Y Y      7/7
   Feb: ANC 1, TTD 15, konseling 1; Mar: TTD 15, kunjungan 1; household all Y.
Not in the quarter: M7 (2A only in December 2024), and a mother of the other kelurahan.

ANAK 0-23 (1 imunisasi, 2 ditimbang, 3 diukur, 4 konseling, 5 kunjungan rumah, 6 air,
7 jamban, 8 akta, 9 jaminan, 10 parenting). Band and state at the last 2B record of the quarter.
who (band, age at the last 2B)        marks                       Y/applicable
C1 born 10-12-2024, M5's baby (0-5, 3)    TS TS TS TS TS Y Y T Y TS   3/4
   diukur TS (3 months or less in K1); akta T.
C2 born 10-10-2024, gizi kurang (0-5, 5)  TS TS Y TS Y Y Y Y Y TS     6/6
   February length -> diukur Y; BB/PB below -2 -> kunjungan Feb 1 + Mar 1 = 2 -> Y.
C3 born 05-07-2024 (6-12, 8)              Y Y T T TS Y T Y Y T        5/9
   6-9 months: basic without campak is complete -> Y; weighed Oct, Nov, Dec (a measurement
   without a 2B record), Jan, Mar = 5 -> Y; no February measurement -> diukur T; konseling and
   parenting in 4 months -> T; jamban T.
C4 born 10-04-2024 (6-12, 11)             T Y Y Y TS Y Y Y T Y        7/9
   10-12 months needs campak too -> T; weighed 6; konseling: mother Oct Nov Dec Feb + father
   Jan = 5 -> Y; parenting 6 -> Y; jaminan T (an April 2025 record says Y: ignored).
C5 born 15-09-2023, stunted (13-18, exactly 18)   Y Y Y T T T T T Y T   4/10
   weighed May Jun Aug Sep Nov 2024, Jan Feb Mar 2025 = 8 of Apr 2024-Mar 2025 -> Y (March
   2024 is outside); konseling 7 -> T; parenting Nov Jan Feb Mar = 4 of the 6-month window -> T
   (September is outside it); PB/U below -2 -> kunjungan 1 < 2 -> T; air, jamban, akta T.
C6 born 10-05-2023, M1's family (19-23, 22)       Y Y Y T TS Y Y Y Y Y  8/9
   weighed in 15 of Oct 2023-Mar 2025 -> Y (a September 2023 one is outside); konseling 14 -> T;
   parenting Oct-Feb 5 -> Y.
C7 born 20-03-2023, gizi buruk (19-23, 23 in Feb; 24 in March: no 2B)  T T Y T Y Y Y Y Y Y  7/10
   basic without campak -> T; weighed Jul 2024-Mar 2025 = 9 -> T; konseling 8 -> T; parenting
   Oct-Feb 5 -> Y; BB/TB below -3 -> kunjungan Jan + Feb = 2 -> Y.
C8 born 01-02-2024 (13-18, 13)            Y Y T Y TS Y Y T T Y        6/9
   weighed 11 of 12 -> Y; no February -> diukur T; konseling 8 (the threshold) -> Y;
   parenting 5 -> Y; akta T, jaminan T.
C9 born 20-08-2024, M6's family (6-12, 7) T T T T TS Y Y Y Y T        4/9
   basic not complete -> T; two records only (Jan, Mar): weighed, diukur, konseling, parenting T.
C10 born 05-02-2025, M4's baby (0-5, 1)   TS TS TS TS TS Y Y T Y TS   3/4
Not in the quarter: a child with 2B only in December 2024, and a child of the other kelurahan.

Tables: rumah tangga = 11 distinct families (F1 M1+C6, F2, F3 M3+C5, F4 M4+C10, F5 M5+C1,
F6 M6+C9, and the five families of C2 C3 C4 C7 C8; no family has a KK number). KEK/risti: M2,
M3, M6. Gizi kurang C2, gizi buruk C7, stunting C5 (latest measurement up to the quarter's end).
Tikar, the last colour observed in the quarter: hijau C1 C3 C4 C6 C8; kuning C2 C5 C9 (C9's
March record says "tidak diukur": its last observed colour is January's kuning); merah C7; not
measured C10.
PAUD (2C): P1 registered and took part every month -> aktif; P2 registered Jan and Mar, no
February record (a month without a record is no service) -> not aktif; P3 registered all three,
missed February -> not aktif; P4 not registered in January, registered and took part Feb and
Mar -> aktif; P5 never registered. Registered 4, aktif 2.
"""

from __future__ import annotations

from kelurahan.dates import Quarter

from .factories_stunting import make_child, make_family, make_mother, make_pregnancy
from .scorecard_helpers import (
    HOUSEHOLD_YES,
    MOTHER_HOUSEHOLD_YES,
    D,
    child_month,
    measure,
    month_range,
    mother_month,
    paud_month,
)

K1_2025 = Quarter(2025, 1)

MOTHERS = {  # name: (stage, marks)
    "M1": ("t1", "Y Y TS Y TS Y Y T"),
    "M2": ("t2", "Y T TS T Y T Y Y"),
    "M3": ("t3", "Y Y TS T T Y T Y"),
    "M4": ("bersalin", "TS TS Y TS TS Y Y Y"),
    "M5": ("bersalin", "TS TS Y TS TS T T T"),
    "M6": ("t1", "Y Y TS Y Y Y Y Y"),
}
CHILDREN = {  # name: (band, marks)
    "C1": ("0-5", "TS TS TS TS TS Y Y T Y TS"),
    "C2": ("0-5", "TS TS Y TS Y Y Y Y Y TS"),
    "C3": ("6-12", "Y Y T T TS Y T Y Y T"),
    "C4": ("6-12", "T Y Y Y TS Y Y Y T Y"),
    "C5": ("13-18", "Y Y Y T T T T T Y T"),
    "C6": ("19-23", "Y Y Y T TS Y Y Y Y Y"),
    "C7": ("19-23", "T T Y T Y Y Y Y Y Y"),
    "C8": ("13-18", "Y Y T Y TS Y Y T T Y"),
    "C9": ("6-12", "T T T T TS Y Y Y Y T"),
    "C10": ("0-5", "TS TS TS TS TS Y Y T Y TS"),
}
# Table 3 (y, applicable) per indicator, counted down the columns of the tables above.
MOTHER_INDICATORS = [(4, 4), (3, 4), (2, 2), (2, 4), (2, 3), (4, 6), (4, 6), (4, 6)]
CHILD_INDICATORS = [
    (4, 7),
    (5, 7),
    (5, 8),
    (2, 7),
    (2, 3),
    (9, 10),
    (8, 10),
    (6, 10),
    (8, 10),
    (4, 7),
]


def build_mothers(kelurahan, families) -> dict:
    f = families
    m1 = make_pregnancy(make_mother(f["F1"], name="M1"), last_period_date=D(2024, 12, 20))
    mother_month(m1, D(2025, 2, 10), anc_visits=1, iron_tablets=15, nutrition_counseling=1)
    mother_month(m1, D(2025, 3, 10), iron_tablets=15, safe_water=True, proper_latrine=True)
    mother_month(m1, D(2025, 4, 10), anc_visits=1, nutrition_counseling=1, **MOTHER_HOUSEHOLD_YES)

    m2 = make_pregnancy(
        make_mother(f["F2"], name="M2"), last_period_date=D(2024, 9, 1), status="kek"
    )
    mother_month(m2, D(2024, 12, 15), anc_visits=1, iron_tablets=20, nutrition_counseling=1)
    mother_month(m2, D(2025, 1, 15), anc_visits=1, iron_tablets=10, **MOTHER_HOUSEHOLD_YES)
    mother_month(m2, D(2025, 2, 15), iron_tablets=10, home_visits=1, **MOTHER_HOUSEHOLD_YES)
    mother_month(m2, D(2025, 3, 15), iron_tablets=9, proper_latrine=True, health_insurance=True)

    m3 = make_pregnancy(
        make_mother(f["F3"], name="M3"), last_period_date=D(2024, 6, 15), status="risti"
    )
    mother_month(m3, D(2025, 1, 10), anc_visits=1, iron_tablets=30)
    mother_month(m3, D(2025, 2, 10), nutrition_counseling=1)
    mother_month(m3, D(2025, 3, 10), anc_visits=1, safe_water=True, health_insurance=True)

    m4 = make_pregnancy(make_mother(f["F4"], name="M4"), last_period_date=D(2024, 5, 1))
    mother_month(m4, D(2025, 1, 10), anc_visits=2, iron_tablets=30, nutrition_counseling=2)
    mother_month(m4, D(2025, 2, 20), delivered_on=D(2025, 2, 5), postnatal_visits=2)
    mother_month(m4, D(2025, 3, 15), postnatal_visits=1, **MOTHER_HOUSEHOLD_YES)

    m5 = make_pregnancy(make_mother(f["F5"], name="M5"), last_period_date=D(2024, 3, 10))
    mother_month(m5, D(2024, 12, 20), delivered_on=D(2024, 12, 10), postnatal_visits=2)
    mother_month(m5, D(2025, 1, 15), postnatal_visits=1)

    m6 = make_pregnancy(
        make_mother(f["F6"], name="M6"), last_period_date=D(2025, 1, 5), status="risti"
    )
    mother_month(m6, D(2025, 2, 20), anc_visits=1, iron_tablets=15, nutrition_counseling=1)
    mother_month(m6, D(2025, 3, 20), iron_tablets=15, home_visits=1, **MOTHER_HOUSEHOLD_YES)

    m7 = make_pregnancy(
        make_mother(make_family(kelurahan), name="M7"), last_period_date=D(2024, 8, 1)
    )
    mother_month(m7, D(2024, 12, 5), anc_visits=1, iron_tablets=30)
    return {"M1": m1, "M2": m2, "M3": m3, "M4": m4, "M5": m5, "M6": m6, "M7": m7}


def build_children(kelurahan, families, mothers) -> dict:
    f = families
    c = {}

    c["C1"] = make_child(
        f["F5"], name="C1", birth_date=D(2024, 12, 10), mother=mothers["M5"].person
    )
    for day in month_range(D(2025, 1, 1), D(2025, 3, 1), 15):
        facts = HOUSEHOLD_YES | {"birth_certificate": False}
        child_month(c["C1"], day, weighed="normal", growth_mat="hijau", **facts)

    c["C2"] = make_child(f["C2"], name="C2", birth_date=D(2024, 10, 10))
    child_month(c["C2"], D(2025, 1, 15), weighed="normal", counseling_mother=True)
    child_month(c["C2"], D(2025, 2, 15), weighed=("5.6", "62.5"), home_visits=1)
    child_month(
        c["C2"],
        D(2025, 3, 15),
        weighed=("5.9", "64.5"),
        home_visits=1,
        growth_mat="kuning",
        **HOUSEHOLD_YES,
    )

    c["C3"] = make_child(f["C3"], name="C3", birth_date=D(2024, 7, 5))
    services_c3 = {"counseling_mother": True, "parenting_class": True}
    child_month(c["C3"], D(2024, 10, 10), weighed="normal", **services_c3)
    child_month(c["C3"], D(2024, 11, 10), weighed="normal", **services_c3)
    measure(c["C3"], D(2024, 12, 10), "8.0", "67.0")  # weighed, no 2B record this month
    child_month(c["C3"], D(2025, 1, 10), weighed="normal", **services_c3)
    child_month(
        c["C3"],
        D(2025, 3, 10),
        weighed="normal",
        basic_immunization_complete=True,
        growth_mat="hijau",
        **services_c3,
        **(HOUSEHOLD_YES | {"proper_latrine": False}),
    )

    c["C4"] = make_child(f["C4"], name="C4", birth_date=D(2024, 4, 10))
    for day in month_range(D(2024, 10, 1), D(2025, 3, 1), 12):
        facts = {"parenting_class": True}
        if day.month == 1:
            facts["counseling_father"] = True
        elif day.month != 3:
            facts["counseling_mother"] = True
        if day.month == 3:
            facts |= HOUSEHOLD_YES | {"health_insurance": False, "growth_mat": "hijau"}
            facts["basic_immunization_complete"] = True
        child_month(c["C4"], day, weighed="normal", **facts)
    child_month(c["C4"], D(2025, 4, 12), weighed="normal", measles_immunized=True, **HOUSEHOLD_YES)

    c["C5"] = make_child(f["F3"], name="C5", birth_date=D(2023, 9, 15))
    stunted = {1: ("9.1", "73.8"), 2: ("9.3", "74.5"), 3: ("9.4", "75.0")}
    for day in [D(2024, m, 20) for m in (3, 5, 6, 8, 9, 11)] + month_range(
        D(2025, 1, 1), D(2025, 3, 1), 20
    ):
        facts = {"counseling_mother": day.month != 5}
        facts["parenting_class"] = (day.year, day.month) in {
            (2024, 9),
            (2024, 11),
        } or day.year == 2025
        if day == D(2025, 1, 20):
            facts["home_visits"] = 1
        if day == D(2025, 3, 20):
            facts |= {"basic_immunization_complete": True, "measles_immunized": True}
            facts |= {"health_insurance": True, "growth_mat": "kuning"}
        weighed = stunted[day.month] if day.year == 2025 else "normal"
        child_month(c["C5"], day, weighed=weighed, **facts)

    c["C6"] = make_child(f["F1"], name="C6", birth_date=D(2023, 5, 10), mother=mothers["M1"].person)
    measure(c["C6"], D(2023, 9, 15), "7.5", "65.9")  # outside the 18-month window
    not_weighed = {D(2023, 12, 15), D(2024, 4, 15), D(2024, 7, 15)}
    no_counseling = {D(2023, 10, 15), D(2023, 11, 15), D(2024, 1, 15), D(2024, 2, 15)}
    for day in month_range(D(2023, 10, 1), D(2025, 3, 1), 15):
        facts = {"counseling_mother": day not in no_counseling}
        facts["parenting_class"] = D(2024, 10, 1) <= day < D(2025, 3, 1)
        if day.month == 3 and day.year == 2025:
            facts |= HOUSEHOLD_YES | {"growth_mat": "hijau"}
            facts |= {"basic_immunization_complete": True, "measles_immunized": True}
        child_month(c["C6"], day, weighed=None if day in not_weighed else "normal", **facts)

    c["C7"] = make_child(f["C7"], name="C7", birth_date=D(2023, 3, 20))
    wasted = {1: ("8.9", "86.0"), 2: ("9.0", "87.0")}
    for day in month_range(D(2024, 7, 1), D(2025, 2, 1), 25):
        facts = {"counseling_mother": True, "parenting_class": day >= D(2024, 10, 1)}
        if day.year == 2025:
            facts["home_visits"] = 1
        if day == D(2025, 2, 25):
            facts |= HOUSEHOLD_YES | {"basic_immunization_complete": True, "growth_mat": "merah"}
        child_month(
            c["C7"], day, weighed=wasted.get(day.month) if day.year == 2025 else "normal", **facts
        )
    measure(c["C7"], D(2025, 3, 25), "9.1", "87.5", lying=False)  # 24 months: no 2B any more

    c["C8"] = make_child(f["C8"], name="C8", birth_date=D(2024, 2, 1))
    counselled = {(2024, m) for m in (5, 7, 9, 10, 11, 12)} | {(2025, 1), (2025, 3)}
    for day in month_range(D(2024, 4, 1), D(2025, 3, 1), 5):
        if day == D(2025, 2, 5):
            continue
        facts = {"counseling_mother": (day.year, day.month) in counselled}
        facts["parenting_class"] = day >= D(2024, 10, 1)
        if day == D(2025, 3, 5):
            facts |= {"counseling_father": True, "safe_water": True, "proper_latrine": True}
            facts |= {"basic_immunization_complete": True, "measles_immunized": True}
            facts["growth_mat"] = "hijau"
        child_month(c["C8"], day, weighed="normal", **facts)

    c["C9"] = make_child(f["F6"], name="C9", birth_date=D(2024, 8, 20))
    both = {"counseling_mother": True, "parenting_class": True}
    child_month(c["C9"], D(2025, 1, 25), weighed="normal", growth_mat="kuning", **both)
    child_month(
        c["C9"],
        D(2025, 3, 25),
        weighed="normal",
        growth_mat="tidak_diukur",
        **both,
        **HOUSEHOLD_YES,
    )

    c["C10"] = make_child(
        f["F4"], name="C10", birth_date=D(2025, 2, 5), mother=mothers["M4"].person
    )
    child_month(c["C10"], D(2025, 2, 20), weighed=("3.9", "52.0"))
    child_month(
        c["C10"],
        D(2025, 3, 20),
        weighed=("4.3", "54.0"),
        **(HOUSEHOLD_YES | {"birth_certificate": False}),
    )

    gone = make_child(make_family(kelurahan), name="Only December", birth_date=D(2024, 6, 1))
    child_month(gone, D(2024, 12, 3), weighed="normal", **HOUSEHOLD_YES)
    return c


def build_paud(kelurahan) -> dict:
    family_a, family_b = make_family(kelurahan), make_family(kelurahan)
    p = {
        "P1": make_child(family_a, name="P1", birth_date=D(2021, 6, 1)),
        "P2": make_child(family_a, name="P2", birth_date=D(2022, 1, 15)),
        "P3": make_child(family_b, name="P3", birth_date=D(2021, 9, 9)),
        "P4": make_child(family_b, name="P4", birth_date=D(2020, 12, 12)),
        "P5": make_child(family_b, name="P5", birth_date=D(2022, 2, 2)),
    }
    for month in (1, 2, 3):
        day = D(2025, month, 8)
        paud_month(p["P1"], day, registered=True, participated=True)
        if month != 2:
            paud_month(p["P2"], day, registered=True, participated=True)
        paud_month(p["P3"], day, registered=True, participated=month != 2)
        paud_month(p["P4"], day, registered=month > 1, participated=month > 1)
        paud_month(p["P5"], day, registered=False, participated=False)
    paud_month(p["P4"], D(2024, 12, 8), registered=True, participated=False)  # outside
    paud_month(p["P1"], D(2025, 4, 8), registered=True, participated=False)  # outside
    return p


def build_year(kelurahan, other_kelurahan=None) -> dict:
    names = ["F1", "F2", "F3", "F4", "F5", "F6", "C2", "C3", "C4", "C7", "C8"]
    families = {name: make_family(kelurahan, head_name=f"Keluarga {name}") for name in names}
    mothers = build_mothers(kelurahan, families)
    children = build_children(kelurahan, families, mothers)
    paud = build_paud(kelurahan)
    if other_kelurahan is not None:  # a mother and a child of the other kelurahan, same months
        elsewhere = make_family(other_kelurahan)
        pregnancy = make_pregnancy(make_mother(elsewhere), last_period_date=D(2024, 10, 1))
        mother_month(pregnancy, D(2025, 2, 3), anc_visits=1, iron_tablets=30)
        child = make_child(elsewhere, birth_date=D(2024, 5, 5))
        child_month(child, D(2025, 2, 3), weighed="normal", **HOUSEHOLD_YES)
    return {"families": families, **mothers, **children, **paud}
