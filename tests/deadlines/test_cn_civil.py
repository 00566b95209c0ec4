"""cn_civil: 民诉法 85, 民诉法解释 125, 民法典 200–204 on the real 2004–2026 calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from caseflow.deadlines import (
    Convention,
    DayInfo,
    DayKind,
    Direction,
    OverlayCalendar,
    Period,
    compute_deadline,
)
from tests.deadlines.calendars import cn_calendar


def civil(trigger: dt.date, period: str, **options):
    return compute_deadline(
        trigger, Period.parse(period), convention=Convention.CN_CIVIL, calendar=cn_calendar(), **options
    )


@pytest.mark.parametrize(
    ("trigger", "period", "nominal_end", "due"),
    [
        # days: trigger + N, rolled over weekends and holiday blocks only when the last day is off
        (dt.date(2026, 3, 2), "15d", dt.date(2026, 3, 17), dt.date(2026, 3, 17)),
        (dt.date(2026, 3, 6), "15d", dt.date(2026, 3, 21), dt.date(2026, 3, 23)),
        (dt.date(2026, 2, 5), "10d", dt.date(2026, 2, 15), dt.date(2026, 2, 24)),  # Spring Festival block
        (dt.date(2026, 2, 4), "10d", dt.date(2026, 2, 14), dt.date(2026, 2, 14)),  # make-up Saturday
        (dt.date(2025, 12, 31), "1d", dt.date(2026, 1, 1), dt.date(2026, 1, 4)),  # to the make-up Sunday
        (
            dt.date(2005, 12, 30),
            "1d",
            dt.date(2005, 12, 31),
            dt.date(2005, 12, 31),
        ),  # the 2006 notice's make-up day
        # months: same day number, else the month's last day (民法典 202)
        (dt.date(2026, 3, 15), "1m", dt.date(2026, 4, 15), dt.date(2026, 4, 15)),
        (dt.date(2026, 1, 31), "1m", dt.date(2026, 2, 28), dt.date(2026, 2, 28)),  # clipped, make-up Saturday
        (dt.date(2024, 1, 31), "1m", dt.date(2024, 2, 29), dt.date(2024, 2, 29)),  # leap year
        (dt.date(2023, 1, 31), "1m", dt.date(2023, 2, 28), dt.date(2023, 2, 28)),
        (dt.date(2026, 3, 31), "1m", dt.date(2026, 4, 30), dt.date(2026, 4, 30)),  # 31st -> 30-day month
        (dt.date(2025, 8, 31), "6m", dt.date(2026, 2, 28), dt.date(2026, 2, 28)),
        (dt.date(2026, 2, 28), "1m", dt.date(2026, 3, 28), dt.date(2026, 3, 30)),  # not the month's last day
        (dt.date(2025, 9, 30), "1m", dt.date(2025, 10, 30), dt.date(2025, 10, 30)),
        (dt.date(2025, 9, 1), "1m", dt.date(2025, 10, 1), dt.date(2025, 10, 9)),  # 2025: Oct 1-8 off
        # years from February 29
        (dt.date(2024, 2, 29), "1y", dt.date(2025, 2, 28), dt.date(2025, 2, 28)),
        (dt.date(2024, 2, 29), "2y", dt.date(2026, 2, 28), dt.date(2026, 2, 28)),
        (dt.date(2020, 2, 29), "4y", dt.date(2024, 2, 29), dt.date(2024, 2, 29)),
        (dt.date(2023, 2, 28), "1y", dt.date(2024, 2, 28), dt.date(2024, 2, 28)),
    ],
)
def test_it_counts_forward(trigger, period, nominal_end, due):
    deadline = civil(trigger, period)
    assert (deadline.nominal_end, deadline.due) == (nominal_end, due)
    assert not deadline.provisional


@pytest.mark.parametrize(
    ("trigger", "period", "due"),
    [
        (dt.date(2026, 10, 10), "30d", dt.date(2026, 9, 10)),  # a working day: stays
        (dt.date(2026, 11, 1), "30d", dt.date(2026, 9, 30)),  # 10-02 is National Day: back to 09-30
        (dt.date(2026, 3, 29), "30d", dt.date(2026, 2, 27)),  # 02-27 Friday
        (dt.date(2026, 3, 30), "30d", dt.date(2026, 2, 28)),  # a make-up Saturday is a working day
        (dt.date(2026, 3, 1), "1m", dt.date(2026, 1, 30)),  # 02-01 is a Sunday: back to Friday 01-30
        (dt.date(2026, 3, 31), "1m", dt.date(2026, 2, 28)),  # clipped backward
    ],
)
def test_it_rolls_a_backward_period_back_to_the_previous_working_day(trigger, period, due):
    assert civil(trigger, period, direction=Direction.BEFORE).due == due


def test_it_rolls_past_a_court_closure_and_then_past_the_weekend():
    closed = OverlayCalendar(
        cn_calendar(),
        {dt.date(2026, 3, 20): DayInfo(dt.date(2026, 3, 20), DayKind.CLOSURE, "停电", "Power cut")},
    )
    deadline = compute_deadline(
        dt.date(2026, 3, 5), Period.parse("15d"), convention=Convention.CN_CIVIL, calendar=closed
    )
    assert deadline.due == dt.date(2026, 3, 23)
    assert (
        deadline.explain()[-2] == "2026-03-20 is a court closure day (Power cut): next working day 2026-03-23"
    )
    assert (
        deadline.explain("zh-hans")[-2]
        == "2026-03-20 为法院停止办公日（停电），顺延至下一个工作日 2026-03-23"
    )


def test_it_records_the_days_it_looked_at():
    deadline = civil(dt.date(2026, 9, 20), "15d")
    assert (deadline.first_examined, deadline.last_examined) == (dt.date(2026, 10, 5), dt.date(2026, 10, 8))
    assert deadline.unofficial_days == ()


@pytest.mark.parametrize(
    ("trigger", "nominal_end"),
    [
        (dt.datetime(2026, 9, 30, 10, 23), dt.datetime(2026, 10, 1, 11, 0)),
        (
            dt.datetime(2026, 9, 30, 10, 0),
            dt.datetime(2026, 10, 1, 11, 0),
        ),  # the starting hour is not counted
        (dt.datetime(2026, 9, 30, 10, 59, 59), dt.datetime(2026, 10, 1, 11, 0)),
        (dt.datetime(2026, 9, 18, 23, 30), dt.datetime(2026, 9, 20, 0, 0)),
    ],
)
def test_it_starts_hour_periods_at_the_next_full_hour_and_never_moves_them(trigger, nominal_end):
    deadline = civil(trigger, "24h")
    assert deadline.nominal_end == deadline.due == nominal_end
    assert deadline.hour_precision


def test_it_says_an_hour_period_ending_on_a_holiday_does_not_move():
    deadline = civil(dt.datetime(2026, 9, 30, 10, 23), "24h")
    assert deadline.due_iso() == "2026-10-01T11:00"
    assert deadline.explain()[1:] == [
        "The hour of the trigger (2026-09-30 10:23) is not counted; counting starts at the next full hour, "
        "2026-09-30 11:00 (民诉法 art. 85)",
        "Hour 24 = 2026-10-01 11:00",
        "2026-10-01 is a statutory holiday (National Day), but hour periods are not moved for rest days or "
        "holidays (an interpretation; confirm with counsel)",
        "Due date and time: 2026-10-01 11:00",
    ]
