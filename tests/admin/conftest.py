"""Fixtures for the admin tests: the supervision office, its appeal stage and escalation (made by ticking
the scan), and ``everything``: at least one row in every table the admin shows."""

from __future__ import annotations

import pytest

from alerts.models import Channel, Notification, TeamChannel
from alerts.services.escalations import reassign
from alerts.services.requests import request_extension, request_pause
from tests.factories import at, day
from tests.supervision import conftest as supervision

# The supervision screens' fixtures, shared (assigning a fixture function to a name here registers it).
office = supervision.office
precise_policy = supervision.precise_policy
appeal_type = supervision.appeal_type
appeal = supervision.appeal
escalation = supervision.escalation
travel = supervision.travel
as_user = supervision.as_user


@pytest.fixture
def failed_mail(office) -> Notification:
    return Notification.objects.create(
        kind=Notification.Kind.ESCALATION,
        channel=Channel.EMAIL,
        recipient=office.supervisor,
        dedup_key="test:failed-mail",
        subject="逾期升级",
        body_text="…",
        created_at=at("2026-10-09 00:05"),
        status=Notification.Status.FAILED,
        attempts=1,
        last_error="550 mailbox unavailable",
    )


@pytest.fixture
def everything(escalation, appeal, office, failed_mail):
    """An overdue, escalated, reassigned stage with a pending pause and extension, a team chat channel
    and a permanently failed e-mail."""
    reassign(
        escalation,
        responsible=office.colleague,
        reason="出差",
        by=office.supervisor,
        now=at("2026-10-09 09:00"),
    )
    appeal.refresh_from_db()
    request_extension(
        appeal,
        new_due_date=day("2026-10-20"),
        reason="r",
        legal_basis="b",
        by=office.colleague,
        now=at("2026-10-09 10:00"),
    )
    request_pause(
        appeal,
        category="suspension",
        reason="r",
        legal_basis="",
        start_date=day("2026-10-08"),
        by=office.colleague,
        now=at("2026-10-09 10:00"),
    )
    TeamChannel.objects.create(
        team=office.team,
        kind="wecom",
        name="诉讼组群",
        url="https://qyapi.example.test/send?key=SECRETKEY1234",
    )
    return escalation


@pytest.fixture
def admin_user(db, django_user_model):
    """pytest-django's superuser, reading English: the assertions name English messages, which stay
    English once the zh-hans catalog translates them for everyone else."""
    return django_user_model.objects.create_superuser(
        username="admin", email="admin@example.test", password="password", language="en"
    )
