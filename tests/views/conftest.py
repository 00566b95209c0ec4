"""Fixtures for the lawyer-screen tests: an office (a team with a supervisor and two lawyers, a
department head, an admin and a lawyer of another team), a matter type with a civil appeal chain, and
signed-in clients for each persona.

The matter's appeal counts from "judgment served": recorded on 2026-09-20 it is due on 2026-10-08 (day 15
falls in the National Day holiday)."""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import User
from caseflow.services.events import record_event
from tests.factories import at, day, event_type, make_matter, make_matter_type, make_office

APPEAL_CHAIN = [
    {
        "code": "answer",
        "trigger": "complaint_copy_received",
        "rule": "cn.civil.answer",
        "name_en": "Defence",
        "name_zh": "答辩期",
    },
    {
        "code": "appeal",
        "trigger": "judgment_served",
        "rule": "cn.civil.appeal_judgment",
        "internal_lead": "3wd",
        "completion_event": "appeal_filed",
        "name_en": "Appeal",
        "name_zh": "上诉期",
    },
    {
        "code": "appeal-fee",
        "trigger": "appeal_filed",
        "period": "7d",
        "convention": "cn_civil",
        "kind": "soft",
        "name_en": "Pay the appeal fee",
        "name_zh": "缴纳上诉费",
    },
]


@pytest.fixture
def office(reference_data):
    """``make_office()`` with everyone reading English, so assertions on messages hold now that the
    zh-hans catalog translates them (tests of the Chinese pages set ``language`` themselves)."""
    office = make_office()
    for user in vars(office).values():
        if isinstance(user, User):
            user.language = "en"
            user.save(update_fields=["language"])
    return office


@pytest.fixture
def appeal_type(reference_data):
    return make_matter_type(APPEAL_CHAIN)


@pytest.fixture
def matter(office, appeal_type):
    """Opened 2026-09-01 by the lawyer, nothing recorded yet."""
    return make_matter(office, appeal_type)


@pytest.fixture
def served(matter, office):
    """The judgment served on 2026-09-20: the appeal is due 2026-10-08."""
    return record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-09-20"),
        by=office.lawyer,
        now=at("2026-09-21 10:00"),
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def lawyer_client(office):
    return signed_in(office.lawyer)


@pytest.fixture
def supervisor_client(office):
    return signed_in(office.supervisor)


@pytest.fixture
def outsider_client(office):
    return signed_in(office.outsider)


@pytest.fixture
def colleague_client(office):
    return signed_in(office.colleague)


@pytest.fixture
def admin_user_client(office):
    return signed_in(office.admin)
