"""The rules every writer of calendar days shares: the weekend rule, which notice governs a day, and when a
day counts as official.

A notice for year Y (国务院办公厅关于Y年部分节假日安排的通知) can reach back into the last weeks of Y-1:
the 2006 notice made 2005-12-31 a make-up working day, the 2018 notice started the New Year holiday on
2017-12-30, the 2019 notice made 2018-12-29 a working day. So the last ``tail_days`` days of Y-1 belong to
Y's notice: they are written when Y's notice is loaded, and they stay unofficial until it is. The official
flag follows the engine's own definition (:class:`caseflow.deadlines.calendar.MappingCalendar`), so the
stored calendar and an in-memory one always agree on what "provisional" means.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from caseflow.models import DayKind

WEEKEND = (5, 6)  # Saturday, Sunday (date.weekday())
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class DaySpec:
    """What one stored day should hold (``kind`` is a :class:`caseflow.models.DayKind` value)."""

    date: dt.date
    kind: str
    official: bool
    name_zh: str = ""
    name_en: str = ""
    source: str = ""

    @property
    def is_working(self) -> bool:
        return is_working_kind(self.kind)


def is_working_kind(kind: str) -> bool:
    return kind in (DayKind.WORKING, DayKind.MAKEUP_WORKING)


def weekend_rule_kind(date: dt.date) -> str:
    """The kind a day has when no notice says otherwise: Saturday and Sunday rest, other days work."""
    return DayKind.REST if date.weekday() in WEEKEND else DayKind.WORKING


def tail_start(year: int, tail_days: int) -> dt.date:
    """First day of ``year`` that the next year's notice governs (1 January of next year if none)."""
    return dt.date(year, 12, 31) - dt.timedelta(days=tail_days - 1) if tail_days else dt.date(year + 1, 1, 1)


def span_year(date: dt.date, tail_days: int) -> int:
    """The year whose notice governs ``date``."""
    return date.year + 1 if date >= tail_start(date.year, tail_days) else date.year


def notice_span(year: int, tail_days: int) -> tuple[dt.date, dt.date]:
    """The days a notice for ``year`` governs: the tail of the year before, then ``year`` up to its own
    tail."""
    return tail_start(year - 1, tail_days), tail_start(year, tail_days) - ONE_DAY


def is_official(date: dt.date, official_years: set[int] | frozenset[int], tail_days: int) -> bool:
    """Official if the day's year has official data and, for the tail, so does the next year."""
    if date.year not in official_years:
        return False
    return span_year(date, tail_days) == date.year or date.year + 1 in official_years


def date_range(first: dt.date, last: dt.date):
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


def weekdays_between(first: dt.date, last: dt.date) -> int:
    """How many Monday–Friday days lie in (``first``, ``last``] (negative if ``last`` is earlier)."""
    if last < first:
        return -weekdays_between(last, first)
    days = (last - first).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    weekday = first.weekday()
    for _ in range(rest):
        weekday = (weekday + 1) % 7
        if weekday not in WEEKEND:
            count += 1
    return count
