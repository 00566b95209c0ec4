"""Actions on a stage from the matter page: each happy path checks the real outcome (dates, statuses,
audit rows); each invalid input shows a clear form error and changes nothing."""

from __future__ import annotations

import pytest
import time_machine

from alerts.models import Clock, Escalation, ExtensionRequest, Level, PauseRequest
from alerts.services.requests import decide_pause
from caseflow.models import DeadlineChange, ResponsibilityChange, Stage
from caseflow.services.events import record_event
from caseflow.services.stages import cancel_stage
from tests.factories import at, day, event_type, make_matter

from .conftest import signed_in
from .helpers import text


def appeal_of(matter) -> Stage:
    return matter.stages.get(template__code="appeal")


def post(client, stage, action, **fields):
    data = {f"stage{stage.pk}-{action}-{name}": value for name, value in fields.items()}
    return client.post(f"/stages/{stage.pk}/{action}/", data)


@pytest.fixture
def when():
    with time_machine.travel(at("2026-09-25 10:00"), tick=False):
        yield at("2026-09-25 10:00")


def test_complete_marks_done_and_starts_the_next_stage(office, matter, served, when):
    appeal = appeal_of(matter)
    client = signed_in(office.lawyer)
    response = post(client, appeal, "complete", note="上诉状已递交")
    assert response.status_code == 302
    assert response["Location"] == f"/matters/{matter.pk}/#stage-{appeal.pk}"
    appeal.refresh_from_db()
    assert (appeal.status, appeal.completed_at, appeal.completed_by, appeal.completion_note) == (
        Stage.Status.DONE,
        when,
        office.lawyer,
        "上诉状已递交",
    )
    assert appeal.completed_on_time
    fee = matter.stages.get(template__code="appeal-fee")
    # 7 days from 09-25 is 10-02, inside the National Day holiday: the next working day is 10-08
    assert (fee.status, fee.started_on, fee.due_date) == (
        Stage.Status.IN_PROGRESS,
        day("2026-09-25"),
        day("2026-10-08"),
    )
    assert "completed" in text(client.get(response["Location"]))


def test_complete_is_refused_on_a_stage_awaiting_its_trigger(office, matter, when):
    defence = matter.stages.get(template__code="answer")
    client = signed_in(office.lawyer)
    response = post(client, defence, "complete", note="")
    assert response.status_code == 302
    assert "no longer possible" in text(client.get(response["Location"]))
    defence.refresh_from_db()
    assert defence.status == Stage.Status.AWAITING_TRIGGER


def test_request_a_pause(office, matter, served, when):
    appeal = appeal_of(matter)
    response = post(
        signed_in(office.lawyer),
        appeal,
        "pause",
        category="suspension",
        start_date="2026-09-24",
        reason="当事人申请调解",
        legal_basis="民诉法第153条",
    )
    assert response.status_code == 302
    pause = PauseRequest.objects.get(stage=appeal)
    assert (pause.status, pause.category, pause.start_date, pause.requested_by, pause.legal_basis) == (
        PauseRequest.Status.PENDING,
        "suspension",
        day("2026-09-24"),
        office.lawyer,
        "民诉法第153条",
    )
    appeal.refresh_from_db()
    assert not appeal.is_paused and appeal.due_date == day("2026-10-08")


def test_a_pause_starting_before_the_trigger_is_refused_on_its_field(office, matter, served, when):
    appeal = appeal_of(matter)
    response = post(
        signed_in(office.lawyer),
        appeal,
        "pause",
        category="suspension",
        start_date="2026-09-19",
        reason="x",
        legal_basis="",
    )
    assert response.status_code == 200
    form = response.context["stage_views"][1].forms["pause"]
    assert "A pause starts after the trigger date (2026-09-20)." in form.errors["start_date"]
    assert 'data-action="pause" open' in response.content.decode()
    assert not PauseRequest.objects.exists()


