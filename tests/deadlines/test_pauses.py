"""Suspension (中止), interruption (中断) and excluded time (扣除期间), applied in date order."""

from __future__ import annotations

import datetime as dt

import pytest

from caseflow.deadlines import (
    Convention,
    DeadlineError,
    Direction,
    Pause,
    Period,
    compute_deadline,
)
from tests.deadlines.calendars import cn_calendar
from tests.deadlines.rules import RETRIAL


def civil(trigger: dt.date, period: str, pauses, convention=Convention.CN_CIVIL, **options):
    return compute_deadline(
        trigger, Period.parse(period), convention=convention, calendar=cn_calendar(), pauses=pauses, **options
    )


def pause(kind: str, start: str, end: str) -> Pause:
    return Pause(kind, dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def test_a_suspension_moves_the_end_by_its_length_in_days():
    deadline = civil(dt.date(2026, 9, 20), "15d", [pause("suspension", "2026-09-25", "2026-10-04")])
    assert deadline.nominal_end == deadline.due == dt.date(2026, 10, 15)
    assert deadline.explain()[3] == (
        "Suspended 2026-09-25 to 2026-10-04 (10 days): period end moves from 2026-10-05 to 2026-10-15"
    )
    assert deadline.explain("zh-hans")[3] == (
        "期间中止 2026-09-25 至 2026-10-04（10日）：期间届满日由 2026-10-05 顺延至 2026-10-15"
    )


def test_an_excluded_period_behaves_like_a_suspension_and_then_the_end_rolls():
    deadline = civil(dt.date(2026, 3, 15), "1m", [pause("excluded", "2026-03-20", "2026-03-29")])
    assert deadline.nominal_end == dt.date(2026, 4, 25)  # 04-15 + 10 days, a Saturday
    assert deadline.due == dt.date(2026, 4, 27)
    assert deadline.explain()[3] == (
        "Excluded period 2026-03-20 to 2026-03-29 (10 days): period end moves from 2026-04-15 to 2026-04-25"
    )
    assert deadline.explain("zh")[3].startswith("扣除期间 2026-03-20 至 2026-03-29（10日）")


def test_an_interruption_restarts_the_period_from_the_day_it_ended():
    deadline = civil(dt.date(2026, 9, 20), "15d", [pause("interruption", "2026-09-25", "2026-09-28")])
    assert deadline.due == dt.date(2026, 10, 13)
    assert deadline.explain()[3:5] == [
        "Interrupted 2026-09-25 to 2026-09-28: the period starts again; 2026-09-28, the day the interruption "
        "ended, is not counted; counting starts on 2026-09-29",
        "Day 15 = 2026-10-13",
    ]
    assert deadline.explain("zh")[3] == (
        "期间中断 2026-09-25 至 2026-09-28：期间重新计算；中断结束之日 2026-09-28 不计入，自 2026-09-29 起算"
    )


def test_later_pauses_apply_to_the_restarted_period_in_date_order():
    pauses = [
        pause("suspension", "2026-10-10", "2026-10-11"),
        pause("interruption", "2026-09-25", "2026-09-28"),
    ]
    deadline = civil(dt.date(2026, 9, 20), "15d", pauses)  # 10-10 is after the original end 10-05
    assert deadline.due == dt.date(2026, 10, 15)


def test_a_working_day_suspension_counts_and_adds_working_days():
    deadline = civil(
        dt.date(2026, 9, 18),
        "20wd",
        [pause("suspension", "2026-09-28", "2026-10-09")],
        Convention.CN_WORKDAYS,
    )
    assert deadline.due == dt.date(2026, 10, 29)  # 5 working days in the pause; 10-22 + 5 working days
    assert (
        "Suspended 2026-09-28 to 2026-10-09 (5 working days): period end moves from 2026-10-22 to 2026-10-29"
        in deadline.explain()
    )


def test_a_working_day_pause_over_a_holiday_block_moves_nothing():
    deadline = civil(
        dt.date(2026, 9, 18), "20wd", [pause("excluded", "2026-10-01", "2026-10-07")], Convention.CN_WORKDAYS
    )
    assert deadline.due == dt.date(2026, 10, 22)
    assert "(0 working days)" in deadline.explain()[-2]


def test_a_working_day_interruption_recounts_working_days():
    deadline = civil(
        dt.date(2026, 9, 18),
        "20wd",
        [pause("interruption", "2026-09-25", "2026-10-09")],
        Convention.CN_WORKDAYS,
    )
    assert deadline.due == dt.date(2026, 11, 5)


def test_a_pause_may_start_the_day_after_the_trigger_or_on_the_last_day():
    first = civil(dt.date(2026, 3, 2), "15d", [pause("suspension", "2026-03-03", "2026-03-03")])
    last = civil(dt.date(2026, 3, 2), "15d", [pause("suspension", "2026-03-17", "2026-03-17")])
    assert first.due == last.due == dt.date(2026, 3, 18)


@pytest.mark.parametrize(
    ("pauses", "message"),
    [
        ([pause("suspension", "2026-03-02", "2026-03-05")], "starts before 2026-03-03"),
        (
            [pause("suspension", "2026-03-18", "2026-03-20")],
            "starts after the period has ended on 2026-03-17",
        ),
        (
            [pause("suspension", "2026-03-05", "2026-03-08"), pause("excluded", "2026-03-08", "2026-03-09")],
            "pauses overlap",
        ),
    ],
)
def test_it_refuses_pauses_outside_the_period_or_overlapping(pauses, message):
    with pytest.raises(DeadlineError, match=message):
        civil(dt.date(2026, 3, 2), "15d", pauses)


def test_it_refuses_to_pause_a_fixed_period():
    with pytest.raises(DeadlineError, match=r"cn.civil.retrial is a fixed period \(不变期间\) and cannot be"):
        civil(dt.date(2026, 3, 2), "6m", [pause("suspension", "2026-04-01", "2026-04-10")], rule=RETRIAL)


def test_a_fixed_period_without_pauses_computes_normally():
    assert civil(dt.date(2026, 3, 2), "6m", [], rule=RETRIAL).due == dt.date(2026, 9, 2)


def test_it_refuses_to_pause_hour_and_backward_periods():
    with pytest.raises(DeadlineError, match="hour periods cannot be paused"):
        civil(dt.datetime(2026, 3, 2, 9), "24h", [pause("suspension", "2026-03-03", "2026-03-03")])
    with pytest.raises(DeadlineError, match="only periods counted after the trigger can be paused"):
        civil(
            dt.date(2026, 3, 30),
            "15d",
            [pause("suspension", "2026-03-20", "2026-03-21")],
            direction=Direction.BEFORE,
        )


@pytest.mark.parametrize(
    ("kind", "start", "end", "message"),
    [
        ("stop", dt.date(2026, 3, 3), dt.date(2026, 3, 4), "unknown pause kind 'stop'"),
        (
            "suspension",
            dt.date(2026, 3, 4),
            dt.date(2026, 3, 3),
            "ends on 2026-03-03 before it starts on 2026-03-04",
        ),
        ("suspension", dt.datetime(2026, 3, 3, 9), dt.date(2026, 3, 4), "a pause starts and ends on dates"),
    ],
)
def test_a_pause_must_make_sense_on_its_own(kind, start, end, message):
    with pytest.raises(DeadlineError, match=message):
        Pause(kind, start, end)
