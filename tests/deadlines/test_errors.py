"""Every way the engine refuses input, each with a one-line message that says what to do."""

from __future__ import annotations

import datetime as dt

import pytest

from caseflow.deadlines import (
    Convention,
    DayInfo,
    DayKind,
    DeadlineError,
    Direction,
    Period,
    Unit,
    compute_deadline,
)
from tests.deadlines.calendars import cn_calendar, us_calendar

CN, US = Convention.CN_CIVIL, Convention.US_FRCP
DAY = dt.date(2026, 3, 2)
MOMENT = dt.datetime(2026, 3, 2, 9, 30)


class ClosedForever:
    """A broken calendar: no day is ever a working day."""

    code = "CLOSED"

    def day(self, date: dt.date) -> DayInfo:
        return DayInfo(date, DayKind.HOLIDAY)


@pytest.mark.parametrize(
    ("trigger", "period", "options", "message"),
    [
        (DAY, Period(0, Unit.DAYS), {}, "period 0d must be between 1 and 3660 days"),
        (DAY, Period(3661, Unit.DAYS), {}, "period 3661d must be between 1 and 3660 days"),
        (DAY, "15d", {"convention": "cn_civl"}, "unknown counting convention 'cn_civl'"),
        (DAY, "15d", {"direction": "later"}, "unknown direction 'later'"),
        (DAY, "24h", {}, "a 24h period counts from a date and time"),
        (MOMENT.replace(tzinfo=dt.UTC), "24h", {}, "naive local date and time"),
        (MOMENT, "15d", {}, "a 15d period counts from a date .*pass the date only"),
        ("2026-03-02", "15d", {}, "a 15d period counts from a date"),
        (dt.date(1899, 12, 31), "15d", {}, "trigger 1899-12-31 is outside the supported years 1900–2200"),
        (dt.date(2201, 1, 1), "15d", {}, "trigger 2201-01-01 is outside"),
        (DAY, "20wd", {}, "not valid under cn_civil: use the cn_workdays convention"),
        (DAY, "20wd", {"convention": Convention.CN_CRIMINAL}, "not valid under cn_criminal"),
        (DAY, "20wd", {"convention": US}, "FRCP 6\\(a\\) counts every day"),
        (DAY, "15d", {"convention": Convention.CN_WORKDAYS}, "give the period in wd \\(found 15d\\)"),
        (
            DAY,
            "1m",
            {"convention": Convention.US_FRCP_MAIL},
            "applies to periods in days only \\(found 1m\\)",
        ),
        (DAY, "15d", {"custody": True}, "custody periods exist only under cn_criminal \\(found cn_civil\\)"),
        (MOMENT, "24h", {"direction": Direction.BEFORE}, "can only be counted after the trigger"),
        (
            DAY,
            "14d",
            {"convention": Convention.US_FRCP_MAIL, "direction": "before"},
            "FRCP 6\\(d\\) adds 3 days",
        ),
        (dt.date(2200, 12, 1), "2m", {}, "the period ends on 2201-02-01, outside the supported years"),
        (dt.date(1900, 1, 5), "30d", {"direction": "before"}, "ends on 1899-12-06"),
    ],
)
def test_it_refuses_input_it_cannot_compute(trigger, period, options, message):
    options = {"convention": CN, **options}
    calendar = us_calendar() if str(options["convention"]).startswith("us_") else cn_calendar()
    period = Period.parse(period) if isinstance(period, str) else period
    with pytest.raises(DeadlineError, match=message) as caught:
        compute_deadline(trigger, period, calendar=calendar, **options)
    assert "\n" not in str(caught.value)


def test_it_refuses_a_calendar_without_working_days():
    with pytest.raises(
        DeadlineError, match="the calendar has no working day in the 366 days from 2026-03-18"
    ):
        compute_deadline(DAY, Period.parse("15d"), convention=CN, calendar=ClosedForever())
    with pytest.raises(DeadlineError, match="no working day in the 366 days from 2026-03-03"):
        compute_deadline(
            DAY, Period.parse("5wd"), convention=Convention.CN_WORKDAYS, calendar=ClosedForever()
        )


def test_the_error_is_a_value_error():
    assert issubclass(DeadlineError, ValueError)
