"""Re-running ``load_calendars``: idempotent, bounded, and respectful of what admins loaded."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from django.core.management import call_command

from caseflow.calendars.changes import apply_notice, change_day, read_notice
from caseflow.calendars.load import load_calendars
from caseflow.models import CalendarChange, CalendarDay, CalendarYear, DayKind
from tests.calendars.conftest import NOTICE_2027, NOW

D = dt.date.fromisoformat


def snapshot() -> list[tuple]:
    return list(
        CalendarDay.objects.order_by("calendar_id", "date").values_list(
            "calendar_id",
            "date",
            "kind",
            "is_working",
            "workday_seq",
            "official",
            "name_zh",
            "name_en",
            "source",
        )
    )


def assert_seq_consistent(calendar) -> None:
    expected = 0
    for is_working, seq in calendar.days.order_by("date").values_list("is_working", "workday_seq"):
        expected += is_working
        assert seq == expected


def test_it_changes_nothing_when_run_twice(seeded, db, capsys):
    before = snapshot()
    years = list(CalendarYear.objects.values_list("calendar_id", "year", "status", "source", "loaded_at"))
    changes = CalendarChange.objects.count()
    call_command("load_calendars", "--now", "2026-11-24T09:00")
    assert capsys.readouterr().out.splitlines() == ["CN: up to date", "US: up to date"]
    assert snapshot() == before
    assert (
        list(CalendarYear.objects.values_list("calendar_id", "year", "status", "source", "loaded_at"))
        == years
    )
    assert CalendarChange.objects.count() == changes


def test_a_full_load_is_a_bounded_number_of_bulk_statements(
    seeded, blank_slate, django_assert_max_num_queries
):
    with django_assert_max_num_queries(320):  # 27,000 rows: ~280 INSERTs of 99 rows, never one per row
        results = load_calendars(now=NOW)
    assert [(r.code, r.created) for r in results] == [("CN", 12054), ("US", 15341)]
    assert CalendarChange.objects.filter(date__isnull=True).count() == 2  # one summary per calendar


def test_it_adds_provisional_years_as_time_passes(cn):
    [result, _us] = load_calendars(now=dt.datetime(2028, 1, 2, tzinfo=dt.UTC))
    assert result.created == 365 + 365  # 2037 and 2038
    assert cn.years.get(year=2038).status == CalendarYear.Status.PROVISIONAL
    assert cn.years.get(year=2027).status == CalendarYear.Status.PROVISIONAL
    assert_seq_consistent(cn)


@pytest.fixture
def package_with_2027(monkeypatch):
    """Pretend a newer chinesecalendar release covers 2027 (with a make-up day in late 2026)."""
    monkeypatch.setitem(chinese_calendar.holidays, D("2027-01-01"), "New Year's Day")
    monkeypatch.setitem(chinese_calendar.holidays, D("2027-10-01"), "National Day")
    monkeypatch.setitem(chinese_calendar.workdays, D("2026-12-27"), "New Year's Day")


def test_it_upgrades_a_provisional_year_when_the_package_covers_it(cn, package_with_2027):
    [result, _us] = load_calendars(now=NOW)
    assert result.updated == 351 + 14  # 2027 up to its own tail, and the 2026 tail turned official
    year = cn.years.get(year=2027)
    assert year.status == CalendarYear.Status.OFFICIAL
    assert year.source.startswith("国务院办公厅关于2027年部分节假日安排的通知 via chinesecalendar")
    assert CalendarDay.objects.get(calendar=cn, date=D("2027-01-01")).kind == DayKind.HOLIDAY
    december = CalendarDay.objects.get(calendar=cn, date=D("2026-12-27"))
    assert (december.kind, december.official) == (DayKind.MAKEUP_WORKING, True)
    assert not cn.days.filter(date__gte=D("2026-12-18"), date__lte=D("2026-12-31"), official=False).exists()
    assert not cn.days.filter(date__year=2027, date__lte=D("2027-12-17"), official=False).exists()
    assert cn.days.filter(date__gte=D("2027-12-18"), date__year=2027, official=True).count() == 0
    assert_seq_consistent(cn)
    summary = cn.changes.filter(date__isnull=True).latest("id")
    assert "chinesecalendar" in summary.summary and summary.changed_by is None


def test_it_never_overwrites_a_year_loaded_from_a_notice(cn, admin_user, package_with_2027):
    apply_notice(cn, read_notice(NOTICE_2027, filename="cn-2027.yaml"), by=admin_user, now=NOW)
    notice_days = snapshot()
    [result, _us] = load_calendars(now=NOW)
    assert result.kept_years == (2027,)
    assert snapshot() == notice_days
    year = cn.years.get(year=2027)
    assert (year.source, year.loaded_by) == ("测试用虚构通知（非国务院办公厅2027年通知）", admin_user)


def test_it_keeps_a_day_an_admin_changed(cn, admin_user):
    change_day(
        cn,
        date=D("2024-03-04"),
        kind=DayKind.HOLIDAY,
        name_zh="临时放假",
        name_en="Ad-hoc holiday",
        source="某通知",
        reason="test",
        by=admin_user,
        now=NOW,
    )
    before = snapshot()
    [result, _us] = load_calendars(now=NOW)
    assert not result.changed
    assert snapshot() == before
    row = CalendarDay.objects.get(calendar=cn, date=D("2024-03-04"))
    assert (row.kind, row.source) == (DayKind.HOLIDAY, "某通知")


def test_it_updates_the_official_flag_of_an_admin_changed_day(cn, admin_user, package_with_2027):
    change_day(
        cn,
        date=D("2027-03-01"),
        kind=DayKind.HOLIDAY,
        name_zh="临时放假",
        source="某通知",
        reason="announced early",
        by=admin_user,
        now=NOW,
    )
    assert CalendarDay.objects.get(calendar=cn, date=D("2027-03-01")).official is False
    load_calendars(now=NOW)
    row = CalendarDay.objects.get(calendar=cn, date=D("2027-03-01"))
    assert (row.kind, row.source, row.official) == (DayKind.HOLIDAY, "某通知", True)
