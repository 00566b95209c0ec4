"""Writing days: only the difference is written, and ``workday_seq`` stays a running count."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseflow.calendars.days import DaySpec, date_range, weekend_rule_kind
from caseflow.calendars.store import plan_days, write_plan
from caseflow.models import Calendar, CalendarDay, DayKind

FIRST = dt.date(2030, 1, 1)


def seqs(calendar) -> list[tuple[dt.date, bool, int]]:
    return list(calendar.days.order_by("date").values_list("date", "is_working", "workday_seq"))


def assert_running_count(calendar) -> None:
    expected = 0
    for date, is_working, seq in seqs(calendar):
        expected += is_working
        assert seq == expected, date


def weekend_days(first: dt.date, count: int, *, official: bool = True) -> list[DaySpec]:
    days = date_range(first, first + dt.timedelta(days=count - 1))
    return [DaySpec(d, weekend_rule_kind(d), official) for d in days]


def make_calendar(days: int = 60) -> Calendar:
    calendar = Calendar.objects.create(code="T", name_zh="测试", name_en="Test")
    write_plan(plan_days(calendar.pk, weekend_days(FIRST, days)))
    return calendar


def test_it_numbers_new_days_as_a_running_count(db):
    calendar = make_calendar()
    assert_running_count(calendar)
    assert seqs(calendar)[0] == (FIRST, True, 1)  # 2030-01-01 is a Tuesday


def test_a_new_holiday_moves_every_later_number_down_by_one(db):
    calendar = make_calendar()
    before = dict((d, s) for d, _w, s in seqs(calendar))
    holiday = dt.date(2030, 1, 8)
    write_plan(plan_days(calendar.pk, [DaySpec(holiday, DayKind.HOLIDAY, True, "假", "Holiday")]))
    after = dict((d, s) for d, _w, s in seqs(calendar))
    assert all(after[d] == before[d] for d in before if d < holiday)
    assert after[holiday] == before[holiday] - 1 == before[holiday - dt.timedelta(days=1)]
    assert all(after[d] == before[d] - 1 for d in before if d > holiday)
    assert_running_count(calendar)


def test_a_make_up_saturday_moves_later_numbers_up(db):
    calendar = make_calendar()
    saturday = dt.date(2030, 1, 12)
    write_plan(plan_days(calendar.pk, [DaySpec(saturday, DayKind.MAKEUP_WORKING, True, "调休", "Make-up")]))
    row = CalendarDay.objects.get(calendar=calendar, date=saturday)
    assert row.is_working and row.workday_seq == 10  # after Jan 1-4 and 7-11, nine working days
    assert_running_count(calendar)


def test_an_unchanged_plan_is_empty(db):
    calendar = make_calendar()
    plan = plan_days(calendar.pk, weekend_days(FIRST, 60))
    assert plan.empty and plan.diffs == [] and plan.changed_range is None


def test_a_changed_flag_or_name_is_a_diff_but_only_kind_and_flag_matter(db):
    calendar = make_calendar()
    named = plan_days(calendar.pk, [DaySpec(FIRST, DayKind.WORKING, True, "名", "Name")])
    assert len(named.diffs) == 1 and named.changed_range is None
    flagged = plan_days(calendar.pk, [], {FIRST: False})
    assert flagged.changed_range == (FIRST, FIRST)


def test_appending_provisional_weekend_days_changes_no_computation(db):
    calendar = make_calendar()
    plan = plan_days(calendar.pk, weekend_days(FIRST + dt.timedelta(days=60), 30, official=False))
    assert len(plan.creates) == 30 and plan.changed_range is None
    write_plan(plan)
    assert_running_count(calendar)


KINDS = st.sampled_from([k.value for k in DayKind])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    changes=st.lists(st.tuples(st.integers(0, 89), KINDS), max_size=25),
    more=st.integers(0, 20),
)
def test_any_sequence_of_changes_keeps_a_unique_running_count(db, changes, more):
    """Whatever days change (and however many are appended), the unique constraint on working days'
    numbers never fires mid-write and the numbers end up a running count."""
    with transaction.atomic():
        calendar = make_calendar(days=90)
        for offset, kind in changes:
            write_plan(plan_days(calendar.pk, [DaySpec(FIRST + dt.timedelta(days=offset), kind, True)]))
        write_plan(plan_days(calendar.pk, weekend_days(FIRST + dt.timedelta(days=90), more)))
        batch = [DaySpec(FIRST + dt.timedelta(days=o), k, False) for o, k in dict(changes).items()]
        write_plan(plan_days(calendar.pk, batch))
        assert_running_count(calendar)
        transaction.set_rollback(True)
