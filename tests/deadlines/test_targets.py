"""The last working day before a deadline, and the office's internal target ahead of it."""

from __future__ import annotations

import datetime as dt

import pytest

from caseflow.deadlines import DeadlineError, Period, internal_target, last_working_day_before
from tests.deadlines.calendars import cn_calendar, us_calendar


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 10, 8), dt.date(2026, 9, 30)),  # after the National Day block
        (dt.date(2026, 10, 12), dt.date(2026, 10, 10)),  # the make-up Saturday
        (dt.date(2026, 3, 17), dt.date(2026, 3, 16)),  # strictly before
        (dt.date(2026, 3, 16), dt.date(2026, 3, 13)),
        (dt.date(2026, 2, 24), dt.date(2026, 2, 14)),  # Spring Festival, back to the make-up Saturday
    ],
)
def test_last_working_day_before(day, expected):
    assert last_working_day_before(cn_calendar(), day) == expected


def test_last_working_day_before_on_the_us_calendar():
    assert last_working_day_before(us_calendar(), dt.date(2026, 7, 6)) == dt.date(2026, 7, 2)


@pytest.mark.parametrize(
    ("due", "lead", "expected"),
    [
        (dt.date(2026, 10, 22), "3d", dt.date(2026, 10, 19)),  # a Monday: stays
        (dt.date(2026, 10, 21), "3d", dt.date(2026, 10, 16)),  # Sunday 10-18 -> Friday
        (dt.date(2026, 10, 8), "3d", dt.date(2026, 9, 30)),  # into the holiday block -> before it
        (dt.date(2026, 10, 8), "3wd", dt.date(2026, 9, 28)),  # 09-30, 09-29, 09-28
        (dt.date(2026, 10, 13), "2wd", dt.date(2026, 10, 10)),  # 10-12, then the make-up Saturday
        (dt.date(2026, 10, 13), "1wd", dt.date(2026, 10, 12)),
    ],
)
def test_internal_target(due, lead, expected):
    assert internal_target(due, Period.parse(lead), cn_calendar()) == expected


@pytest.mark.parametrize("lead", ["1m", "1y", "24h"])
def test_internal_target_takes_days_or_working_days_only(lead):
    with pytest.raises(DeadlineError, match="internal lead is given in days"):
        internal_target(dt.date(2026, 10, 8), Period.parse(lead), cn_calendar())


def test_internal_target_takes_a_date():
    with pytest.raises(DeadlineError, match="counts back from a due date"):
        internal_target(dt.datetime(2026, 10, 8, 9), Period.parse("3d"), cn_calendar())
