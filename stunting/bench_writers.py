"""Concurrent savers for `manage.py bench_writers`: each writer is a staff member saving whole
posyandu days over HTTP, as a browser would (open the page, change some weights, send the whole
form back), month after month. `check_saves` then looks for every accepted save in the database.
"""

from __future__ import annotations

import datetime
import http.client
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.urls import reverse

from kelurahan.dates import add_months, month_start
from kelurahan.models import Lembaga, User

from . import ages, queries
from .models import Measurement

MONTHS = 12  # the saves go to the last 12 full months, in turn
ROWS_PER_SAVE = 5
TIMEOUT = 120  # seconds; SQLite writers wait up to SQLITE_BUSY_TIMEOUT for the lock
FORM_ID = "posyandu-form"


class DayPage(HTMLParser):
    """The posyandu day form as a browser would send it, and each row's age in months."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: list[list[str]] = []
        self.ages: dict[int, int] = {}
        self._in_form = False
        self._select: list[str] | None = None
        self._row: int | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_form = a.get("id") == FORM_ID
        if tag == "tr":
            self._row = int(a["data-row"]) if a.get("data-row", "").isdigit() else None
        if tag == "option" and self._select is not None:
            self._option(a)
        if not self._in_form or not a.get("name") or "disabled" in a:
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append([a["name"], a.get("value") or ("on" if "checked" in a else "")])
        elif tag == "select":
            self._select = [a["name"], None]
            self.fields.append(self._select)

    def _option(self, a: dict) -> None:
        """The selected option's value, else the first option's."""
        if "selected" in a or self._select[1] is None:
            self._select[1] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        match = re.search(r"(\d+) bln", data)
        if self._row is not None and match and self._row not in self.ages:
            self.ages[self._row] = int(match.group(1))


@dataclass
class Writer:
    number: int
    posyandu_id: int
    session: str
    statuses: Counter = field(default_factory=Counter)
    expected: dict[tuple[int, datetime.date], Decimal] = field(default_factory=dict)
    save_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rows_sent: int = 0

    def run(self, port: int, *, until: float, today: datetime.date) -> None:
        cookies = {"sessionid": self.session}
        n = 0
        while time.monotonic() < until:
            month = add_months(month_start(today), -1 - (self.number + n) % MONTHS)
            path = reverse(
                "stunting:posyandu_day", args=[self.posyandu_id, month.year, month.month]
            )
            try:
                self._save(port, path, month, cookies, n)
            except (OSError, http.client.HTTPException) as error:
                self.statuses["connection error"] += 1
                self.errors.append(f"{path}: {error!r}")
            n += 1

    def _save(self, port, path, month, cookies, n) -> None:
        status, body = request(port, "GET", path, cookies)
        self.statuses[f"GET {status}"] += 1
        if status != 200:
            return
        page = DayPage()
        page.feed(body.decode())
        fields = dict(page.fields)
        rows = [row for row, age in sorted(page.ages.items()) if age <= ages.MEASUREMENT_MONTHS[1]]
        if not rows:
            self.statuses["nothing to save"] += 1
            return
        start = n * ROWS_PER_SAVE % len(rows)
        new_values, saves = {}, {}
        for row in (rows * 2)[start : start + min(ROWS_PER_SAVE, len(rows))]:
            weight = plausible_weight(page.ages[row], self.number * 37 + n * 7 + row)
            new_values[f"form-{row}-weight_kg"] = str(weight)
            saves[int(fields[f"form-{row}-person"])] = weight
        data = [(name, new_values.get(name, value)) for name, value in page.fields]
        started = time.perf_counter()
        status, body = request(port, "POST", path, cookies, data=urlencode(data))
        body = body.decode(errors="replace")
        self.save_ms.append((time.perf_counter() - started) * 1000)
        self.statuses[f"POST {status}"] += 1
        if status == 302:  # saved: back to the day's page with "n anak disimpan"
            for person, weight in saves.items():
                self.expected[(person, month)] = weight
            self.rows_sent += len(saves)
        elif status < 500:
            self.errors.append(f"{path}: refused ({status}) {form_errors(body)[:300]}")


def form_errors(html: str) -> str:
    """The row and field errors of a refused posyandu day, as text."""
    blocks = re.findall(r'row-errors.*?</tr>|class="invalid-feedback".*?</div>', html, re.S)
    return " ".join(" ".join(re.sub(r"<[^>]+>", " ", b).split()) for b in blocks)


def request(port: int, method: str, path: str, cookies: dict, data: str = "") -> tuple[int, bytes]:
    """One request on a new connection (gunicorn's sync workers close it after each answer),
    marked as HTTPS as the production proxy does; keeps the cookies the server sets."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    headers = {
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        "X-Forwarded-Proto": "https",
    }
    if method == "POST":
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = f"https://127.0.0.1:{port}"  # the CSRF check of HTTPS requests
    try:
        connection.request(method, path, body=data or None, headers=headers)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, value = header.split(";", 1)[0].partition("=")
        cookies[name.strip()] = value
    return response.status, body


def writer_targets(count: int, today: datetime.date) -> list[tuple[Lembaga, User]]:
    """`count` posyandu with children, each with a petugas of its kelurahan: one posyandu per
    kelurahan first, then a second one of each, and so on."""
    month = add_months(month_start(today), -1)
    petugas = {}
    for user in User.objects.filter(
        role=User.Role.PETUGAS, is_active=True, kelurahan__isnull=False
    ).order_by("pk"):
        petugas.setdefault(user.kelurahan_id, user)
    posyandu = {k: [] for k in petugas}
    for lembaga in Lembaga.objects.filter(
        kind=Lembaga.Kind.POSYANDU, is_active=True, kelurahan_id__in=list(petugas)
    ).order_by("pk"):
        posyandu[lembaga.kelurahan_id].append(lembaga)
    targets = []
    for turn in range(max((len(p) for p in posyandu.values()), default=0)):
        for kelurahan_id, candidates in posyandu.items():
            if len(targets) == count:
                return targets
            if turn < len(candidates) and queries.posyandu_children(candidates[turn], month):
                targets.append((candidates[turn], petugas[kelurahan_id]))
    return targets


def check_saves(expected: dict[tuple[int, datetime.date], Decimal]) -> list[str]:
    """Every accepted save whose weight is not in the database (the last one of each child and
    month counts: a later save of the same writer replaces it)."""
    people = {person for person, _month in expected}
    months = {month for _person, month in expected}
    stored = {
        (person, month): weight
        for person, month, weight in Measurement.objects.filter(
            person_id__in=people, month__in=months
        ).values_list("person_id", "month", "weight_kg")
    }
    return [
        f"child {person}, {month:%Y-%m}: saved {weight} kg, stored {stored.get((person, month))}"
        for (person, month), weight in sorted(expected.items())
        if stored.get((person, month)) != weight
    ]


def plausible_weight(age_months: int, seed: int) -> Decimal:
    """A weight near WHO's median for the age (about 3.3 kg at birth, 9.6 kg at 12 months,
    18 kg at 59), varied by up to 0.3 kg: a value the forms accept without asking to re-check."""
    median = 3.3 + 0.525 * age_months if age_months < 12 else 9.6 + 0.18 * (age_months - 12)
    return Decimal(round(median * 10) + seed % 7 - 3) / 10