def test_a_pause_without_a_reason_is_refused(office, matter, served, when):
    appeal = appeal_of(matter)
    response = post(
        signed_in(office.lawyer),
        appeal,
        "pause",
        category="suspension",
        start_date="2026-09-24",
        reason="",
        legal_basis="",
    )
    assert response.status_code == 200
    assert response.context["stage_views"][1].forms["pause"].errors["reason"]
    assert not PauseRequest.objects.exists()


def test_end_a_running_pause_moves_the_due_date(office, matter, served):
    appeal = appeal_of(matter)
    from alerts.services.requests import request_pause

    start = at("2026-09-25 10:00")
    pause = request_pause(
        appeal,
        category="suspension",
        reason="调解",
        legal_basis="",
        start_date=day("2026-09-24"),
        by=office.lawyer,
        now=start,
    )
    decide_pause(pause, approve=True, note="", by=office.supervisor, now=start)
    with time_machine.travel(at("2026-09-30 10:00"), tick=False):
        response = post(signed_in(office.lawyer), appeal, "end_pause", end_date="2026-09-29")
        assert response.status_code == 302
    pause.refresh_from_db()
    appeal.refresh_from_db()
    assert pause.end_date == day("2026-09-29") and not appeal.is_paused
    assert appeal.statutory_due == day("2026-10-08")
    assert appeal.due_date > day("2026-10-08")
    change = DeadlineChange.objects.get(stage=appeal, field="due_date", cause="pause")
    assert (change.old_value, change.new_value, change.changed_by) == (
        day("2026-10-08"),
        appeal.due_date,
        office.lawyer,
    )


def test_end_of_a_pause_before_it_started_is_refused(office, matter, served):
    appeal = appeal_of(matter)
    from alerts.services.requests import request_pause

    start = at("2026-09-25 10:00")
    pause = request_pause(
        appeal,
        category="suspension",
        reason="调解",
        legal_basis="",
        start_date=day("2026-09-24"),
        by=office.lawyer,
        now=start,
    )
    decide_pause(pause, approve=True, note="", by=office.supervisor, now=start)
    with time_machine.travel(at("2026-09-30 10:00"), tick=False):
        response = post(signed_in(office.lawyer), appeal, "end_pause", end_date="2026-09-20")
    assert response.status_code == 200
    assert "A pause cannot end before it started (2026-09-24)." in text(response)
    pause.refresh_from_db()
    assert pause.end_date is None


def test_request_an_extension(office, matter, served, when):
    appeal = appeal_of(matter)
    response = post(
        signed_in(office.lawyer),
        appeal,
        "extension",
        new_due_date="2026-10-20",
        reason="不可抗力",
        legal_basis="民诉法第86条",
    )
    assert response.status_code == 302
    extension = ExtensionRequest.objects.get(stage=appeal)
    assert (extension.status, extension.new_due_date, extension.due_date_before) == (
        ExtensionRequest.Status.PENDING,
        day("2026-10-20"),
        day("2026-10-08"),
    )


def test_an_extension_to_an_earlier_date_is_refused(office, matter, served, when):
    appeal = appeal_of(matter)
    response = post(
        signed_in(office.lawyer), appeal, "extension", new_due_date="2026-10-01", reason="x", legal_basis="y"
    )
    assert response.status_code == 200
    assert "The new due date must be after 2026-10-08." in text(response)
    assert not ExtensionRequest.objects.exists()


def test_the_responsible_person_acknowledges_an_urgent_warning(office, appeal_type):
    matter = make_matter(office, appeal_type)
    record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-09-20"),
        by=office.lawyer,
        now=at("2026-09-30 09:00"),
    )  # the last working day before 10-08: urgent
    appeal = appeal_of(matter)
    assert appeal.clock.level == Level.URGENT
    assert Escalation.objects.filter(clock=appeal.clock, status="pending").exists()
    with time_machine.travel(at("2026-09-30 10:00"), tick=False):
        client = signed_in(office.lawyer)
        assert "I have seen this warning" in text(client.get(f"/matters/{matter.pk}/"))
        response = post(client, appeal, "acknowledge")
    assert response.status_code == 302
    clock = Clock.objects.get(stage=appeal)
    assert clock.acknowledged_at == at("2026-09-30 10:00")
    assert Escalation.objects.get(clock=clock).status == Escalation.Status.CANCELLED
    with time_machine.travel(at("2026-09-30 10:05"), tick=False):
        assert "I have seen this warning" not in text(client.get(f"/matters/{matter.pk}/"))


