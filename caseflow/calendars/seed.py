"""What the holiday packages say, turned into seed definitions for the CN and US calendars.

The packages are only the seed (reference statutory-rules.md §0 item 10, §4.2): the database is the
calendar, admins change it from official notices, and :mod:`caseflow.calendars.load` never overwrites
what an admin loaded. This module reads the packages and nothing else.

* CN: chinesecalendar transcribes every 国务院办公厅 notice from 2004 on; a year it does not cover is
  stored provisionally (weekends rest) until an admin loads the notice or a newer release covers it.
* US: python-holidays' ``government`` category gives 5 U.S.C. 6103 holidays, the observed Friday/Monday
  (EO 11582) and presidential closures; all are "legal holidays" under FRCP 6(a)(6)(A)–(B). The rules
  are fixed, so future years are official too. State holidays (6(a)(6)(C)) are court closures.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import version

import chinese_calendar
import holidays

from caseflow.calendars.corrections import Correction, load_corrections
from caseflow.models import DayKind

CN_FIRST_YEAR = 2004
CN_PROVISIONAL_YEARS_AHEAD = 10
US_FIRST_YEAR = 2000
US_YEARS_AHEAD = 15

CN_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

US_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Birthday of Martin Luther King, Jr.": "马丁·路德·金纪念日",
    "Washington's Birthday": "华盛顿诞辰纪念日",
    "Memorial Day": "阵亡将士纪念日",
    "Juneteenth National Independence Day": "六月节（国家独立日）",
    "Independence Day": "独立日",
    "Labor Day": "劳动节",
    "Columbus Day": "哥伦布日",
    "Veterans Day": "退伍军人节",
    "Thanksgiving Day": "感恩节",
    "Christmas Day": "圣诞节",
    "Christmas Eve": "平安夜（联邦机构关闭）",
    "Day After Christmas": "圣诞节次日（联邦机构关闭）",
}
US_MOURNING = re.compile(r"^National Day of Mourning for former President (?P<who>.+)$")
US_OBSERVED = " (observed)"

PACKAGE_SOURCE = re.compile(r" via (chinesecalendar|holidays) \d[^ ]*$")


@dataclass(frozen=True)
class PackageDay:
    """A day a package describes otherwise than by the weekend rule (a holiday or a make-up day)."""

    kind: str
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class SeedDefinition:
    """One calendar as the packages see it, for the years ``first_year``..``last_year``.

    Days of ``package_years`` take their kind from ``days`` (else the weekend rule); other years are
    weekend-rule days. ``official_years`` are the years whose data is official.
    """

    code: str
    name_zh: str
    name_en: str
    time_zone: str
    tail_days: int
    first_year: int
    last_year: int
    package_years: frozenset[int]
    official_years: frozenset[int]
    days: Mapping[dt.date, PackageDay]
    package: str
    official_title: str  # "{year}" is replaced by the year
    corrections: list[Correction] = field(default_factory=list)

    def official_source(self, year: int) -> str:
        return f"{self.official_title.format(year=year)} via {self.package}"

    def provisional_source(self, year: int) -> str:
        return f"Provisional: {self.official_title.format(year=year)} not loaded yet; weekends are rest days"


def is_package_source(source: str) -> bool:
    """Whether ``source`` was written by the seeding command (so a newer package may replace it)."""
    return bool(PACKAGE_SOURCE.search(source))


def cn_definition(today: dt.date) -> SeedDefinition:
    last_official = max(chinese_calendar.holidays).year
    days: dict[dt.date, PackageDay] = {}
    for date, name in chinese_calendar.holidays.items():
        days[date] = PackageDay(DayKind.HOLIDAY, CN_NAMES_ZH.get(name, ""), name)
    for date, name in chinese_calendar.workdays.items():
        days[date] = PackageDay(DayKind.MAKEUP_WORKING, CN_NAMES_ZH.get(name, ""), name)
    years = frozenset(range(CN_FIRST_YEAR, last_official + 1))
    return SeedDefinition(
        code="CN",
        name_zh="中国（国务院节假日安排）",
        name_en="China (State Council holiday schedule)",
        time_zone="Asia/Shanghai",
        tail_days=14,
        first_year=CN_FIRST_YEAR,
        last_year=max(last_official, today.year + CN_PROVISIONAL_YEARS_AHEAD),
        package_years=years,
        official_years=years,
        days=days,
        package=f"chinesecalendar {version('chinesecalendar')}",
        official_title="国务院办公厅关于{year}年部分节假日安排的通知",
        corrections=load_corrections("CN"),
    )


def us_definition(today: dt.date) -> SeedDefinition:
    last = today.year + US_YEARS_AHEAD
    first_day, last_day = dt.date(US_FIRST_YEAR, 1, 1), dt.date(last, 12, 31)
    # Load one year more: the observed New Year's Day of Y+1 can be Friday 31 December of Y.
    listed = holidays.US(years=range(US_FIRST_YEAR, last + 2), categories=("government",))
    days = {
        date: PackageDay(DayKind.HOLIDAY, *us_names(names))
        for date, names in listed.items()
        if first_day <= date <= last_day
    }
    years = frozenset(range(US_FIRST_YEAR, last + 1))
    return SeedDefinition(
        code="US",
        name_zh="美国联邦法定假日",
        name_en="United States federal legal holidays (FRCP 6(a)(6))",
        time_zone="America/New_York",
        tail_days=0,
        first_year=US_FIRST_YEAR,
        last_year=last,
        package_years=years,
        official_years=years,
        days=days,
        package=f"holidays {version('holidays')}",
        official_title="5 U.S.C. 6103, Executive Order 11582 and presidential closures for {year}",
        corrections=load_corrections("US"),
    )


def us_names(names: str) -> tuple[str, str]:
    """Chinese and English names for a python-holidays entry (several names are joined with "; ")."""
    english = [name.strip() for name in names.split(";")]
    return "；".join(_us_name_zh(name) for name in english), "; ".join(english)


def _us_name_zh(name: str) -> str:
    suffix = ""
    if name.endswith(US_OBSERVED):
        name, suffix = name.removesuffix(US_OBSERVED), "（补假）"
    mourning = US_MOURNING.match(name)
    if mourning:
        return f"前总统{mourning['who']}国家哀悼日{suffix}"
    return US_NAMES_ZH.get(name, name) + suffix


DEFINITIONS = (cn_definition, us_definition)
