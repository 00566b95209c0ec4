"""The approvals queue: pending pauses and extensions of the supervised teams, decided through
``decide_pause`` / ``decide_extension``, with the due date change and its audit row asserted."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alerts.models import Clock, ExtensionRequest, PauseRequest
from alerts.services.requests import request_extension, request_pause
from caseflow.models import DeadlineChange
from tests.factories import at, day
from tests.supervision.conftest import start_appeal

URL = reverse("alerts:approvals")


def decide_pause_url(pause: PauseRequest) -> str:
    return reverse("alerts:decide_pause", args=[pause.pk])


def decide_extension_url(extension: ExtensionRequest) -> str:
    return reverse("alerts:decide_extension", args=[extension.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def ask_for_pause(stage, office, *, start="2026-09-22", by=None) -> PauseRequest:
    return request_pause(
        stage,
        category=PauseRequest.Category.SUSPENSION,
        reason="当事人申请调解",
        legal_basis="民诉法 art. 86",
        start_date=day(start),
        by=by or office.lawyer,
        now=at(f"{start} 10:00"),
    )


def ask_for_extension(stage, office, *, new="2026-10-20") -> ExtensionRequest:
    return request_extension(
        stage,
        new_due_date=day(new),
        reason="对方当事人在境外",
        legal_basis="民诉法 art. 86",
        by=office.lawyer,
        now=at("2026-09-25 10:00"),
    )


@pytest.fixture
def pause(appeal, office, travel) -> PauseRequest:
    travel("2026-09-22 15:00")
    return ask_for_pause(appeal, office)


@pytest.fixture
def extension(appeal, office, travel) -> ExtensionRequest:
    travel("2026-09-25 16:00")
    return ask_for_extension(appeal, office)


def test_a_pending_pause_is_listed_with_what_the_lawyer_gave(pause, office, as_user):
    response = as_user(office.supervisor).get(URL)
    assert response.context["pauses"] == [pause]
    row = response.content.decode()
    for text in ("当事人申请调解", "民诉法 art. 86", "2026-09-22", "Suspension", office.lawyer.display_name):
        assert text in row
    assert decide_pause_url(pause) in row


def test_approving_a_pause_stops_the_clock(pause, appeal, office, as_user):
    client = as_user(office.supervisor)
    response = client.post(decide_pause_url(pause), {"decision": "approve", "note": "同意"})
    assert response.status_code == 302 and response.url == URL
    pause.refresh_from_db()
    assert (pause.status, pause.decided_by, pause.decision_note) == (
        PauseRequest.Status.APPROVED,
        office.supervisor,
        "同意",
    )
    assert pause.decided_at == at("2026-09-22 15:00")
    appeal.refresh_from_db()
    assert appeal.is_paused and appeal.due_date == day("2026-10-08")
    assert not Clock.objects.get(stage=appeal).running
    page = client.get(URL)
    assert page.context["pauses"] == []
    assert page.context["decided"] == [pause]
    (message,) = messages_of(page)
    assert message.startswith("Pause approved: the clock of ")
    assert "is stopped from 2026-09-22" in message and "(2026-10-08" in message


def test_rejecting_a_pause_needs_a_note(pause, appeal, office, as_user):
    client = as_user(office.supervisor)
    client.post(decide_pause_url(pause), {"decision": "reject", "note": " "})
    assert PauseRequest.objects.get(pk=pause.pk).status == PauseRequest.Status.PENDING
    assert messages_of(client.get(URL)) == ["Say why the request is rejected."]

    client.post(decide_pause_url(pause), {"decision": "reject", "note": "理由不充分"})
    pause.refresh_from_db()
    assert (pause.status, pause.decision_note) == (PauseRequest.Status.REJECTED, "理由不充分")
    appeal.refresh_from_db()
    assert not appeal.is_paused
    assert Clock.objects.get(stage=appeal).running


def test_approving_an_extension_moves_the_due_date_and_audits_it(extension, appeal, office, as_user):
    client = as_user(office.supervisor)
    row = client.get(URL).content.decode()
    assert "2026-10-08" in row and "2026-10-20" in row and "对方当事人在境外" in row
    response = client.post(decide_extension_url(extension), {"decision": "approve", "note": "准予"})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.statutory_due, appeal.due_date) == (day("2026-10-08"), day("2026-10-20"))
    assert Clock.objects.get(stage=appeal).due_at == at("2026-10-21 00:00")
    change = DeadlineChange.objects.get(stage=appeal, field=DeadlineChange.Field.DUE_DATE, cause="extension")
    assert (change.old_value, change.new_value, change.changed_by) == (
        day("2026-10-08"),
        day("2026-10-20"),
        office.supervisor,
    )
    (message,) = messages_of(client.get(URL))
    assert message.startswith("Extension approved: the due date of ")
    assert "moved from 2026-10-08 Thu to 2026-10-20 Tue" in message


def test_rejecting_an_extension_keeps_the_due_date(extension, appeal, office, as_user):
    client = as_user(office.supervisor)
    client.post(decide_extension_url(extension), {"decision": "reject", "note": "不符合延期条件"})
    extension.refresh_from_db()
    assert extension.status == ExtensionRequest.Status.REJECTED
    appeal.refresh_from_db()
    assert appeal.due_date == day("2026-10-08")
    assert not DeadlineChange.objects.filter(stage=appeal, cause="extension").exists()
    (message,) = messages_of(client.get(URL))
    assert "rejected; the due date stays 2026-10-08" in message


def test_a_request_decided_twice_is_refused_with_a_message(extension, office, as_user):
    client = as_user(office.supervisor)
    client.post(decide_extension_url(extension), {"decision": "approve", "note": ""})
    response = client.post(decide_extension_url(extension), {"decision": "reject", "note": "改变主意"})
    assert response.status_code == 302
    assert messages_of(client.get(URL))[-1] == "This request has already been decided."
    assert ExtensionRequest.objects.get(pk=extension.pk).status == ExtensionRequest.Status.APPROVED


def test_other_teams_see_nothing_and_cannot_decide(pause, extension, office, other_office, as_user):
    client = as_user(other_office)
    page = client.get(URL)
    assert page.context["pauses"] == [] and page.context["extensions"] == []
    assert client.post(decide_pause_url(pause), {"decision": "approve"}).status_code == 404
    assert client.post(decide_extension_url(extension), {"decision": "approve"}).status_code == 404
    assert PauseRequest.objects.get(pk=pause.pk).status == PauseRequest.Status.PENDING


def test_a_lawyer_cannot_decide_their_own_request(pause, office, as_user):
    assert as_user(office.lawyer).post(decide_pause_url(pause), {"decision": "approve"}).status_code == 403
    assert PauseRequest.objects.get(pk=pause.pk).status == PauseRequest.Status.PENDING


def test_deciding_is_post_only(pause, office, as_user):
    assert as_user(office.supervisor).get(decide_pause_url(pause)).status_code == 405


def test_the_query_count_does_not_grow_with_the_requests(office, appeal_type, as_user, travel):
    travel("2026-09-25 16:00")
    client = as_user(office.admin)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    first = start_appeal(office, appeal_type)
    ask_for_pause(first, office)
    ask_for_extension(start_appeal(office, appeal_type), office)
    one = count()
    for _ in range(4):
        ask_for_pause(start_appeal(office, appeal_type), office)
        ask_for_extension(start_appeal(office, appeal_type), office)
    page = client.get(URL)
    assert (len(page.context["pauses"]), len(page.context["extensions"])) == (5, 5)
    assert count() == one
