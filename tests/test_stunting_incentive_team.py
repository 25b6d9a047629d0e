"""The team page (scores spread over tiers and the community outcomes, never pay) and a cadre's
score history on the cadre page."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.incentive_helpers import EXAMPLE_QUARTERS, build_example, run_example_quarter


@pytest.fixture
def two_quarters(kelurahan, petugas, kasi_kesra):
    setup = build_example(kelurahan, petugas)
    for period in EXAMPLE_QUARTERS:
        run_example_quarter(setup, period, petugas=petugas, kasi_kesra=kasi_kesra)
    return setup


def test_the_team_page_shows_the_spread_and_the_outcomes_not_pay(client, kasi_kesra, two_quarters):
    client.force_login(kasi_kesra)
    response = client.get(reverse("stunting:incentive_team"))
    rows = response.context["rows"]
    assert [r.label for r in rows] == ["K1 2026", "K2 2026"]
    # K1 totals 44.33, 93.75, 25.00: mean 54.36; one sangat baik, two kurang
    assert rows[0].mean == Decimal("54.36")
    assert dict(rows[0].tiers) == {
        "Sangat baik": 1,
        "Baik": 0,
        "Cukup": 0,
        "Perlu pembinaan": 0,
        "Kurang": 2,
    }
    # The stunted child of the example is the only child measured in K1 with a length below -2.
    assert (rows[0].stunting.y, rows[0].stunting.applicable) == (1, 2)
    assertContains(response, "54,36")
    assert not re.search(r"Rp\s?\d", response.content.decode())  # no amount shown
    assertNotContains(response, "400.000")


def test_the_team_page_of_another_kelurahan_is_404(client, kasi_kesra, other_kelurahan):
    client.force_login(kasi_kesra)
    url = reverse("stunting:incentive_team") + f"?kelurahan={other_kelurahan.pk}"
    assert client.get(url).status_code == 404
    assert client.get(reverse("stunting:incentive_team") + "?kelurahan=x").status_code == 404


def test_the_team_page_needs_a_login(client):
    response = client.get(reverse("stunting:incentive_team"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_kecamatan_chooses_the_kelurahan(client, kecamatan_user, kelurahan, two_quarters):
    client.force_login(kecamatan_user)
    url = reverse("stunting:incentive_team") + f"?kelurahan={kelurahan.pk}"
    response = client.get(url)
    assert len(response.context["rows"]) == 2
    assertContains(response, 'name="kelurahan"')


def test_the_cadre_page_shows_the_score_history_and_strengths(client, petugas, two_quarters):
    client.force_login(petugas)
    response = client.get(two_quarters["cici"].get_absolute_url())
    assertContains(response, "Riwayat skor per periode")
    assertContains(response, "K1 2026 25,00")  # the SVG's title lists the totals
    assertContains(response, "K2 2026 69,00")
    # K2: kunjungan 100 is Cici's strongest, kehadiran 60 her weakest.
    text = response.content.decode()
    strongest = text.split("Paling kuat")[1].split("Perlu ditingkatkan")[0]
    weakest = text.split("Perlu ditingkatkan")[1]
    assert "Kunjungan rumah" in strongest and "<strong>100,00</strong>" in strongest
    assert "Kehadiran rapat" in weakest and "<strong>60,00</strong>" in weakest
    assertNotContains(response, "83.333")
    assert not re.search(r"Rp\s?\d", response.content.decode())  # no amount shown


def test_a_cadre_never_assessed_says_so(client, petugas, kelurahan):
    from tests.factories_kpm import make_kader

    kader = make_kader(kelurahan)
    client.force_login(petugas)
    assertContains(client.get(kader.get_absolute_url()), "Kader ini belum pernah dinilai.")
