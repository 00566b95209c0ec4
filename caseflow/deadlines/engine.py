"""The deadline engine: a trigger, a period, a convention and a calendar in; a due date with its reasons out.

Pure functions over plain values. The engine never reads the clock or a database: Django adapts its
calendars to :class:`~caseflow.deadlines.calendar.Calendar` and stores what comes back (the due date, the
steps as JSON, the range of days examined). Bad input raises :class:`DeadlineError` with one line a user
can act on; a result that depends on unofficial calendar data is returned, marked provisional, with a step
that says which days and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from caseflow.deadlines.calendar import Calendar
from caseflow.deadlines.conventions import count_hours, finish
from caseflow.deadlines.counting import (
    ONE_DAY,
    Trail,
    count_days,
    count_months,
    count_working_days,
    seek,
)
from caseflow.deadlines.errors import DeadlineError
from caseflow.deadlines.pauses import Pause, apply_pauses, in_date_order
from caseflow.deadlines.periods import (
    MAX_AMOUNT,
    Convention,
    Direction,
    Period,
    PeriodError,
    Unit,
    parse_convention,
    parse_direction,
)
from caseflow.deadlines.steps import Step, iso

__all__ = [
    "Deadline",
    "DeadlineError",
    "Pause",
    "RuleRef",
    "Step",
    "compute_deadline",
    "internal_target",
    "last_working_day_before",
]

MIN_YEAR, MAX_YEAR = 1900, 2200

_UNITS = {
    Convention.CN_CIVIL: (Unit.DAYS, Unit.MONTHS, Unit.YEARS, Unit.HOURS),
    Convention.CN_CRIMINAL: (Unit.DAYS, Unit.MONTHS, Unit.YEARS, Unit.HOURS),
    Convention.CN_WORKDAYS: (Unit.WORKING_DAYS,),
    Convention.US_FRCP: (Unit.DAYS, Unit.MONTHS, Unit.YEARS, Unit.HOURS),
    Convention.US_FRCP_MAIL: (Unit.DAYS,),
}


@dataclass(frozen=True)
class RuleRef:
    """What the engine needs to cite a rule: its id, names and citations in both languages."""

    id: str
    name_zh: str
    name_en: str
    citation_zh: str
    citation_en: str
    fixed_period: bool = False  # 不变期间: cannot be suspended or interrupted (民诉法解释 127)

    def citation(self, lang: str = "en") -> str:
        if lang.lower().startswith("zh"):
            return self.citation_zh or self.citation_en
        return self.citation_en or self.citation_zh


@dataclass(frozen=True)
class Deadline:
    """A computed deadline with everything needed to store, show and later recheck it."""

    due: dt.date | dt.datetime
    nominal_end: dt.date | dt.datetime
    provisional: bool
    steps: tuple[Step, ...]
    rule: RuleRef | None
    period: Period
    convention: Convention
    direction: Direction
    custody: bool
    calendar_code: str
    # The days whose kind the computation looked at lie in [first_examined, last_examined] (the end day is
    # always one of them): a calendar change outside that range cannot change this deadline.
    first_examined: dt.date
    last_examined: dt.date
    unofficial_days: tuple[dt.date, ...]  # examined days without official data: why it is provisional

    @property
    def hour_precision(self) -> bool:
        return isinstance(self.due, dt.datetime)

    def due_iso(self) -> str:
        return iso(self.due)

    def citation(self, lang: str = "en") -> str:
        return self.rule.citation(lang) if self.rule else ""

    def explain(self, lang: str = "en") -> list[str]:
        return [step.text(lang) for step in self.steps]

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        return {
            "due": self.due_iso(),
            "provisional": self.provisional,
            "steps": self.explain(lang),
            "rule": self.rule.id if self.rule else None,
            "citation": self.citation(lang) if self.rule else None,
            "nominal_end": iso(self.nominal_end),
            "period": str(self.period),
            "convention": self.convention.value,
            "direction": self.direction.value,
            "custody": self.custody,
            "calendar": self.calendar_code,
        }


def compute_deadline(
    trigger: dt.date | dt.datetime,
    period: Period,
    *,
    convention: Convention,
    calendar: Calendar,
    direction: Direction = Direction.AFTER,
    custody: bool = False,
    rule: RuleRef | None = None,
    pauses: Sequence[Pause] = (),
) -> Deadline:
    """Compute the due date of ``period`` counted from ``trigger`` under ``convention`` on ``calendar``.

    ``trigger`` is a date, or a naive local date-time for hour periods. ``pauses`` are approved pauses
    that have ended. See the module :mod:`caseflow.deadlines.conventions` for what each convention does.
    """
    try:
        convention, direction = parse_convention(convention), parse_direction(direction)
    except PeriodError as exc:
        raise DeadlineError(str(exc)) from None
    _check_inputs(trigger, period, convention, direction, custody)
    ordered = _check_pauses(pauses, period, direction, rule)
    trail = Trail(calendar, convention, direction)
    _announce(trail, period, rule)
    nominal: dt.date | dt.datetime
    due: dt.date | dt.datetime
    if isinstance(trigger, dt.datetime):
        nominal, due = count_hours(trail, trigger, period, custody=custody)
    else:
        start = iso(trigger + trail.sign * ONE_DAY)
        trail.add(
            "wd_start" if period.unit is Unit.WORKING_DAYS else "start_not_counted",
            trigger=iso(trigger),
            start=start,
        )
        nominal = _count(trail, trigger, period)
        if ordered:
            nominal = apply_pauses(
                trail,
                ordered,
                trigger=trigger,
                end=nominal,
                recount=lambda restart: _count(trail, restart, period),
                working_days=period.unit is Unit.WORKING_DAYS,
            )
        due = finish(trail, nominal, custody=custody)
    for result in (nominal, due):
        if not MIN_YEAR <= result.year <= MAX_YEAR:
            raise DeadlineError(
                f"the period ends on {iso(result)}, outside the supported years {MIN_YEAR}–{MAX_YEAR}"
            )
    unofficial = tuple(sorted(day for day, info in trail.examined.items() if not info.official))
    _note_provisional(trail, unofficial)
    trail.add("due", due=iso(due), provisional="1" if unofficial else "0")
    return Deadline(
        due=due,
        nominal_end=nominal,
        provisional=bool(unofficial),
        steps=tuple(trail.steps),
        rule=rule,
        period=period,
        convention=convention,
        direction=direction,
        custody=custody,
        calendar_code=calendar.code,
        first_examined=min(trail.examined),
        last_examined=max(trail.examined),
        unofficial_days=unofficial,
    )


def last_working_day_before(calendar: Calendar, day: dt.date) -> dt.date:
    """The last working day strictly before ``day``.

    Warnings use it because a deadline right after a holiday block (2026-10-08, after National Day) has
    its last chance to act before the block (2026-09-30), not the day before the deadline.
    """
    return seek(lambda d: calendar.day(d).is_working(), day - ONE_DAY, -1)


def internal_target(due: dt.date, lead: Period, calendar: Calendar) -> dt.date:
    """The office's own target ``lead`` before ``due``; always a working day.

    ``3d``: three calendar days before the due date, moved back to a working day if it is not one, so the
    target never falls on a day nobody is in the office. ``3wd``: the third working day before the due date.
    """
    if isinstance(due, dt.datetime):
        raise DeadlineError(
            f"an internal target counts back from a due date, not a date and time (found {due})"
        )

    def working(day: dt.date) -> bool:
        return calendar.day(day).is_working()

    if lead.unit is Unit.DAYS:
        return seek(working, due - lead.amount * ONE_DAY, -1)
    if lead.unit is Unit.WORKING_DAYS:
        day = due
        for _ in range(lead.amount):
            day = seek(working, day - ONE_DAY, -1)
        return day
    raise DeadlineError(f"an internal lead is given in days (d) or working days (wd), not {lead}")


# --- validation ------------------------------------------------------------------------------------------


def _check_inputs(
    trigger: dt.date, period: Period, convention: Convention, direction: Direction, custody: bool
) -> None:
    if not 1 <= period.amount <= MAX_AMOUNT[period.unit]:
        raise DeadlineError(
            f"period {period} must be between 1 and {MAX_AMOUNT[period.unit]} {period.unit.label}"
        )
    if period.unit is Unit.HOURS:
        if not isinstance(trigger, dt.datetime):
            raise DeadlineError(f"a {period} period counts from a date and time, not from {trigger!r}")
        if trigger.tzinfo is not None:
            raise DeadlineError(
                f"hour periods count from a naive local date and time (found {trigger.isoformat()})"
            )
    elif isinstance(trigger, dt.datetime) or not isinstance(trigger, dt.date):
        raise DeadlineError(f"a {period} period counts from a date (found {trigger!r}; pass the date only)")
    if not MIN_YEAR <= trigger.year <= MAX_YEAR:
        raise DeadlineError(f"trigger {iso(trigger)} is outside the supported years {MIN_YEAR}–{MAX_YEAR}")
    if period.unit not in _UNITS[convention]:
        raise DeadlineError(_wrong_unit(period, convention))
    if custody and convention is not Convention.CN_CRIMINAL:
        raise DeadlineError(f"custody periods exist only under cn_criminal (found {convention})")
    if direction is Direction.BEFORE:
        if period.unit is Unit.HOURS and convention.jurisdiction == "CN":
            raise DeadlineError(f"hour periods under {convention} can only be counted after the trigger")
        if convention is Convention.US_FRCP_MAIL:
            raise DeadlineError("FRCP 6(d) adds 3 days only to periods counted after service; use us_frcp")


def _wrong_unit(period: Period, convention: Convention) -> str:
    if convention is Convention.CN_WORKDAYS:
        return f"cn_workdays counts working days only: give the period in wd (found {period})"
    if convention is Convention.US_FRCP_MAIL:
        return f"us_frcp_mail (FRCP 6(d)) applies to periods in days only (found {period}); use us_frcp"
    if convention is Convention.US_FRCP:
        return f"FRCP 6(a) counts every day: give the period in d, m, y or h (found {period})"
    return f"working-day periods ({period}) are not valid under {convention}: use the cn_workdays convention"


def _check_pauses(
    pauses: Sequence[Pause], period: Period, direction: Direction, rule: RuleRef | None
) -> list[Pause]:
    if not pauses:
        return []
    if rule is not None and rule.fixed_period:
        raise DeadlineError(f"{rule.id} is a fixed period (不变期间) and cannot be suspended or interrupted")
    if period.unit is Unit.HOURS:
        raise DeadlineError("hour periods cannot be paused")
    if direction is Direction.BEFORE:
        raise DeadlineError("only periods counted after the trigger can be paused")
    return in_date_order(pauses)


# --- counting and notes ----------------------------------------------------------------------------------


def _announce(trail: Trail, period: Period, rule: RuleRef | None) -> None:
    if rule is None:
        trail.add("period", period=str(period))
        return
    trail.add(
        "rule",
        period=str(period),
        name_zh=rule.name_zh,
        name_en=rule.name_en,
        citation_zh=rule.citation_zh,
        citation_en=rule.citation_en,
    )


def _count(trail: Trail, trigger: dt.date, period: Period) -> dt.date:
    if period.unit is Unit.DAYS:
        return count_days(trail, trigger, period.amount)
    if period.unit is Unit.WORKING_DAYS:
        return count_working_days(trail, trigger, period.amount)
    return count_months(trail, trigger, period)


def _note_provisional(trail: Trail, unofficial: tuple[dt.date, ...]) -> None:
    """One step per year of unofficial days examined.

    Days at the end of an official year are unofficial only because next year's notice is not out yet
    (it can turn a late-December weekend day into a working day, as in 2005 and 2018); the step says so.
    Telling the two apart asks the calendar whether 1 January of that year is official, which only chooses
    the wording and is not an examined day.
    """
    for year, days_of_year in groupby(unofficial, key=lambda day: day.year):
        days = list(days_of_year)
        tail = all(day.month == 12 for day in days) and trail.calendar.day(dt.date(year, 1, 1)).official
        trail.add(
            "provisional", year=str(year), first=iso(days[0]), last=iso(days[-1]), tail="1" if tail else "0"
        )
