"""Counting on a calendar while keeping the working notes.

Every question the engine asks the calendar goes through :meth:`Trail.day`, which remembers the answer:
the set of days whose kind a computation looked at decides whether the result is provisional and which
calendar changes must recompute it. Nothing here knows about rules or pauses; it counts days, months and
working days and moves an end day off a non-working day, writing one :class:`Step` per decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from caseflow.deadlines.calendar import Calendar, DayInfo, DayKind
from caseflow.deadlines.errors import DeadlineError
from caseflow.deadlines.periods import Convention, Direction, Period, Unit
from caseflow.deadlines.steps import Step, iso

# A calendar with a year of consecutive non-working days is broken; stop instead of walking forever.
MAX_NON_WORKING_RUN = 366

ONE_DAY = dt.timedelta(days=1)


@dataclass
class Trail:
    """The calendar as one computation sees it, plus the steps written so far."""

    calendar: Calendar
    convention: Convention
    direction: Direction
    steps: list[Step] = field(default_factory=list)
    examined: dict[dt.date, DayInfo] = field(default_factory=dict)

    @property
    def forward(self) -> bool:
        return self.direction is Direction.AFTER

    @property
    def sign(self) -> int:
        return 1 if self.forward else -1

    def day(self, date: dt.date) -> DayInfo:
        info = self.calendar.day(date)
        self.examined[date] = info
        return info

    def working(self, date: dt.date) -> bool:
        """Working (business) day in the sense that matters for this direction (FRCP 6(a)(6)(C))."""
        return self.day(date).is_working(forward=self.forward)

    def add(self, code: str, **params: str) -> None:
        """Record a step; every step carries the convention and direction, which choose its wording."""
        self.steps.append(
            Step(code, {**params, "convention": self.convention.value, "direction": self.direction.value})
        )


def describe(info: DayInfo) -> dict[str, str]:
    """The parameters a step needs to name a day and say what kind of day it is, in both languages."""
    return {
        "day": info.date.isoformat(),
        "kind": info.kind.value,
        "name_zh": info.name_zh,
        "name_en": info.name_en,
        "forward_only": "1" if info.forward_only else "0",
    }


def seek(is_working: Callable[[dt.date], bool], start: dt.date, sign: int) -> dt.date:
    """The first working day from ``start`` (inclusive) going forward (``sign`` 1) or backward (-1)."""
    day = start
    for _ in range(MAX_NON_WORKING_RUN):
        if is_working(day):
            return day
        day += sign * ONE_DAY
    raise _no_working_day(start)


def _no_working_day(start: dt.date) -> DeadlineError:
    return DeadlineError(f"the calendar has no working day in the {MAX_NON_WORKING_RUN} days from {start}")


# --- counting the period ---------------------------------------------------------------------------------


def count_days(trail: Trail, trigger: dt.date, amount: int) -> dt.date:
    end = trigger + trail.sign * amount * ONE_DAY
    trail.add("day_n", n=str(amount), day=iso(end))
    return end


def count_months(trail: Trail, trigger: dt.date, period: Period) -> dt.date:
    """Same day number N months (years) away, or the last day of that month if it is shorter.

    ``relativedelta`` clips to the month's last day exactly as 民法典 202 says. Criminal procedure adds one
    rule for month periods (刑诉法解释 202): a start on the last day of a month ends on the last day of the
    end month, so 2026-02-28 + 1 month is 2026-03-31, not 03-28. Year periods keep the civil rule.
    """
    months = period.amount * (12 if period.unit is Unit.YEARS else 1)
    end = trigger + relativedelta(months=trail.sign * months)
    how = "same_day" if end.day == trigger.day else "clipped"
    last_of_month = (trigger + ONE_DAY).day == 1
    if trail.convention is Convention.CN_CRIMINAL and period.unit is Unit.MONTHS and last_of_month:
        end = end + relativedelta(day=31)
        how = "last_day"
    trail.add("months", period=str(period), trigger=iso(trigger), end=iso(end), how=how)
    return end


def count_working_days(trail: Trail, trigger: dt.date, amount: int) -> dt.date:
    """The ``amount``-th working day after (before) the trigger, make-up working days included.

    The notes summarise the walk: each make-up working day counted and each block of holidays or closures
    skipped, not every ordinary weekend.
    """
    counted = idle = 0
    run: list[DayInfo] = []
    day = trigger
    while True:
        day += trail.sign * ONE_DAY
        info = trail.day(day)
        if info.is_working(forward=trail.forward):
            _close_run(trail, run)
            counted, idle = counted + 1, 0
            if info.kind is DayKind.MAKEUP_WORKING:
                trail.add("wd_makeup", **describe(info), n=str(counted))
            if counted == amount:
                trail.add("wd_n", n=str(amount), day=iso(day))
                return day
            continue
        idle += 1
        if idle == MAX_NON_WORKING_RUN:
            raise _no_working_day(day - trail.sign * (idle - 1) * ONE_DAY)
        if info.kind is DayKind.REST or (run and _block_key(run[-1]) != _block_key(info)):
            _close_run(trail, run)
        if info.kind is not DayKind.REST:
            run.append(info)


def _block_key(info: DayInfo) -> tuple[str, str, str]:
    return (info.kind.value, info.name_en, info.name_zh)


def _close_run(trail: Trail, run: list[DayInfo]) -> None:
    """Write one step for a block of skipped holidays (or closures) and start a new block."""
    if run:
        first, last = sorted((run[0].date, run[-1].date))
        trail.add("wd_skipped", **describe(run[0]), first=iso(first), last=iso(last))
        run.clear()


def add_working_days(trail: Trail, end: dt.date, amount: int) -> dt.date:
    """``end`` moved later by ``amount`` working days (a suspension of a working-day period)."""
    day = end
    for _ in range(amount):
        day = seek(trail.working, day + ONE_DAY, 1)
    return day


def working_days_between(trail: Trail, first: dt.date, last: dt.date) -> int:
    return sum(trail.working(first + offset * ONE_DAY) for offset in range((last - first).days + 1))


# --- moving the end off a non-working day ----------------------------------------------------------------


def roll(trail: Trail, end: dt.date, *, at: dt.time | None = None) -> dt.date:
    """Move ``end`` to the next (previous, for backward periods) working day if it is not one.

    ``at`` is the time of day of an hour period's end (FRCP 6(a)(2)(C)): the step then names the same
    time on the day the period moves to.
    """
    info = trail.day(end)
    if info.is_working(forward=trail.forward):
        if info.kind is DayKind.MAKEUP_WORKING:
            trail.add("end_makeup", **describe(info))
        elif info.kind is DayKind.WORKING:
            trail.add("end_working", day=iso(end))
        else:
            trail.add("forward_only_ignored", **describe(info))
        return end
    target = seek(trail.working, end + trail.sign * ONE_DAY, trail.sign)
    if at is None:
        trail.add("roll", **describe(info), to=iso(target))
    else:
        trail.add("roll_hours", **describe(info), to=iso(dt.datetime.combine(target, at)))
    return target
