"""The tingkat konvergensi quarter by quarter, and its server-rendered SVG line chart (no
JavaScript; it prints and works offline, like the growth charts of `stunting.charts`).

`konvergensi_trend(kelurahan_ids, quarter)` gives the points of the last quarters up to
`quarter` (for one kelurahan, or a kecamatan's kelurahan pooled); `trend_chart(points)` lays
them out for `templates/stunting/scorecard/_trend.html`. The points are kept in the cache for
the state of the data (`cache.cached`), so a page reads them without marking eight quarters of
targets again. A quarter in which nothing applies is a gap in the line, never a 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from kelurahan.dates import Quarter

from . import labels
from .cache import cached
from .compute import QuarterResult, Ratio, load_quarters
from .rules import DEFAULT

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 52, 30, 16, 48
Y_TICKS = (0, 20, 40, 60, 80, 100)


@dataclass(frozen=True)
class TrendPoint:
    """One quarter: tingkat konvergensi of the ibu hamil, the anak 0-23 bulan and both pooled."""

    quarter: Quarter
    ibu: Ratio
    anak: Ratio
    total: Ratio


def trend_quarters(quarter: Quarter, count: int = 8) -> list[Quarter]:
    """The last `count` quarters up to and including `quarter`, oldest first."""
    return [quarter.shifted(-offset) for offset in range(count - 1, -1, -1)]


def konvergensi_trend(
    kelurahan_ids, quarter: Quarter, count: int = 8, *, stamp: str = ""
) -> list[TrendPoint]:
    """The `trend_quarters`, every kelurahan of `kelurahan_ids` pooled cell by cell: read
    together (`compute_quarters`, the same few queries as one quarter). Only the points are kept
    in the cache, not the quarters' targets (`stamp` as in `cache.cached`)."""
    quarters = trend_quarters(quarter, count)

    def points(ids, quarters, _rules) -> list[TrendPoint]:
        return konvergensi_points(load_quarters(ids, quarters, cache=False))

    return cached("trend", kelurahan_ids, quarters, DEFAULT, points, stamp=stamp)


def konvergensi_points(results: list[QuarterResult]) -> list[TrendPoint]:
    points = []
    for result in results:
        summary = result.summary()
        points.append(
            TrendPoint(
                quarter=result.quarter,
                ibu=summary.ibu.konvergensi,
                anak=summary.anak.konvergensi,
                total=summary.kelurahan_konvergensi,
            )
        )
    return points


@dataclass
class Series:
    key: str
    label: str
    colour: str
    dash: str  # SVG stroke-dasharray, "" for a solid line
    marker: str  # "circle" / "square" / "diamond": told apart without colour
    segments: list[str] = field(default_factory=list)  # polyline points, split at gaps
    dots: list[dict] = field(default_factory=list)

    def add_segment(self, points: list[str]) -> None:
        """A piece of line between gaps; a lone point is shown by its marker alone."""
        if len(points) > 1:
            self.segments.append(" ".join(points))


@dataclass
class TrendChart:
    title: str
    points: list[TrendPoint]
    series: list[Series]
    x_ticks: list[dict]
    y_ticks: list[dict]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM

    @property
    def empty(self) -> bool:
        return all(point.total.percent is None for point in self.points)


def _percent(ratio: Ratio) -> float | None:
    """The exact share for the line (the label beside it is the rounded one)."""
    return ratio.y * 100 / ratio.applicable if ratio.applicable else None


def trend_chart(points: list[TrendPoint], *, total_label=None, title=None) -> TrendChart:
    """The chart of `points`: three lines (ibu hamil, anak 0-23 bulan, and the pooled total,
    named `total_label`: "Kelurahan" by default, "Kecamatan" on the kecamatan page)."""
    plot_w = WIDTH - RIGHT - LEFT
    plot_bottom = HEIGHT - BOTTOM
    plot_h = plot_bottom - TOP
    step = plot_w / max(1, len(points) - 1)

    def sx(index: int) -> float:
        if len(points) == 1:
            return round(LEFT + plot_w / 2, 1)
        return round(LEFT + index * step, 1)

    def sy(value: float) -> float:
        return round(plot_bottom - value / 100 * plot_h, 1)

    series = [
        Series("ibu", str(labels.GROUPS["ibu"]), "#d63384", "6 4", "square"),
        Series("anak", str(labels.GROUPS["anak"]), "#fd7e14", "2 3", "diamond"),
        Series("total", str(total_label or _("Kelurahan")), "#0d6efd", "", "circle"),
    ]
    for line in series:
        current: list[str] = []
        for index, point in enumerate(points):
            ratio = getattr(point, line.key)
            value = _percent(ratio)
            if value is None:
                line.add_segment(current)
                current = []
                continue
            x, y = sx(index), sy(value)
            current.append(f"{x},{y}")
            line.dots.append(
                {
                    "x": x,
                    "y": y,
                    "quarter": point.quarter,
                    "ratio": ratio,
                    # A diamond is a square turned about its centre.
                    "corner_x": round(x - 3.5, 1),
                    "corner_y": round(y - 3.5, 1),
                }
            )
        line.add_segment(current)
    return TrendChart(
        title=str(title or _("Tren tingkat konvergensi")),
        points=points,
        series=series,
        x_ticks=[
            {"x": sx(index), "number": f"K{point.quarter.number}", "year": point.quarter.year}
            for index, point in enumerate(points)
        ],
        y_ticks=[{"y": sy(value), "value": value} for value in Y_TICKS],
    )
