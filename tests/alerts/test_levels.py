"""The level of a stage over time, its ``next_at``, and the transition history."""

from __future__ import annotations

import pytest

from alerts.models import Clock, Level, WarningTransition
from alerts.scan import tick
from tests.factories import at, day


def test_it_starts_the_clock_when_the_trigger_is_recorded(appeal):
    assert appeal.due_date == day("2026-10-08")
    clock = Clock.objects.get(stage=appeal)
    assert clock.running
    assert clock.level == Level.NORMAL
    assert clock.next_at == at("2026-09-24 00:00")  # the reminder day
    assert clock.due_at == at("2026-10-09 00:00")


@pytest.mark.parametrize(
    ("moment", "level", "next_at"),
    [
        ("2026-09-23 23:59", Level.NORMAL, "2026-09-24 00:00"),
        ("2026-09-24 00:00", Level.REMINDER, "2026-09-28 00:00"),
        ("2026-09-27 12:00", Level.REMINDER, "2026-09-28 00:00"),
        ("2026-09-28 09:00", Level.WARNING, "2026-09-30 00:00"),
        ("2026-09-30 00:01", Level.URGENT, "2026-10-09 00:00"),
        ("2026-10-05 09:00", Level.URGENT, "2026-10-09 00:00"),
        ("2026-10-09 00:00", Level.OVERDUE, None),
    ],
)
def test_it_reaches_each_level_on_the_expected_day(appeal, moment, level, next_at):
    tick(now=at(moment))
    clock = Clock.objects.get(stage=appeal)
    assert clock.level == level
    assert clock.next_at == (at(next_at) if next_at else None)


def test_it_dates_each_transition_when_the_level_changed_not_when_the_scan_ran(appeal):
    for moment in ("2026-09-24 00:05", "2026-09-28 09:00", "2026-09-30 08:30", "2026-10-09 07:00"):
        tick(now=at(moment))
    rows = list(WarningTransition.objects.filter(stage=appeal).order_by("seq"))
    assert [(t.seq, t.from_level, t.to_level) for t in rows] == [
        (1, Level.NORMAL, Level.REMINDER),
        (2, Level.REMINDER, Level.WARNING),
        (3, Level.WARNING, Level.URGENT),
        (4, Level.URGENT, Level.OVERDUE),
    ]
    assert [t.at for t in rows] == [
        at("2026-09-24 00:00"),
        at("2026-09-28 00:00"),
        at("2026-09-30 00:00"),
        at("2026-10-09 00:00"),  # overdue is dated at the expiry itself
    ]
    assert {t.reason for t in rows} == {WarningTransition.Reason.THRESHOLD}
    assert {(t.owner_id, t.team_id, t.matter_id) for t in rows} == {
        (appeal.responsible_id, appeal.team_id, appeal.matter_id)
    }


def test_a_second_tick_at_the_same_moment_creates_nothing(appeal):
    first = tick(now=at("2026-09-28 09:00"))
    second = tick(now=at("2026-09-28 09:00"))
    assert first.transitions == 1
    assert first.notifications >= 1
    assert (second.evaluated, second.transitions, second.notifications) == (0, 0, 0)
    assert WarningTransition.objects.filter(stage=appeal).count() == 1


def test_one_tick_after_downtime_catches_up_with_a_single_transition(appeal):
    report = tick(now=at("2026-10-12 09:00"))
    assert report.transitions == 1
    transition = WarningTransition.objects.get(stage=appeal)
    assert (transition.from_level, transition.to_level) == (Level.NORMAL, Level.OVERDUE)
    assert transition.at == at("2026-10-09 00:00")
    assert Clock.objects.get(stage=appeal).level == Level.OVERDUE


def test_an_idle_tick_evaluates_nothing(appeal):
    tick(now=at("2026-09-24 00:05"))
    report = tick(now=at("2026-09-25 10:00"))
    assert (report.evaluated, report.transitions) == (0, 0)


def test_a_stage_recorded_late_is_overdue_at_once(office, appeal_type):
    from caseflow.services.events import record_event
    from tests.factories import event_type, make_matter

    matter = make_matter(office, appeal_type, opened_on="2026-09-01")
    record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-09-20"),
        by=office.lawyer,
        now=at("2026-10-20 10:00"),
    )
    clock = Clock.objects.get(stage__matter=matter)
    assert clock.level == Level.OVERDUE
    transition = WarningTransition.objects.get(clock=clock)
    assert transition.reason == WarningTransition.Reason.DUE_CHANGED
    assert transition.at == at("2026-10-09 00:00")


PARTIAL_INDEXES = ("clock_next_at_running", "clock_nag_next_at_running", "transition_follow_up")


def test_an_idle_tick_reads_clocks_and_transitions_through_their_partial_indexes(appeal):
    """What keeps an idle tick cheap at any number of stages: no query walks a whole table.

    Checked with SQLite's planner, which without statistics plans every table as a big one (a GROUP BY
    over the due clocks once made it walk the whole policy index: 32 ms per tick at 100,000 stages)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "sqlite":
        pytest.skip("the plan is checked on SQLite; PostgreSQL plans tiny tables as sequential scans")
    tick(now=at("2026-09-24 00:05"))
    with CaptureQueriesContext(connection) as captured:
        tick(now=at("2026-09-25 10:00"))
    selects = [q["sql"] for q in captured if q["sql"].startswith("SELECT")]
    assert len(selects) >= 4
    with connection.cursor() as cursor:
        for sql in selects:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " | ".join(row[-1] for row in cursor.fetchall())
            for step in plan.split(" | "):
                if step.startswith(("SCAN alerts_clock", "SCAN alerts_warningtransition")):
                    # walking a partial index reads only the rows it holds: the pending ones
                    assert step.endswith(PARTIAL_INDEXES), f"{sql}\n{plan}"
