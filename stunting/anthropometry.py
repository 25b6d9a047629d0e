"""WHO Child Growth Standards (2006) z-scores for children under five.

Pure Python (standard library only, no Django) so it can be used and tested anywhere.
The method follows WHO's own software (WHO Anthro, R package ``anthro``):

* Age in whole days, rounded half up; z-scores only for ages below 60 months
  (``age_days < 60 * 30.4375``), i.e. day 0 to day 1826 of the tables.
* Length (lying) is the reference below 731 days, height (standing) from 731 days.
  A child under 731 days measured standing gets +0.7 cm, one of 731 days or more
  measured lying gets -0.7 cm; the corrected value is used for every indicator.
* Weight-for-length (45-110 cm) below 731 days, weight-for-height (65-120 cm) from
  731 days; L, M and S are interpolated linearly between the 0.1 cm rows.
* z = ((X/M)^L - 1) / (L*S). For weight-for-age, weight-for-length/height and
  BMI-for-age WHO's restricted z is used beyond +/-3 (distance measured in units
  of the SD between the 2 SD and 3 SD curves); length/height-for-age never is.
* With oedema, no weight-based z-score (wfa, wfh and bfa are None).
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "who_data"

INDICATORS = ("wfa", "hfa", "wfh", "bfa")
SEX_CODES = {"L": 1, "P": 2}  # laki-laki = boy (table sex 1), perempuan = girl (2)
HEIGHT_SWITCH_DAYS = 731  # below: length (lying); from here: height (standing)
POSITION_CORRECTION_CM = 0.7
AGE_LIMIT_DAYS = 60 * 30.4375  # z-scores for age in months < 60 only
WFL_RANGE_CM = (45.0, 110.0)
WFH_RANGE_CM = (65.0, 120.0)

# table name -> (file, rows per unit of the index column: 1 per day, 10 per cm)
_FILES = {
    "wfa": ("weianthro.txt", 1),
    "hfa": ("lenanthro.txt", 1),
    "bfa": ("bmianthro.txt", 1),
    "wfl": ("wflanthro.txt", 10),
    "wfh": ("wfhanthro.txt", 10),
}

Row = tuple[float, float, float]  # (L, M, S)
# sex code -> (index of the first row in rows-per-unit steps, rows)
Table = dict[int, tuple[int, tuple[Row, ...]]]


def _load(filename: str, per_unit: int) -> Table:
    rows: dict[int, dict[int, Row]] = {1: {}, 2: {}}
    text = (DATA_DIR / filename).read_text(encoding="ascii")
    for line in text.splitlines()[1:]:
        if not line.strip():
            continue
        sex, x, l_, m, s = line.split("\t")[:5]
        rows[int(sex)][round(float(x) * per_unit)] = (float(l_), float(m), float(s))
    table: Table = {}
    for sex, by_key in rows.items():
        first = min(by_key)
        if sorted(by_key) != list(range(first, first + len(by_key))):
            raise RuntimeError(f"{filename}: rows for sex {sex} are not contiguous")
        table[sex] = (first, tuple(by_key[k] for k in sorted(by_key)))
    return table


@cache
def _tables() -> dict[str, Table]:
    """All five WHO tables, read once per process."""
    return {name: _load(filename, per_unit) for name, (filename, per_unit) in _FILES.items()}


def _sex_code(sex: str) -> int:
    try:
        return SEX_CODES[sex]
    except (KeyError, TypeError):
        raise ValueError(f"sex must be 'L' or 'P', not {sex!r}") from None


def _at_sd(l_: float, m: float, s: float, z: float) -> float:
    """The measurement lying on the curve at ``z`` SD: M(1 + L*S*z)^(1/L)."""
    if l_ == 0:
        return m * math.exp(s * z)
    return m * (1 + l_ * s * z) ** (1 / l_)


def _z(x: float, row: Row, restricted: bool) -> float:
    l_, m, s = row
    z = math.log(x / m) / s if l_ == 0 else ((x / m) ** l_ - 1) / (l_ * s)
    if restricted and z > 3:
        sd3 = _at_sd(l_, m, s, 3)
        z = 3 + (x - sd3) / (sd3 - _at_sd(l_, m, s, 2))
    elif restricted and z < -3:
        sd3 = _at_sd(l_, m, s, -3)
        z = -3 + (x - sd3) / (_at_sd(l_, m, s, -2) - sd3)
    return z


def _row_by_cm(name: str, sex: int, cm: float) -> Row | None:
    """L, M, S at ``cm`` in the wfl/wfh table, interpolated between 0.1 cm rows."""
    low, high = WFL_RANGE_CM if name == "wfl" else WFH_RANGE_CM
    if not low <= cm <= high:
        return None
    first, rows = _tables()[name][sex]
    pos = cm * 10 - first
    i = math.floor(pos + 1e-9)  # the floor row, robust to float noise (80.7 * 10)
    frac = pos - i
    if frac <= 1e-9:
        return rows[i]
    (l0, m0, s0), (l1, m1, s1) = rows[i], rows[i + 1]
    return (l0 + frac * (l1 - l0), m0 + frac * (m1 - m0), s0 + frac * (s1 - s0))


def zscores(
    *,
    sex: str,
    age_days: int | float,
    weight_kg: float | None,
    height_cm: float | None,
    measured_lying: bool | None,
    oedema: bool = False,
) -> dict[str, float | None]:
    """WHO z-scores: weight-for-age, length/height-for-age, weight-for-length/height, BMI-for-age.

    ``sex`` is "L" (boy) or "P" (girl); ``age_days`` is rounded half up to whole days.
    ``measured_lying`` says how length/height was measured (True: lying, False:
    standing, None: unknown, taken as the position the age calls for, as WHO Anthro does).
    Returns ``{"wfa", "hfa", "wfh", "bfa"}`` -> unrounded float, or None where WHO gives
    no value (missing or non-positive measurement, age of 60 months or more, oedema for
    the weight-based indicators, length/height outside the wfl/wfh table range).
    Raises ValueError for an invalid sex or a negative (or NaN) age.
    """
    code = _sex_code(sex)
    if not age_days >= 0:
        raise ValueError(f"age_days must be >= 0, not {age_days!r}")
    result: dict[str, float | None] = dict.fromkeys(INDICATORS)
    if age_days >= AGE_LIMIT_DAYS:
        return result
    age = math.floor(age_days + 0.5)
    tables = _tables()
    weight = weight_kg if weight_kg is not None and weight_kg > 0 else None
    height = None
    if height_cm is not None and height_cm > 0:
        height = float(height_cm)
        if age < HEIGHT_SWITCH_DAYS and measured_lying is False:
            height = round(height + POSITION_CORRECTION_CM, 9)
        elif age >= HEIGHT_SWITCH_DAYS and measured_lying:
            height = round(height - POSITION_CORRECTION_CM, 9)

    if height is not None:
        result["hfa"] = _z(height, tables["hfa"][code][1][age], restricted=False)
    if weight is None or oedema:
        return result
    result["wfa"] = _z(weight, tables["wfa"][code][1][age], restricted=True)
    if height is not None:
        row = _row_by_cm("wfl" if age < HEIGHT_SWITCH_DAYS else "wfh", code, height)
        if row is not None:
            result["wfh"] = _z(weight, row, restricted=True)
        bmi = weight / (height / 100) ** 2
        result["bfa"] = _z(bmi, tables["bfa"][code][1][age], restricted=True)
    return result


_BAND_LABELS = {
    "wfa": ("berat badan sangat kurang", "berat badan kurang", "normal")
    + ("risiko berat badan lebih",) * 3,
    "hfa": ("sangat pendek", "pendek", "normal", "normal", "normal", "tinggi"),
    "wfh": (
        "gizi buruk",
        "gizi kurang",
        "gizi baik",
        "berisiko gizi lebih",
        "gizi lebih",
        "obesitas",
    ),
}
_BAND_LABELS["bfa"] = _BAND_LABELS["wfh"]


def classify(indicator: str, z: float | None) -> str | None:
    """Category of Permenkes No. 2 Tahun 2020 (in Indonesian) for a z-score, None for None.

    ``indicator`` is "wfa" (BB/U), "hfa" (PB/U, TB/U), "wfh" (BB/PB, BB/TB) or "bfa" (IMT/U).
    Like WHO Anthro, the cut-offs apply to z rounded to 2 decimals (so what is shown as
    -2.00 is never "pendek"). With that z the bands are, exactly::

        z < -3         sangat pendek / berat badan sangat kurang / gizi buruk
        -3 <= z < -2   pendek / berat badan kurang / gizi kurang
        -2 <= z <= 1   normal / normal / gizi baik
        1 < z <= 2     normal / risiko berat badan lebih / berisiko gizi lebih
        2 < z <= 3     normal / risiko berat badan lebih / gizi lebih
        z > 3          tinggi / risiko berat badan lebih / obesitas
    """
    labels = _BAND_LABELS.get(indicator)
    if labels is None:
        raise ValueError(f"unknown indicator {indicator!r}")
    if z is None:
        return None
    z = round(z, 2)
    if z < -3:
        return labels[0]
    if z < -2:
        return labels[1]
    if z <= 1:
        return labels[2]
    if z <= 2:
        return labels[3]
    if z <= 3:
        return labels[4]
    return labels[5]


def is_implausible(indicator: str, z: float | None) -> bool:
    """WHO flag for a z-score to re-check ("periksa ulang"); False for None.

    hfa: |z| > 6; wfa: z < -6 or z > +5; wfh and bfa: |z| > 5, on z rounded to 2
    decimals as WHO Anthro does (so exactly -6, 5 or 6 is not flagged).
    """
    if indicator not in _BAND_LABELS:
        raise ValueError(f"unknown indicator {indicator!r}")
    if z is None:
        return False
    z = round(z, 2)
    if indicator == "hfa":
        return abs(z) > 6
    if indicator == "wfa":
        return z < -6 or z > 5
    return abs(z) > 5


def reference_curve(indicator: str, sex: str, z: float) -> list[tuple[float, float]]:
    """Points (x, value) of the WHO curve at ``z`` SD, one per table row.

    ``indicator``: "wfa", "hfa", "bfa" (x = age in days) or "wfl", "wfh" (x = length or
    height in cm); value = M(1 + L*S*z)^(1/L) in kg, cm or kg/m^2.
    """
    if indicator not in _FILES:
        raise ValueError(f"unknown indicator {indicator!r}")
    per_unit = _FILES[indicator][1]
    first, rows = _tables()[indicator][_sex_code(sex)]
    return [
        ((first + i) if per_unit == 1 else (first + i) / per_unit, _at_sd(*row, z))
        for i, row in enumerate(rows)
    ]
