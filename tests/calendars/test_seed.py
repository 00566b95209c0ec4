"""``load_calendars``: what the seeded CN and US calendars hold."""

from __future__ import annotations

import datetime as dt

import pytest

from caseflow.calendars.days import weekend_rule_kind
from caseflow.models import CalendarDay, CalendarYear, DayKind

D = dt.date.fromisoformat


def day(calendar, date: str) -> CalendarDay:
    return CalendarDay.objects.get(calendar=calendar, date=D(date))


def test_it_stores_cn_official_years_from_chinesecalendar(cn):
    years = dict(cn.years.values_list("year", "status"))
    assert {y for y, s in years.items() if s == CalendarYear.Status.OFFICIAL} == set(range(2004, 2027))
    assert {y for y, s in years.items() if s == CalendarYear.Status.PROVISIONAL} == set(range(2027, 2037))
    row = cn.years.get(year=2026)
    assert row.source == "国务院办公厅关于2026年部分节假日安排的通知 via chinesecalendar 1.11.0"
    assert row.loaded_by is None
    assert cn.time_zone == "Asia/Shanghai"
    assert cn.provisional_tail_days == 14


@pytest.mark.parametrize(
    ("date", "kind", "name_zh", "name_en"),
    [
        ("2026-01-01", DayKind.HOLIDAY, "元旦", "New Year's Day"),
        ("2026-01-04", DayKind.MAKEUP_WORKING, "元旦", "New Year's Day"),
        ("2026-02-14", DayKind.MAKEUP_WORKING, "春节", "Spring Festival"),
        ("2026-02-15", DayKind.HOLIDAY, "春节", "Spring Festival"),
        ("2026-02-23", DayKind.HOLIDAY, "春节", "Spring Festival"),
        ("2026-04-06", DayKind.HOLIDAY, "清明节", "Tomb-sweeping Day"),
        ("2026-05-09", DayKind.MAKEUP_WORKING, "劳动节", "Labour Day"),
        ("2026-06-19", DayKind.HOLIDAY, "端午节", "Dragon Boat Festival"),
        ("2026-09-25", DayKind.HOLIDAY, "中秋节", "Mid-autumn Festival"),
        ("2026-10-10", DayKind.MAKEUP_WORKING, "国庆节", "National Day"),
        (
            "2015-09-03",
            DayKind.HOLIDAY,
            "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
            "Anti-Fascist 70th Day",
        ),
        ("2020-01-31", DayKind.HOLIDAY, "春节", "Spring Festival"),  # the 2020 extension
        ("2026-03-02", DayKind.WORKING, "", ""),
        ("2026-03-07", DayKind.REST, "", ""),
    ],
)
def test_it_stores_cn_days_with_names(cn, date, kind, name_zh, name_en):
    row = day(cn, date)
    assert (row.kind, row.name_zh, row.name_en, row.official) == (kind, name_zh, name_en, True)
    assert row.is_working == (kind in (DayKind.WORKING, DayKind.MAKEUP_WORKING))
    assert row.day == D(date).toordinal()


def test_it_corrects_2005_12_31_from_the_corrections_file(cn):
    row = day(cn, "2005-12-31")
    assert row.kind == DayKind.MAKEUP_WORKING and row.is_working and row.official
    assert row.source == "国务院办公厅关于2006年部分节假日安排的通知"


def test_it_stores_2027_as_provisional_weekend_days(cn):
    rows = list(cn.days.filter(date__year=2027).values_list("date", "kind", "official", "name_zh", "name_en"))
    assert len(rows) == 365
    assert all(kind == weekend_rule_kind(date) for date, kind, *_ in rows)
    assert not any(official or name_zh or name_en for _d, _k, official, name_zh, name_en in rows)
    assert day(cn, "2027-01-01").kind == DayKind.WORKING  # no notice yet: New Year's Day is not known
    assert "Provisional" in day(cn, "2027-06-01").source


def test_it_keeps_the_last_14_days_of_2026_unofficial(cn):
    official = dict(
        cn.days.filter(date__gte=D("2026-12-10"), date__lte=D("2027-01-02")).values_list("date", "official")
    )
    assert official[D("2026-12-17")] is True
    assert [d for d, o in official.items() if d.year == 2026 and not o] == [
        D("2026-12-18") + dt.timedelta(days=i) for i in range(14)
    ]
    assert "2027" in day(cn, "2026-12-25").source  # the 2027 notice will decide these days


def test_it_stores_us_years_as_official_through_today_plus_15(us):
    years = dict(us.years.values_list("year", "status"))
    assert set(years) == set(range(2000, 2042))
    assert set(years.values()) == {CalendarYear.Status.OFFICIAL}
    assert us.time_zone == "America/New_York"
    assert not us.days.filter(official=False).exists()


@pytest.mark.parametrize(
    ("date", "name_en"),
    [
        ("2025-01-09", "National Day of Mourning for former President Jimmy Carter"),
        ("2025-06-19", "Juneteenth National Independence Day"),
        ("2025-12-24", "Christmas Eve"),
        ("2025-12-25", "Christmas Day"),
        ("2025-12-26", "Day After Christmas"),
        ("2026-01-19", "Birthday of Martin Luther King, Jr."),
        ("2026-06-19", "Juneteenth National Independence Day"),
        ("2026-07-03", "Independence Day (observed)"),
        ("2026-07-04", "Independence Day"),
        ("2026-11-26", "Thanksgiving Day"),
        ("2021-12-31", "New Year's Day (observed)"),  # New Year 2022 observed in 2021
    ],
)
def test_it_stores_us_legal_holidays_as_non_working(us, date, name_en):
    row = day(us, date)
    assert (row.kind, row.is_working, row.name_en) == (DayKind.HOLIDAY, False, name_en)
    assert row.name_zh


def test_it_gives_us_holidays_chinese_names(us):
    assert day(us, "2026-07-03").name_zh == "独立日（补假）"
    assert day(us, "2025-01-09").name_zh == "前总统Jimmy Carter国家哀悼日"


def test_it_counts_a_half_day_closing_as_a_working_day(us):
    row = day(us, "2015-12-24")
    assert row.kind == DayKind.WORKING and row.is_working
    assert row.source.startswith("Executive Order 13713")


@pytest.mark.parametrize("code", ["CN", "US"])
def test_workday_seq_counts_working_days_from_the_first_stored_day(seeded, db, code):
    rows = (
        CalendarDay.objects.filter(calendar__code=code)
        .order_by("date")
        .values_list("date", "is_working", "workday_seq")
    )
    expected = 0
    previous = None
    for date, is_working, seq in rows:
        if previous is not None:
            assert date == previous + dt.timedelta(days=1)  # no gaps
        expected += is_working
        assert seq == expected, date
        previous = date
