"""Growth charts as server-rendered SVG: the WHO curves from -3 to +3 SD for the child's sex,
and the child's own points. They print and work offline (no JavaScript)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, partial

from django.utils.translation import gettext_lazy as _

from . import ages, anthropometry

WIDTH, HEIGHT = 640, 380
LEFT, RIGHT, TOP, BOTTOM = 56, 44, 18, 46
Z_LINES = (-3, -2, -1, 0, 1, 2, 3)
Z_COLOURS = {
    -3: "#212529",
    -2: "#dc3545",
    -1: "#adb5bd",
    0: "#198754",
    1: "#adb5bd",
    2: "#dc3545",
    3: "#212529",
}


@dataclass
class Chart:
    title: str
    x_label: str
    y_label: str
    curves: list[dict] = field(default_factory=list)
    points: list[dict] = field(default_factory=list)
    x_ticks: list[dict] = field(default_factory=list)
    y_ticks: list[dict] = field(default_factory=list)
    path: str = ""
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM


@cache
def _curve(indicator: str, sex: str, z: int) -> tuple[tuple[float, float], ...]:
    return tuple(anthropometry.reference_curve(indicator, sex, z))


def _ticks(low: float, high: float, count: int = 6) -> list[float]:
    span = high - low
    step = next(s for s in (0.5, 1, 2, 5, 10, 20, 25, 50) if span / s <= count * 1.6)
    first = int(low / step) * step
    values = []
    value = first
    while value <= high + 1e-9:
        if value >= low - 1e-9:
            values.append(round(value, 2))
        value += step
    return values


def _build(
    *,
    title,
    x_label,
    y_label,
    indicator: str,
    sex: str,
    x_range: tuple[float, float],
    x_scale: float,
    points: list[tuple[float, float, str]],
) -> Chart:
    """`x_scale` converts the table's x (days or cm) to the axis unit (months or cm)."""
    x_low, x_high = x_range
    curves_raw = {}
    for z in Z_LINES:
        rows = [(x / x_scale, y) for x, y in _curve(indicator, sex, z)]
        rows = [(x, y) for x, y in rows if x_low <= x <= x_high]
        step = max(1, len(rows) // 150)
        curves_raw[z] = rows[::step] + ([rows[-1]] if rows and (len(rows) - 1) % step else [])
    ys = [y for rows in curves_raw.values() for _, y in rows] + [p[1] for p in points]
    y_low, y_high = min(ys), max(ys)
    pad = (y_high - y_low) * 0.04
    y_low, y_high = max(0, y_low - pad), y_high + pad
    chart = Chart(title=title, x_label=x_label, y_label=y_label)
    plot_w = chart.plot_right - chart.left
    plot_h = chart.plot_bottom - chart.top

    def sx(x):
        return round(chart.left + (x - x_low) / (x_high - x_low) * plot_w, 1)

    def sy(y):
        return round(chart.plot_bottom - (y - y_low) / (y_high - y_low) * plot_h, 1)

    for z, rows in curves_raw.items():
        if not rows:
            continue
        chart.curves.append(
            {
                "z": z,
                "label": f"{z:+d}" if z else "0",
                "colour": Z_COLOURS[z],
                "dashed": abs(z) == 1,
                "points": " ".join(f"{sx(x)},{sy(y)}" for x, y in rows),
                "label_x": sx(rows[-1][0]) + 4,
                "label_y": sy(rows[-1][1]) + 4,
            }
        )
    chart.x_ticks = [{"value": v, "x": sx(v)} for v in _ticks(x_low, x_high)]
    chart.y_ticks = [{"value": v, "y": sy(v)} for v in _ticks(y_low, y_high)]
    in_range = [(x, y, text) for x, y, text in points if x_low <= x <= x_high]
    chart.points = [{"x": sx(x), "y": sy(y), "title": text} for x, y, text in in_range]
    chart.path = " ".join(f"{p['x']},{p['y']}" for p in chart.points)
    return chart


def corrected_height(height_cm: float, age_days: int, measured_lying: bool | None) -> float:
    """The length/height that the z-scores use (WHO's +/-0.7 cm position correction)."""
    if age_days < anthropometry.HEIGHT_SWITCH_DAYS and measured_lying is False:
        return height_cm + anthropometry.POSITION_CORRECTION_CM
    if age_days >= anthropometry.HEIGHT_SWITCH_DAYS and measured_lying:
        return height_cm - anthropometry.POSITION_CORRECTION_CM
    return height_cm


def child_charts(person, history) -> list[Chart]:
    """Weight-for-age, length/height-for-age and weight-for-length/height for a child."""
    if person.birth_date is None:
        return []
    measurements = [row.measurement for row in reversed(history) if row.measurement]
    measurements = [m for m in measurements if m.age_days < anthropometry.AGE_LIMIT_DAYS]
    age_now = (
        ages.age_months(person.birth_date, measurements[-1].measured_on)
        if measurements
        else (person.age_months or 0)
    )
    span = 24 if age_now < 24 else 60
    month = ages.DAYS_PER_MONTH
    weights = [
        (m.age_days / month, float(m.weight_kg), f"{m.measured_on:%d-%m-%Y}: {m.weight_kg} kg")
        for m in measurements
        if m.weight_kg is not None
    ]
    heights = [
        (
            m.age_days / month,
            corrected_height(float(m.height_cm), m.age_days, m.measured_lying),
            f"{m.measured_on:%d-%m-%Y}: {m.height_cm} cm ({m.position_label})",
        )
        for m in measurements
        if m.height_cm is not None
    ]
    young = span == 24
    wfh_indicator = "wfl" if young else "wfh"
    wfh_points = []
    for m in measurements:
        if m.weight_kg is None or m.height_cm is None:
            continue
        if (m.age_days < anthropometry.HEIGHT_SWITCH_DAYS) != young:
            continue
        cm = corrected_height(float(m.height_cm), m.age_days, m.measured_lying)
        wfh_points.append(
            (cm, float(m.weight_kg), f"{m.measured_on:%d-%m-%Y}: {m.weight_kg} kg, {cm:g} cm")
        )
    by_age = partial(
        _build, sex=person.sex, x_label=_("Umur (bulan)"), x_range=(0, span), x_scale=month
    )
    return [
        by_age(
            title=_("Berat badan menurut umur (BB/U)"),
            y_label=_("Berat (kg)"),
            indicator="wfa",
            points=weights,
        ),
        by_age(
            title=_("Panjang/tinggi badan menurut umur (PB/U, TB/U)"),
            y_label=_("Panjang/tinggi (cm)"),
            indicator="hfa",
            points=heights,
        ),
        _build(
            title=_("Berat badan menurut panjang badan (BB/PB)")
            if young
            else _("Berat badan menurut tinggi badan (BB/TB)"),
            x_label=_("Panjang badan (cm)") if young else _("Tinggi badan (cm)"),
            y_label=_("Berat (kg)"),
            indicator=wfh_indicator,
            sex=person.sex,
            x_range=anthropometry.WFL_RANGE_CM if young else anthropometry.WFH_RANGE_CM,
            x_scale=1,
            points=wfh_points,
        ),
    ]
