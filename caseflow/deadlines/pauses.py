"""Approved pauses of a running period: suspension (中止), interruption (中断) and excluded time (扣除期间).

A suspension or an excluded period stops the clock: the end moves later by the length of the pause
(counted in working days for a working-day period). An interruption throws away the time already run: the
period starts again from the day the interruption ended, which is not counted. Pauses are applied in date
order, each to the period as the earlier ones left it, and only once they have ended, so the result never
depends on how long an open pause might last.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from caseflow.deadlines.counting import ONE_DAY, Trail, add_working_days, working_days_between
from caseflow.deadlines.errors import DeadlineError
from caseflow.deadlines.steps import iso

SUSPENSION, INTERRUPTION, EXCLUDED = "suspension", "interruption", "excluded"
PAUSE_KINDS = (SUSPENSION, INTERRUPTION, EXCLUDED)


@dataclass(frozen=True)
class Pause:
    """An approved pause that has ended: ``start`` and ``end`` are its first and last day (inclusive)."""

    kind: str
    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.kind not in PAUSE_KINDS:
            raise DeadlineError(f"unknown pause kind {self.kind!r} (expected {', '.join(PAUSE_KINDS)})")
        for value in (self.start, self.end):
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise DeadlineError(f"a pause starts and ends on dates (found {value!r})")
        if self.end < self.start:
            raise DeadlineError(f"pause ends on {self.end} before it starts on {self.start}")

    def __str__(self) -> str:
        return f"{self.kind} {self.start} to {self.end}"


def in_date_order(pauses: Sequence[Pause]) -> list[Pause]:
    """The pauses sorted by start; overlapping pauses are refused (one stretch of time is paused once)."""
    ordered = sorted(pauses, key=lambda pause: pause.start)
    for earlier, later in pairwise(ordered):
        if later.start <= earlier.end:
            raise DeadlineError(f"pauses overlap: {earlier} and {later}")
    return ordered


def apply_pauses(
    trail: Trail,
    pauses: Sequence[Pause],
    *,
    trigger: dt.date,
    end: dt.date,
    recount: Callable[[dt.date], dt.date],
    working_days: bool,
) -> dt.date:
    """The nominal end after ``pauses`` (already in date order); ``recount`` restarts the period."""
    for pause in pauses:
        if pause.start <= trigger:
            raise DeadlineError(
                f"{pause} starts before {trigger + ONE_DAY}, the first day of the period it pauses"
            )
        if pause.start > end:
            raise DeadlineError(f"{pause} starts after the period has ended on {end}")
        unit = "wd" if working_days else "d"
        span = {"first": iso(pause.start), "last": iso(pause.end)}
        if pause.kind == INTERRUPTION:
            trail.add("interruption", **span, start=iso(pause.end + ONE_DAY), unit=unit)
            trigger, end = pause.end, recount(pause.end)
            continue
        if working_days:
            length = working_days_between(trail, pause.start, pause.end)
            new_end = add_working_days(trail, end, length)
        else:
            length = (pause.end - pause.start).days + 1
            new_end = end + length * ONE_DAY
        trail.add(
            "pause",
            kind=pause.kind,
            **span,
            length=str(length),
            unit=unit,
            old_end=iso(end),
            new_end=iso(new_end),
        )
        end = new_end
    return end
