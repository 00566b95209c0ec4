"""The five dates a naive implementation gets wrong, each with the reason it is easy to get wrong."""

from __future__ import annotations

import datetime as dt

from caseflow.deadlines import Convention, Period, compute_deadline
from tests.deadlines.calendars import cn_calendar, us_calendar
from tests.deadlines.rules import APPEAL_JUDGMENT, APPEAL_RULING, LICENSING_DECISION


def test_it_moves_an_appeal_ending_in_the_national_day_block_to_the_first_working_day():
    deadline = compute_deadline(
        dt.date(2026, 9, 20),
        Period.parse("15d"),
        convention=Convention.CN_CIVIL,
        calendar=cn_calendar(),
        rule=APPEAL_JUDGMENT,
    )
    assert deadline.nominal_end == dt.date(2026, 10, 5)
    assert deadline.due == dt.date(2026, 10, 8)


def test_it_keeps_a_period_ending_on_a_make_up_saturday():
    deadline = compute_deadline(
        dt.date(2026, 9, 30),
        Period.parse("10d"),
        convention=Convention.CN_CIVIL,
        calendar=cn_calendar(),
        rule=APPEAL_RULING,
    )
    assert deadline.due == dt.date(2026, 10, 10)
    assert [step.code for step in deadline.steps][-2] == "end_makeup"


def test_it_ends_a_month_from_february_28_differently_in_civil_and_criminal_cases():
    trigger, month = dt.date(2026, 2, 28), Period.parse("1m")
    civil = compute_deadline(trigger, month, convention=Convention.CN_CIVIL, calendar=cn_calendar())
    criminal = compute_deadline(trigger, month, convention=Convention.CN_CRIMINAL, calendar=cn_calendar())
    assert (civil.nominal_end, civil.due) == (dt.date(2026, 3, 28), dt.date(2026, 3, 30))
    assert (criminal.nominal_end, criminal.due) == (dt.date(2026, 3, 31), dt.date(2026, 3, 31))


def test_it_counts_make_up_days_as_working_days_in_a_licensing_period():
    deadline = compute_deadline(
        dt.date(2026, 9, 18),
        Period.parse("20wd"),
        convention=Convention.CN_WORKDAYS,
        calendar=cn_calendar(),
        rule=LICENSING_DECISION,
    )
    assert deadline.due == dt.date(2026, 10, 22)  # 2026-10-26 if 09-20 and 10-10 were not counted


def test_it_adds_three_mail_days_after_the_rule_6a_roll():
    deadline = compute_deadline(
        dt.date(2026, 6, 5), Period.parse("14d"), convention=Convention.US_FRCP_MAIL, calendar=us_calendar()
    )
    # 6(a): day 14 is Juneteenth (Fri) -> Mon 06-22; then + 3 = Thu 06-25 (not 06-19 + 3 = Mon 06-22).
    assert deadline.nominal_end == dt.date(2026, 6, 19)
    assert deadline.due == dt.date(2026, 6, 25)
