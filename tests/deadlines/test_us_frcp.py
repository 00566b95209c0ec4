"""us_frcp and us_frcp_mail: FRCP 6(a) and 6(d) on the federal calendar (holidays, observed, closures)."""

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
from tests.deadlines.calendars import us_calendar

CESAR_CHAVEZ_DAY = dt.date(2026, 3, 31)  # Tuesday
DAY_AFTER_THANKSGIVING = dt.date(2026, 11, 27)  # Friday


def california() -> OverlayCalendar:
    """A California district court: state holidays count for forward periods only (FRCP 6(a)(6)(C))."""
    state = {
        CESAR_CHAVEZ_DAY: ("Cesar Chavez Day", "凯撒·查维斯日"),
        DAY_AFTER_THANKSGIVING: ("Day after Thanksgiving", "感恩节翌日"),
    }
    closures = {
        day: DayInfo(day, DayKind.CLOSURE, name_zh, name_en, forward_only=True)
        for day, (name_en, name_zh) in state.items()
    }
    return OverlayCalendar(us_calendar(), closures, code="US-CA")


def frcp(trigger, period: str, *, calendar=None, convention=Convention.US_FRCP, **options):
    return compute_deadline(
        trigger, Period.parse(period), convention=convention, calendar=calendar or us_calendar(), **options
    )


@pytest.mark.parametrize(
    ("trigger", "period", "due"),
    [
        (dt.date(2026, 6, 1), "21d", dt.date(2026, 6, 22)),  # 06-22 Monday
        (dt.date(2026, 6, 5), "14d", dt.date(2026, 6, 22)),  # Juneteenth (Fri) -> Monday
        (dt.date(2026, 6, 19), "14d", dt.date(2026, 7, 6)),  # 07-03 observed Independence Day, then weekend
        (dt.date(2025, 12, 10), "14d", dt.date(2025, 12, 29)),  # 12-24 ... 12-26 presidential closures
        (dt.date(2025, 12, 12), "12d", dt.date(2025, 12, 29)),
        (dt.date(2026, 1, 31), "1m", dt.date(2026, 3, 2)),  # clipped to 02-28 (Saturday) -> Monday
        (dt.date(2024, 2, 29), "1y", dt.date(2025, 2, 28)),
        (dt.date(2026, 1, 5), "30d", dt.date(2026, 2, 4)),
    ],
)
def test_it_excludes_the_trigger_counts_every_day_and_rolls_to_the_next_business_day(trigger, period, due):
    assert frcp(trigger, period).due == due


def test_it_explains_a_6a1c_roll_in_both_languages():
    deadline = frcp(dt.date(2026, 6, 5), "14d")
    assert deadline.explain()[-2] == (
        "2026-06-19 is a legal holiday (Juneteenth National Independence Day): next business day 2026-06-22 "
        "(FRCP 6(a)(1)(C))"
    )
    assert deadline.explain("zh-hans")[-2] == (
        "2026-06-19 为法定假日（Juneteenth National Independence Day），顺延至下一个工作日 2026-06-22"
        "（FRCP 6(a)(1)(C)）"
    )


@pytest.mark.parametrize(
    ("trigger", "period", "due"),
    [
        (dt.date(2026, 6, 20), "14d", dt.date(2026, 6, 5)),  # lands on Saturday 06-06 -> Friday
        (dt.date(2026, 7, 17), "14d", dt.date(2026, 7, 2)),  # lands on the observed holiday 07-03 -> Thursday
        (dt.date(2026, 6, 29), "14d", dt.date(2026, 6, 15)),
    ],
)
def test_it_rolls_backward_periods_backward(trigger, period, due):
    deadline = frcp(trigger, period, direction=Direction.BEFORE)
    assert deadline.due == due


def test_a_state_holiday_moves_a_forward_period():
    deadline = frcp(dt.date(2026, 3, 21), "10d", calendar=california())
    assert deadline.due == dt.date(2026, 4, 1)
    assert deadline.explain()[-2] == (
        "2026-03-31 is a state legal holiday (Cesar Chavez Day): next business day 2026-04-01 "
        "(FRCP 6(a)(1)(C))"
    )


def test_a_state_holiday_does_not_move_a_backward_period():
    deadline = frcp(dt.date(2026, 4, 10), "10d", calendar=california(), direction=Direction.BEFORE)
    assert deadline.due == CESAR_CHAVEZ_DAY
    assert deadline.explain()[-2] == (
        "2026-03-31 is a state legal holiday (Cesar Chavez Day), which counts only for periods counted "
        "forward (FRCP 6(a)(6)(C)): no move"
    )


def test_a_backward_roll_stops_on_a_state_holiday():
    # 10 days before Tue 12-08 is Sat 11-28; backward, Friday 11-27 (a state holiday) is a business day.
    backward = frcp(dt.date(2026, 12, 8), "10d", calendar=california(), direction=Direction.BEFORE)
    assert backward.due == DAY_AFTER_THANKSGIVING
    forward = frcp(dt.date(2026, 11, 17), "10d", calendar=california())
    assert forward.due == dt.date(2026, 11, 30)


