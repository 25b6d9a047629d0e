"""The incentive pages of the petugas' side: the index, the scheme form, opening an assessment,
the assessment page with its manual values and submission, and the evidence sample."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from stunting.incentive import periods, workflow
from stunting.models import (
    Assessment,
    AssessmentEvent,
    EvidenceCheck,
    IncentiveScheme,
    IndicatorResult,
    SchemeIndicator,
    SchemeTier,
)
from tests.factories_kpm import make_kader, make_sk
from tests.incentive_helpers import build_example

Q1 = periods.parse("2026-Q1")
OPENED = datetime.date(2026, 4, 20)


@pytest.fixture
def setup(kelurahan, petugas):
    return build_example(kelurahan, petugas)


@pytest.fixture
def assessment(setup, petugas):
    return workflow.open_assessment(scheme=setup["scheme"], period=Q1, by=petugas, today=OPENED)


def _url(name, *args):
    return reverse(f"stunting:{name}", args=args)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- Access ------------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_login(client, setup, assessment):
    check = EvidenceCheck.objects.filter(cadre_score__assessment=assessment).first()
    urls = [
        _url("incentive_index"),
        _url("incentive_scheme_create"),
        _url("incentive_scheme_detail", setup["scheme"].pk),
        _url("incentive_scheme_update", setup["scheme"].pk),
        _url("assessment_detail", assessment.pk),
        _url("assessment_evidence", assessment.pk),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response.url, url
    posts = [
        _url("assessment_open"),
        _url("assessment_propose", assessment.pk),
        _url("assessment_submit", assessment.pk),
        _url("evidence_confirm", check.pk),
    ]
    for url in posts:
        response = client.post(url)
        assert response.status_code == 302 and "/login/" in response.url, url


def test_another_kelurahan_gets_404(client, setup, assessment, other_petugas, other_kasi_kesra):
    check = EvidenceCheck.objects.filter(cadre_score__assessment=assessment).first()
    for user in (other_petugas, other_kasi_kesra):
        client.force_login(user)
        for url in (
            _url("incentive_scheme_detail", setup["scheme"].pk),
            _url("incentive_scheme_update", setup["scheme"].pk),
            _url("assessment_detail", assessment.pk),
            _url("assessment_evidence", assessment.pk),
            _url("incentive_index") + f"?kelurahan={assessment.kelurahan_id}",
        ):
            assert client.get(url).status_code == 404, url
        assert (
            client.post(_url("evidence_confirm", check.pk), {"result": "cocok"}).status_code == 404
        )
    client.force_login(other_petugas)
    for url in (
        _url("assessment_propose", assessment.pk),
        _url("assessment_submit", assessment.pk),
    ):
        assert client.post(url, {"versi": assessment.version}).status_code == 404
    response = client.post(
        _url("assessment_open") + f"?kelurahan={assessment.kelurahan_id}", {"period": "2026-Q2"}
    )
    assert response.status_code == 404
    assert not Assessment.objects.filter(period="2026-Q2").exists()


def test_wrong_roles_get_403(client, setup, assessment, petugas, kasi_kesra):
    client.force_login(petugas)  # the petugas reads the scheme but does not write it
    assertContains(client.get(_url("incentive_scheme_detail", setup["scheme"].pk)), "Skema 2026")
    assert client.get(_url("incentive_scheme_create")).status_code == 403
    assert client.get(_url("incentive_scheme_update", setup["scheme"].pk)).status_code == 403
    client.force_login(kasi_kesra)  # the kasi kesra reviews; they do not open or submit
    assert client.post(_url("assessment_open"), {"period": "2026-Q2"}).status_code == 403
    response = client.post(_url("assessment_submit", assessment.pk), {"versi": assessment.version})
    assert response.status_code == 403
    assert client.post(_url("assessment_propose", assessment.pk), {}).status_code == 403
    assert client.get(_url("incentive_scheme_create")).status_code == 403


# --- The index and the scheme -------------------------------------------------------------------


def test_index_lists_schemes_and_assessments(client, setup, assessment, petugas):
    client.force_login(petugas)
    response = client.get(_url("incentive_index"))
    assertContains(response, "Skema 2026")
    assertContains(response, "K1 2026")
    assertContains(response, "Sedang diisi petugas")
    # the periods left to open: the other quarters of the scheme's year, not the opened one
    choices = dict(response.context["open_form"].fields["period"].choices)
    assert "2026-Q1" not in choices and "2026-Q2" in choices
    assertContains(response, "Buka penilaian")
    assertNotContains(response, "+ Skema baru")


def test_kecamatan_staff_choose_a_kelurahan(client, setup, assessment, kecamatan_user, kelurahan):
    client.force_login(kecamatan_user)
    response = client.get(_url("incentive_index"))
    assertContains(response, "Pilih kelurahan")
    assertContains(response, f"?kelurahan={kelurahan.pk}")
    response = client.get(_url("incentive_index"), {"kelurahan": kelurahan.pk})
    assertContains(response, "K1 2026")
    assert response.context["open_form"] is None
    assert client.get(_url("incentive_index"), {"kelurahan": "x'--"}).status_code == 404


def test_new_scheme_form_is_prefilled(client, lurah):
    client.force_login(lurah)
    response = client.get(_url("incentive_scheme_create"))
    indicators = response.context["indicators"]
    assert [f.initial["code"] for f in indicators.forms[:7]] == [
        "kehadiran",
        "tugas",
        "pemantauan",
        "kunjungan",
        "rujukan",
        "inisiatif",
        "kerja_sama",
    ]
    assert sum(f.initial["weight"] for f in indicators.forms[:7]) == 100
    tiers = response.context["tiers"]
    assert [(f.initial["minimum"], f.initial["percent"]) for f in tiers.forms[:5]] == [
        (90, 100),
        (80, 75),
        (70, 50),
        (60, 25),
        (0, 0),
    ]
    assertContains(response, "Sangat baik")
    assertContains(response, "menggerakkan kerja sama")  # the manual rubric


def _scheme_post(indicators, tiers, **fields) -> dict:
    data = {
        "name": "Skema 2027",
        "year": 2027,
        "period": "triwulan",
        "variable_amount": 300000,
        "is_shadow": "on",
        "budget_line": "",
        "level_max": 100,
        "improvement_max": 90,
        "indikator-TOTAL_FORMS": len(indicators),
        "indikator-INITIAL_FORMS": 0,
        "tingkat-TOTAL_FORMS": len(tiers),
        "tingkat-INITIAL_FORMS": 0,
        **fields,
    }
    for n, (code, weight, floor, target) in enumerate(indicators):
        data.update(
            {
                f"indikator-{n}-code": code,
                f"indikator-{n}-weight": weight,
                f"indikator-{n}-floor": floor,
                f"indikator-{n}-target": target,
            }
        )
    for n, (label, minimum, percent) in enumerate(tiers):
        data.update(
            {
                f"tingkat-{n}-label": label,
                f"tingkat-{n}-minimum": minimum,
                f"tingkat-{n}-percent": percent,
            }
        )
    return data


TIERS = [("Baik", 80, 100), ("Kurang", 0, 0)]


def test_lurah_creates_a_shadow_scheme(client, lurah, kelurahan):
    client.force_login(lurah)
    data = _scheme_post([("kehadiran", 60, 50, 100), ("inisiatif", 40, "", "")], TIERS)
    response = client.post(_url("incentive_scheme_create"), data)
    scheme = IncentiveScheme.objects.get(year=2027)
    assertRedirects(response, scheme.get_absolute_url())
    assert scheme.kelurahan == kelurahan and scheme.is_shadow
    manual = scheme.indicators.get(code="inisiatif")
    assert (manual.floor, manual.target) == (1, 5)  # the manual defaults
    assert "menggerakkan" not in manual.rubric and manual.rubric.startswith("1 = ")
    assert scheme.tiers.count() == 2
    # posting the same form again creates nothing more
    client.post(_url("incentive_scheme_create"), data)
    assert IncentiveScheme.objects.count() == 1


def test_scheme_form_refuses_weights_not_summing_to_100(client, lurah):
    client.force_login(lurah)
    data = _scheme_post([("kehadiran", 50, 50, 100), ("tugas", 40, 40, 90)], TIERS)
    response = client.post(_url("incentive_scheme_create"), data)
    assert response.status_code == 200
    assertContains(response, "Jumlah bobot indikator harus 100 (sekarang 90)")
    assert not IncentiveScheme.objects.exists()


def test_scheme_form_needs_a_tier_at_0_and_a_budget_line_unless_shadow(client, lurah, setup):
    client.force_login(lurah)
    data = _scheme_post([("kehadiran", 100, 50, 100)], [("Baik", 80, 100)], is_shadow="", year=2027)
    data.pop("is_shadow")
    response = client.post(_url("incentive_scheme_create"), data)
    assertContains(response, "Skema perlu tingkat dengan skor minimum 0")
    assertContains(response, "Pilih pos anggaran tempat insentif dibayarkan")
    data["budget_line"] = setup["line"].pk  # a line of 2026 for a scheme of 2027
    response = client.post(_url("incentive_scheme_create"), data)
    assertContains(response, "Pos anggaran ini untuk tahun 2026, bukan 2027.")
    assert IncentiveScheme.objects.count() == 1


def test_scheme_form_refuses_a_manual_target_outside_1_to_5(client, lurah):
    client.force_login(lurah)
    data = _scheme_post([("kehadiran", 50, 50, 100), ("kerja_sama", 50, 1, 10)], TIERS)
    response = client.post(_url("incentive_scheme_create"), data)
    assertContains(response, "Indikator penilaian: batas bawah dan target 1 sampai 5.")


def test_lurah_updates_a_scheme_until_it_is_used(client, lurah, setup, petugas):
    scheme = setup["scheme"]
    client.force_login(lurah)
    response = client.get(_url("incentive_scheme_update", scheme.pk))
    assert response.status_code == 200
    assertContains(client.get(scheme.get_absolute_url()), "Ubah")
    workflow.open_assessment(scheme=scheme, period=Q1, by=petugas, today=OPENED)
    response = client.get(_url("incentive_scheme_update", scheme.pk), follow=True)
    assertRedirects(response, scheme.get_absolute_url())
    assertContains(response, "sudah dipakai penilaian, jadi tidak bisa diubah")
    response = client.post(_url("incentive_scheme_update", scheme.pk), {"name": "Baru"})
    assert IncentiveScheme.objects.get(pk=scheme.pk).name == "Skema 2026"


# --- Opening, proposing, submitting -------------------------------------------------------------


def test_petugas_opens_a_period(client, setup, petugas):
    client.force_login(petugas)
    response = client.post(_url("assessment_open"), {"period": "2026-Q1"})
    assessment = Assessment.objects.get(period="2026-Q1")
    assertRedirects(response, assessment.get_absolute_url())
    assert assessment.cadres.count() == 3
    # a second click goes to the same assessment
    client.post(_url("assessment_open"), {"period": "2026-Q1"})
    assert Assessment.objects.count() == 1


def test_opening_a_period_with_an_unusable_scheme_says_why(client, setup, petugas):
    SchemeIndicator.objects.filter(scheme=setup["scheme"], code="tugas").update(weight=20)
    client.force_login(petugas)
    response = client.post(_url("assessment_open"), {"period": "2026-Q1"}, follow=True)
    assert "Jumlah bobot indikator harus 100 (sekarang 90.00)." in _messages(response)
    assert not Assessment.objects.exists()
    for hostile in ("2026-Q9", "2031-Q1", "<script>", ""):
        response = client.post(_url("assessment_open"), {"period": hostile}, follow=True)
        assert response.status_code == 200
        assert "Pilih periode dari daftar skema kelurahan ini." in _messages(response)


def test_assessment_page_shows_the_cadres_and_scheme(client, setup, assessment, petugas):
    client.force_login(petugas)
    response = client.get(_url("assessment_detail", assessment.pk))
    for text in ("Ani", "Budi", "Cici", "Skema 2026", "Kehadiran", "bobot 30", "Sangat baik"):
        assertContains(response, text)
    assertContains(response, _url("cadre_score_detail", assessment.cadres.first().pk))
    assertContains(response, "75%")  # Ani attended 3 of 4 meetings
    assertContains(response, "(3/4)")
    assertContains(response, "3 nilai penilaian belum diisi.")
    assertContains(response, "Dibuka")  # the history
    assertNotContains(response, "Masa uji: dihitung, tidak dibayar")


def test_shadow_assessment_shows_the_banner(client, setup, petugas):
    IncentiveScheme.objects.filter(pk=setup["scheme"].pk).update(is_shadow=True)
    setup["scheme"].refresh_from_db()
    shadow = workflow.open_assessment(scheme=setup["scheme"], period=Q1, by=petugas, today=OPENED)
    client.force_login(petugas)
    assertContains(
        client.get(_url("assessment_detail", shadow.pk)), "Masa uji: dihitung, tidak dibayar"
    )


def _manual_post(assessment, value) -> dict:
    results = IndicatorResult.objects.filter(cadre_score__assessment=assessment, code="inisiatif")
    return {"versi": assessment.version, **{f"r{r.pk}": value for r in results}}


def test_petugas_proposes_every_value_in_one_form_and_submits(client, setup, assessment, petugas):
    client.force_login(petugas)
    response = client.post(
        _url("assessment_propose", assessment.pk), _manual_post(assessment, 4), follow=True
    )
    assert "Nilai penilaian disimpan (3 diubah)." in _messages(response)
    assessment.refresh_from_db()
    assert assessment.version == 2  # one version step for the whole form
    assert AssessmentEvent.objects.filter(action="usulan_nilai").count() == 1
    assert set(
        IndicatorResult.objects.filter(code="inisiatif").values_list("proposed", flat=True)
    ) == {4}
    assertContains(response, "Semua nilai penilaian sudah diisi.")
    response = client.post(
        _url("assessment_submit", assessment.pk), {"versi": assessment.version}, follow=True
    )
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DIAJUKAN
    assert any("Penilaian diajukan ke kasi kesra" in m for m in _messages(response))
    assertContains(response, "Diajukan ke kasi kesra")
    assertNotContains(response, "Simpan nilai penilaian")  # no more editing


def test_submitting_with_missing_values_says_how_many(client, setup, assessment, petugas):
    client.force_login(petugas)
    response = client.post(
        _url("assessment_submit", assessment.pk), {"versi": assessment.version}, follow=True
    )
    assert "Masih ada 3 nilai penilaian (inisiatif, kerja sama) yang belum diisi." in _messages(
        response
    )
    assert Assessment.objects.get(pk=assessment.pk).status == Assessment.Status.TERBUKA


def test_a_stale_page_is_refused_with_a_message(client, setup, assessment, petugas, lurah):
    stale = _manual_post(assessment, 2)
    client.force_login(lurah)
    client.post(_url("assessment_propose", assessment.pk), _manual_post(assessment, 5))
    client.force_login(petugas)
    response = client.post(_url("assessment_propose", assessment.pk), stale, follow=True)
    assert response.status_code == 200
    assert any("baru saja diubah oleh" in m for m in _messages(response))
    assert set(
        IndicatorResult.objects.filter(code="inisiatif").values_list("proposed", flat=True)
    ) == {5}
    response = client.post(_url("assessment_submit", assessment.pk), {"versi": "abc"}, follow=True)
    assert any("baru saja diubah oleh" in m for m in _messages(response))


def test_hostile_manual_values_are_refused(client, setup, assessment, petugas):
    client.force_login(petugas)
    for value in ("9", "0", "x"):
        response = client.post(
            _url("assessment_propose", assessment.pk), _manual_post(assessment, value), follow=True
        )
        assert response.status_code == 200
        assert "Nilai penilaian 1 sampai 5." in _messages(response)
    assert not IndicatorResult.objects.filter(proposed__isnull=False).exists()


# --- The evidence sample ------------------------------------------------------------------------


def test_recorder_cannot_confirm_their_own_records(client, setup, assessment, petugas, lurah):
    check = EvidenceCheck.objects.filter(
        cadre_score__assessment=assessment, kind="kunjungan"
    ).first()
    assert check.recorded_by == petugas  # the example's home visits were logged by the petugas
    client.force_login(petugas)
    response = client.get(_url("assessment_evidence", assessment.pk))
    assertContains(response, check.label)
    assertContains(response, _url("home_visit_update", check.object_id))
    assertNotContains(response, _url("evidence_confirm", check.pk))
    assertContains(response, "Anda yang mencatat")
    response = client.post(_url("evidence_confirm", check.pk), {"result": "cocok"}, follow=True)
    assert "Anda yang mencatat data ini: minta orang lain memeriksanya." in _messages(response)
    assert EvidenceCheck.objects.get(pk=check.pk).result == ""


def test_kasi_kesra_confirms_a_sampled_record(client, setup, assessment, kasi_kesra):
    check = EvidenceCheck.objects.filter(cadre_score__assessment=assessment).first()
    client.force_login(kasi_kesra)
    response = client.get(_url("assessment_evidence", assessment.pk))
    assertContains(response, _url("evidence_confirm", check.pk))
    response = client.post(
        _url("evidence_confirm", check.pk), {"result": "tidak_cocok", "note": "tidak ada di buku"}
    )
    assertRedirects(
        response,
        _url("assessment_evidence", assessment.pk) + f"#kader-{check.cadre_score_id}",
        fetch_redirect_response=False,
    )
    check.refresh_from_db()
    assert (check.result, check.checked_by, check.note) == (
        "tidak_cocok",
        kasi_kesra,
        "tidak ada di buku",
    )
    response = client.get(_url("assessment_evidence", assessment.pk))
    assertContains(response, "0 cocok dari 1 diperiksa")
    assertContains(response, "0% terkonfirmasi")
    response = client.post(_url("evidence_confirm", check.pk), {"result": "bogus"}, follow=True)
    assert "Pilih hasil pemeriksaan: cocok atau tidak cocok." in _messages(response)


def test_kecamatan_staff_read_the_sample_without_checking(
    client, setup, assessment, kecamatan_user
):
    check = EvidenceCheck.objects.filter(cadre_score__assessment=assessment).first()
    client.force_login(kecamatan_user)
    response = client.get(_url("assessment_evidence", assessment.pk))
    assertContains(response, check.label)
    assertNotContains(response, _url("evidence_confirm", check.pk))
    assert client.post(_url("evidence_confirm", check.pk), {"result": "cocok"}).status_code == 403


# --- Query counts -------------------------------------------------------------------------------


def _more_cadres(kelurahan, count):
    kaders = [make_kader(kelurahan) for _ in range(count)]
    make_sk(
        kelurahan,
        kaders,
        term_start=datetime.date(2025, 1, 1),
        term_end=datetime.date(2028, 1, 1),
    )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["assessment_detail", "assessment_evidence"])
def test_query_count_does_not_grow_with_the_cadres(client, kelurahan, petugas, lurah, page):
    setup = build_example(kelurahan, petugas)
    few = workflow.open_assessment(scheme=setup["scheme"], period=Q1, by=petugas, today=OPENED)
    _more_cadres(kelurahan, 27)
    many = workflow.open_assessment(
        scheme=setup["scheme"], period=periods.parse("2026-Q2"), by=petugas, today=OPENED
    )
    assert (few.cadres.count(), many.cadres.count()) == (3, 30)
    client.force_login(lurah)
    _count(client, _url(page, few.pk))  # warm the session and caches
    assert _count(client, _url(page, few.pk)) == _count(client, _url(page, many.pk))


def test_index_query_count_is_pinned(client, setup, petugas, django_assert_max_num_queries):
    for quarter in ("2026-Q1", "2026-Q2", "2026-Q3"):
        workflow.open_assessment(
            scheme=setup["scheme"], period=periods.parse(quarter), by=petugas, today=OPENED
        )
    client.force_login(petugas)
    with django_assert_max_num_queries(10):
        assertContains(client.get(_url("incentive_index")), "K3 2026")


def test_tiers_and_indicators_of_the_example_are_untouched(setup):
    # guards the data the page tests rely on
    assert SchemeTier.objects.filter(scheme=setup["scheme"]).count() == 5


def _form_data(response) -> dict:
    """What the browser would post back from the scheme form, unchanged."""
    data = {}
    forms = [response.context["form"]]
    for name in ("indicators", "tiers"):
        formset = response.context[name]
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = "on" if value is True else value
    return data


def test_lurah_edits_a_scheme(client, lurah, setup):
    scheme = setup["scheme"]
    client.force_login(lurah)
    data = _form_data(client.get(_url("incentive_scheme_update", scheme.pk)))
    data["variable_amount"] = 500000
    response = client.post(_url("incentive_scheme_update", scheme.pk), data)
    assertRedirects(response, scheme.get_absolute_url(), fetch_redirect_response=False)
    scheme.refresh_from_db()
    assert scheme.variable_amount == 500000
    assert scheme.indicators.count() == 4 and scheme.tiers.count() == 5
