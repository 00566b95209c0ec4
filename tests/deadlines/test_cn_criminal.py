"""cn_criminal: the civil rules plus 刑诉法解释 202 (month ends) and 刑诉法 105 (custody never moves)."""

from __future__ import annotations

import datetime as dt

import pytest

from caseflow.deadlines import Convention, Period, compute_deadline
from tests.deadlines.calendars import cn_calendar


def criminal(trigger: dt.date, period: str, **options):
    return compute_deadline(
        trigger, Period.parse(period), convention=Convention.CN_CRIMINAL, calendar=cn_calendar(), **options
    )


@pytest.mark.parametrize(
    ("trigger", "period", "nominal_end", "due"),
    [
        (dt.date(2026, 2, 28), "1m", dt.date(2026, 3, 31), dt.date(2026, 3, 31)),  # last day -> last day
        (dt.date(2024, 2, 29), "1m", dt.date(2024, 3, 31), dt.date(2024, 4, 1)),  # Sunday: rolls
        (dt.date(2026, 4, 30), "2m", dt.date(2026, 6, 30), dt.date(2026, 6, 30)),
        (dt.date(2026, 6, 30), "1m", dt.date(2026, 7, 31), dt.date(2026, 7, 31)),
        (
            dt.date(2026, 2, 27),
            "1m",
            dt.date(2026, 3, 27),
            dt.date(2026, 3, 27),
        ),  # not the last day: civil rule
        (dt.date(2026, 1, 30), "1m", dt.date(2026, 2, 28), dt.date(2026, 2, 28)),  # no 30th: last day
        (dt.date(2023, 2, 28), "1y", dt.date(2024, 2, 28), dt.date(2024, 2, 28)),  # years keep the civil rule
        (dt.date(2026, 9, 20), "15d", dt.date(2026, 10, 5), dt.date(2026, 10, 8)),
    ],
)
def test_it_counts_like_civil_procedure_except_at_month_ends(trigger, period, nominal_end, due):
    deadline = criminal(trigger, period)
    assert (deadline.nominal_end, deadline.due) == (nominal_end, due)


def test_it_explains_the_last_day_of_the_month_rule():
    deadline = criminal(dt.date(2026, 2, 28), "1m")
    assert deadline.explain()[2] == (
        "2026-02-28 is the last day of its month, so 1 month after it ends on the last day of the end month, "
        "2026-03-31 (刑诉法解释 art. 202)"
    )
    assert deadline.explain("zh-hans")[2] == (
        "起算日 2026-02-28 为当月最后一日，1个月期间至届满月最后一日 2026-03-31（刑诉法解释第二百零二条）"
    )


def test_it_never_moves_a_custody_period_for_a_holiday():
    deadline = criminal(dt.date(2026, 9, 20), "15d", custody=True)
    assert deadline.due == deadline.nominal_end == dt.date(2026, 10, 5)
    assert deadline.explain()[-2] == (
        "2026-10-05 is a statutory holiday (National Day), but custody periods never move for rest days or "
        "holidays (刑诉法 art. 105)"
    )
    assert (
        deadline.explain("zh")[-2]
        == "2026-10-05 为法定节假日（国庆节），但羁押期限不因节假日顺延（刑诉法第一百零五条）"
    )


def test_it_never_moves_a_custody_month_period_for_a_weekend():
    deadline = criminal(dt.date(2024, 2, 29), "1m", custody=True)
    assert deadline.due == dt.date(2024, 3, 31)  # a Sunday


def test_it_notes_a_custody_period_ending_on_a_working_day():
    deadline = criminal(dt.date(2026, 3, 2), "15d", custody=True)
    assert deadline.due == dt.date(2026, 3, 17)
    assert deadline.explain()[-2] == (
        "Custody period: 2026-03-17 stands; custody periods never move for rest days or holidays "
        "(刑诉法 art. 105)"
    )


def test_it_counts_custody_hours_from_the_next_hour_and_cites_the_criminal_procedure_law():
    deadline = criminal(dt.datetime(2026, 10, 1, 8, 15), "24h", custody=True)
    assert deadline.due == dt.datetime(2026, 10, 2, 9, 0)
    assert "(刑诉法 art. 105)" in deadline.explain()[1]
    assert deadline.explain()[-2].startswith("2026-10-02 is a statutory holiday (National Day), but custody")