def test_a_closure_of_the_clerks_office_moves_periods_in_both_directions():
    closure = {dt.date(2026, 3, 16): DayInfo(dt.date(2026, 3, 16), DayKind.CLOSURE, "", "Snow closure")}
    closed = OverlayCalendar(us_calendar(), closure)
    assert frcp(dt.date(2026, 3, 1), "15d", calendar=closed).due == dt.date(2026, 3, 17)
    backward = frcp(dt.date(2026, 3, 31), "15d", calendar=closed, direction=Direction.BEFORE)
    assert backward.due == dt.date(2026, 3, 13)
    assert backward.explain()[-2] == (
        "2026-03-16 is a day the clerk's office is closed (Snow closure): counting backward, previous "
        "business day 2026-03-13 (FRCP 6(a)(5))"
    )


# --- hours: 6(a)(2) ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trigger", "period", "nominal_end", "due"),
    [
        (
            dt.datetime(2026, 6, 3, 10, 23),
            "24h",
            dt.datetime(2026, 6, 4, 10, 23),
            dt.datetime(2026, 6, 4, 10, 23),
        ),
        (
            dt.datetime(2026, 6, 5, 10, 23),
            "24h",
            dt.datetime(2026, 6, 6, 10, 23),
            dt.datetime(2026, 6, 8, 10, 23),
        ),
        (dt.datetime(2026, 7, 1, 9, 0), "48h", dt.datetime(2026, 7, 3, 9, 0), dt.datetime(2026, 7, 6, 9, 0)),
        (
            dt.datetime(2026, 6, 5, 16, 0),
            "7h",
            dt.datetime(2026, 6, 5, 23, 0),
            dt.datetime(2026, 6, 5, 23, 0),
        ),
        (dt.datetime(2026, 6, 5, 17, 0), "7h", dt.datetime(2026, 6, 6, 0, 0), dt.datetime(2026, 6, 8, 0, 0)),
    ],
)
def test_it_counts_hours_at_once_and_rolls_to_the_same_time_on_the_next_business_day(
    trigger, period, nominal_end, due
):
    deadline = frcp(trigger, period)
    assert (deadline.nominal_end, deadline.due) == (nominal_end, due)


def test_it_explains_an_hour_period_rolled_over_a_weekend():
    deadline = frcp(dt.datetime(2026, 6, 5, 10, 23), "24h")
    assert deadline.due_iso() == "2026-06-08T10:23"
    assert deadline.explain()[1:] == [
        "Counting starts immediately at 2026-06-05 10:23; every hour counts (FRCP 6(a)(2))",
        "Hour 24 = 2026-06-06 10:23",
        "2026-06-06 is a Saturday: the period runs until the same time on the next business day, "
        "2026-06-08 10:23 (FRCP 6(a)(2)(C))",
        "Due date and time: 2026-06-08 10:23",
    ]
    assert (deadline.first_examined, deadline.last_examined) == (dt.date(2026, 6, 6), dt.date(2026, 6, 8))


def test_it_rolls_a_backward_hour_period_to_the_same_time_on_the_previous_business_day():
    deadline = frcp(dt.datetime(2026, 6, 8, 10, 0), "24h", direction=Direction.BEFORE)
    assert deadline.due == dt.datetime(2026, 6, 5, 10, 0)


def test_it_keeps_the_seconds_of_the_trigger_but_shows_minutes():
    deadline = frcp(dt.datetime(2026, 6, 3, 10, 23, 45), "24h")
    assert deadline.due == dt.datetime(2026, 6, 4, 10, 23, 45)
    assert deadline.due_iso() == "2026-06-04T10:23"


def test_the_literal_hour_roll_is_not_monotonic():
    """6(a)(2)(C) keeps the time of day, so a later event can expire earlier. The engine follows the text."""
    saturday_night = frcp(dt.datetime(2026, 6, 5, 23, 0), "24h").due
    sunday_morning = frcp(dt.datetime(2026, 6, 6, 1, 0), "24h").due
    assert saturday_night == dt.datetime(2026, 6, 8, 23, 0)
    assert sunday_morning == dt.datetime(2026, 6, 8, 1, 0)


# --- mail: 6(d) -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trigger", "period", "due"),
    [
        (dt.date(2026, 6, 5), "14d", dt.date(2026, 6, 25)),
        (dt.date(2026, 6, 1), "10d", dt.date(2026, 6, 15)),  # 06-11 + 3 = Sunday 06-14 -> Monday
        (dt.date(2026, 6, 12), "21d", dt.date(2026, 7, 9)),  # 07-03 (observed) -> 07-06, + 3 = 07-09
    ],
)
def test_it_adds_three_days_after_6a_and_rolls_again(trigger, period, due):
    assert frcp(trigger, period, convention=Convention.US_FRCP_MAIL).due == due


def test_it_explains_the_three_mail_days():
    deadline = frcp(dt.date(2026, 6, 1), "10d", convention=Convention.US_FRCP_MAIL)
    assert deadline.explain()[3:] == [
        "2026-06-11 is a business day: no move",
        "Service by mail: 3 days are added after the Rule 6(a) period: 2026-06-11 + 3 days = 2026-06-14 "
        "(FRCP 6(d))",
        "2026-06-14 is a Sunday: next business day 2026-06-15 (FRCP 6(a)(1)(C))",
        "Due date: 2026-06-15",
    ]
    assert deadline.explain("zh-hans")[4] == (
        "邮寄送达：在第6(a)条期间届满后另加3日：2026-06-11 + 3日 = 2026-06-14（FRCP 6(d)）"
    )
