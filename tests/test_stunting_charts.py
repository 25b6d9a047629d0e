"""Growth charts: server-rendered SVG with the WHO curves of the child's sex and its points."""

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from stunting import anthropometry, charts, queries

from .factories_stunting import days_ago, make_child, make_family, make_measurement


def svg_blocks(html: str) -> list[str]:
    return re.findall(r"<svg .*?</svg>", html, flags=re.S)


@pytest.mark.parametrize(("sex", "label"), [("L", "Laki-laki"), ("P", "Perempuan")])
def test_growth_charts_render_for_a_boy_and_a_girl(client, kelurahan, petugas, sex, label):
    child = make_child(make_family(kelurahan), sex=sex, age_days=400)
    for months_ago, weight, height in ((3, "8.0", "70.0"), (1, "8.6", "72.5"), (0, "8.9", "73.4")):
        make_measurement(child, on=days_ago(31 * months_ago), weight=weight, height=height)
    client.force_login(petugas)
    response = client.get(reverse("stunting:person_detail", args=[child.pk]))
    html = response.content.decode()
    blocks = svg_blocks(html)
    assert len(blocks) == 3
    for block in blocks:
        assert block.count('class="who-curve"') == 7  # -3 .. +3 SD
        assert block.count('class="child-point"') == 3
        # Every coordinate is a plain number: no decimal commas from the Indonesian locale.
        for value in re.findall(r'\s(?:cx|cy|x|y|x1|x2|y1|y2)="([^"]*)"', block):
            float(value)
    assertContains(response, "Berat badan menurut umur (BB/U)")
    assertContains(response, "Berat badan menurut panjang badan (BB/PB)")
    assertContains(response, label)


def test_curves_follow_the_sex_of_the_child(kelurahan):
    boy = make_child(make_family(kelurahan), sex="L", age_days=300)
    girl = make_child(make_family(kelurahan), sex="P", age_days=300)
    make_measurement(boy, weight="8.0", height="70.0")
    make_measurement(girl, weight="8.0", height="70.0")
    boy_chart = charts.child_charts(boy, queries.child_history(boy))[0]
    girl_chart = charts.child_charts(girl, queries.child_history(girl))[0]
    boy_median = next(c for c in boy_chart.curves if c["z"] == 0)["points"]
    girl_median = next(c for c in girl_chart.curves if c["z"] == 0)["points"]
    assert boy_median != girl_median
    # A point above the girls' median is placed higher on her chart than on the boy's.
    assert girl_chart.points[0]["y"] < boy_chart.points[0]["y"]


def test_svg_numbers_use_a_decimal_point(kelurahan):
    child = make_child(make_family(kelurahan), age_days=900)
    make_measurement(child, weight="11.3", height="84.7", lying=False)
    chart = charts.child_charts(child, queries.child_history(child))[1]
    for curve in chart.curves:
        for pair in curve["points"].split():
            x, y = pair.split(",")
            float(x), float(y)
    assert chart.x_ticks[-1]["value"] == 60  # a child past two years: 0-60 months


def test_height_chart_uses_the_position_corrected_height():
    assert charts.corrected_height(70.0, 300, False) == pytest.approx(70.7)
    assert charts.corrected_height(90.0, 800, True) == pytest.approx(89.3)
    assert charts.corrected_height(90.0, 800, False) == 90.0
    assert anthropometry.POSITION_CORRECTION_CM == 0.7


def test_weight_change_since_last_month(client, kelurahan, petugas):
    child = make_child(make_family(kelurahan), age_days=400)
    make_measurement(child, on=days_ago(62), weight="8.5", height="70.0")
    make_measurement(child, on=days_ago(31), weight="8.4", height="71.0")
    make_measurement(child, on=days_ago(0), weight="8.9", height="72.0")
    history = queries.child_history(child)
    changes = [row.weight_change for row in history]
    assert changes[:2] == ["naik", "tidak_naik"]
    client.force_login(petugas)
    response = client.get(reverse("stunting:person_detail", args=[child.pk]))
    assertContains(response, "Tidak naik")
