"""Reading a holiday notice file: strict, with ``file:line: message`` for every problem at once."""

from __future__ import annotations

import datetime as dt

import pytest

from caseflow.calendars.datafiles import DataFileError
from caseflow.calendars.notices import CalendarFacts, parse_notice
from tests.calendars.conftest import NOTICE_2027

D = dt.date.fromisoformat
FACTS = {
    "CN": CalendarFacts("CN", tail_days=14, first_year=2004, last_year=2036),
    "US": CalendarFacts("US", tail_days=0, first_year=2000, last_year=2041),
}


def errors(text: str) -> list[str]:
    with pytest.raises(DataFileError) as info:
        parse_notice(text, filename="cn-2027.yaml", calendars=FACTS)
    return info.value.errors


def test_it_reads_a_notice():
    notice = parse_notice(NOTICE_2027, filename="cn-2027.yaml", calendars=FACTS)
    assert (notice.calendar, notice.year) == ("CN", 2027)
    assert notice.span == (D("2026-12-18"), D("2027-12-17"))
    assert notice.url == "https://example.test/fictional-2027-notice"
    new_year = notice.holidays[0]
    assert (new_year.name_zh, new_year.name_en, new_year.first, new_year.last) == (
        "元旦",
        "New Year's Day",
        D("2026-12-31"),
        D("2027-01-03"),
    )
    assert notice.holidays[4].first == notice.holidays[4].last == D("2027-06-09")  # `to` left out
    makeup = {m.date: m.holiday.name_zh for m in notice.makeup_workdays}
    assert makeup[D("2026-12-27")] == "元旦"
    assert makeup[D("2027-04-25")] == "劳动节"  # named by its English name in the file


def test_it_reports_every_problem_with_its_line():
    text = """\
calendar: CN
year: 2027
source: 通知
holidays:
  - {name_zh: 元旦, name_en: New Year's Day, from: 2027-01-01, to: 2027-01-03}
  - {name_zh: 春节, name_en: Spring Festival, from: 2027-01-03, to: 2027-01-09}
  - {name_zh: 国庆节, from: 2027-10-01, to: 2027-10-07}
  - {name_zh: 圣诞, name_en: Christmas, from: 2027-12-25}
  - {name_zh: 清明节, name_en: Qingming, from: 2027-04-05, to: 2027-04-03}
makeup_workdays:
  - {date: 2027-02-10, for: 春节}
  - {date: 2026-11-28, for: 元旦}
  - {date: 2027-01-02, for: 元旦}
  - {date: 2027-02-20, for: 端午节}
  - {date: 2027-01-31, for: 春节, note: extra}
"""
    assert errors(text) == [
        "cn-2027.yaml:7: 'name_en' is required",
        "cn-2027.yaml:8: holiday 圣诞 2027-12-25 – 2027-12-25 is outside the days a 2027 notice governs "
        "(2026-12-18 – 2027-12-17)",
        "cn-2027.yaml:9: 'to' (2027-04-03) is before 'from' (2027-04-05)",
        "cn-2027.yaml:6: holiday 春节 2027-01-03 – 2027-01-09 overlaps 元旦 2027-01-01 – 2027-01-03 (line 5)",
        "cn-2027.yaml:11: make-up working day 2027-02-10 is a Wednesday; "
        "make-up days are Saturdays or Sundays",
        "cn-2027.yaml:12: make-up working day 2026-11-28 is outside the days a 2027 notice governs "
        "(2026-12-18 – 2027-12-17)",
        "cn-2027.yaml:13: make-up working day 2027-01-02 falls inside holiday 元旦 (line 5)",
        "cn-2027.yaml:14: 'for' must name one of the notice's holidays (元旦, 春节, 国庆节, 圣诞); "
        "found '端午节'",
        "cn-2027.yaml:15: unknown key 'note' in a make-up working day (expected one of: date, for)",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("calendar: CN\nyear: 2027\n  bad: [\n", "cn-2027.yaml:3: not valid YAML"),
        (
            "- just a list\n",
            "cn-2027.yaml:1: a holiday notice must be a mapping of keys to values (found a list)",
        ),
        (
            "calendar: HK\nyear: 2027\nsource: x\nholidays: []\n",
            "cn-2027.yaml:1: unknown calendar 'HK' (known: CN, US)",
        ),
        (
            "calendar: CN\nyear: 2040\nsource: x\nholidays: []\n",
            "cn-2027.yaml:2: CN has no days stored for 2040",
        ),
        (
            "calendar: CN\nyear: twenty\nsource: x\nholidays: []\n",
            "cn-2027.yaml:2: 'year' must be a whole number",
        ),
        ("calendar: CN\nyear: 2027\nholidays: []\n", "cn-2027.yaml:1: 'source' is required"),
        (
            "calendar: CN\nyear: 2027\nsource: x\nholidays: []\n",
            "cn-2027.yaml:4: 'holidays' lists no holiday",
        ),
        ("calendar: CN\nyear: 2027\nyear: 2028\nsource: x\n", "cn-2027.yaml:3: key 'year' appears twice"),
        ("calendar: CN\nyear: 2027\nsource: x\nurl: gov.cn\nholidays: []\n", "cn-2027.yaml:4: 'url' must be"),
        (
            "calendar: CN\nyear: 2027\nsource: x\ncomment: y\nholidays: []\n",
            "cn-2027.yaml:4: unknown key 'comment'",
        ),
        (
            "calendar: CN\nyear: 2027\nsource: x\nholidays:\n"
            "  - {name_zh: a, name_en: b, from: 2027-13-01}\n",
            "cn-2027.yaml:5: 'from' must be a date written YYYY-MM-DD (found '2027-13-01')",
        ),
    ],
)
def test_it_refuses_a_malformed_notice(text, message):
    assert any(error.startswith(message) for error in errors(text)), errors(text)


def test_a_us_notice_governs_exactly_its_year():
    text = "calendar: US\nyear: 2027\nsource: x\nholidays:\n  - {name_zh: a, name_en: b, from: 2026-12-31}\n"
    assert errors(text) == [
        "cn-2027.yaml:5: holiday a 2026-12-31 – 2026-12-31 is outside the days a 2027 notice governs "
        "(2027-01-01 – 2027-12-31)"
    ]
