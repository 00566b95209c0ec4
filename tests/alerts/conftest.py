"""Fixtures for the warning-scan tests: an office and a 15-day appeal stage on the CN calendar.

The appeal counts from "judgment served" on 2026-09-20, so it is due on 2026-10-08 (day 15 is
2026-10-05, inside the National Day holiday). The ``precise`` policy gives each level one condition, so
the expected days are easy to check by hand against the 2026 calendar:

* reminder: at most 14 calendar days left -> from 2026-09-24
* warning: at most 3 working days left (28, 29, 30 Sep and 8 Oct remain on the 27th) -> from 2026-09-28
* urgent: at most 1 working day left, and the last working day before the due date -> from 2026-09-30
* overdue: from 2026-10-09 00:00 Asia/Shanghai
"""

from __future__ import annotations

import pytest

from alerts.models import WarningPolicy
from caseflow.services.events import record_event
from tests.factories import (
    at,
    day,
    event_type,
    make_appeal_type,
    make_matter,
    make_office,
    make_precise_policy,
)


@pytest.fixture
def office(reference_data):
    return make_office()


@pytest.fixture
def precise_policy(reference_data) -> WarningPolicy:
    return make_precise_policy()


@pytest.fixture
def appeal_type(precise_policy):
    return make_appeal_type()


@pytest.fixture
def appeal(office, appeal_type):
    """The appeal stage, started by recording the judgment's service on 2026-09-20 at 10:00."""
    matter = make_matter(office, appeal_type, opened_on="2026-09-01")
    record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-09-20"),
        by=office.lawyer,
        now=at("2026-09-20 10:00"),
    )
    return matter.stages.get(template__code="appeal")
