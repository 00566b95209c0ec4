"""E-mail delivery through a real SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import datetime as dt

import pytest

from alerts.models import Level, Notification
from alerts.notifications import compose
from alerts.notifications.delivery import deliver_due
from tests.notifications import factories as f

pytestmark = pytest.mark.django_db

Status = Notification.Status
MINUTE = dt.timedelta(minutes=1)


def notify_rise(office, now, *, to_level=Level.WARNING):
    transition = f.make_transition(office.clock, from_level=Level.NORMAL, to_level=to_level, at_=now)
    compose.notify_transition(transition, now=now)
    return Notification.objects.get(transition=transition, channel="email")


def test_it_sends_a_multipart_message_in_the_recipients_language(office, now, smtp_server):
    row = notify_rise(office, now)

    report = deliver_due(now=now)

    assert (report.sent, report.retried, report.failed) == (1, 0, 0)
    [message] = smtp_server.messages
    assert smtp_server.mailbox.envelopes == [("caseflow@office.test", ["wang@office.test"])]
    assert message["To"] == "wang@office.test"
    assert message["From"] == "Caseflow <caseflow@office.test>"
    # Unfolding leaves the space before the first encoded word; mail clients drop it.
    assert message["Subject"].strip() == row.subject
    assert "提起上诉" in message["Subject"] and "2026年12月10日" in message["Subject"]
    assert message["Content-Language"] == "zh-hans"
    assert message["Message-ID"].startswith(f"<notification.{row.pk}.")
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "2026年12月10日 (星期四)" in text
    assert f"https://caseflow.office.test/matters/{office.stage.matter_id}/" in text
    assert '<html lang="zh-hans">' in html and "提起上诉" in html
    row.refresh_from_db()
    assert (row.status, row.sent_at, row.attempts, row.last_error) == (Status.SENT, now, 1, "")


def test_an_english_recipient_gets_english_dates(office, now, smtp_server):
    stage = f.make_stage(responsible=office.lawyer_en, due=dt.date(2026, 12, 3))
    transition = f.make_transition(f.make_clock(stage), from_level=0, to_level=Level.URGENT, at_=now)
    compose.notify_transition(transition, now=now)

    deliver_due(now=now)

    [message] = smtp_server.messages
    assert message["To"] == "emma@office.test"
    assert message["Content-Language"] == "en"
    assert (
        message["Subject"].strip()
        == f"[Urgent] {stage.matter.number} · File the appeal: due Dec. 3, 2026 (2 days left)"
    )
    assert "Due date: Dec. 3, 2026 (Thursday)" in message.get_body(preferencelist=("plain",)).get_content()


def test_delivering_twice_sends_once(office, now, smtp_server):
    notify_rise(office, now)
    assert deliver_due(now=now).sent == 1
    assert deliver_due(now=now + MINUTE).sent == 0
    assert deliver_due(now=now + dt.timedelta(days=1)).sent == 0
    assert len(smtp_server.messages) == 1


def test_each_notification_is_one_message(office, now, smtp_server):
    notify_rise(office, now, to_level=Level.REMINDER)
    notify_rise(office, now, to_level=Level.WARNING)
    compose.notify_nag(office.clock, number=1, now=now)
    report = deliver_due(now=now)
    assert report.sent == 3
    subjects = sorted(m["Subject"].strip() for m in smtp_server.messages)
    assert subjects == sorted(Notification.objects.filter(channel="email").values_list("subject", flat=True))
    assert len(set(smtp_server.mailbox.peers)) == 1  # one SMTP session for the whole run


def test_a_server_that_is_down_is_retried_until_the_message_goes_out_once(office, now, smtp_settings):
    row = notify_rise(office, now)  # nothing listens on the SMTP port yet: connection refused

    report = deliver_due(now=now)

    assert (report.sent, report.retried) == (0, 1)
    row.refresh_from_db()
    assert row.status == Status.PENDING and row.attempts == 1
    assert "Connection" in row.last_error or "refused" in row.last_error.lower()
    assert now + MINUTE <= row.next_attempt_at <= now + dt.timedelta(seconds=66)
    assert row.claimed_at is None

    smtp_settings.start()
    assert deliver_due(now=now + dt.timedelta(seconds=30)).sent == 0  # not due yet
    assert smtp_settings.messages == []
    assert deliver_due(now=now + 2 * MINUTE).sent == 1
    assert deliver_due(now=now + 3 * MINUTE).sent == 0
    assert len(smtp_settings.messages) == 1
    row.refresh_from_db()
    assert (row.status, row.attempts, row.sent_at) == (Status.SENT, 2, now + 2 * MINUTE)


def test_a_recipient_refused_with_5xx_fails_permanently(office, now, smtp_server):
    smtp_server.mailbox.refuse["wang@office.test"] = "550 5.1.1 No such user here"
    row = notify_rise(office, now)

    report = deliver_due(now=now)

    assert (report.sent, report.retried, report.failed) == (0, 0, 1)
    row.refresh_from_db()
    assert row.status == Status.FAILED and row.next_attempt_at is None
    assert "550" in row.last_error and "No such user" in row.last_error
    assert deliver_due(now=now + dt.timedelta(days=1)).failed == 0  # left alone until an admin retries


def test_a_recipient_refused_with_4xx_is_retried(office, now, smtp_server):
    smtp_server.mailbox.refuse["wang@office.test"] = "450 4.2.1 Mailbox busy, try later"
    row = notify_rise(office, now)

    assert deliver_due(now=now).retried == 1

    row.refresh_from_db()
    assert row.status == Status.PENDING and "450" in row.last_error
    del smtp_server.mailbox.refuse["wang@office.test"]
    assert deliver_due(now=now + 2 * MINUTE).sent == 1
    assert [m["To"] for m in smtp_server.messages] == ["wang@office.test"]


def test_a_failed_send_does_not_break_the_next_message_on_the_same_connection(office, now, smtp_server):
    smtp_server.mailbox.refuse["wang@office.test"] = "550 5.1.1 No such user here"
    notify_rise(office, now)
    stage = f.make_stage(responsible=office.lawyer_en)
    compose.notify_transition(
        f.make_transition(f.make_clock(stage), from_level=0, to_level=2, at_=now), now=now
    )

    report = deliver_due(now=now)

    assert (report.sent, report.failed) == (1, 1)
    assert [m["To"] for m in smtp_server.messages] == ["emma@office.test"]
    assert Notification.objects.get(recipient=office.lawyer, channel="email").status == Status.FAILED


def test_a_user_without_an_address_fails_permanently(office, now, smtp_server):
    row = notify_rise(office, now)
    office.lawyer.email = ""
    office.lawyer.save()
    assert deliver_due(now=now).failed == 1
    row.refresh_from_db()
    assert row.status == Status.FAILED and "no e-mail address" in row.last_error
    assert smtp_server.messages == []
