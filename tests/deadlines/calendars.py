"""Real PRC and US calendars for the engine's tests, built from the same packages the product seeds from.

Test helpers, not product code: the product stores its calendars in the database. Built once per test run.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays
from chinese_calendar import constants

from caseflow.deadlines.calendar import DayInfo, DayKind, MappingCalendar

CN_OFFICIAL_YEARS = range(2004, 2027)
US_OFFICIAL_YEARS = range(2000, 2041)
CN_TAIL_DAYS = 14

CN_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}

# chinese_calendar misses make-up working days that fall in the year before the notice: the 2006 notice
# made Saturday 2005-12-31 a working day (holidays.China agrees; see the statutory-rules reference, §2.9).
CN_CORRECTIONS = (DayInfo(dt.date(2005, 12, 31), DayKind.MAKEUP_WORKING, "元旦", "New Year's Day"),)


def _cn_day(date: dt.date, kind: DayKind, name_en: str) -> DayInfo:
    return DayInfo(date, kind, CN_NAMES_ZH[name_en], name_en)


@cache
def cn_calendar() -> MappingCalendar:
    """Mainland China: official 2004–2026 (State Council notices); late December 2026 on is provisional."""
    entries = [_cn_day(date, DayKind.HOLIDAY, name) for date, name in constants.holidays.items()]
    entries += [_cn_day(date, DayKind.MAKEUP_WORKING, name) for date, name in constants.workdays.items()]
    entries += CN_CORRECTIONS
    return MappingCalendar.from_entries(
        "CN", entries, official_years=CN_OFFICIAL_YEARS, provisional_tail_days=CN_TAIL_DAYS
    )


@cache
def us_calendar() -> MappingCalendar:
    """US federal: 5 U.S.C. 6103 holidays, observed days and presidential closures, official 2000–2040."""
    federal = holidays.US(years=US_OFFICIAL_YEARS, categories=("government",))
    entries = [DayInfo(date, DayKind.HOLIDAY, "", name) for date, name in federal.items()]
    return MappingCalendar.from_entries("US", entries, official_years=US_OFFICIAL_YEARS)
