"""Two delivery workers at once, each with its own PostgreSQL connection: every message goes out once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from alerts.models import Level, Notification
from alerts.notifications import compose, delivery
from tests.notifications import factories as f

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (concurrent writers)")


def run_workers(count: int, target) -> list:
    results: list = [None] * count
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            results[index] = target()
        except BaseException as exc:  # surfaced in the test thread below
            errors.append(exc)
        finally:
            connections.close_all()  # this thread's connection, or the test database cannot be dropped

    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


def test_two_workers_racing_for_one_row_send_it_once(office, now, bots, monkeypatch):
    office.lawyer.email_notifications = False
    office.lawyer.save()
    channel = f.make_team_channel(office.team, kind="wecom", url=bots.url("/wecom?key=abc"))
    transition = f.make_transition(office.clock, from_level=Level.WARNING, to_level=Level.URGENT, at_=now)
    compose.notify_transition(transition, now=now)
    row = Notification.objects.get(team_channel=channel)

    # Both workers must have read the row as due before either claims it: that is the race.
    both_read = threading.Barrier(2, timeout=10)
    real_claim = delivery.claim

    def claim_after_both_read(notification, *, now):
        both_read.wait()
        return real_claim(notification, now=now)

    monkeypatch.setattr(delivery, "claim", claim_after_both_read)

    reports = run_workers(2, lambda: delivery.deliver_due(now=now))

    assert sorted(r.sent for r in reports) == [0, 1]
    assert len(bots.requests) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Notification.Status.SENT, 1)


def test_two_workers_share_a_backlog_without_sending_anything_twice(office, now, bots):
    office.lawyer.email_notifications = False
    office.lawyer.save()
    channel = f.make_team_channel(office.team, kind="feishu", url=bots.url("/feishu/hook/abc"), min_level=1)
    bots.delay = 0.01
    for seq in range(30):
        clock = office.clock if seq == 0 else f.make_clock(f.make_stage(responsible=office.lawyer))
        compose.notify_transition(
            f.make_transition(clock, from_level=0, to_level=Level.REMINDER, at_=now), now=now
        )
    assert Notification.objects.filter(team_channel=channel).count() == 30

    reports = run_workers(2, lambda: delivery.deliver_due(now=now))

    assert sum(r.sent for r in reports) == 30
    texts = [request.body["content"]["text"] for request in bots.requests]
    assert len(texts) == 30 and len(set(texts)) == 30
    assert not Notification.objects.exclude(channel="inbox").exclude(status=Notification.Status.SENT).exists()
