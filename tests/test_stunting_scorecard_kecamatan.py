"""The kecamatan comparison of the Scorecard Konvergensi (skor/kecamatan/) and the konvergensi
trend: who may read it, the kelurahan side by side, the kecamatan column pooled cell by cell
(ΣY / Σ applicable, not an average of percentages), "–" where nothing applies, the SVG trend."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from kelurahan.dates import Quarter
from kelurahan.models import User
from stunting import bench
from stunting.scorecard.compute import Ratio
from stunting.scorecard.trend import konvergensi_trend, trend_chart
from tests.factories import make_kelurahan, make_user
from tests.factories_stunting import (
    make_family,
    make_mother,
    make_pregnancy,
    make_pregnancy_month,
)

URL = reverse("stunting:scorecard_kecamatan")
# A quarter wholly in the past, so that every visit date is.
QUARTER = Quarter.current().shifted(-1)
QUERY = {"tahun": QUARTER.year, "triwulan": QUARTER.number}


def first_trimester_mother(kelurahan, *, quarter=QUARTER, served: bool, status="normal"):
    """A mother 2 months pregnant in the middle month of `quarter`: with `served` every
    applicable indicator is Y (6 of 6, or 7 of 7 with the home visit of a KEK mother), without
    it every one is T."""
    visit = quarter.months[1] + datetime.timedelta(days=9)
    pregnancy = make_pregnancy(
        make_mother(make_family(kelurahan)), last_period_date=visit - datetime.timedelta(days=60)
    )
    return make_pregnancy_month(
        pregnancy,
        on=visit,
        status=status,
        anc_visits=int(served),
        iron_tablets=30 if served else 0,
        nutrition_counseling=int(served),
        home_visits=int(served),
        safe_water=served,
        proper_latrine=served,
        health_insurance=served,
    )


def row_cells(response, table_id: str, label: str) -> list[str]:
    """The texts of the cells of the row `label` in the table of the section `table_id`."""
    html = response.content.decode()
    section = html[html.index(f'id="{table_id}"') :]
    section = section[: section.index("</table>")]
    for row in re.findall(r"<tr>(.*?)</tr>", section, flags=re.S):
        if label in row:
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
            return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c)).strip() for c in cells]
    raise AssertionError(f"no row {label!r} in {table_id}")


def header_names(response, table_id: str) -> list[str]:
    html = response.content.decode()
    section = html[html.index(f'id="{table_id}"') :]
    head = section[section.index("<thead>") : section.index("</thead>")]
    cells = re.findall(r"<th[^>]*>(.*?)</th>", head, flags=re.S)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in cells]


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assertRedirects(response, f"{reverse('login')}?next={URL}", fetch_redirect_response=False)


@pytest.mark.parametrize("role", [User.Role.PETUGAS, User.Role.LURAH, User.Role.KASI_KESRA])
def test_kelurahan_users_read_only_their_own_scorecard(client, kelurahan, role):
    client.force_login(make_user(role, kelurahan=kelurahan, username=f"u.{role}"))
    assert client.get(URL).status_code == 403


def test_kecamatan_user_sees_its_kelurahan_side_by_side(
    client, kecamatan_user, kelurahan, other_kelurahan, far_kelurahan
):
    first_trimester_mother(kelurahan, served=True)
    first_trimester_mother(far_kelurahan, served=True)
    client.force_login(kecamatan_user)
    response = client.get(URL, QUERY)
    assert response.status_code == 200
    assertContains(response, "Kecamatan Dukuh Pakis")
    assertContains(response, f"Triwulan {QUARTER.label}")
    assert header_names(response, "tabel1") == [
        "Uraian",
        "Dukuh Kupang",
        "Pradah Kali Kendal",
        "Kecamatan",
    ]
    assertNotContains(response, "Jagir")
    # One ibu hamil in Pradah Kali Kendal, none in Dukuh Kupang; the far one is not counted.
    assert row_cells(response, "tabel1", "Ibu hamil</th>") == ["0", "1", "1"]


def test_kecamatan_user_cannot_open_another_kecamatan(client, kecamatan_user, far_kelurahan):
    client.force_login(kecamatan_user)
    response = client.get(URL, {"kecamatan": far_kelurahan.kecamatan_id})
    assert response.status_code == 404


def test_admin_chooses_the_kecamatan(client, admin_user, kelurahan, far_kelurahan):
    client.force_login(admin_user)
    response = client.get(URL, {"kecamatan": far_kelurahan.kecamatan_id, **QUERY})
    assert header_names(response, "tabel1") == ["Uraian", "Jagir", "Kecamatan"]
    assertContains(response, 'name="kecamatan"')
    # Without a choice: the first kecamatan by name (Dukuh Pakis before Wonokromo).
    response = client.get(URL)
    assert header_names(response, "tabel1")[1:] == ["Pradah Kali Kendal", "Kecamatan"]


def test_kecamatan_total_is_pooled_not_an_average_of_percentages(
    client, kecamatan_user, kelurahan, other_kelurahan
):
    # Pradah Kali Kendal: a KEK mother who got all 7 services that apply to her: 100%.
    first_trimester_mother(kelurahan, served=True, status="kek")
    # Dukuh Kupang: a mother without risk who got none of the 6 that apply to her: 0%.
    first_trimester_mother(other_kelurahan, served=False)
    client.force_login(kecamatan_user)
    response = client.get(URL, QUERY)
    # The average of 100% and 0% would be 50,0%; pooled it is 7 of 13.
    assert row_cells(response, "tabel4", '<th scope="row">Ibu hamil (3A)</th>') == [
        "0,0% 0 dari 6",
        "100,0% 7 dari 7",
        "53,8% 7 dari 13",
    ]
    total = response.context["comparison"].table4[0].cells[-1]
    assert total == Ratio(7, 13)
    # Indicator 5 (home visit) applies to the KEK mother only: 1 of 1 pooled.
    assert row_cells(response, "tabel3", "5. Ibu hamil risiko tinggi") == [
        "–",
        "100,0% 1 dari 1",
        "100,0% 1 dari 1",
    ]


def test_a_dash_where_nothing_applies(client, kecamatan_user, kelurahan, other_kelurahan):
    first_trimester_mother(kelurahan, served=True)
    client.force_login(kecamatan_user)
    response = client.get(URL, QUERY)
    # Nifas applies to no one (no mother has delivered): a dash in every column, never 0%.
    assert row_cells(response, "tabel3", "3. Ibu bersalin") == ["–", "–", "–"]
    # No child anywhere: the children's konvergensi is a dash too.
    assert row_cells(response, "tabel4", '<th scope="row">Anak 0-23 bulan (3B)</th>') == [
        "–",
        "–",
        "–",
    ]


def test_trend_has_a_point_per_quarter_with_data_and_gaps_elsewhere(
    client, kecamatan_user, kelurahan
):
    first_trimester_mother(kelurahan, served=True)
    first_trimester_mother(kelurahan, quarter=QUARTER.shifted(-2), served=False)
    client.force_login(kecamatan_user)
    response = client.get(URL, QUERY)
    html = response.content.decode()
    assert "<svg" in html and "<title" in html
    assert html.count('class="trend-point" data-series="total"') == 2
    # Two points with an empty quarter between them: no line joins them (a gap, not a 0).
    assert html.count('class="trend-line" data-series="total"') == 0
    # The text alternative lists the 8 quarters up to the chosen one.
    values = html[html.index('class="table table-sm small mb-0 trend-values"') :]
    for offset in range(8):
        assertContains(response, QUARTER.shifted(-offset).label)
    assert f'<th scope="row">{QUARTER.label}</th>' in values
    assert f'<th scope="row">{QUARTER.shifted(-7).label}</th>' in values
    assert "100,0%" in values and "0,0%" in values and "–" in values


def test_konvergensi_trend_points_and_gaps(kelurahan):
    first_trimester_mother(kelurahan, served=True)
    first_trimester_mother(kelurahan, quarter=QUARTER.shifted(-1), served=True)
    first_trimester_mother(kelurahan, quarter=QUARTER.shifted(-3), served=False)
    points = konvergensi_trend([kelurahan.pk], QUARTER)
    assert [p.quarter for p in points] == [QUARTER.shifted(-n) for n in range(7, -1, -1)]
    assert [p.total for p in points[-4:]] == [Ratio(0, 6), Ratio(0, 0), Ratio(6, 6), Ratio(6, 6)]
    assert all(p.anak == Ratio(0, 0) for p in points)
    chart = trend_chart(points)
    total = next(s for s in chart.series if s.key == "total")
    assert len(total.dots) == 3
    # The empty quarter breaks the line: the lone point before it has no line.
    assert len(total.segments) == 1 and total.segments[0].count(",") == 2
    assert not next(s for s in chart.series if s.key == "anak").dots
    assert not chart.empty
    assert trend_chart(konvergensi_trend([kelurahan.pk], QUARTER.shifted(-12))).empty


def test_query_count_does_not_grow_with_the_kelurahan(client, kecamatan_user, kelurahan):
    first_trimester_mother(kelurahan, served=True)
    client.force_login(kecamatan_user)
    client.get(URL, QUERY)

    def count() -> int:
        cache.clear()  # computed, not read from the cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, QUERY).status_code == 200
        return len(captured)

    one = count()
    for n in range(3):
        first_trimester_mother(make_kelurahan(kelurahan.kecamatan, name=f"K{n}"), served=True)
    assert count() == one
    # Computed, not cached: the chosen quarter (its reports, the data stamp, the engine's
    # seven) and the trend's 8 quarters read together (the same again), and the session,
    # user, kecamatan and kelurahan list.
    assert one <= 24


def test_a_warm_page_reads_the_data_stamp_once_and_shows_an_edit_at_once(
    client, kecamatan_user, kelurahan, other_kelurahan
):
    first_trimester_mother(kelurahan, served=True)
    client.force_login(kecamatan_user)
    assert row_cells(client.get(URL, QUERY), "tabel1", "Ibu hamil</th>") == ["0", "1", "1"]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, QUERY)
    # The comparison and the 8-quarter trend share one read of the tables' counts and changes.
    stamps = [q for q in captured if 'MAX("stunting_measurement"."updated_at")' in q["sql"]]
    assert len(stamps) == 1
    assert row_cells(response, "tabel1", "Ibu hamil</th>") == ["0", "1", "1"]
    first_trimester_mother(other_kelurahan, served=False)
    assert row_cells(client.get(URL, QUERY), "tabel1", "Ibu hamil</th>") == ["1", "1", "2"]


@pytest.mark.parametrize(
    "query",
    [
        {"kecamatan": "abc"},
        {"kecamatan": "99999999999999999999999"},
        {"kecamatan": "²"},
        {"kecamatan": "-1"},
        {"tahun": "abc", "triwulan": "9"},
        {"tahun": "99999", "triwulan": "0"},
        {"tahun": "-2026", "triwulan": "-1"},
        {"tahun": "1900", "triwulan": "1"},
        {"tahun": "2100", "triwulan": "4"},
        {"tahun": "2026\x00", "triwulan": "1 OR 1=1"},
    ],
)
def test_hostile_parameters_never_fail(client, kecamatan_user, kelurahan, query):
    client.force_login(kecamatan_user)
    assert client.get(URL, query).status_code == 200


def test_hostile_kecamatan_id_for_admin_is_not_found_or_ignored(client, admin_user, kelurahan):
    client.force_login(admin_user)
    assert client.get(URL, {"kecamatan": "987654321"}).status_code == 404
    assert client.get(URL, {"kecamatan": "x"}).status_code == 200


def test_menu_leads_kecamatan_staff_to_the_comparison(client, kecamatan_user, petugas):
    client.force_login(kecamatan_user)
    assertContains(client.get(reverse("kelurahan:dashboard")), f'href="{URL}"')
    client.force_login(petugas)
    assertNotContains(client.get(reverse("kelurahan:dashboard")), f'href="{URL}"')


def test_kelurahan_headers_lead_to_their_scorecard(client, kecamatan_user, kelurahan):
    client.force_login(kecamatan_user)
    response = client.get(URL, QUERY)
    scorecard = reverse("stunting:scorecard")
    link = (
        f'<a href="{scorecard}?kelurahan={kelurahan.pk}&amp;tahun={QUARTER.year}'
        f'&amp;triwulan={QUARTER.number}">Pradah Kali Kendal</a>'
    )
    assertContains(response, link, html=True)


def test_benchmark_measures_the_scorecard_pages(petugas, kecamatan_user):
    pages = bench.scorecard_pages(petugas, kecamatan_user)
    assert [(name, user) for name, _url, user in pages] == [
        ("stunting: scorecard", petugas),
        ("stunting: 3B recap", petugas),
        ("stunting: scorecard kecamatan", kecamatan_user),
    ]
    assert ("stunting: scorecard kecamatan", URL, kecamatan_user) in pages


def test_a_validated_kelurahan_shows_its_stored_figures(
    client, kecamatan_user, kelurahan, other_kelurahan, lurah
):
    """Pradah validated the quarter with its mother fully served; a later edit of her record
    changes neither Pradah's column nor the kecamatan total, while the other kelurahan's
    draft column follows its records."""
    from stunting.scorecard.validation import validate_quarter

    record = first_trimester_mother(kelurahan, served=True)
    other = first_trimester_mother(other_kelurahan, served=True)
    validate_quarter(kelurahan=kelurahan, quarter=QUARTER, by=lurah)
    for month in (record, other):
        month.safe_water = False
        month.save()
    client.force_login(kecamatan_user)
    response = client.get(URL, QUERY)
    assert row_cells(response, "tabel3", "6. Rumah tangga memiliki akses air minum aman") == [
        "0,0% 0 dari 1",
        "100,0% 1 dari 1",
        "50,0% 1 dari 2",
    ]
