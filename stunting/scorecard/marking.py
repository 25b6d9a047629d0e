"""One target's marks for a quarter: Y (received), T (not received) or TS (tidak sesuai: not
applicable), each with the rule in words and the months that decided it.

Pure Python over the monthly facts that `compute` reads (no database access here), so that the
rules of shared/DESIGN.md §2 can be read, and tested, in one place. Months without a record are
months without the service; ages and stages are those of the last record of the quarter (taken
at its visit date).
"""

from __future__ import annotations

import contextlib
import datetime
import functools
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext

from kelurahan.dates import Quarter, month_start

from .rules import RuleSet

Y, T, TS = "Y", "T", "TS"


_LANGUAGE: ContextVar[tuple | None] = ContextVar("scorecard_language", default=None)


@contextlib.contextmanager
def language_read_once():
    """Within it, the reasons are written in the language active when it began, read once
    instead of for every reason (Django's lookup of the active language, some 30 times a target,
    was a fifth of the marking time)."""
    token = _LANGUAGE.set((get_language(),))
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def _language() -> str | None:
    pinned = _LANGUAGE.get()
    return pinned[0] if pinned is not None else get_language()


def _(message: str) -> str:
    """gettext, looked up once per message and language: every target's reasons use the same
    few dozen messages."""
    return _translated(message, _language())


@functools.lru_cache(maxsize=1024)
def _translated(message: str, language: str | None) -> str:
    return gettext(message)


MOTHER_STAGES = ("t1", "t2", "t3", "bersalin")
HIGH_RISK = ("kek", "risti")  # Pregnancy.Status codes, compared as codes


@dataclass
class Mark:
    value: str
    reason: str = ""
    months: list[datetime.date] = field(default_factory=list)

    @property
    def applies(self) -> bool:
        return self.value != TS


def _yes_no(flag: bool, what: str, month: datetime.date) -> Mark:
    return Mark(
        Y if flag else T,
        _("%(what)s: %(answer)s pada catatan terakhir (%(month)s)")
        % {"what": what, "answer": _("ya") if flag else _("tidak"), "month": _month(month)},
        [month],
    )


def _month(month: datetime.date) -> str:
    return _month_in(month, _language())


@functools.lru_cache(maxsize=1024)
def _month_in(month: datetime.date, language: str | None) -> str:
    """A month's name in a language: formatted once (the reasons name the same few months
    for every target)."""
    return date_format(month, "F Y")


def _count(found: int, needed: int, text: str, months: list[datetime.date]) -> Mark:
    """Y when `found` reaches `needed`; `text` says what was counted (with %(found)d and
    %(needed)d)."""
    return Mark(
        Y if found >= needed else T, text % {"found": found, "needed": needed}, list(months)
    )


def _not_applicable(reason: str) -> Mark:
    return Mark(TS, reason)


# --- Ibu hamil (3A) -------------------------------------------------------------------------


def mother_stage(*, last_stage: str, delivered_on: datetime.date | None, quarter: Quarter) -> str:
    """t1, t2, t3 from the last 2A record of the quarter, or bersalin when the pregnancy ended
    by the quarter's end."""
    if delivered_on and delivered_on <= quarter.end:
        return "bersalin"
    if last_stage in ("t1", "t2", "t3"):
        return last_stage
    return "t1"


