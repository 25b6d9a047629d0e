"""The worked example of the incentive issue: three cadres over two quarters of 2026, every
number computed by hand below and compared with what the app computes from the records.

Scheme: kehadiran (weight 30, floor 50, target 100), tugas tepat waktu (30, 40, 90), kunjungan
rumah sasaran prioritas (20, 0, 100), inisiatif (20, rubric 1-5: floor 1, target 5); variable
amount Rp 400.000 a quarter; the default tiers; paid from a line of Rp 900.000.

- Ani accompanies a family with a stunted child; Budi a family without a priority target (his
  home-visit indicator does not apply: its weight passes to the others); Cici a family with a KEK
  pregnancy.
- K1 is the first period: level alone. In K2 the K1 values are the baselines.
- After K1's payout (Rp 400.000) the line has Rp 500.000 left, but K2's tiers ask for
  Rp 600.000: every amount is scaled by 5/6 and rounded down; Rp 1 remains.
"""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from stunting.models import Assessment, CadreScore
from tests.incentive_helpers import build_example, run_example_quarter

D = Decimal


@pytest.fixture
def setup(kelurahan, petugas):
    return build_example(kelurahan, petugas)


def _results(assessment, kader):
    score = CadreScore.objects.get(assessment=assessment, kader=kader)
    rows = {r.code: r for r in score.results.all()}
    return score, rows


def _parts(row):
    return (row.value, row.baseline, row.level, row.improvement, row.score, row.effective_weight)


def test_three_cadres_over_two_quarters(setup, petugas, kasi_kesra):
    k1 = run_example_quarter(setup, "2026-Q1", petugas=petugas, kasi_kesra=kasi_kesra)
    # --- K1: the first period, level alone ---
    ani, rows = _results(k1, setup["ani"])
    # kehadiran 3/4 = 75%: level 100 × (75 − 50) / (100 − 50) = 50
    assert _parts(rows["kehadiran"]) == (D("75.00"), None, D("50.00"), None, D("50.00"), D(30))
    assert (rows["kehadiran"].numerator, rows["kehadiran"].denominator) == (3, 4)
    # tugas 2/4 = 50%: 100 × (50 − 40) / (90 − 40) = 20
    assert _parts(rows["tugas"]) == (D("50.00"), None, D("20.00"), None, D("20.00"), D(30))
    # kunjungan 2 of 3 priority months = 66.67%: level 66.67
    assert _parts(rows["kunjungan"]) == (D("66.67"), None, D("66.67"), None, D("66.67"), D(20))
    # inisiatif 3: 100 × (3 − 1) / (5 − 1) = 50
    assert _parts(rows["inisiatif"]) == (D("3.00"), None, D("50.00"), None, D("50.00"), D(20))
    # total (30×50 + 30×20 + 20×66.67 + 20×50) / 100 = 44.334 -> 44.33: kurang, Rp 0
    assert (ani.total, ani.tier, ani.wanted_amount, ani.amount) == (D("44.33"), "Kurang", 0, 0)

    budi, rows = _results(k1, setup["budi"])
    # kunjungan does not apply: 30 + 30 + 20 = 80 weigh; effective 37.5 / 37.5 / 25
    assert rows["kunjungan"].value is None and rows["kunjungan"].effective_weight == 0
    assert "Tidak berlaku" in rows["kunjungan"].reason
    assert [rows[c].effective_weight for c in ("kehadiran", "tugas", "inisiatif")] == [
        D("37.50"),
        D("37.50"),
        D("25.00"),
    ]
    assert [rows[c].score for c in ("kehadiran", "tugas", "inisiatif")] == [
        D("100.00"),  # 4/4 = 100%
        D("100.00"),  # 2/2 = 100%, above the target 90: clamped
        D("75.00"),  # 4: 100 × 3/4
    ]
    # (30×100 + 30×100 + 20×75) / 80 = 93.75: sangat baik, 100% of Rp 400.000
    assert (budi.total, budi.tier, budi.amount) == (D("93.75"), "Sangat baik", 400_000)

    cici, rows = _results(k1, setup["cici"])
    assert [rows[c].value for c in ("kehadiran", "tugas", "kunjungan", "inisiatif")] == [
        D("25.00"),  # 1 of 4
        D("40.00"),  # 2 of 5
        D("100.00"),  # 3 of 3
        D("2.00"),
    ]
    # levels 0, 0, 100, 25: (20×100 + 20×25) / 100 = 25
    assert (cici.total, cici.tier, cici.amount) == (D("25.00"), "Kurang", 0)
    assert k1.payout_spending.amount == 400_000

    # --- K2: the K1 values are the baselines ---
    k2 = run_example_quarter(setup, "2026-Q2", petugas=petugas, kasi_kesra=kasi_kesra)
    ani, rows = _results(k2, setup["ani"])
    # kehadiran 100: level 100; improvement 90 × (100 − 75) / (100 − 75) = 90 -> 100
    assert _parts(rows["kehadiran"]) == (
        D("100.00"),
        D("75.00"),
        D("100.00"),
        D("90.00"),
        D("100.00"),
        D(30),
    )
    # inisiatif 4: level 75; improvement 90 × (4 − 3) / (5 − 3) = 45 -> 75
    assert _parts(rows["inisiatif"])[:5] == (
        D("4.00"),
        D("3.00"),
        D("75.00"),
        D("45.00"),
        D("75.00"),
    )
    # (30×100 + 30×100 + 20×100 + 20×75) / 100 = 95: sangat baik, asks Rp 400.000
    assert (ani.total, ani.tier, ani.wanted_amount) == (D("95.00"), "Sangat baik", 400_000)

    budi, rows = _results(k2, setup["budi"])
    # kehadiran 75 against a baseline of 100 (at the target): level alone, 50
    assert _parts(rows["kehadiran"])[:5] == (D("75.00"), D("100.00"), D("50.00"), None, D("50.00"))
    # tugas 75 against 100 (above the target 90): level alone, 100 × 35/50 = 70
    assert _parts(rows["tugas"])[:5] == (D("75.00"), D("100.00"), D("70.00"), None, D("70.00"))
    # inisiatif 4 against 4: improvement 0, level 75
    assert rows["inisiatif"].improvement == D("0.00") and rows["inisiatif"].score == D("75.00")
    # (30×50 + 30×70 + 20×75) / 80 = 63.75: perlu pembinaan, asks 25% = Rp 100.000
    assert (budi.total, budi.tier, budi.wanted_amount) == (
        D("63.75"),
        "Perlu pembinaan",
        100_000,
    )

    cici, rows = _results(k2, setup["cici"])
    # kehadiran 75: level 50; improvement 90 × (75 − 25) / (100 − 25) = 60: improvement counts
    assert _parts(rows["kehadiran"])[:5] == (
        D("75.00"),
        D("25.00"),
        D("50.00"),
        D("60.00"),
        D("60.00"),
    )
    # tugas 75: level 70; improvement 90 × (75 − 40) / (90 − 40) = 63 -> 70
    assert _parts(rows["tugas"])[:5] == (D("75.00"), D("40.00"), D("70.00"), D("63.00"), D("70.00"))
    # kunjungan 100 against 100: level alone, 100; inisiatif 3: level 50, improvement 30
    assert rows["kunjungan"].improvement is None and rows["kunjungan"].score == D("100.00")
    assert (rows["inisiatif"].level, rows["inisiatif"].improvement) == (D("50.00"), D("30.00"))
    # (30×60 + 30×70 + 20×100 + 20×50) / 100 = 69: perlu pembinaan, Rp 100.000 asked
    assert (cici.total, cici.tier, cici.wanted_amount) == (D("69.00"), "Perlu pembinaan", 100_000)

    # The line has 900.000 − 400.000 = 500.000 left for 600.000 asked: scaled by 5/6, down.
    assert k2.payout_available == 500_000
    assert [ani.amount, budi.amount, cici.amount] == [333_333, 83_333, 83_333]
    assert k2.payout_spending.amount == 499_999  # Rp 1 remains on the line
    assert k2.payout_spending.is_incentive_payout
    assert k2.scheme_snapshot["variable_amount"] == 400_000


