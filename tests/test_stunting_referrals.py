"""Referral services: the step rules (what may follow, dates, refusals with a reason), who and
when each step keeps, the days to resolve, and the figures per OPD and per kelurahan computed in
the database (the median compared with Python's over the same rows)."""

import datetime
import statistics

import pytest
from django.core.exceptions import ValidationError

from kelurahan.models import OPD
from stunting.models import Referral, ReferralStep
from stunting.referrals import advance_referral, figures_by, median_days_by

from .factories_kpm import make_kader
from .factories_referral import make_opd, make_referral, refuse, resolve
from .factories_stunting import make_child

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def child(kelurahan):
    return make_child(kelurahan=kelurahan, name="Rafa")


@pytest.fixture
def puskesmas(kota):
    return make_opd(kota, OPD.Kind.PUSKESMAS, name="Puskesmas Dukuh Kupang")


def test_a_new_referral_is_dirujuk_with_its_first_step(child, puskesmas, petugas):
    kader = make_kader(child.kelurahan)
    referral = make_referral(child, puskesmas, by=petugas, kader=kader, reason="wasting")
    assert referral.kelurahan == child.kelurahan
    assert referral.paket == "gizi"
    assert (referral.status, referral.status_on) == ("dirujuk", D(2024, 3, 1))
    assert referral.created_by == petugas and referral.resolved_on is None
    [step] = referral.steps.all()
    assert (step.status, step.on, step.by, step.note) == ("dirujuk", D(2024, 3, 1), petugas, "")


def test_lainnya_has_no_paket(child, puskesmas):
    assert make_referral(child, puskesmas, reason="lainnya").paket == ""


def test_each_step_keeps_who_when_and_the_note(child, puskesmas, petugas, lurah):
    referral = make_referral(child, puskesmas, by=petugas)
    advance_referral(referral=referral, status="diterima", on=D(2024, 3, 4), by=lurah)
    advance_referral(
        referral=referral, status="ditindaklanjuti", on=D(2024, 3, 4), by=petugas, note="PMT"
    )
    referral = advance_referral(referral=referral, status="selesai", on=D(2024, 3, 15), by=lurah)
    steps = [(s.status, s.on, s.by, s.note) for s in referral.steps.all()]
    assert steps == [
        ("dirujuk", D(2024, 3, 1), petugas, ""),
        ("diterima", D(2024, 3, 4), lurah, ""),
        ("ditindaklanjuti", D(2024, 3, 4), petugas, "PMT"),
        ("selesai", D(2024, 3, 15), lurah, ""),
    ]
    referral.refresh_from_db()
    assert (referral.status, referral.resolved_on, referral.days_to_resolve) == (
        "selesai",
        D(2024, 3, 15),
        14,
    )
    assert not referral.is_open and referral.next_statuses == []


@pytest.mark.parametrize(
    ("path", "step"),
    [
        ([], "selesai"),  # dirujuk cannot jump to selesai
        ([], "ditindaklanjuti"),
        ([], "dirujuk"),
        (["diterima"], "diterima"),
        (["diterima", "ditindaklanjuti"], "ditolak"),  # followed up: no refusal any more
        (["ditolak"], "diterima"),  # a refusal ends it
    ],
)
def test_a_step_that_cannot_follow_is_refused(child, puskesmas, path, step):
    referral = make_referral(child, puskesmas)
    for status in path:
        referral = advance_referral(
            referral=referral, status=status, on=D(2024, 3, 2), by=None, note="alasan"
        )
    with pytest.raises(ValidationError, match="tidak bisa diubah menjadi"):
        advance_referral(referral=referral, status=step, on=D(2024, 3, 5), by=None, note="x")
    assert referral.steps.count() == len(path) + 1


def test_a_step_dated_before_the_previous_one_is_refused(child, puskesmas):
    referral = make_referral(child, puskesmas)
    referral = advance_referral(referral=referral, status="diterima", on=D(2024, 3, 5), by=None)
    with pytest.raises(ValidationError, match="05/03/2024"):
        advance_referral(referral=referral, status="ditindaklanjuti", on=D(2024, 3, 4), by=None)


def test_a_refusal_needs_its_reason(child, puskesmas, petugas):
    referral = make_referral(child, puskesmas)
    with pytest.raises(ValidationError, match="alasan penolakan"):
        advance_referral(referral=referral, status="ditolak", on=D(2024, 3, 2), by=None, note=" ")
    referral = refuse(referral, by=petugas, note="  Bukan wilayah kerja  ")
    assert referral.status == "ditolak" and referral.resolved_on is None
    assert referral.steps.last().note == "Bukan wilayah kerja"


