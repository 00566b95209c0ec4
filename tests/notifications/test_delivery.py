"""The delivery loop itself: back-off, claiming, crashed workers, admin retries, bugs in a transport."""

from __future__ import annotations

import datetime as dt

import pytest

from alerts.models import Level, Notification
from alerts.notifications import compose, delivery
from alerts.notifications.delivery import backoff, claim, deliver_due, due_notifications, retry_failed
from tests.notifications import factories as f

pytestmark = pytest.mark.django_db

Status = Notification.Status
MINUTE = dt.timedelta(minutes=1)


def email_row(office, now) -> Notification:
    transition = f.make_transition(office.clock, from_level=Level.NORMAL, to_level=Level.WARNING, at_=now)
    compose.notify_transition(transition, now=now)
    return Notification.objects.get(transition=transition, channel="email")


@pytest.mark.parametrize(
    ("attempts", "low", "high"),
    [(1, 60, 66), (2, 120, 132), (3, 240, 264), (6, 1920, 2112), (7, 3600, 3600), (50, 3600, 3600)],
)
def test_backoff_doubles_from_a_minute_and_stops_at_an_hour(attempts, low, high):
    for salt in range(50):
        assert low <= backoff(attempts, salt=salt).total_seconds() <= high
    assert backoff(attempts, salt=7) == backoff(attempts, salt=7)  # deterministic per row


def test_inbox_rows_are_never_picked_up(office, now, mailoutbox):
    email_row(office, now)
    assert [n.channel for n in due_notifications(now=now, limit=10)] == ["email"]


def test_it_sends_through_the_configured_backend(office, now, mailoutbox):
    row = email_row(office, now)
    assert deliver_due(now=now).sent == 1
    [message] = mailoutbox
    assert message.to == ["wang@office.test"] and message.subject == row.subject
    assert message.alternatives[0].mimetype == "text/html"


def test_a_row_another_worker_claimed_is_left_alone(office, now, mailoutbox):
    row = email_row(office, now)
    stale = due_notifications(now=now, limit=10)  # worker B reads…
    assert claim(Notification.objects.get(pk=row.pk), now=now)  # …worker A claims first
    assert not claim(stale[0], now=now)
    assert deliver_due(now=now).sent == 0
    assert mailoutbox == []


def test_the_limit_bounds_one_run(office, now, mailoutbox):
    for level in (Level.REMINDER, Level.WARNING, Level.URGENT):
        compose.notify_transition(
            f.make_transition(office.clock, from_level=0, to_level=level, at_=now), now=now
        )
    assert deliver_due(now=now, limit=2).sent == 2
    assert deliver_due(now=now, limit=2).sent == 1
    assert len(mailoutbox) == 3


def test_a_row_stuck_in_sending_is_reclaimed_after_ten_minutes(office, now, mailoutbox):
    row = email_row(office, now)
    Notification.objects.filter(pk=row.pk).update(status=Status.SENDING, claimed_at=now)  # worker died here

    assert deliver_due(now=now + 5 * MINUTE).sent == 0  # it might still be sending
    assert deliver_due(now=now + 11 * MINUTE).sent == 1

    row.refresh_from_db()
    assert (row.status, row.claimed_at, row.sent_at) == (Status.SENT, now + 11 * MINUTE, now + 11 * MINUTE)
    assert len(mailoutbox) == 1


def test_an_outcome_is_not_recorded_over_a_row_that_was_reclaimed(office, now, monkeypatch):
    row = email_row(office, now)
    later = now + 30 * MINUTE

    def slow_send(notification, *, connection=None):
        # While this worker hangs, another one decides the row is stuck, claims it and sends it.
        Notification.objects.filter(pk=notification.pk).update(claimed_at=later)

    monkeypatch.setattr("alerts.notifications.channels.email.send_email", slow_send)
    assert deliver_due(now=now).sent == 0
    row.refresh_from_db()
    assert (row.status, row.claimed_at, row.attempts) == (Status.SENDING, later, 0)


def test_a_bug_in_a_transport_leaves_the_row_pending_with_the_error(office, now, monkeypatch):
    row = email_row(office, now)

    def broken(notification, *, connection=None):
        raise KeyError("oops")

    monkeypatch.setattr("alerts.notifications.channels.email.send_email", broken)
    assert deliver_due(now=now).retried == 1
    row.refresh_from_db()
    assert row.status == Status.PENDING and "KeyError" in row.last_error and row.next_attempt_at > now


def test_an_admin_can_retry_a_failed_row(office, now, mailoutbox):
    row = email_row(office, now)
    office.lawyer.email = ""
    office.lawyer.save()
    assert deliver_due(now=now).failed == 1

    office.lawyer.email = "wang.new@office.test"
    office.lawyer.save()
    later = now + dt.timedelta(days=1)
    assert retry_failed([row.pk], now=later) == 1
    assert retry_failed([row.pk], now=later) == 0  # no longer failed

    assert deliver_due(now=later).sent == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.SENT, 2)
    assert "no e-mail address" not in row.last_error
    assert [m.to for m in mailoutbox] == [["wang.new@office.test"]]


def test_transient_failures_retry_forever_with_the_capped_back_off(office, now, monkeypatch):
    row = email_row(office, now)
    from alerts.notifications.channels import DeliveryError

    def down(notification, *, connection=None):
        raise DeliveryError("SMTP connection failed", retryable=True)

    monkeypatch.setattr("alerts.notifications.channels.email.send_email", down)
    moment = now
    waits = []
    for _ in range(12):
        assert deliver_due(now=moment).retried == 1
        row.refresh_from_db()
        waits.append(row.next_attempt_at - moment)
        moment = row.next_attempt_at
    assert row.status == Status.PENDING and row.attempts == 12
    assert waits[0] >= MINUTE and waits[1] >= 2 * MINUTE
    assert waits[-1] == dt.timedelta(hours=1)
    assert delivery.STUCK_AFTER >= 10 * MINUTE
