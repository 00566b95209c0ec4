"""cn_workdays: 行政许可法 82 and 行政复议法 88 count working days, make-up working days included."""

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


def workdays(trigger: dt.date, period: str, *, calendar=None, **options):
    return compute_deadline(
        trigger,
        Period.parse(period),
        convention=Convention.CN_WORKDAYS,
        calendar=calendar or cn_calendar(),
        **options,
    )


@pytest.mark.parametrize(
    ("trigger", "period", "due"),
    [
        (dt.date(2026, 9, 18), "20wd", dt.date(2026, 10, 22)),
        (dt.date(2026, 2, 12), "5wd", dt.date(2026, 2, 26)),  # 02-14 make-up counted, Spring Festival skipped
        (dt.date(2026, 3, 6), "5wd", dt.date(2026, 3, 13)),  # ordinary weekend
        (dt.date(2026, 9, 30), "1wd", dt.date(2026, 10, 8)),
        (dt.date(2026, 9, 30), "3wd", dt.date(2026, 10, 10)),  # the make-up Saturday is working day 3
    ],
)
def test_it_counts_working_days_after_the_trigger(trigger, period, due):
    deadline = workdays(trigger, period)
    assert deadline.due == deadline.nominal_end == due


@pytest.mark.parametrize(
    ("trigger", "period", "due"),
    [
        (dt.date(2026, 10, 9), "5wd", dt.date(2026, 9, 24)),
        (dt.date(2026, 10, 12), "1wd", dt.date(2026, 10, 10)),  # backward, a make-up Saturday still counts
        (dt.date(2026, 3, 16), "1wd", dt.date(2026, 3, 13)),
    ],
)
def test_it_counts_working_days_backward(trigger, period, due):
    assert workdays(trigger, period, direction=Direction.BEFORE).due == due


def test_it_summarises_the_walk_instead_of_listing_every_day():
    deadline = workdays(dt.date(2026, 9, 18), "20wd")
    assert deadline.explain()[1:] == [
        "Trigger 2026-09-18 is not counted; working days are counted from 2026-09-19 "
        "(行政许可法 art. 82; 行政复议法 art. 88)",
        "2026-09-20 is a make-up working day for National Day (调休上班): counted as working day 1",
        "2026-09-25 to 2026-09-27: statutory holiday (Mid-autumn Festival), not counted",
        "2026-10-01 to 2026-10-07: statutory holiday (National Day), not counted",
        "2026-10-10 is a make-up working day for National Day (调休上班): counted as working day 11",
        "Working day 20 = 2026-10-22",
        "Due date: 2026-10-22",
    ]
    assert deadline.explain("zh-hans")[1:] == [
        "起算日 2026-09-18 不计入，自 2026-09-19 起计算工作日（行政许可法第八十二条；行政复议法第八十八条）",
        "2026-09-20 为国庆节调休上班日，计为第1个工作日",
        "2026-09-25 至 2026-09-27 为法定节假日（中秋节），不计入",
        "2026-10-01 至 2026-10-07 为法定节假日（国庆节），不计入",
        "2026-10-10 为国庆节调休上班日，计为第11个工作日",
        "第20个工作日为 2026-10-22",
        "截止日期：2026-10-22",
    ]
    assert (deadline.first_examined, deadline.last_examined) == (dt.date(2026, 9, 19), dt.date(2026, 10, 22))


def test_it_skips_court_closures_and_names_them():
    closed = OverlayCalendar(
        cn_calendar(),
        {day: DayInfo(day, DayKind.CLOSURE, "系统升级", "System upgrade") for day in (dt.date(2026, 3, 16),)},
    )
    deadline = workdays(dt.date(2026, 3, 13), "5wd", calendar=closed)
    assert deadline.due == dt.date(2026, 3, 23)
    assert "2026-03-16: court closure day (System upgrade), not counted" in deadline.explain()
