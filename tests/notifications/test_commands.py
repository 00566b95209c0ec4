"""The django-q2 task entry points and the management commands around the services."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from alerts import tasks
from alerts.models import Level, Notification
from alerts.notifications import compose
from tests.notifications import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending_email(office, now):
    transition = f.make_transition(office.clock, from_level=Level.NORMAL, to_level=Level.WARNING, at_=now)
    compose.notify_transition(transition, now=now)
    return Notification.objects.get(channel="email")


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_it_delivers_as_of_now_and_prints_json(pending_email, now, mailoutbox):
    early = json.loads(run("deliver_notifications", "--now", "2026-12-01T08:59", "--json"))
    assert early == {"now": "2026-12-01T08:59:00+08:00", "sent": 0, "retried": 0, "failed": 0}

    result = json.loads(run("deliver_notifications", "--now", "2026-12-01T09:00", "--json"))

    assert result == {"now": "2026-12-01T09:00:00+08:00", "sent": 1, "retried": 0, "failed": 0}
    assert len(mailoutbox) == 1
    pending_email.refresh_from_db()
    assert pending_email.sent_at == now


def test_it_prints_a_sentence_without_json(pending_email, mailoutbox):
    assert run("deliver_notifications", "--now", "2026-12-01T10:00").strip() == (
        "sent 1, to retry later 0, failed 0"
    )


def test_a_bad_now_is_refused(db):
    with pytest.raises(CommandError, match="invalid --now 'tomorrow'"):
        run("deliver_notifications", "--now", "tomorrow")


def test_send_digests_writes_todays_digests_once(office):
    f.make_clock(f.make_stage(responsible=office.lawyer_en, due=dt.date(2026, 12, 3)))

    first = json.loads(run("send_digests", "--now", "2026-12-01T08:00", "--json"))
    again = json.loads(run("send_digests", "--now", "2026-12-01T08:05", "--json"))

    assert first == {"now": "2026-12-01T08:00:00+08:00", "day": "2026-12-01", "notifications": 2}
    assert again["notifications"] == 0


def test_the_tasks_read_the_clock_once_and_are_idempotent(office, now, mailoutbox):
    f.make_clock(f.make_stage(responsible=office.lawyer_en, due=dt.date(2026, 12, 3)))
    with time_machine.travel(now, tick=False):
        assert tasks.send_daily_digests() == 2
        assert tasks.send_daily_digests() == 0
        assert tasks.deliver_notifications() == {"sent": 1, "retried": 0, "failed": 0}
        assert tasks.deliver_notifications() == {"sent": 0, "retried": 0, "failed": 0}
    [message] = mailoutbox
    assert message.to == ["emma@office.test"] and message.subject.startswith("Your deadlines on Dec. 1, 2026")
    assert Notification.objects.get(channel="email").sent_at == now
