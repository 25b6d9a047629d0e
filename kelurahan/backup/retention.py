"""Which archives to keep: the newest of each of the last N days, N weeks and N months."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from .archive import NAME_FORMAT, NAME_PREFIX

ARCHIVE_NAME = re.compile(re.escape(NAME_PREFIX) + r"(\d{8}-\d{6})(?:-\d+)?\.tar$")


def archives_in(directory: Path) -> list[tuple[datetime.datetime, Path]]:
    """Our archives in `directory`, newest first (dated by their name, in local time)."""
    found = []
    for path in directory.glob(f"{NAME_PREFIX}*.tar") if directory.is_dir() else []:
        match = ARCHIVE_NAME.fullmatch(path.name)
        if match:
            found.append((datetime.datetime.strptime(match[1], NAME_FORMAT), path))
    return sorted(found, key=lambda item: (item[0], item[1].name), reverse=True)


def to_keep(
    archives: list[tuple[datetime.datetime, Path]], *, daily: int, weekly: int, monthly: int
) -> set[Path]:
    """The newest archive always stays; then the newest per day, ISO week and month."""
    keep = {archives[0][1]} if archives else set()
    rules = (
        (daily, lambda d: d.date()),
        (weekly, lambda d: d.isocalendar()[:2]),
        (monthly, lambda d: (d.year, d.month)),
    )
    for limit, period_of in rules:
        periods: set = set()
        for when, path in archives:  # newest first: the first seen in a period is its newest
            period = period_of(when)
            if period in periods:
                continue
            if len(periods) >= limit:
                break
            periods.add(period)
            keep.add(path)
    return keep


def prune(directory: Path, *, daily: int, weekly: int, monthly: int) -> list[Path]:
    """Delete the archives no rule keeps; return them."""
    archives = archives_in(directory)
    keep = to_keep(archives, daily=daily, weekly=weekly, monthly=monthly)
    removed = [path for _when, path in archives if path not in keep]
    for path in removed:
        path.unlink()
    return removed
