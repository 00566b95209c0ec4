"""Notifications are read-only; "retry failed deliveries" puts failed rows back in the queue."""

from __future__ import annotations

from django.urls import reverse

from alerts.models import Notification
from tests.factories import at

URL = reverse("admin:alerts_notification_changelist")


def test_the_list_filters_by_status_channel_and_kind(everything, failed_mail, admin_client):
    response = admin_client.get(
        URL, {"status__exact": "failed", "channel__exact": "email", "kind__exact": "escalation"}
    )
    assert [row.pk for row in response.context["cl"].result_list] == [failed_mail.pk]
    assert "550 mailbox unavailable" in response.content.decode()


def test_retrying_puts_only_the_failed_rows_back_in_the_queue(everything, failed_mail, admin_client, travel):
    travel("2026-10-10 08:00")
    inbox = Notification.objects.filter(channel="inbox").first()
    before = (inbox.status, inbox.next_attempt_at)
    response = admin_client.post(
        URL,
        {"action": "retry_failed_deliveries", "_selected_action": [failed_mail.pk, inbox.pk]},
        follow=True,
    )
    failed_mail.refresh_from_db()
    assert (failed_mail.status, failed_mail.next_attempt_at, failed_mail.claimed_at) == (
        Notification.Status.PENDING,
        at("2026-10-10 08:00"),
        None,
    )
    assert failed_mail.last_error == "550 mailbox unavailable"  # kept until the next attempt says otherwise
    inbox.refresh_from_db()
    assert (inbox.status, inbox.next_attempt_at) == before
    messages = [str(m) for m in response.context["messages"]]
    assert "1 failed notifications are queued again; they are sent within a minute." in messages
    assert "1 selected notifications had not failed and were left alone." in messages


def test_a_retried_mail_is_delivered_by_the_next_run(failed_mail, admin_client, travel, mailoutbox):
    from alerts.notifications.delivery import deliver_due

    travel("2026-10-10 08:00")
    admin_client.post(URL, {"action": "retry_failed_deliveries", "_selected_action": [failed_mail.pk]})
    report = deliver_due(now=at("2026-10-10 08:01"))
    assert report.sent == 1
    failed_mail.refresh_from_db()
    assert failed_mail.status == Notification.Status.SENT
    assert [m.subject for m in mailoutbox] == ["逾期升级"]
