"""The escalation page: facts, history, and acknowledge / comment / reassign through the real services,
with the outcome asserted on the rows (status, entries, the stage's responsible person, the clock's
owner); refusals are shown on the page, never as a server error."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alerts.models import Clock, Escalation, EscalationEntry, Notification
from alerts.scan import tick
from alerts.services import escalations as service
from caseflow.models import ResponsibilityChange
from tests.factories import at


def page(escalation: Escalation) -> str:
    return reverse("alerts:escalation", args=[escalation.pk])


def kinds(escalation: Escalation) -> list[str]:
    return list(escalation.entries.order_by("at", "pk").values_list("kind", flat=True))


@pytest.fixture
def morning(travel):
    travel("2026-10-09 09:00")


def test_the_page_shows_the_stage_and_the_history(escalation, appeal, office, as_user):
    response = as_user(office.supervisor).get(page(escalation))
    text = response.content.decode()
    assert appeal.matter.number in text and appeal.matter.client in text
    assert f'href="/matters/{appeal.matter_id}/"' in text
    assert "2026-10-08" in text  # statutory and effective due date
    assert "2026-09-20" in text  # trigger date
    assert "2026-10-09 00:00" in text  # expired at / overdue since
    assert 'data-kind="raised"' in text and office.supervisor.display_name in text


def test_acknowledging_stops_the_ladder(escalation, office, as_user, morning):
    client = as_user(office.supervisor)
    response = client.post(page(escalation), {"action": "acknowledge", "ack-note": "我来处理"})
    assert response.status_code == 302 and response.url == page(escalation)
    escalation.refresh_from_db()
    assert escalation.status == Escalation.Status.ACKNOWLEDGED
    assert (escalation.acknowledged_by, escalation.acknowledged_at) == (
        office.supervisor,
        at("2026-10-09 09:00"),
    )
    entry = escalation.entries.get(kind=EscalationEntry.Kind.ACKNOWLEDGED)
    assert (entry.actor, entry.text) == (office.supervisor, "我来处理")
    tick(now=at("2026-10-12 09:00"))  # step 2 would have reached the department head on 10-10
    assert kinds(escalation) == ["raised", "acknowledged"]
    follow = client.get(page(escalation))
    assert "acknowledge" not in follow.context["forms"]
    assert "Escalation acknowledged: the ladder has stopped." in [str(m) for m in follow.context["messages"]]


def test_acknowledging_twice_says_so_instead_of_failing(escalation, office, as_user, morning):
    client = as_user(office.supervisor)
    client.post(page(escalation), {"action": "acknowledge", "ack-note": ""})
    response = client.post(page(escalation), {"action": "acknowledge", "ack-note": ""})
    assert response.status_code == 200
    assert "This escalation is no longer open." in response.content.decode()
    assert kinds(escalation) == ["raised", "acknowledged"]


def test_a_comment_is_added_to_the_history(escalation, office, as_user, morning):
    response = as_user(office.supervisor).post(
        page(escalation), {"action": "comment", "comment-text": "请说明原因"}
    )
    assert response.status_code == 302
    entry = escalation.entries.get(kind=EscalationEntry.Kind.COMMENT)
    assert (entry.actor, entry.text, entry.at) == (office.supervisor, "请说明原因", at("2026-10-09 09:00"))


def test_the_responsible_lawyer_answers_with_a_comment(escalation, office, as_user, morning):
    response = as_user(office.lawyer).post(
        page(escalation), {"action": "comment", "comment-text": "已联系法院"}
    )
    assert response.status_code == 302
    assert escalation.entries.get(kind=EscalationEntry.Kind.COMMENT).actor == office.lawyer
    assert Escalation.objects.get(pk=escalation.pk).status == Escalation.Status.OPEN


def test_an_empty_comment_is_a_field_error(escalation, office, as_user, morning):
    response = as_user(office.supervisor).post(page(escalation), {"action": "comment", "comment-text": "  "})
    assert response.status_code == 200
    assert response.context["forms"]["comment"].errors == {"text": ["This field is required."]}
    assert kinds(escalation) == ["raised"]


def test_reassigning_gives_the_stage_and_its_clock_to_the_colleague(
    escalation, appeal, office, as_user, morning
):
    data = {
        "action": "reassign",
        "reassign-responsible": office.colleague.pk,
        "reassign-reason": "原承办人出差",
    }
    response = as_user(office.supervisor).post(page(escalation), data)
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.responsible == office.colleague
    assert Clock.objects.get(stage=appeal).owner == office.colleague
    change = ResponsibilityChange.objects.get(stage=appeal)
    assert (change.old_responsible, change.new_responsible, change.changed_by, change.reason) == (
        office.lawyer,
        office.colleague,
        office.supervisor,
        "原承办人出差",
    )
    entry = escalation.entries.get(kind=EscalationEntry.Kind.REASSIGNED)
    assert (entry.actor, entry.recipient, entry.text) == (office.supervisor, office.colleague, "原承办人出差")
    assert Notification.objects.filter(recipient=office.colleague, kind=Notification.Kind.REASSIGNED).exists()
    # the queue now shows the new responsible person
    queue = as_user(office.supervisor).get(reverse("alerts:escalations")).content.decode()
    assert office.colleague.display_name in queue


def test_reassigning_needs_a_reason(escalation, appeal, office, as_user, morning):
    data = {"action": "reassign", "reassign-responsible": office.colleague.pk, "reassign-reason": ""}
    response = as_user(office.supervisor).post(page(escalation), data)
    assert response.status_code == 200
    assert "reason" in response.context["forms"]["reassign"].errors
    appeal.refresh_from_db()
    assert appeal.responsible == office.lawyer
    assert not ResponsibilityChange.objects.exists()


def test_only_active_members_of_the_team_can_take_over(escalation, appeal, office, as_user, morning):
    client = as_user(office.supervisor)
    choices = client.get(page(escalation)).context["forms"]["reassign"].fields["responsible"].queryset
    assert office.colleague in choices and office.supervisor in choices
    assert office.lawyer not in choices  # already responsible
    assert office.outsider not in choices and office.admin not in choices
    data = {"action": "reassign", "reassign-responsible": office.outsider.pk, "reassign-reason": "x"}
    response = client.post(page(escalation), data)
    assert response.status_code == 200
    assert "responsible" in response.context["forms"]["reassign"].errors
    appeal.refresh_from_db()
    assert appeal.responsible == office.lawyer


def test_the_department_head_can_hand_the_stage_to_a_team_member(
    escalation, appeal, office, as_user, morning
):
    data = {"action": "reassign", "reassign-responsible": office.colleague.pk, "reassign-reason": "调整分工"}
    assert as_user(office.head).post(page(escalation), data).status_code == 302
    appeal.refresh_from_db()
    assert appeal.responsible == office.colleague


def test_a_closed_escalation_offers_only_comments(escalation, appeal, office, as_user, morning):
    from caseflow.services.stages import complete_stage

    complete_stage(appeal, by=office.lawyer, now=at("2026-10-09 08:00"))
    client = as_user(office.supervisor)
    assert set(client.get(page(escalation)).context["forms"]) == {"comment"}
    data = {"action": "reassign", "reassign-responsible": office.colleague.pk, "reassign-reason": "x"}
    response = client.post(page(escalation), data)
    assert response.status_code == 200
    assert "This escalation is closed" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.responsible == office.lawyer


def test_an_unknown_action_is_a_bad_request(escalation, office, as_user):
    assert as_user(office.supervisor).post(page(escalation), {"action": "delete"}).status_code == 400


def test_the_page_query_count_does_not_grow_with_the_history(escalation, office, as_user):
    client = as_user(office.supervisor)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page(escalation)).status_code == 200
        return len(queries)

    one = count()
    for n in range(10):
        service.comment(escalation, by=office.supervisor, text=f"第{n}条", now=at("2026-10-09 09:00"))
    assert count() == one