def test_the_incentive_command_prints_the_assessment_as_json(setup, petugas, kasi_kesra):
    k1 = run_example_quarter(setup, "2026-Q1", petugas=petugas, kasi_kesra=kasi_kesra)
    out = io.StringIO()
    call_command("incentive", kelurahan=k1.kelurahan_id, period="2026-Q1", json=True, stdout=out)
    data = json.loads(out.getvalue())
    assert (data["period"], data["status"], data["shadow"]) == ("2026-Q1", "disetujui", False)
    cadres = {c["name"]: c for c in data["cadres"]}
    assert (cadres["Budi"]["total"], cadres["Budi"]["tier"], cadres["Budi"]["amount"]) == (
        "93.75",
        "Sangat baik",
        400_000,
    )
    kunjungan = next(i for i in cadres["Budi"]["indicators"] if i["code"] == "kunjungan")
    assert (kunjungan["applies"], kunjungan["effective_weight"]) == (False, "0.00")
    kehadiran = next(i for i in cadres["Ani"]["indicators"] if i["code"] == "kehadiran")
    assert (kehadiran["value"], kehadiran["level"], kehadiran["score"]) == (
        "75.00",
        "50.00",
        "50.00",
    )
    assert (kehadiran["numerator"], kehadiran["denominator"]) == (3, 4)
    assert data["payout"] == {
        "wanted": 400_000,
        "paid": 400_000,
        "available": 900_000,
        "remainder": 500_000,
    }


def test_the_incentive_command_previews_a_period_without_saving_it(setup):
    out = io.StringIO()
    kelurahan_id = setup["scheme"].kelurahan_id
    call_command("incentive", kelurahan=kelurahan_id, period="2026-Q2", json=True, stdout=out)
    data = json.loads(out.getvalue())
    assert data["status"] == "preview"
    assert {c["name"] for c in data["cadres"]} == {"Ani", "Budi", "Cici"}
    assert not Assessment.objects.exists()
    with pytest.raises(CommandError, match="YYYY-QN"):
        call_command("incentive", kelurahan=kelurahan_id, period="2026-13", stdout=io.StringIO())
