"""The day-by-day cross-check: the stored CN calendar against python-holidays, an independent
transcription of the State Council notices (reference statutory-rules.md §2.9, §4.2).

python-holidays has no "make-up working day" category; its ``China`` class reads those days out of the
substituted-day entries, and ``is_working_day`` answers with them included, so the check asks it.
"""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import holidays

from caseflow.calendars.corrections import load_corrections
from caseflow.calendars.days import date_range
from caseflow.models import CalendarDay

FIRST, LAST = dt.date(2004, 1, 1), dt.date(2026, 12, 31)


def stored_working(calendar) -> dict[dt.date, bool]:
    return dict(
        CalendarDay.objects.filter(calendar=calendar, date__gte=FIRST, date__lte=LAST).values_list(
            "date", "is_working"
        )
    )


def test_stored_cn_agrees_with_python_holidays_on_every_day_2004_2026(cn):
    stored = stored_working(cn)
    reference = holidays.China(years=range(FIRST.year, LAST.year + 1))
    days = list(date_range(FIRST, LAST))
    assert len(stored) == len(days)
    disagreements = [d for d in days if stored[d] != reference.is_working_day(d)]
    assert disagreements == []


def test_stored_cn_differs_from_raw_chinesecalendar_only_where_corrected(cn):
    stored = stored_working(cn)
    differs = [d for d in date_range(FIRST, LAST) if stored[d] != chinese_calendar.is_workday(d)]
    assert differs == [c.date for c in load_corrections("CN")] == [dt.date(2005, 12, 31)]


def test_2005_12_31_is_a_working_day_per_the_2006_notice(cn):
    saturday = dt.date(2005, 12, 31)
    assert chinese_calendar.is_workday(saturday) is False  # the package's mistake
    assert holidays.China(years=[2005, 2006]).is_working_day(saturday) is True
    assert stored_working(cn)[saturday] is True
