"""Fixtures for the supervision screens: an office (department → team with a supervisor and two lawyers,
an office admin, a lawyer of another team), the precise policy and the 15-day appeal stage of
``tests/alerts/conftest.py``, and escalations made the real way: by ticking the scan past the due date.

The appeal counts from "judgment served" on 2026-09-20 and is due on 2026-10-08; it is overdue from
2026-10-09 00:00 Asia/Shanghai. The ladder: step 1 the team supervisor at once, step 2 the department
head 24 h later, step 3 the office admins 48 h after that.

Pages read the clock once per request (``timezone.now()``); tests that post travel to a fixed moment with
``time_machine`` so every outcome is exact.
"""

from __future__ import annotations

import pytest
import time_machine
from django.test import Client

from accounts.models import User
from alerts.models import Escalation, WarningPolicy
from alerts.scan import tick
from caseflow.services.events import record_event
from tests.factories import (
    at,
    day,
    event_type,
    make_appeal_type,
    make_matter,
    make_office,
    make_precise_policy,
    make_team,
    make_user,
)

OVERDUE_TICK = "2026-10-09 00:05"


@pytest.fixture
def office(reference_data):
    """``make_office()`` with everyone reading English, so assertions on messages hold once the zh-hans
    catalog translates them."""
    office = make_office()
    User.objects.filter(pk__in=[u.pk for u in vars(office).values() if isinstance(u, User)]).update(
        language="en"
    )
    for user in vars(office).values():
        if isinstance(user, User):
            user.language = "en"
    return office


@pytest.fixture
def precise_policy(reference_data) -> WarningPolicy:
    return make_precise_policy()


@pytest.fixture
def appeal_type(precise_policy):
    return make_appeal_type()


def start_appeal(office, appeal_type, *, served: str = "2026-09-20", lawyer: User | None = None):
    """A matter whose appeal stage started with the judgment served on ``served``; returns the stage."""
    matter = make_matter(office, appeal_type, opened_on="2026-09-01", lead=lawyer)
    record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day(served),
        by=lawyer or office.lawyer,
        now=at(f"{served} 10:00"),
    )
    return matter.stages.get(template__code="appeal")


@pytest.fixture
def appeal(office, appeal_type):
    """The appeal stage (responsible: ``office.lawyer``), due 2026-10-08."""
    return start_appeal(office, appeal_type)


@pytest.fixture
def escalation(appeal) -> Escalation:
    """The appeal's escalation: overdue, raised to the team supervisor (step 1) at 2026-10-09 00:05."""
    tick(now=at(OVERDUE_TICK))
    return Escalation.objects.get(stage=appeal)


@pytest.fixture
def travel():
    """Travel to a moment (Asia/Shanghai): ``travel("2026-10-09 09:00")``; time stands still there."""
    travellers = []

    def go(moment: str):
        traveller = time_machine.travel(at(moment), tick=False)
        traveller.start()
        travellers.append(traveller)

    yield go
    for traveller in reversed(travellers):
        traveller.stop()


@pytest.fixture
def other_office(reference_data):
    """Another team with its own supervisor: it must see none of ``office``'s escalations or requests."""
    boss = make_user(role=User.Role.SUPERVISOR, language="en")
    team = make_team(supervisor=boss, name_zh="仲裁组", name_en="Arbitration")
    boss.team = team
    boss.save(update_fields=["team"])
    return boss


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_user():
    """``as_user(office.supervisor).get(url)``: a client signed in as that user."""
    return client_for
