"""The rules of the incentive review: who submits never approves, the appeal window, the lock,
reopening, manual adjustments only with a reason, evidence checked by someone else, stale pages
refused, two reviewers approving at once, shadow mode, part of a period served, and a scheme
that changes after its assessment opened."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from kelurahan.models import User
from kpm.models import Realisasi
from stunting.incentive import periods, workflow
from stunting.incentive import scheme as scheme_rules
from stunting.models import (
    Assessment,
    AssessmentEvent,
    CadreScore,
    EvidenceCheck,
    IndicatorResult,
    SchemeIndicator,
)
from tests.concurrent_posts import together
from tests.factories import make_user
from tests.incentive_helpers import build_example

Q1 = periods.parse("2026-Q1")
OPENED, AFTER_APPEALS = datetime.date(2026, 4, 20), datetime.date(2026, 4, 28)


@pytest.fixture
def setup(kelurahan, petugas):
    return build_example(kelurahan, petugas)


def _fresh(assessment):
    assessment.refresh_from_db()
    return assessment


def _submitted(setup, petugas, *, by=None):
    assessment = workflow.open_assessment(
        scheme=setup["scheme"], period=Q1, by=petugas, today=OPENED
    )
    for result in IndicatorResult.objects.filter(
        cadre_score__assessment=assessment, code="inisiatif"
    ):
        workflow.propose_manual(
            result=result, value=3, by=petugas, version=_fresh(assessment).version
        )
    workflow.submit(
        assessment=_fresh(assessment),
        by=by or petugas,
        version=_fresh(assessment).version,
        today=OPENED,
    )
    return _fresh(assessment)


def _manual(assessment, kader):
    return IndicatorResult.objects.get(
        cadre_score__assessment=assessment, cadre_score__kader=kader, code="inisiatif"
    )


def test_opening_twice_gives_the_same_assessment(setup, petugas):
    first = workflow.open_assessment(scheme=setup["scheme"], period=Q1, by=petugas, today=OPENED)
    second = workflow.open_assessment(scheme=setup["scheme"], period=Q1, by=petugas, today=OPENED)
    assert first == second
    assert Assessment.objects.count() == 1
    assert first.cadres.count() == 3


def test_submitting_needs_every_manual_indicator(setup, petugas):
    assessment = workflow.open_assessment(
        scheme=setup["scheme"], period=Q1, by=petugas, today=OPENED
    )
    with pytest.raises(ValidationError, match="3 nilai penilaian"):
        workflow.submit(assessment=assessment, by=petugas, version=assessment.version)


def test_the_one_who_submitted_never_approves(setup, kelurahan):
    admin = make_user(User.Role.ADMIN, username="admin.kota", is_superuser=True)
    assessment = _submitted(setup, admin, by=admin)
    with pytest.raises(ValidationError, match="tidak boleh menyetujuinya"):
        workflow.approve(
            assessment=assessment, by=admin, version=assessment.version, today=AFTER_APPEALS
        )


def test_only_the_kasi_kesra_reviews(setup, petugas, lurah):
    assessment = _submitted(setup, petugas)
    for user in (petugas, lurah):
        with pytest.raises(PermissionDenied):
            workflow.approve(
                assessment=assessment, by=user, version=assessment.version, today=AFTER_APPEALS
            )


def test_approval_waits_for_five_working_days_and_answered_appeals(setup, petugas, kasi_kesra):
    assessment = _submitted(setup, petugas)
    # Submitted on Monday 20 April 2026: five working days end on Monday 27 April.
    assert assessment.appeal_until == datetime.date(2026, 4, 27)
    with pytest.raises(ValidationError, match="27/04/2026"):
        workflow.approve(
            assessment=assessment,
            by=kasi_kesra,
            version=assessment.version,
            today=datetime.date(2026, 4, 27),
        )
    score = CadreScore.objects.get(assessment=assessment, kader=setup["ani"])
    workflow.record_appeal(
        score=score, text="Saya hadir rapat 25 Maret.", by=petugas, today=datetime.date(2026, 4, 22)
    )
    with pytest.raises(ValidationError, match="Masa sanggah sudah lewat"):
        workflow.record_appeal(score=score, text="Lagi", by=petugas, today=AFTER_APPEALS)
    with pytest.raises(ValidationError, match="belum dijawab"):
        workflow.approve(
            assessment=_fresh(assessment),
            by=kasi_kesra,
            version=_fresh(assessment).version,
            today=AFTER_APPEALS,
        )
    workflow.answer_appeal(
        score=score,
        answer="Daftar hadir 25 Maret tidak memuat nama Ibu Ani.",
        by=kasi_kesra,
        version=_fresh(assessment).version,
    )
    workflow.approve(
        assessment=_fresh(assessment),
        by=kasi_kesra,
        version=_fresh(assessment).version,
        today=AFTER_APPEALS,
    )
    score.refresh_from_db()
    assert score.appeal_answer.startswith("Daftar hadir") and score.answered_by == kasi_kesra


def test_approved_means_locked_and_reopening_takes_the_kasi_kesra_and_a_reason(
    setup, petugas, kasi_kesra
):
    assessment = _submitted(setup, petugas)
    workflow.approve(
        assessment=assessment, by=kasi_kesra, version=assessment.version, today=AFTER_APPEALS
    )
    assessment = _fresh(assessment)
    assert assessment.is_locked and assessment.payout_spending.amount == 300_000
    with pytest.raises(ValidationError, match="Disetujui"):
        workflow.adjust_manual(
            result=_manual(assessment, setup["ani"]),
            value=5,
            reason="Aktif sekali",
            by=kasi_kesra,
            version=assessment.version,
        )
    with pytest.raises(PermissionDenied):
        workflow.reopen(
            assessment=assessment, reason="Salah", by=petugas, version=assessment.version
        )
    with pytest.raises(ValidationError, match="alasan"):
        workflow.reopen(
            assessment=assessment, reason=" ", by=kasi_kesra, version=assessment.version
        )
    workflow.reopen(
        assessment=assessment,
        reason="Daftar hadir Maret terlambat masuk.",
        by=kasi_kesra,
        version=assessment.version,
    )
    assessment = _fresh(assessment)
    assert assessment.status == Assessment.Status.DIAJUKAN
    assert assessment.payout_spending is None
    assert not Realisasi.objects.filter(is_incentive_payout=True).exists()  # the draft went
    actions = list(assessment.events.values_list("action", "by__username", "note"))
    assert actions[-2:] == [
        ("disetujui", "kasikesra", ""),
        ("dibuka_kembali", "kasikesra", "Daftar hadir Maret terlambat masuk."),
    ]


def test_a_manual_indicator_changes_only_with_a_reason(setup, petugas, kasi_kesra):
    assessment = _submitted(setup, petugas)
    result = _manual(assessment, setup["budi"])
    with pytest.raises(ValidationError, match="alasan"):
        workflow.adjust_manual(
            result=result, value=5, reason="", by=kasi_kesra, version=assessment.version
        )
    computed = IndicatorResult.objects.get(
        cadre_score__assessment=assessment, cadre_score__kader=setup["budi"], code="tugas"
    )
    with pytest.raises(ValidationError, match="tidak diubah dengan tangan"):
        workflow.adjust_manual(
            result=computed, value=5, reason="x", by=kasi_kesra, version=assessment.version
        )
    workflow.adjust_manual(
        result=result,
        value=5,
        reason="Menggerakkan kelas ibu hamil sendiri.",
        by=kasi_kesra,
        version=assessment.version,
    )
    result.refresh_from_db()
    assert (result.proposed, result.adjusted_by, result.score) == (5, kasi_kesra, Decimal("100.00"))
    assert "Menggerakkan kelas ibu hamil" in result.reason
    budi = CadreScore.objects.get(assessment=assessment, kader=setup["budi"])
    # (30×100 + 30×100 + 20×100) / 80 = 100
    assert budi.total == Decimal("100.00")


def test_a_stale_page_is_refused_with_who_changed_it(setup, petugas, kasi_kesra):
    assessment = _submitted(setup, petugas)
    seen = assessment.version
    workflow.adjust_manual(
        result=_manual(assessment, setup["ani"]),
        value=4,
        reason="Inisiatif posyandu",
        by=kasi_kesra,
        version=seen,
    )
    with pytest.raises(ValidationError, match="baru saja diubah oleh kasikesra"):
        workflow.return_assessment(
            assessment=assessment, note="Periksa lagi", by=kasi_kesra, version=seen
        )


def _approve_at_once(assessment_id, reviewers, version):
    def approve(user):
        try:
            workflow.approve(
                assessment=Assessment.objects.get(pk=assessment_id),
                by=user,
                version=version,
                today=AFTER_APPEALS,
            )
            return "ok"
        except ValidationError as error:
            return error.messages[0]

    return together([lambda u=u: approve(u) for u in reviewers])


@pytest.mark.django_db(transaction=True)
def test_two_reviewers_approving_at_once_approve_once(kelurahan, petugas, kasi_kesra):
    setup = build_example(kelurahan, petugas)
    second = make_user(User.Role.KASI_KESRA, kelurahan=kelurahan, username="kasikesra.dua")
    assessment = _submitted(setup, petugas)
    if connection.vendor == "postgresql":
        # Real threads, a connection each: the row lock makes the second wait, then see the
        # new version.
        outcomes = _approve_at_once(assessment.pk, [kasi_kesra, second], assessment.version)
    else:
        # SQLite's in-memory test database takes one writer: the same two requests in turn,
        # both from a page showing the same version.
        outcomes, seen = [], assessment.version
        for user in (kasi_kesra, second):
            try:
                workflow.approve(
                    assessment=_fresh(assessment),
                    by=user,
                    version=seen,
                    today=AFTER_APPEALS,
                )
                outcomes.append("ok")
            except ValidationError as error:
                outcomes.append(error.messages[0])
    assert sorted(outcomes)[-1] == "ok"
    assert "baru saja diubah oleh" in sorted(outcomes)[0]
    assert Realisasi.objects.filter(is_incentive_payout=True).count() == 1
    assert AssessmentEvent.objects.filter(action="disetujui").count() == 1


def test_evidence_is_confirmed_by_someone_who_did_not_record_it(setup, petugas, kasi_kesra):
    assessment = workflow.open_assessment(
        scheme=setup["scheme"], period=Q1, by=petugas, today=OPENED
    )
    checks = EvidenceCheck.objects.filter(cadre_score__assessment=assessment)
    # Ani's 2 visits (January, February) and Cici's 3 (one a month); the 2B/2A records the
    # visits made were recorded by the same cadres: at most two a month each.
    assert checks.filter(cadre_score__kader=setup["ani"]).count() == 4
    own = checks.filter(recorded_by=petugas).first()
    with pytest.raises(ValidationError, match="Anda yang mencatat"):
        workflow.confirm_evidence(check=own, result="cocok", note="", by=petugas)
    workflow.confirm_evidence(check=own, result="cocok", note="", by=kasi_kesra)
    score = CadreScore.objects.get(pk=own.cadre_score_id)
    assert score.confirmation_rate == Decimal("100.00")


def test_shadow_mode_computes_but_pays_nothing(setup, petugas, kasi_kesra):
    scheme = setup["scheme"]
    scheme.is_shadow = True
    scheme.save()
    assessment = _submitted(setup, petugas)
    workflow.approve(
        assessment=assessment, by=kasi_kesra, version=assessment.version, today=AFTER_APPEALS
    )
    assessment = _fresh(assessment)
    budi = CadreScore.objects.get(assessment=assessment, kader=setup["budi"])
    # (30×100 + 30×100 + 20×50) / 80 = 87.5: baik, 75% of Rp 400.000 asked, nothing paid
    assert (budi.tier, budi.wanted_amount, budi.amount) == ("Baik", 300_000, 0)
    assert assessment.is_shadow and assessment.payout_spending is None


def test_a_cadre_who_left_mid_quarter_is_assessed_on_the_part_served(setup, petugas):
    cici = setup["cici"]
    cici.is_active, cici.ended_on = False, datetime.date(2026, 2, 1)
    cici.end_reason = "Pindah domisili"
    cici.save()
    assessment = workflow.open_assessment(
        scheme=setup["scheme"], period=Q1, by=petugas, today=OPENED
    )
    score = CadreScore.objects.get(assessment=assessment, kader=cici)
    assert (score.active_from, score.active_to) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 1, 31),
    )
    rows = {r.code: r for r in score.results.all()}
    # January only: one meeting (attended), no task due, one KEK month visited.
    assert (rows["kehadiran"].numerator, rows["kehadiran"].denominator) == (1, 1)
    assert rows["tugas"].value is None
    assert (rows["kunjungan"].numerator, rows["kunjungan"].denominator) == (1, 1)


def test_a_scheme_changed_later_does_not_change_the_assessment(setup, petugas):
    assessment = workflow.open_assessment(
        scheme=setup["scheme"], period=Q1, by=petugas, today=OPENED
    )
    SchemeIndicator.objects.filter(scheme=setup["scheme"], code="kehadiran").update(weight=50)
    workflow.recompute(assessment=assessment, today=OPENED)
    row = IndicatorResult.objects.filter(
        cadre_score__assessment=assessment, code="kehadiran"
    ).first()
    assert row.weight == Decimal("30.00")
    assert scheme_rules.check_scheme(setup["scheme"]) == [
        "Jumlah bobot indikator harus 100 (sekarang 120.00)."
    ]
