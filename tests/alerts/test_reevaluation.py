"""A full re-evaluation after a policy change: a handful of SQL statements, with history rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alerts.models import Clock, Level, Threshold, WarningTransition
from alerts.scan import reevaluate_all
from tests.factories import at


def test_a_policy_change_is_applied_to_running_clocks_with_a_transition(appeal, precise_policy):
    assert Clock.objects.get(stage=appeal).level == Level.NORMAL
    Threshold.objects.filter(policy=precise_policy, level=Level.REMINDER).update(amount=20)
    report = reevaluate_all(now=at("2026-09-21 10:00"))
    clock = Clock.objects.get(stage=appeal)
    assert clock.level == Level.REMINDER  # 17 days left <= 20
    assert clock.next_at == at("2026-09-28 00:00")
    transition = WarningTransition.objects.get(stage=appeal)
    assert transition.reason == WarningTransition.Reason.POLICY_CHANGED
    assert report.transitions == 1


def test_a_full_reevaluation_costs_the_same_number_of_queries_for_1_or_20_clocks(appeal_type, office):
    from caseflow.services.events import record_event
    from tests.factories import day, event_type, make_matter

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            reevaluate_all(now=at("2026-09-21 10:00"))
        return len(captured)

    def add_stage() -> None:
        matter = make_matter(office, appeal_type)
        record_event(
            matter=matter,
            event_type=event_type("judgment_served"),
            occurred_on=day("2026-09-20"),
            by=office.lawyer,
            now=at("2026-09-20 10:00"),
        )

    add_stage()
    one = queries()
    for _ in range(19):
        add_stage()
    assert queries() == one


def test_moving_a_template_to_another_policy_moves_its_clocks(appeal, precise_policy):
    from alerts.models import PolicyAssignment, WarningPolicy

    long_period = WarningPolicy.objects.get(code="long-period")
    PolicyAssignment.objects.filter(stage_template=appeal.template).update(policy=long_period)
    reevaluate_all(now=at("2026-09-21 10:00"), refresh_assignments=True)
    clock = Clock.objects.get(stage=appeal)
    assert clock.policy == long_period
    assert clock.level == Level.URGENT  # 7 working days left: within long-period's 10-working-day urgent


def test_the_follow_up_of_a_reevaluation_is_left_to_the_next_tick(appeal, precise_policy, office):
    """The re-evaluation only classifies; the tick after it writes the messages, once."""
    from alerts.models import Notification
    from alerts.scan import tick

    Threshold.objects.filter(policy=precise_policy, level=Level.REMINDER).update(amount=20)
    report = reevaluate_all(now=at("2026-09-21 10:00"))
    transition = WarningTransition.objects.get(stage=appeal)
    assert (report.transitions, report.notifications, transition.followed_up_at) == (1, 0, None)
    assert not Notification.objects.exists()

    followed = tick(now=at("2026-09-21 10:05"))
    transition.refresh_from_db()
    assert transition.followed_up_at == at("2026-09-21 10:05")
    assert followed.evaluated == 0 and followed.notifications > 0
    assert set(Notification.objects.values_list("recipient", flat=True)) == {office.lawyer.pk}
    assert Notification.objects.count() == followed.notifications
    assert tick(now=at("2026-09-21 10:05")).notifications == 0


def test_a_follow_up_that_dies_is_done_by_the_next_tick(appeal, precise_policy, monkeypatch):
    """The transition is committed before its follow-up: a crash there loses no message."""
    import alerts.notifications.compose as compose
    from alerts.models import Notification
    from alerts.scan import tick

    original = compose.notify_transition

    def crash(*args, **kwargs):
        raise RuntimeError("the worker died")

    monkeypatch.setattr(compose, "notify_transition", crash)
    with pytest.raises(RuntimeError):
        tick(now=at("2026-09-24 00:10"))  # reminder: 14 days left
    transition = WarningTransition.objects.get(stage=appeal)
    assert transition.to_level == Level.REMINDER and transition.followed_up_at is None

    monkeypatch.setattr(compose, "notify_transition", original)
    report = tick(now=at("2026-09-24 00:15"))
    assert report.evaluated == 0 and report.notifications == Notification.objects.count() > 0
    assert WarningTransition.objects.get(stage=appeal).followed_up_at == at("2026-09-24 00:15")


def test_a_superseded_change_is_marked_without_messages(appeal, precise_policy):
    """A policy change, then a tick that moves the level again before anyone followed up: only the
    level the stage has now is announced."""
    from alerts.models import Notification
    from alerts.scan import tick

    Threshold.objects.filter(policy=precise_policy, level=Level.REMINDER).update(amount=20)
    reevaluate_all(now=at("2026-09-21 10:00"))  # reminder, pending
    tick(now=at("2026-09-28 00:05"))  # warning (3 working days left), before the first follow-up
    transitions = WarningTransition.objects.filter(stage=appeal).order_by("seq")
    assert [(t.to_level, t.followed_up_at) for t in transitions] == [
        (Level.REMINDER, at("2026-09-28 00:05")),
        (Level.WARNING, at("2026-09-28 00:05")),
    ]
    assert set(Notification.objects.values_list("level", flat=True)) == {Level.WARNING}
