"""Pauses and extensions: approval shifts the effective due date; the statutory date stays visible."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from alerts.models import Clock, ExtensionRequest, Notification, PauseRequest
from alerts.scan import tick
from alerts.services.requests import (
    decide_extension,
    decide_pause,
    end_pause,
    request_extension,
    request_pause,
)
from caseflow.models import DeadlineChange
from caseflow.services.events import record_event
from tests.factories import at, day, event_type, make_matter, make_matter_type


def pause(appeal, office, *, category="suspension", start="2026-09-22", approve=True):
    request = request_pause(
        appeal,
        category=category,
        reason="当事人申请调解",
        legal_basis="民诉法 art. 86",
        start_date=day(start),
        by=office.lawyer,
        now=at(f"{start} 10:00"),
    )
    return decide_pause(request, approve=approve, note="同意", by=office.supervisor, now=at(f"{start} 15:00"))


def test_an_approved_pause_stops_the_clock_and_moves_the_due_date_when_it_ends(appeal, office):
    running = pause(appeal, office)
    appeal.refresh_from_db()
    assert appeal.is_paused
    assert not Clock.objects.get(stage=appeal).running
    assert Notification.objects.filter(recipient=office.supervisor, kind=Notification.Kind.REQUEST).exists()
    assert Notification.objects.filter(recipient=office.lawyer, kind=Notification.Kind.DECISION).exists()

    end_pause(running, end_date=day("2026-09-25"), by=office.lawyer, now=at("2026-09-26 09:00"))
    appeal.refresh_from_db()
    # 2026-09-22..25 is 4 days: day 15 moves from 2026-10-05 to 2026-10-09, a Friday.
    assert appeal.statutory_due == day("2026-10-08")
    assert appeal.due_date == day("2026-10-09")
    assert not appeal.is_paused
    clock = Clock.objects.get(stage=appeal)
    assert clock.running
    assert clock.due_at == at("2026-10-10 00:00")
    change = DeadlineChange.objects.get(stage=appeal, field=DeadlineChange.Field.DUE_DATE, cause="pause")
    assert (change.old_value, change.new_value, change.changed_by) == (
        day("2026-10-08"),
        day("2026-10-09"),
        office.lawyer,
    )
    assert "2026-09-22" in change.reason


def test_an_interruption_restarts_the_whole_period(appeal, office):
    running = pause(appeal, office, category="interruption", start="2026-09-25")
    end_pause(running, end_date=day("2026-09-28"), by=office.lawyer, now=at("2026-09-28 17:00"))
    appeal.refresh_from_db()
    assert appeal.due_date == day("2026-10-13")  # 15 days from 2026-09-28
    assert appeal.statutory_due == day("2026-10-08")


def test_a_rejected_pause_changes_nothing(appeal, office):
    pause(appeal, office, approve=False)
    appeal.refresh_from_db()
    assert not appeal.is_paused
    assert appeal.due_date == day("2026-10-08")
    assert Clock.objects.get(stage=appeal).running


def test_a_paused_stage_reminds_its_owner_to_resume(appeal, office):
    pause(appeal, office)  # default resume reminder: every 7 days
    tick(now=at("2026-09-29 16:00"))
    tick(now=at("2026-09-29 16:00"))
    reminders = Notification.objects.filter(
        recipient=office.lawyer, kind=Notification.Kind.RESUME_REMINDER, channel="inbox"
    )
    assert reminders.count() == 1
    tick(now=at("2026-10-06 16:00"))
    assert reminders.count() == 2


def test_only_a_supervisor_decides(appeal, office):
    request = request_pause(
        appeal,
        category="suspension",
        reason="鉴定",
        legal_basis="",
        start_date=day("2026-09-22"),
        by=office.lawyer,
        now=at("2026-09-22 10:00"),
    )
    with pytest.raises(PermissionDenied):
        decide_pause(request, approve=True, note="", by=office.colleague, now=at("2026-09-22 11:00"))
    assert PauseRequest.objects.get(pk=request.pk).status == PauseRequest.Status.PENDING


def test_a_fixed_period_cannot_be_paused(office, reference_data):
    retrial_type = make_matter_type(
        [{"code": "retrial", "trigger": "judgment_effective", "rule": "cn.civil.retrial"}]
    )
    matter = make_matter(office, retrial_type)
    record_event(
        matter=matter,
        event_type=event_type("judgment_effective"),
        occurred_on=day("2026-09-20"),
        by=office.lawyer,
        now=at("2026-09-20 10:00"),
    )
    stage = matter.stages.get()
    with pytest.raises(ValidationError, match="不变期间"):
        request_pause(
            stage,
            category="suspension",
            reason="x",
            legal_basis="",
            start_date=day("2026-09-22"),
            by=office.lawyer,
            now=at("2026-09-22 10:00"),
        )


def test_an_approved_extension_sets_the_due_date_and_is_audited(appeal, office):
    request = request_extension(
        appeal,
        new_due_date=day("2026-10-20"),
        reason="对方当事人在境外",
        legal_basis="民诉法 art. 86",
        by=office.lawyer,
        now=at("2026-09-25 10:00"),
    )
    decide_extension(request, approve=True, note="准予", by=office.supervisor, now=at("2026-09-25 16:00"))
    appeal.refresh_from_db()
    assert (appeal.statutory_due, appeal.due_date) == (day("2026-10-08"), day("2026-10-20"))
    assert Clock.objects.get(stage=appeal).due_at == at("2026-10-21 00:00")
    change = DeadlineChange.objects.get(stage=appeal, cause="extension")
    assert (change.old_value, change.new_value, change.changed_by) == (
        day("2026-10-08"),
        day("2026-10-20"),
        office.supervisor,
    )
    assert appeal.computation.steps[-1]["code"] == "extension_approved"


def test_an_extension_must_move_the_date_later(appeal, office):
    with pytest.raises(ValidationError):
        request_extension(
            appeal,
            new_due_date=day("2026-10-01"),
            reason="x",
            legal_basis="y",
            by=office.lawyer,
            now=at("2026-09-25 10:00"),
        )
    assert not ExtensionRequest.objects.exists()


def test_a_non_extendable_period_cannot_be_extended(office, reference_data):
    us_type = make_matter_type(
        [{"code": "new-trial", "trigger": "judgment_entered", "rule": "us.frcp.new_trial"}], calendar="US"
    )
    matter = make_matter(office, us_type)
    record_event(
        matter=matter,
        event_type=event_type("judgment_entered"),
        occurred_on=day("2026-09-10"),
        by=office.lawyer,
        now=at("2026-09-10 10:00"),
    )
    with translation.override("en"), pytest.raises(ValidationError, match="cannot be extended"):
        request_extension(
            matter.stages.get(),
            new_due_date=day("2026-11-30"),
            reason="x",
            legal_basis="y",
            by=office.lawyer,
            now=at("2026-09-12 10:00"),
        )


def test_supervisors_see_paused_days_and_extensions_per_person(appeal, office):
    from alerts.selectors import pause_and_extension_stats

    running = pause(appeal, office)
    end_pause(running, end_date=day("2026-09-25"), by=office.lawyer, now=at("2026-09-26 09:00"))
    request = request_extension(
        appeal,
        new_due_date=day("2026-10-20"),
        reason="r",
        legal_basis="b",
        by=office.lawyer,
        now=at("2026-09-27 10:00"),
    )
    decide_extension(request, approve=True, note="", by=office.supervisor, now=at("2026-09-27 11:00"))
    rows = {row.person: row for row in pause_and_extension_stats(team_ids=[office.team.pk])}
    mine = rows[office.lawyer]
    assert (mine.pauses, mine.paused_days, mine.extensions_approved, mine.extensions_requested) == (
        1,
        4,
        1,
        1,
    )