def mother_marks(
    rules: RuleSet,
    *,
    quarter: Quarter,
    stage: str,
    records: list,
    all_records: list,
    delivered_on: datetime.date | None,
) -> list[Mark]:
    """The 8 marks of a pregnancy. `records` are its 2A records in the quarter (month order),
    `all_records` every 2A record of the pregnancy (for nifas visits since delivery)."""
    last = records[-1]
    months = [record.month for record in records]
    marks: list[Mark] = []
    if stage == "bersalin":
        after_birth = _("ibu sudah bersalin")
        marks += [_not_applicable(after_birth), _not_applicable(after_birth)]
        since = month_start(delivered_on)
        nifas_records = [record for record in all_records if record.month >= since]
        marks.append(
            _count(
                sum(record.postnatal_visits for record in nifas_records),
                rules.postnatal_visits,
                _("pemeriksaan nifas %(found)d kali sejak bersalin, perlu %(needed)d"),
                [record.month for record in nifas_records],
            )
        )
        marks += [_not_applicable(after_birth), _not_applicable(after_birth)]
    else:
        marks.append(
            _count(
                sum(record.anc_visits for record in records),
                rules.anc_visits[stage],
                _("periksa kehamilan %(found)d kali dalam triwulan, perlu %(needed)d"),
                months,
            )
        )
        marks.append(
            _count(
                sum(record.iron_tablets for record in records),
                rules.iron_tablets,
                _("tablet tambah darah %(found)d butir dalam triwulan, perlu %(needed)d"),
                months,
            )
        )
        marks.append(_not_applicable(_("belum bersalin")))
        marks.append(
            _count(
                sum(record.nutrition_counseling for record in records),
                rules.counseling_sessions[stage],
                _("konseling gizi/kelas ibu hamil %(found)d kali dalam triwulan, perlu %(needed)d"),
                months,
            )
        )
        if last.status in HIGH_RISK:
            marks.append(
                _count(
                    sum(record.home_visits for record in records),
                    rules.risk_home_visits,
                    _("ibu KEK/risiko tinggi: kunjungan rumah %(found)d kali, perlu %(needed)d"),
                    months,
                )
            )
        else:
            marks.append(_not_applicable(_("bukan ibu KEK/risiko tinggi")))
    marks.append(_yes_no(last.safe_water, _("akses air minum aman"), last.month))
    marks.append(_yes_no(last.proper_latrine, _("jamban layak"), last.month))
    marks.append(_yes_no(last.health_insurance, _("jaminan kesehatan"), last.month))
    return marks


# --- Anak 0-23 bulan (3B) -------------------------------------------------------------------


def _window_mark(window, *, quarter: Quarter, months_with: set[datetime.date], text: str) -> Mark:
    months = quarter.window(window.quarters)
    found = [month for month in months if month in months_with]
    return Mark(
        Y if len(found) >= window.months else T,
        text % {"found": len(found), "of": len(months), "needed": window.months},
        found,
    )


def _length_mark(rules: RuleSet, *, quarter: Quarter, age: int, measured: set) -> Mark:
    exempt_up_to, schedule = rules.length_schedule[quarter.number]
    if age <= exempt_up_to:
        return _not_applicable(
            _("umur %(age)d bulan: belum perlu diukur pada K%(q)d")
            % {"age": age, "q": quarter.number}
        )
    for highest, month_numbers in schedule:
        if age <= highest:
            needed = [datetime.date(quarter.year, number, 1) for number in month_numbers]
            missing = [month for month in needed if month not in measured]
            names = ", ".join(_month(month) for month in needed)
            if missing:
                return Mark(
                    T,
                    _("perlu diukur pada %(months)s; belum diukur pada %(missing)s")
                    % {"months": names, "missing": ", ".join(_month(m) for m in missing)},
                    [month for month in needed if month in measured],
                )
            return Mark(Y, _("diukur pada %(months)s") % {"months": names}, needed)
    return _not_applicable(_("di luar jadwal pengukuran"))


