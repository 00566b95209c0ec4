"""Two scans at once create no duplicates: the database, not luck, decides who records a change."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from alerts.models import Escalation, EscalationEntry, Notification, WarningTransition
from alerts.scan import tick
from caseflow.services.events import record_event
from tests.factories import at, day, event_type, make_matter, make_matter_type, make_office


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_ticks_record_each_change_once(reference_data):
    office = make_office()
    matter_type = make_matter_type(
        [
            {
                "code": "appeal",
                "trigger": "judgment_served",
                "rule": "cn.civil.appeal_judgment",
                "policy": "default",
            }
        ]
    )
    for _ in range(30):
        matter = make_matter(office, matter_type)
        record_event(
            matter=matter,
            event_type=event_type("judgment_served"),
            occurred_on=day("2026-09-20"),
            by=office.lawyer,
            now=at("2026-09-20 10:00"),
        )
    now = at("2026-10-12 09:00")  # every stage is overdue: 30 transitions, 30 escalations
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            tick(now=now)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert WarningTransition.objects.count() == 30
    assert Escalation.objects.count() == 30
    assert EscalationEntry.objects.filter(kind="raised").count() == 30
    keys = list(Notification.objects.values_list("dedup_key", flat=True))
    assert len(keys) == len(set(keys))
    assert Notification.objects.filter(kind=Notification.Kind.LEVEL_CHANGE, channel="inbox").count() == 30
