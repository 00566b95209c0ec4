"""Pause and extension statistics per person of the supervised teams."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alerts.models import PauseRequest
from alerts.services.requests import (
    decide_extension,
    decide_pause,
    end_pause,
    request_extension,
    request_pause,
)
from tests.factories import at, day
from tests.supervision.conftest import start_appeal

URL = reverse("alerts:pause_stats")


def rows(response) -> dict[str, tuple]:
    figures = (
        "pauses",
        "running_pauses",
        "paused_days",
        "extensions_requested",
        "extensions_approved",
        "extensions_rejected",
    )
    return {
        row.record.person.username: tuple(getattr(row.record, name) for name in figures)
        for row in response.context["table"].rows
    }


def order(response) -> list[str]:
    return [row.record.person.username for row in response.context["table"].rows]


@pytest.fixture
def history(office, appeal, appeal_type, travel):
    """The lawyer: a 4-day pause (09-22..09-25), one extension approved and one rejected. The colleague:
    a pause running since 09-28. Statistics read on 2026-10-01."""
    sup = office.supervisor

    def pause(stage, by, start):
        asked = request_pause(
            stage,
            category=PauseRequest.Category.EXCLUDED,
            reason="鉴定",
            legal_basis="",
            start_date=day(start),
            by=by,
            now=at(f"{start} 10:00"),
        )
        return decide_pause(asked, approve=True, note="", by=sup, now=at(f"{start} 11:00"))

    def extension(stage, approve, when):
        asked = request_extension(
            stage, new_due_date=day("2026-10-30"), reason="r", legal_basis="b", by=office.lawyer, now=at(when)
        )
        decide_extension(asked, approve=approve, note="n", by=sup, now=at(when))

    end_pause(
        pause(appeal, office.lawyer, "2026-09-22"),
        end_date=day("2026-09-25"),
        by=office.lawyer,
        now=at("2026-09-26 09:00"),
    )
    extension(appeal, True, "2026-09-26 10:00")
    extension(start_appeal(office, appeal_type), False, "2026-09-26 11:00")
    pause(start_appeal(office, appeal_type, lawyer=office.colleague), office.colleague, "2026-09-28")
    travel("2026-10-01 12:00")


def test_the_figures_per_person(history, office, as_user):
    figures = rows(as_user(office.supervisor).get(URL))
    assert figures == {
        office.lawyer.username: (1, 0, 4, 2, 1, 1),
        office.colleague.username: (1, 1, 4, 0, 0, 0),  # 09-28 .. 10-01 so far
        office.supervisor.username: (0, 0, 0, 0, 0, 0),  # a member of the team who asked for nothing
    }


def test_sortable_by_any_figure(history, office, as_user):
    client = as_user(office.supervisor)
    assert order(client.get(URL, {"sort": "-running_pauses"}))[0] == office.colleague.username
    assert order(client.get(URL, {"sort": "-extensions_requested"}))[0] == office.lawyer.username
    assert order(client.get(URL, {"sort": "paused_days"}))[0] == office.supervisor.username


def test_a_team_filter_and_the_scope(history, office, other_office, as_user):
    admin = as_user(office.admin)
    everyone = rows(admin.get(URL))
    assert {office.lawyer.username, office.colleague.username, other_office.username} <= set(everyone)
    assert set(rows(admin.get(URL, {"team": other_office.team.pk}))) == {other_office.username}
    # the department head sees the team below the department
    assert rows(as_user(office.head).get(URL))[office.lawyer.username] == (1, 0, 4, 2, 1, 1)
    # another team's supervisor sees only their own team, and cannot pick ours
    assert set(rows(as_user(other_office).get(URL))) == {other_office.username}
    assert set(rows(as_user(other_office).get(URL, {"team": office.team.pk}))) == {other_office.username}


def test_the_page_shows_the_figures(history, office, as_user):
    page = as_user(office.supervisor).get(URL).content.decode()
    assert "Days paused" in page and office.colleague.display_name in page
    assert "2026-10-01" in page  # running pauses are counted up to today
