"""The stored calendars as the engine sees them, and working-day numbers for the warnings app."""

from __future__ import annotations

import datetime as dt

import pytest

from caseflow.calendars.adapter import calendar_for, workday_seq, workday_seqs
from caseflow.deadlines.calendar import DayInfo, DayKind
from caseflow.models import CalendarDay, Court, CourtClosure
from tests.calendars.conftest import NOW

D = dt.date.fromisoformat


def test_it_answers_with_the_stored_day(cn):
    calendar = calendar_for(cn)
    assert calendar.code == "CN"
    assert calendar.day(D("2026-10-01")) == DayInfo(
        D("2026-10-01"), DayKind.HOLIDAY, "国庆节", "National Day"
    )
    makeup = calendar.day(D("2026-10-10"))
    assert makeup.kind == DayKind.MAKEUP_WORKING and makeup.is_working() and makeup.official
    assert makeup.name("zh-hans") == "国庆节"
    assert calendar.day(D("2005-12-31")).kind == DayKind.MAKEUP_WORKING


def test_it_accepts_a_code(seeded, db):
    assert calendar_for("US").day(D("2026-07-03")).name_en == "Independence Day (observed)"


@pytest.mark.parametrize(
    ("date", "kind", "official"),
    [
        ("2026-12-17", DayKind.WORKING, True),
        ("2026-12-25", DayKind.WORKING, False),  # the tail: the 2027 notice may still change it
        ("2027-01-01", DayKind.WORKING, False),  # provisional: no notice yet
        ("2027-01-02", DayKind.REST, False),
        ("2040-03-03", DayKind.REST, False),  # beyond the stored years
        ("2040-03-05", DayKind.WORKING, False),
    ],
)
def test_it_marks_unofficial_days(cn, date, kind, official):
    info = calendar_for(cn).day(D(date))
    assert (info.kind, info.official) == (kind, official)


def test_it_reads_a_year_at_a_time_and_keeps_it(cn, django_assert_num_queries):
    calendar = calendar_for(cn)
    with django_assert_num_queries(1):
        for day in range(1, 200):
            calendar.day(D("2026-01-01") + dt.timedelta(days=day))
    with django_assert_num_queries(1):
        calendar.day(D("2027-03-01"))
        calendar.day(D("2026-03-01"))
    assert calendar.loaded_years == (2026, 2027)


@pytest.fixture
def court(cn):
    court = Court.objects.create(
        code="bj-chaoyang", name_zh="北京市朝阳区人民法院", jurisdiction="CN", calendar=cn
    )
    CourtClosure.objects.create(court=court, date=D("2026-03-02"), name="停电闭院", created_at=NOW)
    CourtClosure.objects.create(
        court=court,
        date=D("2026-03-03"),
        kind=CourtClosure.Kind.STATE_HOLIDAY,
        name="地方假日",
        created_at=NOW,
    )
    CourtClosure.objects.create(court=court, date=D("2026-10-02"), name="on a holiday anyway", created_at=NOW)
    return court


def test_it_lays_a_courts_closures_over_its_calendar(cn, court):
    calendar = calendar_for(cn, court=court)
    closed = calendar.day(D("2026-03-02"))
    assert (closed.kind, closed.name_zh, closed.official, closed.forward_only) == (
        DayKind.CLOSURE,
        "停电闭院",
        True,
        False,
    )
    assert not closed.is_working(forward=True) and not closed.is_working(forward=False)
    state = calendar.day(D("2026-03-03"))
    assert state.kind == DayKind.CLOSURE and state.forward_only
    assert not state.is_working(forward=True) and state.is_working(forward=False)
    assert calendar.day(D("2026-10-02")).kind == DayKind.HOLIDAY  # the holiday wins
    assert calendar.day(D("2026-03-04")).kind == DayKind.WORKING
    assert calendar_for(cn).day(D("2026-03-02")).kind == DayKind.WORKING  # other courts: open


def test_workday_seq_reads_the_stored_number(cn):
    row = CalendarDay.objects.get(calendar=cn, date=D("2026-10-09"))
    assert workday_seq(cn, D("2026-10-09")) == row.workday_seq
    assert workday_seq(cn.pk, D("2026-10-10")) == row.workday_seq + 1  # make-up Saturday
    assert workday_seq(cn, D("2026-10-11")) == row.workday_seq + 1  # Sunday: flat


def test_workday_seqs_reads_many_dates_in_few_queries(cn, django_assert_max_num_queries):
    dates = [D("2004-01-01") + dt.timedelta(days=7 * i) for i in range(1500)]  # more than 999 parameters
    with django_assert_max_num_queries(2):
        result = workday_seqs(cn, dates)
    stored = dict(
        CalendarDay.objects.filter(calendar=cn, date__in=dates[:500]).values_list("date", "workday_seq")
    )
    assert all(result[d] == stored[d] for d in dates[:500])


def test_workday_seqs_continues_by_the_weekend_rule_beyond_stored_days(cn):
    last = CalendarDay.objects.get(calendar=cn, date=D("2036-12-31"))  # a Wednesday
    result = workday_seqs(cn, [D("2037-01-02"), D("2037-01-04"), D("2037-01-05"), D("2003-12-31")])
    assert result[D("2037-01-02")] == last.workday_seq + 2  # Thursday, Friday
    assert result[D("2037-01-04")] == last.workday_seq + 2  # Sunday: flat
    assert result[D("2037-01-05")] == last.workday_seq + 3
    assert result[D("2003-12-31")] == 0  # 2004-01-01 is the first stored day, a holiday: nothing before
    assert workday_seq(cn, D("2003-12-30")) == -1  # Wednesday 2003-12-31 lies between
