"""Properties that must hold for every trigger on the real calendars (PRC 2004–2026, US 2000–2039)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import chinese_calendar
from hypothesis import given
from hypothesis import strategies as st

from caseflow.deadlines import (
    Convention,
    Deadline,
    Direction,
    MappingCalendar,
    Period,
    Unit,
    compute_deadline,
)
from tests.deadlines.calendars import cn_calendar, us_calendar

_UNITS = {
    Convention.CN_CIVIL: ("d", "m", "y", "h"),
    Convention.CN_CRIMINAL: ("d", "m", "y", "h"),
    Convention.CN_WORKDAYS: ("wd",),
    Convention.US_FRCP: ("d", "m", "y", "h"),
    Convention.US_FRCP_MAIL: ("d",),
}
_MAX = {"d": 400, "wd": 80, "m": 36, "y": 5, "h": 200}
_YEARS = {"CN": (2004, 2026), "US": (2000, 2039)}


@dataclass(frozen=True)
class Case:
    convention: Convention
    period: Period
    direction: Direction
    custody: bool

    @property
    def calendar(self) -> MappingCalendar:
        return us_calendar() if self.convention.jurisdiction == "US" else cn_calendar()

    @property
    def hours(self) -> bool:
        return self.period.unit.value == "h"

    def trigger(self, day: dt.date, minute: int) -> dt.date:
        return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute) if self.hours else day

    def compute(self, trigger: dt.date) -> Deadline:
        return compute_deadline(
            trigger,
            self.period,
            convention=self.convention,
            calendar=self.calendar,
            direction=self.direction,
            custody=self.custody,
        )


@st.composite
def cases(draw: st.DrawFn, *, forward_only: bool = False) -> Case:
    convention = draw(st.sampled_from(list(Convention)))
    unit = draw(st.sampled_from(_UNITS[convention]))
    period = Period.parse(f"{draw(st.integers(1, _MAX[unit]))}{unit}")
    backward_allowed = not forward_only and convention is not Convention.US_FRCP_MAIL
    if unit == "h" and convention.jurisdiction == "CN":
        backward_allowed = False
    direction = draw(
        st.sampled_from([Direction.AFTER, Direction.BEFORE] if backward_allowed else [Direction.AFTER])
    )
    custody = convention is Convention.CN_CRIMINAL and draw(st.booleans())
    return Case(convention, period, direction, custody)


def days(case: Case) -> st.SearchStrategy[dt.date]:
    first, last = _YEARS[case.convention.jurisdiction]
    return st.dates(dt.date(first, 1, 1), dt.date(last, 12, 31))


@given(st.data())
def test_a_due_date_is_a_working_day_unless_the_convention_says_it_never_moves(data):
    case = data.draw(cases())
    deadline = case.compute(case.trigger(data.draw(days(case)), data.draw(st.integers(0, 1439))))
    never_moves = case.custody or (case.hours and case.convention.jurisdiction == "CN")
    due_day = deadline.due.date() if isinstance(deadline.due, dt.datetime) else deadline.due
    info = case.calendar.day(due_day)
    assert never_moves or info.is_working(forward=case.direction is Direction.AFTER)


@given(st.data())
def test_a_later_trigger_never_gives_an_earlier_due_date(data):
    case = data.draw(
        cases(forward_only=True).filter(lambda c: not (c.hours and c.convention.jurisdiction == "US"))
    )
    first = data.draw(days(case))
    second = first + dt.timedelta(days=data.draw(st.integers(0, 40)))
    minutes = sorted(data.draw(st.lists(st.integers(0, 1439), min_size=2, max_size=2)))
    earlier, later = case.trigger(first, minutes[0]), case.trigger(second, minutes[1])
    assert case.compute(earlier).due <= case.compute(later).due


@given(st.data())
def test_the_last_step_names_the_due_date(data):
    case = data.draw(cases())
    deadline = case.compute(case.trigger(data.draw(days(case)), data.draw(st.integers(0, 1439))))
    last = deadline.steps[-1]
    assert last.code == "due"
    assert last.params["due"] == deadline.due_iso()
    shown = deadline.due_iso().replace("T", " ")
    assert deadline.explain()[-1].endswith(shown) or deadline.explain()[-1].endswith(f"{shown} (provisional)")
    assert shown in deadline.explain("zh-hans")[-1]


@given(st.data())
def test_provisional_iff_an_examined_day_is_unofficial(data):
    case = data.draw(cases())
    deadline = case.compute(case.trigger(data.draw(days(case)), data.draw(st.integers(0, 1439))))
    calendar = case.calendar
    assert deadline.provisional == bool(deadline.unofficial_days)
    assert all(deadline.first_examined <= day <= deadline.last_examined for day in deadline.unofficial_days)
    assert all(not calendar.day(day).official for day in deadline.unofficial_days)
    # Unofficial days lie outside one official stretch of years, and the first and last days examined are
    # examined by construction: some examined day is unofficial exactly when one of those two is.
    ends_unofficial = not (
        calendar.day(deadline.first_examined).official and calendar.day(deadline.last_examined).official
    )
    assert deadline.provisional == ends_unofficial
    assert ("provisional" in [step.code for step in deadline.steps]) == deadline.provisional


# --- cross-check against an independent implementation --------------------------------------------------

# Clear of 2005-12-31 (which chinese_calendar gets wrong) and of the provisional tail of 2026.
_CROSS_CHECK_DAYS = st.dates(dt.date(2006, 3, 1), dt.date(2026, 9, 30))


@given(_CROSS_CHECK_DAYS, st.integers(1, 40), st.sampled_from([Direction.AFTER, Direction.BEFORE]))
def test_working_day_counts_agree_with_chinese_calendar(trigger, amount, direction):
    """``find_workday(n, d)`` is the n-th working day after ``d`` when ``d`` itself is a working day."""
    if not chinese_calendar.is_workday(trigger):
        trigger = chinese_calendar.find_workday(0, trigger)
    deadline = compute_deadline(
        trigger,
        Period(amount, Unit.WORKING_DAYS),
        convention=Convention.CN_WORKDAYS,
        calendar=cn_calendar(),
        direction=direction,
    )
    sign = 1 if direction is Direction.AFTER else -1
    assert deadline.due == chinese_calendar.find_workday(sign * amount, trigger)


@given(_CROSS_CHECK_DAYS, st.integers(1, 60))
def test_civil_day_periods_agree_with_chinese_calendar(trigger, amount):
    deadline = compute_deadline(
        trigger, Period(amount, Unit.DAYS), convention=Convention.CN_CIVIL, calendar=cn_calendar()
    )
    assert deadline.due == chinese_calendar.find_workday(0, trigger + dt.timedelta(days=amount))
