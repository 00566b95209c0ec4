"""Holiday notice files: the State Council's yearly 部分节假日安排 as an admin types it in (YAML).

Each November the 国务院办公厅 publishes next year's schedule, weeks or months before any package has
it (reference statutory-rules.md §0 item 5, §4.2). This module reads such a file and checks it strictly,
with no database access: every problem is reported as ``file:line: message``, all at once, and a notice
with any problem is refused whole. The format is documented in ``data/README.md``.

A notice for year Y governs the days from the last ``provisional_tail_days`` days of Y-1 up to the day
before its own tail (:func:`caseflow.calendars.days.notice_span`): the 2018 notice started the New Year
holiday on 2017-12-30 and the 2019 notice made 2018-12-29 a working day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from caseflow.calendars.datafiles import Checker, DataFileError, LineMap, load_yaml
from caseflow.calendars.days import WEEKEND, notice_span

TOP_KEYS = {"calendar", "year", "source", "url", "holidays", "makeup_workdays"}
HOLIDAY_KEYS = {"name_zh", "name_en", "from", "to"}
MAKEUP_KEYS = {"date", "for"}


@dataclass(frozen=True)
class CalendarFacts:
    """What validation needs to know about a stored calendar."""

    code: str
    tail_days: int
    first_year: int
    last_year: int


@dataclass(frozen=True)
class NoticeHoliday:
    name_zh: str
    name_en: str
    first: dt.date
    last: dt.date
    line: int

    def covers(self, date: dt.date) -> bool:
        return self.first <= date <= self.last


@dataclass(frozen=True)
class NoticeMakeup:
    date: dt.date
    holiday: NoticeHoliday
    line: int


@dataclass(frozen=True)
class Notice:
    calendar: str
    year: int
    source: str
    url: str
    holidays: tuple[NoticeHoliday, ...]
    makeup_workdays: tuple[NoticeMakeup, ...]
    span: tuple[dt.date, dt.date]
    filename: str


def parse_notice(text: str, *, filename: str, calendars: Mapping[str, CalendarFacts]) -> Notice:
    """Read and validate a notice; raises :class:`DataFileError` listing every problem."""
    data = load_yaml(text, filename=filename)
    check = Checker(filename)
    top = check.mapping(data, 1, "a holiday notice")
    if top is None:
        raise DataFileError(check.errors)
    check.unknown_keys(top, TOP_KEYS, "a holiday notice")
    facts = _calendar(check, top, calendars)
    year = _year(check, top, facts)
    source = check.text(top, "source")
    url = _url(check, top)
    span = _span(year, facts)
    holidays = _holidays(check, top, year, span)
    makeups = _makeups(check, top, year, span, holidays)
    if check.errors or facts is None or year is None or span is None:
        raise DataFileError(check.errors)
    return Notice(facts.code, year, source, url, tuple(holidays), tuple(makeups), span, filename)


def _calendar(check: Checker, top: LineMap, calendars: Mapping[str, CalendarFacts]) -> CalendarFacts | None:
    code = check.text(top, "calendar", max_length=16)
    if not code:
        return None
    facts = calendars.get(code)
    if facts is None:
        known = ", ".join(sorted(calendars)) or "none loaded"
        check.error(top.line_of("calendar"), f"unknown calendar {code!r} (known: {known})")
    return facts


def _year(check: Checker, top: LineMap, facts: CalendarFacts | None) -> int | None:
    value = top.get("year")
    line = top.line_of("year")
    if value is None:
        check.error(top.line, "'year' is required (e.g. 2027)")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        check.error(line, f"'year' must be a whole number such as 2027 (found {value!r})")
        return None
    if facts is not None and not facts.first_year <= value <= facts.last_year:
        check.error(
            line,
            f"{facts.code} has no days stored for {value} (stored: {facts.first_year}–{facts.last_year}); "
            "run `manage.py load_calendars` first",
        )
        return None
    return value


def _url(check: Checker, top: LineMap) -> str:
    url = check.text(top, "url", required=False)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            check.error(top.line_of("url"), f"'url' must be an http(s) address (found {url!r})")
    return url


def _span(year: int | None, facts: CalendarFacts | None) -> tuple[dt.date, dt.date] | None:
    if year is None or facts is None:
        return None
    first, last = notice_span(year, facts.tail_days)
    if year == facts.first_year:  # the year before is not stored
        first = dt.date(year, 1, 1)
    return first, last


def _outside(span: tuple[dt.date, dt.date], year: int) -> str:
    return f"outside the days a {year} notice governs ({span[0]} – {span[1]})"


def _holidays(check: Checker, top: LineMap, year: int | None, span) -> list[NoticeHoliday]:
    result: list[NoticeHoliday] = []
    for item, line in check.items(top, "holidays", required=True):
        check.unknown_keys(item, HOLIDAY_KEYS, "a holiday")
        name_zh = check.text(item, "name_zh", max_length=100)
        name_en = check.text(item, "name_en", max_length=100)
        first = check.date(item, "from")
        last = check.date(item, "to", required=False) or first
        if first is None or last is None:
            continue
        if last < first:
            check.error(item.line_of("to"), f"'to' ({last}) is before 'from' ({first})")
            continue
        if span is not None and not (span[0] <= first and last <= span[1]):
            check.error(line, f"holiday {name_zh or name_en} {first} – {last} is {_outside(span, year)}")
        result.append(NoticeHoliday(name_zh, name_en, first, last, line))
    if top.get("holidays") == []:
        check.error(top.line_of("holidays"), "'holidays' lists no holiday")
    ordered = sorted(result, key=lambda h: (h.first, h.line))
    for before, after in pairwise(ordered):
        if after.first <= before.last:
            check.error(
                after.line,
                f"holiday {after.name_zh} {after.first} – {after.last} overlaps "
                f"{before.name_zh} {before.first} – {before.last} (line {before.line})",
            )
    return result


def _makeups(check: Checker, top: LineMap, year: int | None, span, holidays) -> list[NoticeMakeup]:
    by_name: dict[str, NoticeHoliday] = {}
    for holiday in holidays:
        by_name.setdefault(holiday.name_zh, holiday)
        by_name.setdefault(holiday.name_en, holiday)
    result: list[NoticeMakeup] = []
    seen: dict[dt.date, int] = {}
    for item, line in check.items(top, "makeup_workdays", required=False):
        check.unknown_keys(item, MAKEUP_KEYS, "a make-up working day")
        date = check.date(item, "date")
        name = check.text(item, "for", max_length=100)
        holiday = by_name.get(name) if name else None
        if name and holiday is None:
            names = ", ".join(h.name_zh for h in holidays) or "none"
            check.error(
                item.line_of("for"), f"'for' must name one of the notice's holidays ({names}); found {name!r}"
            )
        if date is None:
            continue
        if span is not None and not span[0] <= date <= span[1]:
            check.error(line, f"make-up working day {date} is {_outside(span, year)}")
        if date.weekday() not in WEEKEND:
            check.error(
                line, f"make-up working day {date} is a {date:%A}; make-up days are Saturdays or Sundays"
            )
        clash = next((h for h in holidays if h.covers(date)), None)
        if clash is not None:
            check.error(
                line, f"make-up working day {date} falls inside holiday {clash.name_zh} (line {clash.line})"
            )
        if date in seen:
            check.error(line, f"make-up working day {date} is already listed on line {seen[date]}")
        seen[date] = line
        if holiday is not None:
            result.append(NoticeMakeup(date, holiday, line))
    return result
