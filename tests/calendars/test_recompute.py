"""Calendar changes recompute the stages whose deadlines counted the changed days
(``caseflow.services.stages.recompute_stages_touching``)."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
from django.urls import reverse

from caseflow.calendars.changes import apply_notice, change_day, read_notice
from caseflow.calendars.closures import delete_closure, save_closure
from caseflow.calendars.load import load_calendars
from caseflow.models import Court, CourtClosure, DayKind
from caseflow.models.history import ChangeCause
from tests.calendars.conftest import NOTICE_2027, NOW

D = dt.date.fromisoformat


def test_a_notice_recomputes_a_provisional_deadline(cn, admin_user, started_stage):
    stage = started_stage(cn, trigger=D("2026-12-16"), period="15d", convention="cn_civil")
    assert (stage.due_date, stage.provisional) == (D("2026-12-31"), True)

    change = apply_notice(cn, read_notice(NOTICE_2027, filename="cn-2027.yaml"), by=admin_user, now=NOW)

    stage.refresh_from_db()
    assert (stage.due_date, stage.provisional) == (D("2027-01-04"), False)  # 12-31 to 01-03 off
    assert change.stages_recomputed == 1
    moved = stage.deadline_changes.exclude(cause=ChangeCause.EVENT_RECORDED).get(field="due_date")
    assert (moved.old_value, moved.new_value, moved.cause, moved.changed_by) == (
        D("2026-12-31"),
        D("2027-01-04"),
        ChangeCause.CALENDAR_CHANGED,
        admin_user,
    )


def test_the_notice_preview_counts_the_stages_to_recompute(cn, admin_client, started_stage):
    started_stage(cn, trigger=D("2026-12-16"), period="15d", convention="cn_civil")
    started_stage(cn, trigger=D("2026-03-02"), period="15d", convention="cn_civil")  # not touched
    url = reverse("admin:caseflow_calendar_import_notice", args=[cn.pk])
    page = admin_client.post(url, {"text": NOTICE_2027, "preview": "1"}).content.decode()
    assert "1 stage examined a day between 2026-12-18 and 2027-12-17" in page


def test_changing_a_day_recomputes_the_deadline_that_ends_on_it(us, admin_user, started_stage):
    stage = started_stage(us, trigger=D("2026-06-05"), period="14d", convention="us_frcp")
    assert stage.due_date == D("2026-06-22")  # 06-19 is Juneteenth
    change = change_day(
        us,
        date=D("2026-06-22"),
        kind=DayKind.HOLIDAY,
        name_en="Executive branch closure (test)",
        source="Executive Order (fictional, test)",
        reason="closure announced",
        by=admin_user,
        now=NOW,
    )
    stage.refresh_from_db()
    assert stage.due_date == D("2026-06-23")
    assert change.stages_recomputed == 1


def test_a_court_closure_recomputes_that_courts_stages_only(us, admin_user, started_stage):
    court = Court.objects.create(
        code="sdny",
        name_zh="纽约南区联邦地区法院",
        name_en="S.D.N.Y.",
        jurisdiction="US",
        calendar=us,
        time_zone="America/New_York",
    )
    at_court = started_stage(us, trigger=D("2026-06-05"), period="14d", convention="us_frcp", court=court)
    elsewhere = started_stage(us, trigger=D("2026-06-05"), period="14d", convention="us_frcp")
    closure = CourtClosure(court=court, date=D("2026-06-22"), name="Clerk's office inaccessible")

    assert save_closure(closure, previous=None, by=admin_user, now=NOW) == 1
    at_court.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (at_court.due_date, elsewhere.due_date) == (D("2026-06-23"), D("2026-06-22"))
    moved = at_court.deadline_changes.exclude(cause=ChangeCause.EVENT_RECORDED).get(field="due_date")
    assert (moved.new_value, moved.cause) == (D("2026-06-23"), ChangeCause.COURT_CLOSURE)
    assert closure.created_by == admin_user and closure.created_at == NOW

    assert delete_closure(closure, by=admin_user, now=NOW) == 1
    at_court.refresh_from_db()
    assert at_court.due_date == D("2026-06-22")


def test_load_calendars_recomputes_when_a_package_release_covers_a_provisional_year(
    cn, started_stage, monkeypatch
):
    stage = started_stage(cn, trigger=D("2026-12-16"), period="15d", convention="cn_civil")
    monkeypatch.setitem(chinese_calendar.holidays, D("2027-01-01"), "New Year's Day")
    [result, _us] = load_calendars(now=NOW)
    assert result.stages_recomputed == 1
    stage.refresh_from_db()
    assert stage.provisional is False and stage.due_date == D("2026-12-31")
