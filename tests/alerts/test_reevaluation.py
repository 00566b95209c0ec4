"""A full re-evaluation after a policy change: a handful of SQL statements, with history rows."""

from __future__ import annotations

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
