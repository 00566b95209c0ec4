"""Loading a year's holiday notice (the service and ``manage.py load_holiday_notice``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from caseflow.calendars.changes import apply_notice, read_notice
from caseflow.models import CalendarChange, CalendarDay, CalendarYear, DayKind
from tests.calendars.conftest import NOTICE_2027, NOW

D = dt.date.fromisoformat


def days(calendar, first: str, last: str) -> dict[dt.date, tuple]:
    rows = calendar.days.filter(date__gte=D(first), date__lte=D(last)).values_list(
        "date", "kind", "official", "name_zh"
    )
    return {date: (kind, official, name) for date, kind, official, name in rows}


def snapshot() -> list[tuple]:
    return list(
        CalendarDay.objects.order_by("id").values_list("id", "kind", "official", "workday_seq", "source")
    )


@pytest.fixture
def notice_file(tmp_path):
    path = tmp_path / "cn-2027.yaml"
    path.write_text(NOTICE_2027, encoding="utf-8")
    return path


def test_it_makes_2027_official_with_the_notice_days(cn, admin_user):
    notice = read_notice(NOTICE_2027, filename="cn-2027.yaml")
    change = apply_notice(cn, notice, by=admin_user, now=NOW)

    year = cn.years.get(year=2027)
    assert (year.status, year.source, year.source_url, year.loaded_by, year.loaded_at) == (
        CalendarYear.Status.OFFICIAL,
        "测试用虚构通知（非国务院办公厅2027年通知）",
        "https://example.test/fictional-2027-notice",
        admin_user,
        NOW,
    )
    spring = days(cn, "2027-02-04", "2027-02-14")
    assert spring[D("2027-02-04")] == (DayKind.WORKING, True, "")
    assert {spring[D("2027-02-05") + dt.timedelta(days=i)] for i in range(9)} == {
        (DayKind.HOLIDAY, True, "春节")
    }
    assert spring[D("2027-02-14")] == (DayKind.REST, True, "")
    assert days(cn, "2027-10-09", "2027-10-09")[D("2027-10-09")] == (DayKind.MAKEUP_WORKING, True, "国庆节")
    assert change.stages_recomputed == 0 and change.changed_by == admin_user


def test_it_rewrites_the_2026_tail_and_turns_it_official(cn, admin_user):
    apply_notice(cn, read_notice(NOTICE_2027, filename="cn-2027.yaml"), by=admin_user, now=NOW)
    tail = days(cn, "2026-12-18", "2026-12-31")
    assert all(official for _kind, official, _name in tail.values())
    assert tail[D("2026-12-27")] == (DayKind.MAKEUP_WORKING, True, "元旦")
    assert tail[D("2026-12-31")] == (DayKind.HOLIDAY, True, "元旦")
    assert tail[D("2026-12-30")] == (DayKind.WORKING, True, "")
    own_tail = days(cn, "2027-12-18", "2027-12-31")  # still waiting for the 2028 notice
    assert not any(official for _kind, official, _name in own_tail.values())
    assert days(cn, "2027-12-17", "2027-12-17")[D("2027-12-17")][1] is True


def test_it_renumbers_working_days(cn, admin_user):
    before = dict(cn.days.filter(date__gte=D("2026-12-01")).values_list("date", "workday_seq"))
    apply_notice(cn, read_notice(NOTICE_2027, filename="cn-2027.yaml"), by=admin_user, now=NOW)
    after = dict(cn.days.filter(date__gte=D("2026-12-01")).values_list("date", "workday_seq"))
    assert after[D("2026-12-26")] == before[D("2026-12-26")]
    assert after[D("2026-12-27")] == before[D("2026-12-27")] + 1  # a working Sunday
    assert after[D("2026-12-31")] == before[D("2026-12-31")]  # +1 Sunday, -1 holiday Thursday
    # Weekday holidays: 2026-12-31, Jan 1; Feb 5, 8-12; Apr 5; May 3-5; Jun 9; Sep 15; Oct 1, 4-7.
    lost = 2 + 6 + 1 + 3 + 1 + 1 + 5
    gained = 7  # make-up days, 2026-12-27 included
    assert after[D("2027-12-31")] == before[D("2027-12-31")] - lost + gained
    expected = cn.days.get(date=D("2026-11-30")).workday_seq
    for is_working, seq in (
        cn.days.filter(date__gte=D("2026-12-01")).order_by("date").values_list("is_working", "workday_seq")
    ):
        expected += is_working
        assert seq == expected


def test_it_audits_the_notice(cn, admin_user):
    apply_notice(cn, read_notice(NOTICE_2027, filename="cn-2027.yaml"), by=admin_user, now=NOW)
    summary = cn.changes.get(date__isnull=True, year=2027)
    assert summary.summary.startswith("CN 2027 made official from a holiday notice")
    assert summary.reason == "Holiday notice for 2027 loaded from cn-2027.yaml"
    assert summary.source == "测试用虚构通知（非国务院办公厅2027年通知）"
    per_day = cn.changes.filter(date__isnull=False)
    assert per_day.count() == 30 + 7  # holiday days and make-up days, 2026-12-27 and 2026-12-31 included
    sunday = per_day.get(date=D("2026-12-27"))
    assert (sunday.old_kind, sunday.new_kind, sunday.changed_by) == (
        DayKind.REST,
        DayKind.MAKEUP_WORKING,
        admin_user,
    )


def test_the_command_dry_run_writes_nothing(cn, notice_file, capsys):
    before = snapshot()
    call_command("load_holiday_notice", str(notice_file), "--dry-run")
    out = capsys.readouterr().out
    assert "2026-12-27  rest → makeup_working  元旦" in out
    assert out.rstrip().endswith("stages would be recomputed")
    assert snapshot() == before
    assert cn.years.get(year=2027).status == CalendarYear.Status.PROVISIONAL


def test_the_command_loads_the_notice(cn, notice_file, admin_user, capsys):
    call_command(
        "load_holiday_notice", str(notice_file), "--user", admin_user.username, "--now", "2026-11-24T09:00"
    )
    assert "CN 2027 made official" in capsys.readouterr().out
    year = cn.years.get(year=2027)
    assert (year.status, year.loaded_by, year.loaded_at) == (CalendarYear.Status.OFFICIAL, admin_user, NOW)


def test_a_malformed_notice_changes_nothing(cn, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(NOTICE_2027.replace("{date: 2027-02-20, for: 春节}", "{date: 2027-02-17, for: 春节}"))
    before, changes = snapshot(), CalendarChange.objects.count()
    with pytest.raises(CommandError) as info:
        call_command("load_holiday_notice", str(bad))
    assert str(info.value) == (
        f"{bad}:16: make-up working day 2027-02-17 is a Wednesday; make-up days are Saturdays or Sundays"
    )
    assert snapshot() == before
    assert CalendarChange.objects.count() == changes
    assert cn.years.get(year=2027).status == CalendarYear.Status.PROVISIONAL


def test_loading_the_same_notice_twice_changes_no_day(cn, admin_user):
    notice = read_notice(NOTICE_2027, filename="cn-2027.yaml")
    apply_notice(cn, notice, by=admin_user, now=NOW)
    before = snapshot()
    change = apply_notice(cn, notice, by=admin_user, now=NOW)
    assert snapshot() == before
    assert change.summary.endswith(": 0 days changed")