def test_figures_by_opd_in_one_query(child, puskesmas, kota, django_assert_num_queries):
    dinsos = make_opd(kota, OPD.Kind.DINAS_SOSIAL)
    resolve(make_referral(child, puskesmas), 10)
    refuse(make_referral(child, puskesmas))
    make_referral(child, puskesmas)
    advance_referral(
        referral=make_referral(child, dinsos, reason="jaminan"),
        status="diterima",
        on=D(2024, 3, 2),
        by=None,
    )
    with django_assert_num_queries(1):
        figures = figures_by(Referral.objects.all(), "opd")
    pick = ("referred", "resolved", "refused", "open")
    assert {k: [figures[k][p] for p in pick] for k in figures} == {
        puskesmas.pk: [3, 1, 1, 1],
        dinsos.pk: [1, 0, 0, 1],
    }


# --- the median days to resolve, in the database -------------------------------------------

# Days to resolve per OPD: odd and even counts, ties, a single row, a group with none resolved.
DAYS = {
    "odd": [12, 3, 7],
    "even": [4, 10, 1, 8],
    "ties": [5, 5, 5, 9, 2, 5],
    "even_ties": [6, 6, 2, 2],
    "one": [30],
    "zero": [0, 0, 1],
}


@pytest.fixture
def resolved_rows(kelurahan, other_kelurahan, kota):
    """Several OPD with resolved referrals from two kelurahan, plus open and refused ones that
    must not count."""
    opds = {}
    children = [
        make_child(kelurahan=kelurahan),
        make_child(kelurahan=other_kelurahan),
    ]
    for n, (label, days) in enumerate(DAYS.items()):
        opd = opds[label] = make_opd(kota, name=f"OPD {label}")
        for i, day in enumerate(days):
            start = D(2024, 1, 1) + datetime.timedelta(days=i * 3 + n)
            resolve(make_referral(children[i % 2], opd, referred_on=start), day)
        make_referral(children[0], opd)  # open
        refuse(make_referral(children[1], opd))
    opds["none"] = make_opd(kota, name="OPD tanpa selesai")
    make_referral(children[0], opds["none"])
    return opds, children


def _python_median(queryset, field):
    groups = {}
    for key, days in queryset.filter(status="selesai").values_list(field, "days_to_resolve"):
        groups.setdefault(key, []).append(days)
    return {key: statistics.median(days) for key, days in groups.items()}


def test_median_days_per_opd_matches_python(resolved_rows, django_assert_num_queries):
    opds, _ = resolved_rows
    with django_assert_num_queries(1):
        medians = median_days_by(Referral.objects.all(), "opd")
    expected = _python_median(Referral.objects.all(), "opd")
    assert {k: float(v) for k, v in medians.items()} == pytest.approx(expected)
    by_label = {label: medians.get(opd.pk) for label, opd in opds.items()}
    assert {k: None if v is None else float(v) for k, v in by_label.items()} == {
        "odd": 7.0,
        "even": 6.0,
        "ties": 5.0,
        "even_ties": 4.0,
        "one": 30.0,
        "zero": 0.0,
        "none": None,
    }


def test_median_days_per_kelurahan_and_of_a_subset(resolved_rows, kelurahan):
    referrals = Referral.objects.all()
    assert median_days_by(referrals, "kelurahan") == pytest.approx(
        _python_median(referrals, "kelurahan")
    )
    own = Referral.objects.filter(kelurahan=kelurahan)
    assert median_days_by(own, "opd") == pytest.approx(_python_median(own, "opd"))
    assert median_days_by(Referral.objects.none(), "opd") == {}


def test_days_to_resolve_match_the_dates(resolved_rows):
    for referral in Referral.objects.filter(status="selesai"):
        assert referral.days_to_resolve == (referral.resolved_on - referral.referred_on).days
    assert ReferralStep.objects.filter(status="selesai").count() == sum(map(len, DAYS.values()))


def test_demo_referrals_are_safe_to_rerun(kelurahan, kota):
    import io

    from stunting.demo_referral import seed_referrals

    for kind in [OPD.Kind.PUSKESMAS, OPD.Kind.PERUMAHAN_SANITASI, OPD.Kind.DINAS_SOSIAL]:
        make_opd(kota, kind)
    for _ in range(12):
        make_child(kelurahan=kelurahan)
    seed_referrals(stdout=io.StringIO())
    statuses = sorted(Referral.objects.values_list("status", flat=True))
    assert statuses == ["dirujuk", "diterima", "ditindaklanjuti", "ditolak", "selesai"]
    assert OPD.objects.get(kind=OPD.Kind.DUKCAPIL).referrals.count() == 1
    assert OPD.objects.filter(kind=OPD.Kind.DUKCAPIL).count() == 1
    seed_referrals(stdout=io.StringIO())
    assert Referral.objects.count() == 5  # the pregnant woman's: none in this register
