"""Repeat reminders while a stage stays overdue: at the configured interval, never more often."""

from __future__ import annotations

from alerts.models import Clock, Notification
from alerts.scan import tick
from tests.factories import at


def nags(appeal) -> list[str]:
    return list(
        Notification.objects.filter(stage=appeal, kind=Notification.Kind.NAG, channel="inbox")
        .order_by("created_at")
        .values_list("dedup_key", flat=True)
    )


def test_nags_come_every_interval_and_never_more_often(appeal):
    tick(now=at("2026-10-09 00:05"))
    assert nags(appeal) == []
    tick(now=at("2026-10-09 20:00"))
    assert nags(appeal) == []
    tick(now=at("2026-10-10 00:06"))
    assert len(nags(appeal)) == 1
    tick(now=at("2026-10-10 00:06"))
    tick(now=at("2026-10-10 12:00"))
    assert len(nags(appeal)) == 1
    tick(now=at("2026-10-11 00:10"))
    assert len(nags(appeal)) == 2
    assert Clock.objects.get(stage=appeal).nag_count == 2


def test_after_downtime_one_nag_not_one_per_missed_interval(appeal):
    tick(now=at("2026-10-09 00:05"))
    tick(now=at("2026-10-15 09:00"))
    assert len(nags(appeal)) == 1


def test_no_nags_once_the_stage_is_done(appeal, office):
    from caseflow.services.stages import complete_stage

    tick(now=at("2026-10-09 00:05"))
    complete_stage(appeal, by=office.lawyer, now=at("2026-10-09 10:00"))
    tick(now=at("2026-10-12 09:00"))
    assert nags(appeal) == []