def test_only_the_responsible_person_may_acknowledge(office, appeal_type):
    matter = make_matter(office, appeal_type)
    record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-09-20"),
        by=office.lawyer,
        now=at("2026-09-30 09:00"),
    )
    appeal = appeal_of(matter)
    with time_machine.travel(at("2026-09-30 10:00"), tick=False):
        assert post(signed_in(office.supervisor), appeal, "acknowledge").status_code == 403
    assert Clock.objects.get(stage=appeal).acknowledged_at is None


def test_a_supervisor_cancels_and_reopens(office, matter, served, when):
    appeal = appeal_of(matter)
    client = signed_in(office.supervisor)
    assert post(client, appeal, "cancel", reason="客户决定不上诉").status_code == 302
    appeal.refresh_from_db()
    assert (appeal.status, appeal.completion_note, appeal.completed_by) == (
        Stage.Status.CANCELLED,
        "客户决定不上诉",
        office.supervisor,
    )
    assert not Clock.objects.get(stage=appeal).running
    assert post(client, appeal, "reopen", reason="客户改变主意").status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Stage.Status.IN_PROGRESS and appeal.due_date == day("2026-10-08")
    assert Clock.objects.get(stage=appeal).running


def test_cancel_without_a_reason_is_refused(office, matter, served, when):
    appeal = appeal_of(matter)
    response = post(signed_in(office.supervisor), appeal, "cancel", reason="")
    assert response.status_code == 200
    assert response.context["stage_views"][1].forms["cancel"].errors["reason"]
    appeal.refresh_from_db()
    assert appeal.status == Stage.Status.IN_PROGRESS


def test_reopen_is_offered_only_on_closed_stages(office, matter, served, when):
    appeal = appeal_of(matter)
    response = post(signed_in(office.supervisor), appeal, "reopen", reason="x")
    assert response.status_code == 302  # nothing to reopen: a message, no change
    cancel_stage(appeal, reason="x", by=office.supervisor, now=when)
    page = text(signed_in(office.supervisor).get(f"/matters/{matter.pk}/"))
    assert "Reopen the stage" in page


def test_a_supervisor_reassigns(office, matter, served, when):
    appeal = appeal_of(matter)
    response = post(
        signed_in(office.supervisor), appeal, "reassign", responsible=office.colleague.pk, reason="休假"
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.responsible == office.colleague
    change = ResponsibilityChange.objects.get(stage=appeal)
    assert (change.old_responsible, change.new_responsible, change.reason, change.changed_by) == (
        office.lawyer,
        office.colleague,
        "休假",
        office.supervisor,
    )
    assert Clock.objects.get(stage=appeal).owner == office.colleague


def test_reassigning_to_the_same_person_is_refused(office, matter, served, when):
    appeal = appeal_of(matter)
    response = post(
        signed_in(office.supervisor), appeal, "reassign", responsible=office.lawyer.pk, reason="x"
    )
    assert response.status_code == 200
    assert response.context["stage_views"][1].forms["reassign"].errors["responsible"]
    assert not ResponsibilityChange.objects.exists()


def test_a_closed_matter_offers_no_actions(office, matter, served, when):
    from caseflow.services.matters import close_matter

    close_matter(matter, closed_on=day("2026-09-25"), reason="和解结案", by=office.supervisor, now=when)
    client = signed_in(office.supervisor)
    page = client.get(f"/matters/{matter.pk}/")
    assert all(not view.actions for view in page.context["stage_views"])
    assert page.context["record_form"] is None
    appeal = appeal_of(matter)
    response = post(client, appeal, "reopen", reason="x")
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == Stage.Status.CANCELLED
