"""Escalation ladders: timing, acknowledgement, comments, reassignment, urgent-and-unacknowledged."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from alerts.models import Channel, Clock, Escalation, EscalationEntry, Notification
from alerts.scan import tick
from alerts.services import escalations
from caseflow.models import ResponsibilityChange
from tests.factories import at


def raised_to(escalation: Escalation) -> list[tuple[int, int]]:
    return list(
        escalation.entries.filter(kind=EscalationEntry.Kind.RAISED)
        .order_by("step")
        .values_list("step", "recipient")
    )


def test_an_overdue_stage_climbs_the_ladder_on_time(appeal, office):
    tick(now=at("2026-10-09 00:05"))
    escalation = Escalation.objects.get(stage=appeal)
    assert escalation.reason == Escalation.Reason.OVERDUE
    assert raised_to(escalation) == [(1, office.supervisor.pk)]
    assert escalation.next_step_at == at("2026-10-10 00:05")

    tick(now=at("2026-10-09 23:00"))
    assert raised_to(escalation) == [(1, office.supervisor.pk)]

    tick(now=at("2026-10-10 00:06"))
    assert raised_to(escalation) == [(1, office.supervisor.pk), (2, office.head.pk)]

    tick(now=at("2026-10-12 00:10"))
    escalation.refresh_from_db()
    assert raised_to(escalation)[-1] == (3, office.admin.pk)
    assert escalation.next_step_at is None
    inbox = Notification.objects.filter(escalation=escalation, channel=Channel.INBOX)
    assert sorted(inbox.values_list("recipient", flat=True)) == sorted(
        [office.supervisor.pk, office.head.pk, office.admin.pk]
    )


def test_acknowledging_stops_the_ladder(appeal, office):
    tick(now=at("2026-10-09 00:05"))
    escalation = Escalation.objects.get(stage=appeal)
    escalations.acknowledge(escalation, by=office.supervisor, note="我来处理", now=at("2026-10-09 09:00"))
    tick(now=at("2026-10-15 09:00"))
    escalation.refresh_from_db()
    assert escalation.status == Escalation.Status.ACKNOWLEDGED
    assert raised_to(escalation) == [(1, office.supervisor.pk)]
    assert escalation.entries.filter(kind=EscalationEntry.Kind.ACKNOWLEDGED, actor=office.supervisor).exists()


def test_a_lawyer_of_another_team_cannot_acknowledge(appeal, office):
    tick(now=at("2026-10-09 00:05"))
    escalation = Escalation.objects.get(stage=appeal)
    with pytest.raises(PermissionDenied):
        escalations.acknowledge(escalation, by=office.outsider, now=at("2026-10-09 09:00"))


def test_comments_and_reassignment_are_kept_in_the_history(appeal, office):
    tick(now=at("2026-10-09 00:05"))
    escalation = Escalation.objects.get(stage=appeal)
    escalations.comment(escalation, by=office.supervisor, text="请说明原因", now=at("2026-10-09 09:00"))
    escalations.reassign(
        escalation,
        responsible=office.colleague,
        reason="原承办人出差",
        by=office.supervisor,
        now=at("2026-10-09 10:00"),
    )
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
    kinds = list(escalation.entries.order_by("at", "id").values_list("kind", flat=True))
    assert kinds == ["raised", "comment", "reassigned"]
    assert Notification.objects.filter(recipient=office.colleague, kind=Notification.Kind.REASSIGNED).exists()


def test_completing_the_stage_resolves_its_escalation(appeal, office):
    from caseflow.services.stages import complete_stage

    tick(now=at("2026-10-09 00:05"))
    complete_stage(appeal, by=office.lawyer, now=at("2026-10-09 11:00"))
    escalation = Escalation.objects.get(stage=appeal)
    assert escalation.status == Escalation.Status.RESOLVED
    assert not Clock.objects.get(stage=appeal).running
    tick(now=at("2026-10-12 09:00"))
    assert escalation.entries.filter(kind=EscalationEntry.Kind.RAISED).count() == 1


@pytest.fixture
def impatient(precise_policy):
    precise_policy.escalate_urgent_after_hours = 8
    precise_policy.save()
    return precise_policy


def test_an_urgent_stage_nobody_acknowledges_escalates_after_the_grace(impatient, appeal, office):
    tick(now=at("2026-09-30 00:10"))
    escalation = Escalation.objects.get(stage=appeal)
    assert escalation.reason == Escalation.Reason.URGENT_UNACKNOWLEDGED
    assert escalation.status == Escalation.Status.PENDING
    assert escalation.next_step_at == at("2026-09-30 08:00")
    tick(now=at("2026-09-30 07:59"))
    assert raised_to(escalation) == []
    tick(now=at("2026-09-30 08:01"))
    assert raised_to(escalation) == [(1, office.supervisor.pk)]


def test_acknowledging_the_urgent_warning_in_time_cancels_the_escalation(impatient, appeal, office):
    tick(now=at("2026-09-30 00:10"))
    clock = Clock.objects.get(stage=appeal)
    escalations.acknowledge_warning(clock, by=office.lawyer, now=at("2026-09-30 07:00"))
    tick(now=at("2026-09-30 09:00"))
    escalation = Escalation.objects.get(stage=appeal)
    assert escalation.status == Escalation.Status.CANCELLED
    assert raised_to(escalation) == []


def test_an_urgent_escalation_becomes_an_overdue_one(impatient, appeal, office):
    tick(now=at("2026-09-30 09:00"))  # urgent, raised to the supervisor after 8 hours
    tick(now=at("2026-10-09 00:05"))  # overdue: the same escalation continues, now for being overdue
    escalation = Escalation.objects.get(stage=appeal)
    assert escalation.reason == Escalation.Reason.OVERDUE
    assert Escalation.objects.filter(stage=appeal).count() == 1


def test_a_policy_change_that_lowers_the_level_resolves_the_urgent_escalation(impatient, appeal, office):
    """The full re-evaluation closes the escalation in its own transaction: the level it was opened
    for is gone at once, not at the next tick."""
    from alerts.models import Level, Threshold
    from alerts.scan import reevaluate_all

    tick(now=at("2026-09-30 09:00"))  # urgent (last working day), raised to the supervisor
    escalation = Escalation.objects.get(stage=appeal)
    assert escalation.status == Escalation.Status.OPEN
    impatient.last_workday_level = 0
    impatient.save()
    Threshold.objects.filter(policy=impatient, level=Level.URGENT).update(amount=0)
    reevaluate_all(now=at("2026-09-30 10:00"))
    assert Clock.objects.get(stage=appeal).level == Level.WARNING
    escalation.refresh_from_db()
    assert (escalation.status, escalation.closing_note) == (Escalation.Status.RESOLVED, "level dropped")
    assert escalation.closed_at == at("2026-09-30 10:00")