def child_marks(
    rules: RuleSet,
    *,
    quarter: Quarter,
    band: str,
    last,
    records: list,
    window_records: list,
    weighed: set[datetime.date],
    measured: set[datetime.date],
    needs_home_visits: bool,
    status_reason: str,
) -> list[Mark]:
    """The 10 marks of a child. `last` is the last 2B record of the quarter, `records` the
    quarter's 2B records, `window_records` the 2B records of the longest look-back window,
    `weighed` / `measured` the months with a weight / a length, `needs_home_visits` whether
    the latest measurement up to the quarter's end shows gizi buruk/kurang or stunting."""
    age = last.age_months
    young = band == "0-5"
    too_young = _("umur %(age)d bulan (di bawah 6 bulan)") % {"age": age}
    marks: list[Mark] = []

    def windowed(windows: dict, months_with: set, text: str) -> Mark:
        """TS under 6 months, else found in enough months of the band's window."""
        if young:
            return _not_applicable(too_young)
        return _window_mark(windows[band], quarter=quarter, months_with=months_with, text=text)

    # 1 imunisasi dasar lengkap
    if young:
        marks.append(_not_applicable(too_young))
    elif age < rules.measles_from_months:
        marks.append(
            Mark(
                Y if last.basic_immunization_complete else T,
                _("umur %(age)d bulan: imunisasi dasar (selain campak) %(state)s")
                % {
                    "age": age,
                    "state": _("lengkap")
                    if last.basic_immunization_complete
                    else _("belum lengkap"),
                },
                [last.month],
            )
        )
    else:
        complete = last.basic_immunization_complete and last.measles_immunized
        marks.append(
            Mark(
                Y if complete else T,
                _("umur %(age)d bulan: imunisasi dasar dan campak %(state)s")
                % {"age": age, "state": _("lengkap") if complete else _("belum lengkap")},
                [last.month],
            )
        )
    # 2 ditimbang
    marks.append(
        windowed(
            rules.weighing, weighed, _("ditimbang %(found)d dari %(of)d bulan, perlu %(needed)d")
        )
    )
    # 3 diukur panjang/tinggi
    marks.append(_length_mark(rules, quarter=quarter, age=age, measured=measured))
    # 4 konseling gizi
    counseled = {record.month for record in window_records if record.counseling}
    marks.append(
        windowed(
            rules.counseling,
            counseled,
            _("konseling gizi %(found)d dari %(of)d bulan, perlu %(needed)d"),
        )
    )
    # 5 kunjungan rumah, only for the malnourished and stunted
    if needs_home_visits:
        marks.append(
            _count(
                sum(record.home_visits for record in records),
                rules.child_home_visits,
                status_reason + "; " + _("kunjungan rumah %(found)d kali, perlu %(needed)d"),
                [record.month for record in records],
            )
        )
    else:
        marks.append(_not_applicable(status_reason))
    # 6-9 household and documents, as recorded last
    marks.append(_yes_no(last.safe_water, _("akses air minum aman"), last.month))
    marks.append(_yes_no(last.proper_latrine, _("jamban layak"), last.month))
    marks.append(_yes_no(last.birth_certificate, _("akta lahir"), last.month))
    marks.append(_yes_no(last.health_insurance, _("jaminan kesehatan"), last.month))
    # 10 kelas pengasuhan
    parenting = {record.month for record in window_records if record.parenting_class}
    marks.append(
        windowed(
            rules.parenting,
            parenting,
            _("kelas pengasuhan %(found)d dari %(of)d bulan, perlu %(needed)d"),
        )
    )
    return marks


# --- Anak 2-6 tahun (PAUD) ------------------------------------------------------------------


def paud_active(records: list, quarter: Quarter) -> tuple[bool, bool, str]:
    """(registered, aktif, reason) of a child's 2C records in the quarter: aktif when the child
    took part in every month of the quarter in which they were registered. The registered
    months run from the first record that says "terdaftar" to the child's last record of the
    quarter (a month in between without a record is a month without taking part), leaving out
    months whose record says the child was not registered."""
    by_month = {record.month: record for record in records}
    registered_months = sorted(month for month, record in by_month.items() if record.registered)
    if not registered_months:
        return False, False, _("tidak terdaftar di PAUD")
    last_record = max(by_month)
    span = [m for m in quarter.months if registered_months[0] <= m <= last_record]
    due = [m for m in span if m not in by_month or by_month[m].registered]
    took_part = [m for m in due if m in by_month and by_month[m].participated]
    active = len(took_part) == len(due)
    return (
        True,
        active,
        _("ikut kegiatan %(found)d dari %(of)d bulan terdaftar")
        % {"found": len(took_part), "of": len(due)},
    )
