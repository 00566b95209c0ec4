"""The stored calendars as the deadline engine sees them, and working-day numbers for the warnings app.

:func:`calendar_for` gives an object implementing :class:`caseflow.deadlines.calendar.Calendar`. It reads
a whole year of rows the first time it is asked about a day of that year (one query per year, not per
day; a computation rarely spans more than two years) and keeps it. A day beyond the stored years is a
provisional weekend-rule day, exactly what the seeding command would store for a year without a notice,
so storing such a year later changes no result. A court's closures are laid over the calendar through
:class:`~caseflow.deadlines.calendar.OverlayCalendar`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from caseflow.calendars.days import weekdays_between, weekend_rule_kind
from caseflow.deadlines.calendar import Calendar as EngineCalendar
from caseflow.deadlines.calendar import DayInfo, DayKind, OverlayCalendar
from caseflow.models import Calendar, CalendarDay, Court, CourtClosure

PARAMS_PER_QUERY = 900  # stay under SQLite's 999 bound parameters


class StoredCalendar:
    """A stored calendar, read a year at a time."""

    def __init__(self, calendar: Calendar) -> None:
        self.code = calendar.code
        self.calendar_id = calendar.pk
        self._years: dict[int, dict[dt.date, DayInfo]] = {}

    def day(self, date: dt.date) -> DayInfo:
        year = self._years.get(date.year)
        if year is None:
            year = self._years[date.year] = self._load_year(date.year)
        info = year.get(date)
        if info is None:
            return DayInfo(date, DayKind(weekend_rule_kind(date)), official=False)
        return info

    @property
    def loaded_years(self) -> tuple[int, ...]:
        return tuple(sorted(self._years))

    def _load_year(self, year: int) -> dict[dt.date, DayInfo]:
        rows = CalendarDay.objects.filter(
            calendar_id=self.calendar_id, date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31)
        ).values_list("date", "kind", "name_zh", "name_en", "official")
        return {
            date: DayInfo(date, DayKind(kind), name_zh, name_en, official=official)
            for date, kind, name_zh, name_en, official in rows
        }


def calendar_for(calendar: Calendar | str, court: Court | None = None) -> EngineCalendar:
    """The engine calendar for ``calendar`` (a row or its code), with ``court``'s closures on top."""
    if isinstance(calendar, str):
        calendar = Calendar.objects.get(code=calendar)
    base = StoredCalendar(calendar)
    if court is None:
        return base
    closures = {
        closure.date: DayInfo(
            closure.date,
            DayKind.CLOSURE,
            closure.name,
            closure.name,
            forward_only=closure.kind == CourtClosure.Kind.STATE_HOLIDAY,
        )
        for closure in CourtClosure.objects.filter(court=court)
    }
    return OverlayCalendar(base, closures)


def workday_seq(calendar: Calendar | int, date: dt.date) -> int:
    """How many working days ``calendar`` has up to and including ``date`` (see ``CalendarDay``)."""
    return workday_seqs(calendar, [date])[date]


def workday_seqs(calendar: Calendar | int, dates: Iterable[dt.date]) -> dict[dt.date, int]:
    """``workday_seq`` for many dates in a few queries.

    Dates outside the stored range continue the sequence by the weekend rule, matching the provisional
    days :class:`StoredCalendar` assumes there.
    """
    calendar_id = calendar if isinstance(calendar, int) else calendar.pk
    wanted = sorted(set(dates))
    result: dict[dt.date, int] = {}
    for start in range(0, len(wanted), PARAMS_PER_QUERY):
        chunk = wanted[start : start + PARAMS_PER_QUERY]
        result.update(
            CalendarDay.objects.filter(calendar_id=calendar_id, date__in=chunk).values_list(
                "date", "workday_seq"
            )
        )
    missing = [date for date in wanted if date not in result]
    if missing:
        days = CalendarDay.objects.filter(calendar_id=calendar_id)
        first = days.order_by("date").values_list("date", "workday_seq", "is_working").first()
        last = days.order_by("-date").values_list("date", "workday_seq").first()
        for date in missing:
            if last is not None and date > last[0]:
                result[date] = last[1] + weekdays_between(last[0], date)
            elif first is not None and date < first[0]:
                # (date, first] holds weekdays_between(...) working days, the first stored day included.
                before_first = first[1] - (1 if first[2] else 0)
                result[date] = before_first - weekdays_between(date, first[0] - dt.timedelta(days=1))
            elif first is None:
                result[date] = weekdays_between(dt.date(1, 1, 1), date)
            else:  # a gap between stored days (seeding never leaves one): continue from the day before
                previous = (
                    days.filter(date__lt=date).order_by("-date").values_list("date", "workday_seq").first()
                )
                result[date] = previous[1] + weekdays_between(previous[0], date)
    return result
