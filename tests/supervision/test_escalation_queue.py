"""The escalation queue: which escalations, in which order, filters, and a pinned query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alerts.models import Escalation
from alerts.scan import tick
from alerts.services import escalations as service
from tests.factories import at
from tests.supervision.conftest import OVERDUE_TICK, start_appeal

URL = reverse("alerts:escalations")
# Session, user, supervised teams (2), filter teams, count, rows with every related row a column shows,
# and the header's unread count (twice: django-tables2 renders the table with its own RequestContext).
QUERIES = 9


def listed(response) -> list[int]:
    return [row.pk for row in response.context["table"].page.object_list.data]


def test_the_supervisor_sees_the_team_escalation_with_its_facts(escalation, appeal, office, as_user):
    response = as_user(office.supervisor).get(URL)
    assert listed(response) == [escalation.pk]
    page = response.content.decode()
    assert f'href="/matters/{appeal.matter_id}/"' in page
    assert f'href="{reverse("alerts:escalation", args=[escalation.pk])}"' in page
    assert "level--overdue" in page
    assert "2026-10-08" in page  # due date
    assert "2026-10-09 00:00" in page  # overdue since: the clock expired at midnight
    assert office.supervisor.display_name in page  # step 1 reached the team supervisor
    assert office.lawyer.display_name in page  # responsible


def test_other_teams_do_not_see_it_and_admins_see_everything(escalation, office, other_office, as_user):
    assert listed(as_user(other_office).get(URL)) == []
    assert listed(as_user(office.admin).get(URL)) == [escalation.pk]
    assert listed(as_user(office.head).get(URL)) == [escalation.pk]


def test_closed_escalations_leave_the_queue(escalation, appeal, office, as_user):
    from caseflow.services.stages import complete_stage

    complete_stage(appeal, by=office.lawyer, now=at("2026-10-09 11:00"))
    assert Escalation.objects.get(pk=escalation.pk).status == Escalation.Status.RESOLVED
    assert listed(as_user(office.supervisor).get(URL)) == []


@pytest.fixture
def three(office, appeal_type):
    """Three overdue appeals (judgments served 09-10, 09-20 and 09-24), escalated by one tick on 10-12;
    the one overdue longest is then acknowledged."""
    stages = [
        start_appeal(office, appeal_type, served=served)
        for served in ("2026-09-10", "2026-09-20", "2026-09-24")
    ]
    tick(now=at("2026-10-12 00:05"))
    escalations = [Escalation.objects.get(stage=stage) for stage in stages]
    service.acknowledge(escalations[0], by=office.supervisor, now=at("2026-10-12 09:00"))
    return escalations


def test_open_escalations_come_first_then_the_longest_overdue(three, as_user, office):
    oldest, middle, newest = three
    assert oldest.clock.due_at < middle.clock.due_at < newest.clock.due_at
    assert listed(as_user(office.supervisor).get(URL)) == [middle.pk, newest.pk, oldest.pk]


def test_filters_by_status_team_and_reason(three, as_user, office, other_office):
    client = as_user(office.admin)
    oldest, middle, newest = three
    assert listed(client.get(URL, {"status": "acknowledged"})) == [oldest.pk]
    assert listed(client.get(URL, {"status": "open"})) == [middle.pk, newest.pk]
    assert listed(client.get(URL, {"team": office.team.pk})) == [middle.pk, newest.pk, oldest.pk]
    assert listed(client.get(URL, {"team": other_office.team.pk})) == []
    assert listed(client.get(URL, {"reason": "urgent_unack"})) == []
    assert listed(client.get(URL, {"reason": "overdue", "status": "open"})) == [middle.pk, newest.pk]


def test_a_supervisor_can_only_filter_by_their_own_teams(three, as_user, office, other_office):
    response = as_user(office.supervisor).get(URL)
    teams = list(response.context["filter"].form.fields["team"].queryset)
    assert teams == [office.team]


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_rows(office, appeal_type, as_user):
    client = as_user(office.supervisor)
    start_appeal(office, appeal_type)
    tick(now=at(OVERDUE_TICK))
    one = count_queries(client)
    assert len(listed(client.get(URL))) == 1
    for _ in range(19):
        start_appeal(office, appeal_type)
    tick(now=at("2026-10-09 00:10"))
    assert len(listed(client.get(URL))) == 20
    assert count_queries(client) == one
    assert one == QUERIES, one
