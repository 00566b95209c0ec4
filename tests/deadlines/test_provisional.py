"""Results that depend on days without official calendar data are provisional and say which days and why."""

from __future__ import annotations

import datetime as dt

from caseflow.deadlines import Convention, Period, compute_deadline
from tests.deadlines.calendars import cn_calendar, us_calendar


def cn(trigger: dt.date, period: str, convention: Convention = Convention.CN_CIVIL):
    return compute_deadline(trigger, Period.parse(period), convention=convention, calendar=cn_calendar())


def test_a_deadline_in_a_year_without_a_notice_is_provisional():
    deadline = cn(dt.date(2026, 12, 28), "15d")
    assert deadline.due == dt.date(2027, 1, 12)
    assert deadline.provisional
    assert deadline.unofficial_days == (dt.date(2027, 1, 12),)
    assert deadline.explain()[-2:] == [
        "No official holiday data for 2027 (examined 2027-01-12): weekends treated as rest days; "
        "recheck when the notice is loaded",
        "Due date: 2027-01-12 (provisional)",
    ]
    assert deadline.explain("zh-hans")[-2:] == [
        "2027年尚无官方节假日安排（涉及 2027-01-12）：暂按周末休息计算；官方安排公布后请复核",
        "截止日期：2027-01-12（暂定）",
    ]
    assert deadline.to_dict()["provisional"] is True


def test_late_december_is_provisional_until_next_years_notice():
    deadline = cn(dt.date(2026, 12, 20), "6d")  # 12-26 Saturday -> Monday 12-28
    assert deadline.due == dt.date(2026, 12, 28)
    assert deadline.unofficial_days == (dt.date(2026, 12, 26), dt.date(2026, 12, 27), dt.date(2026, 12, 28))
    assert deadline.explain()[-2] == (
        "2026-12-26 to 2026-12-28: no official holiday data yet; the 2027 notice can still change late "
        "December. Weekends treated as rest days; recheck when the notice is loaded"
    )
    assert deadline.explain("zh")[-2] == (
        "2026-12-26 至 2026-12-28 尚无官方节假日安排：2027年的通知仍可能调整年末日期，"
        "暂按周末休息计算；官方安排公布后请复核"
    )


def test_the_tail_covers_the_last_fourteen_days_of_the_year():
    assert not cn(dt.date(2026, 12, 10), "7d").provisional  # 12-17
    assert cn(dt.date(2026, 12, 10), "8d").provisional  # 12-18
    assert cn(dt.date(2026, 12, 20), "5d").unofficial_days == (dt.date(2026, 12, 25),)


def test_a_working_day_count_into_the_next_year_names_both_reasons():
    deadline = cn(dt.date(2026, 12, 28), "5wd", Convention.CN_WORKDAYS)
    assert deadline.due == dt.date(2027, 1, 4)  # 2027-01-01 counts as a working day until the notice says not
    assert [step.code for step in deadline.steps].count("provisional") == 2
    assert deadline.steps[-3].params["tail"] == "1"
    assert deadline.steps[-2].params == {
        "year": "2027",
        "first": "2027-01-01",
        "last": "2027-01-04",
        "tail": "0",
        "convention": "cn_workdays",
        "direction": "after",
    }


def test_a_custody_period_looks_at_its_last_day_and_fails_closed():
    deadline = cn(dt.date(2026, 12, 30), "1m", Convention.CN_CRIMINAL)
    assert deadline.provisional
    custody = compute_deadline(
        dt.date(2026, 12, 30),
        Period.parse("1m"),
        convention=Convention.CN_CRIMINAL,
        calendar=cn_calendar(),
        custody=True,
    )
    assert custody.due == dt.date(2027, 1, 30)
    assert custody.provisional


def test_an_official_result_is_not_provisional():
    deadline = cn(dt.date(2026, 9, 20), "15d")
    assert not deadline.provisional
    assert deadline.unofficial_days == ()
    assert deadline.explain()[-1] == "Due date: 2026-10-08"


def test_us_years_beyond_the_generated_range_are_provisional():
    deadline = compute_deadline(
        dt.date(2040, 12, 20), Period.parse("21d"), convention=Convention.US_FRCP, calendar=us_calendar()
    )
    assert deadline.provisional
    assert deadline.unofficial_days[0].year == 2041
