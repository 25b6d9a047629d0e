"""The monthly spending of the yearly financing report as a server-rendered SVG bar chart (no
JavaScript: it prints, goes into the PDF and works offline, like the scorecard's trend chart).

`month_chart(months)` lays the twelve months out for `templates/kpm/_anggaran_chart.html`,
which also gives the values as a table. A month whose reversals outweigh its spending is a bar
below the zero line.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 74, 12, 14, 30
STEPS = (1, 2, 2.5, 5)
MAX_TICKS = 5


@dataclass(frozen=True)
class Bar:
    month: datetime.date
    value: int
    x: float
    y: float
    width: float
    height: float

    @property
    def label_x(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass
class BarChart:
    title: str
    bars: list[Bar]
    y_ticks: list[dict]
    zero_y: float
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM

    @property
    def empty(self) -> bool:
        return all(bar.value == 0 for bar in self.bars)


def compact_rupiah(value: int) -> str:
    """An axis label: "2,5 jt", "500 rb", "1 M" (Rupiah; the exact figures are in the table)."""
    for size, unit in ((10**9, _("M")), (10**6, _("jt")), (10**3, _("rb"))):
        if abs(value) >= size:
            amount = Decimal(value) / size
            places = 0 if amount == amount.to_integral_value() else 1
            return f"{number_format(amount, places)} {unit}"
    return number_format(value)


def _step(span: int) -> int:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving at most MAX_TICKS ticks."""
    power = 1
    while True:
        for step in STEPS:
            size = int(step * power)
            if size and span / size <= MAX_TICKS:
                return size
        power *= 10


def month_chart(months, *, title: str) -> BarChart:
    """A bar per month of `months` (objects with `month` and `spent`), on round ticks."""
    values = [row.spent for row in months]
    high, low = max([0, *values]), min([0, *values])
    step = _step(max(1, high - low))
    top = -(-high // step) * step  # rounded up to a tick
    bottom = (low // step) * step
    plot_w, plot_bottom = WIDTH - RIGHT - LEFT, HEIGHT - BOTTOM
    plot_h = plot_bottom - TOP
    span = max(1, top - bottom)

    def sy(value: int) -> float:
        return round(plot_bottom - (value - bottom) / span * plot_h, 1)

    slot = plot_w / max(1, len(values))
    zero = sy(0)
    bars = []
    for index, row in enumerate(months):
        y = sy(row.spent)
        bars.append(
            Bar(
                month=row.month,
                value=row.spent,
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=min(y, zero),
                width=round(slot * 0.7, 1),
                height=round(abs(zero - y), 1),
            )
        )
    ticks = range(bottom, top + 1, step)
    return BarChart(
        title=title,
        bars=bars,
        y_ticks=[{"y": sy(value), "label": compact_rupiah(value)} for value in ticks],
        zero_y=zero,
    )
