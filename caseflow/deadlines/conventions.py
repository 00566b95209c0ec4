"""What each counting convention does once the period has been counted.

The conventions agree on how to count days, months and working days (:mod:`.counting`); they differ in
what happens at the end: Chinese periods move off rest days and holidays but never for custody
(刑诉法 105) and never for hours; FRCP 6(a) moves off weekends and legal holidays, hour periods to the same
time of day; FRCP 6(d) adds three days after the 6(a) result and moves again.
"""

from __future__ import annotations

import datetime as dt

from caseflow.deadlines.counting import ONE_DAY, Trail, describe, roll
from caseflow.deadlines.periods import Convention, Period
from caseflow.deadlines.steps import iso

ONE_HOUR = dt.timedelta(hours=1)
MAIL_DAYS = 3  # FRCP 6(d)


def finish(trail: Trail, nominal_end: dt.date, *, custody: bool) -> dt.date:
    """The due date for a period in days, months, years or working days that ends on ``nominal_end``."""
    if custody:
        trail.add("custody", **describe(trail.day(nominal_end)))
        return nominal_end
    if trail.convention is Convention.CN_WORKDAYS:
        return nominal_end  # the last day counted is a working day by construction
    due = roll(trail, nominal_end)
    if trail.convention is Convention.US_FRCP_MAIL:
        plus_three = due + MAIL_DAYS * ONE_DAY
        trail.add("mail_plus_three", **{"from": iso(due)}, to=iso(plus_three))
        due = roll(trail, plus_three)
    return due


def count_hours(
    trail: Trail, trigger: dt.datetime, period: Period, *, custody: bool
) -> tuple[dt.datetime, dt.datetime]:
    """``(nominal end, due)`` of an hour period.

    China (民诉法 85, 刑诉法 105): the hour the trigger falls in is not counted, so counting starts at the
    next full hour (10:23 and 10:00 both start at 11:00), and the end does not move for rest days — an
    interpretation the step says is one. US (FRCP 6(a)(2)): counting starts at once, every hour counts, and
    an end on a weekend or legal holiday runs to the same time on the next business day.
    """
    if trail.convention.jurisdiction == "US":
        end = trigger + trail.sign * period.amount * ONE_HOUR
        trail.add("hours_start", trigger=iso(trigger), start=iso(trigger))
        trail.add("hour_n", n=str(period.amount), at=iso(end))
        return end, dt.datetime.combine(roll(trail, end.date(), at=end.time()), end.time())
    start = trigger.replace(minute=0, second=0, microsecond=0) + ONE_HOUR
    end = start + period.amount * ONE_HOUR
    trail.add("hours_start", trigger=iso(trigger), start=iso(start))
    trail.add("hour_n", n=str(period.amount), at=iso(end))
    trail.add("custody" if custody else "hours_no_roll", **describe(trail.day(end.date())))
    return end, end
