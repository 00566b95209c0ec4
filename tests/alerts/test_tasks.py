"""The django-q2 entry points and their schedules."""

from __future__ import annotations

import time_machine
from django_q.models import Schedule

from alerts import tasks
from alerts.models import Clock, Level
from alerts.schedules import DELIVER, DIGEST, SCAN, ensure_schedules
from tests.factories import at


def test_the_scan_task_runs_a_tick_at_the_current_time(appeal):
    with time_machine.travel(at("2026-09-28 09:00"), tick=False):
        report = tasks.scan_warnings()
    assert report["transitions"] == 1
    assert Clock.objects.get(stage=appeal).level == Level.WARNING


def test_schedules_are_created_once_by_name_and_kept_in_step(reference_data):
    ensure_schedules(now=at("2026-11-24 09:00"))
    ensure_schedules(now=at("2026-11-24 09:05"))
    assert sorted(Schedule.objects.values_list("name", flat=True)) == sorted([SCAN, DELIVER, DIGEST])
    scan = Schedule.objects.get(name=SCAN)
    assert (scan.func, scan.schedule_type, scan.minutes, scan.repeats) == (
        "alerts.tasks.scan_warnings",
        Schedule.MINUTES,
        5,
        -1,
    )
    assert Schedule.objects.get(name=DIGEST).cron == "0 8 * * *"


def test_a_duplicate_left_by_an_old_deployment_is_removed(reference_data):
    Schedule.objects.create(name=SCAN, func="alerts.tasks.scan_warnings", schedule_type=Schedule.HOURLY)
    Schedule.objects.create(name=SCAN, func="alerts.tasks.scan_warnings", schedule_type=Schedule.HOURLY)
    ensure_schedules(now=at("2026-11-24 09:00"))
    assert Schedule.objects.filter(name=SCAN).count() == 1
    assert Schedule.objects.get(name=SCAN).schedule_type == Schedule.MINUTES
