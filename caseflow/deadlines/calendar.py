"""What the deadline engine needs to know about days, and a simple in-memory calendar.

The engine asks one question per day, :meth:`Calendar.day`, and never touches a database: Django adapts
its stored calendars to this protocol (:mod:`caseflow.calendars`), tests build :class:`MappingCalendar`
objects directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol


class DayKind(StrEnum):
    WORKING = "working"
    REST = "rest"  # an ordinary weekend day
    HOLIDAY = "holiday"  # a statutory holiday, or a rest day inside an official holiday block
    MAKEUP_WORKING = "makeup_working"  # 调休上班: a weekend day made a working day by the official notice
    CLOSURE = "closure"  # a court's own non-business day (FRCP 6(a)(3); a local court closure)


@dataclass(frozen=True)
class DayInfo:
    """One day as a calendar sees it.

    ``official`` is False when the day belongs to a year (or a year-end tail) without official data:
    the engine then marks its result provisional. ``forward_only`` marks days that are non-business days
    only for periods counted forward (US state holidays, FRCP 6(a)(6)(C)).
    """

    date: dt.date
    kind: DayKind
    name_zh: str = ""
    name_en: str = ""
    official: bool = True
    forward_only: bool = False

    def is_working(self, *, forward: bool = True) -> bool:
        if self.kind in (DayKind.WORKING, DayKind.MAKEUP_WORKING):
            return True
        return self.forward_only and not forward

    def name(self, lang: str = "en") -> str:
        if lang.startswith("zh"):
            return self.name_zh or self.name_en
        return self.name_en or self.name_zh


class Calendar(Protocol):
    code: str

    def day(self, date: dt.date) -> DayInfo: ...


WEEKEND = (5, 6)  # Saturday, Sunday (date.weekday())


@dataclass
class MappingCalendar:
    """A calendar from explicit day entries.

    Dates present in ``days`` are answered from it. Other dates are ordinary days (weekends rest), and are
    official only if their year is in ``official_years`` and they are not in the last
    ``provisional_tail_days`` days of a year whose next year is not official.
    """

    code: str
    days: Mapping[dt.date, DayInfo] = field(default_factory=dict)
    official_years: frozenset[int] = frozenset()
    provisional_tail_days: int = 0

    def day(self, date: dt.date) -> DayInfo:
        info = self.days.get(date)
        official = self._is_official(date)
        if info is not None:
            if info.official and not official:
                return DayInfo(
                    info.date,
                    info.kind,
                    info.name_zh,
                    info.name_en,
                    official=False,
                    forward_only=info.forward_only,
                )
            return info
        kind = DayKind.REST if date.weekday() in WEEKEND else DayKind.WORKING
        return DayInfo(date, kind, official=official)

    def _is_official(self, date: dt.date) -> bool:
        if date.year not in self.official_years:
            return False
        if self.provisional_tail_days and date.year + 1 not in self.official_years:
            tail_start = dt.date(date.year, 12, 31) - dt.timedelta(days=self.provisional_tail_days - 1)
            if date >= tail_start:
                return False
        return True

    @classmethod
    def from_entries(
        cls,
        code: str,
        entries: Iterable[DayInfo],
        *,
        official_years: Iterable[int],
        provisional_tail_days: int = 0,
    ) -> MappingCalendar:
        return cls(
            code=code,
            days={e.date: e for e in entries},
            official_years=frozenset(official_years),
            provisional_tail_days=provisional_tail_days,
        )


@dataclass
class OverlayCalendar:
    """A base calendar with a court's own closures on top (FRCP 6(a)(3), local closures, state holidays)."""

    base: Calendar
    closures: Mapping[dt.date, DayInfo]
    code: str = ""

    def __post_init__(self) -> None:
        if not self.code:
            self.code = self.base.code

    def day(self, date: dt.date) -> DayInfo:
        closure = self.closures.get(date)
        base = self.base.day(date)
        if closure is None or not base.is_working(forward=True):
            return base
        return DayInfo(
            date,
            DayKind.CLOSURE,
            closure.name_zh,
            closure.name_en,
            official=base.official,
            forward_only=closure.forward_only,
        )
