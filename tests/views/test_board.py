"""The deadline board: the signed-in person's open stages, most urgent first; the team view for
supervisors; filters; the awaiting-trigger section; a pinned query count."""

from __future__ import annotations

import pytest
import time_machine

from alerts.models import Level
from caseflow.services.events import record_event
from caseflow.services.stages import reassign_stage
from tests.factories import at, day, event_type, make_matter

from .conftest import signed_in
from .helpers import count_queries, section, stage_links, text

TODAY = at("2026-09-21 15:00")


def serve(matter, office, served_on: str, *, now: str = "2026-09-21 10:00"):
    record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day(served_on),
        by=office.lawyer,
        now=at(now),
    )
    return matter.stages.get(template__code="appeal")


def open_rows(response) -> list[int]:
    return stage_links(section(response, 'id="open-heading"', 'id="awaiting-heading"'))


@pytest.fixture
def board(office, appeal_type):
    """Five appeals of the lawyer, each at a known level on 2026-09-21 (levels are set when the event is
    recorded; the board shows the clock's level, not a fresh computation)."""
    stages = {}
    # due 2026-09-16: overdue
    stages["overdue"] = serve(make_matter(office, appeal_type), office, "2026-09-01")
    # due 2026-09-23: two working days left -> urgent
    stages["urgent"] = serve(make_matter(office, appeal_type), office, "2026-09-08")
    # due 2026-10-08: normal on 09-21 ...
    stages["normal_early"] = serve(make_matter(office, appeal_type), office, "2026-09-20")
    # ... due 2026-10-10 (a make-up working Saturday): normal
    stages["normal_late"] = serve(make_matter(office, appeal_type), office, "2026-09-25")
    # due 2026-10-12, but recorded "late" (at 2026-10-09), so its clock already says urgent: a higher level
    # comes first even though its due date is later than the normal ones
    stages["urgent_late"] = serve(
        make_matter(office, appeal_type), office, "2026-09-26", now="2026-10-09 10:00"
    )
    for stage in stages.values():
        stage.refresh_from_db()
    return stages


def test_it_orders_by_level_then_due_date(lawyer_client, board):
    levels = {name: stage.clock.level for name, stage in board.items()}
    assert levels == {
        "overdue": Level.OVERDUE,
        "urgent": Level.URGENT,
        "normal_early": Level.NORMAL,
        "normal_late": Level.NORMAL,
        "urgent_late": Level.URGENT,
    }
    with time_machine.travel(TODAY, tick=False):
        response = lawyer_client.get("/")
    assert open_rows(response) == [
        board[name].pk for name in ("overdue", "urgent", "urgent_late", "normal_early", "normal_late")
    ]


def test_it_shows_level_badges_days_left_and_dates(lawyer_client, board):
    with time_machine.travel(TODAY, tick=False):
        response = lawyer_client.get("/")
    html = response.content.decode()
    assert 'class="level level--overdue"' in html and 'class="level level--urgent"' in html
    page = text(response)
    assert "overdue by 5 days" in page  # due 2026-09-16, today 2026-09-21
    assert "2 days" in page  # due 2026-09-23
    assert "2026-10-08" in page and "2026-09-28" in page  # due date and internal target
    assert "Responsible" not in text(response).split("Open deadlines")[1].split("Awaiting trigger")[0]


def test_awaiting_trigger_stages_are_listed_separately(lawyer_client, matter):
    response = lawyer_client.get("/")
    awaiting = section(response, 'id="awaiting-heading"')
    defence = matter.stages.get(template__code="answer")
    assert defence.pk in stage_links(awaiting)
    assert open_rows(response) == []
    assert "Defence" in text(response) or "答辩期" in text(response)


def test_it_does_not_show_other_peoples_stages_in_mine(office, appeal_type, lawyer_client, board):
    theirs = serve(make_matter(office, appeal_type, lead=office.colleague), office, "2026-09-20")
    with time_machine.travel(TODAY, tick=False):
        rows = open_rows(lawyer_client.get("/"))
    assert theirs.pk not in rows and len(rows) == 5


def test_done_and_cancelled_stages_leave_the_board(lawyer_client, board, office):
    from caseflow.services.stages import cancel_stage, complete_stage

    complete_stage(board["urgent"], by=office.lawyer, now=at("2026-09-21 11:00"))
    cancel_stage(
        board["normal_late"], reason="client settled", by=office.supervisor, now=at("2026-09-21 11:00")
    )
    with time_machine.travel(TODAY, tick=False):
        rows = open_rows(lawyer_client.get("/"))
    assert board["urgent"].pk not in rows and board["normal_late"].pk not in rows


def test_filters(lawyer_client, board):
    with time_machine.travel(TODAY, tick=False):
        urgent = open_rows(lawyer_client.get("/", {"level": Level.URGENT}))
        soon = open_rows(lawyer_client.get("/", {"due_within": "7"}))
        number = board["normal_late"].matter.number
        found = open_rows(lawyer_client.get("/", {"q": number}))
        by_client = open_rows(lawyer_client.get("/", {"q": "某银行"}))
    assert urgent == [board["urgent"].pk, board["urgent_late"].pk]
    assert soon == [board["overdue"].pk, board["urgent"].pk]  # overdue counts as due within 7 days
    assert found == [board["normal_late"].pk]
    assert len(by_client) == 5


def test_a_supervisor_sees_the_team_with_the_responsible_person(
    office, appeal_type, supervisor_client, board
):
    theirs = serve(make_matter(office, appeal_type, lead=office.colleague), office, "2026-09-20")
    with time_machine.travel(TODAY, tick=False):
        mine = open_rows(supervisor_client.get("/"))
        response = supervisor_client.get("/", {"scope": "team"})
        colleague_only = open_rows(
            supervisor_client.get("/", {"scope": "team", "responsible": office.colleague.pk})
        )
    assert mine == []
    team = open_rows(response)
    assert team == [board[n].pk for n in ("overdue", "urgent", "urgent_late", "normal_early")] + [
        theirs.pk,
        board["normal_late"].pk,
    ] or set(team) == {*(s.pk for s in board.values()), theirs.pk}
    assert set(team) == {*(s.pk for s in board.values()), theirs.pk}
    page = text(response)
    assert "Responsible" in page and office.colleague.display_name in page
    assert colleague_only == [theirs.pk]


def test_the_team_view_follows_a_reassignment(office, supervisor_client, board):
    reassign_stage(
        board["urgent"],
        responsible=office.colleague,
        reason="holiday",
        by=office.supervisor,
        now=at("2026-09-21 12:00"),
    )
    with time_machine.travel(TODAY, tick=False):
        rows = open_rows(supervisor_client.get("/", {"scope": "team", "responsible": office.colleague.pk}))
    assert rows == [board["urgent"].pk]


def test_a_lawyer_cannot_ask_for_the_team_view(lawyer_client, office, appeal_type, board):
    theirs = serve(make_matter(office, appeal_type, lead=office.colleague), office, "2026-09-20")
    with time_machine.travel(TODAY, tick=False):
        rows = open_rows(lawyer_client.get("/", {"scope": "all"}))
        team_rows = open_rows(lawyer_client.get("/", {"scope": "team"}))
    assert theirs.pk not in rows and theirs.pk not in team_rows


def test_the_admin_sees_all(admin_user_client, office, board):
    with time_machine.travel(TODAY, tick=False):
        rows = open_rows(admin_user_client.get("/", {"scope": "all"}))
    assert set(rows) == {s.pk for s in board.values()}


def test_provisional_dates_carry_a_badge(office, appeal_type):
    """Served 2026-12-20: day 15 is 2027-01-04, beyond the published 2026 notice."""
    stage = serve(make_matter(office, appeal_type), office, "2026-12-20", now="2026-12-21 10:00")
    assert stage.provisional
    with time_machine.travel(at("2026-12-21 12:00"), tick=False):
        response = signed_in(office.lawyer).get("/")
    assert 'class="badge badge--provisional"' in response.content.decode()
    assert "provisional" in text(response)


def test_the_query_count_does_not_grow_with_the_rows(office, appeal_type, lawyer_client):
    serve(make_matter(office, appeal_type), office, "2026-09-20")
    with time_machine.travel(TODAY, tick=False):
        one, _ = count_queries(lawyer_client, "/")
    for _n in range(19):
        serve(make_matter(office, appeal_type), office, "2026-09-20")
    with time_machine.travel(TODAY, tick=False):
        twenty, response = count_queries(lawyer_client, "/")
    assert len(open_rows(response)) == 20
    assert one == twenty
    assert twenty == BOARD_QUERIES


def test_the_team_view_query_count_does_not_grow(office, appeal_type, supervisor_client):
    serve(make_matter(office, appeal_type), office, "2026-09-20")
    with time_machine.travel(TODAY, tick=False):
        one, _ = count_queries(supervisor_client, "/?scope=team")
    for _n in range(19):
        serve(make_matter(office, appeal_type, lead=office.colleague), office, "2026-09-20")
    with time_machine.travel(TODAY, tick=False):
        twenty, _ = count_queries(supervisor_client, "/?scope=team")
    assert one == twenty == BOARD_TEAM_QUERIES


# Session, user, supervised teams (the view's and matters_visible_to's), the two tables' counts and rows,
# the matter types of the filter, the header's unread count; the team view adds the sub-team lookups and
# the responsible-person choices.
BOARD_QUERIES = 10
BOARD_TEAM_QUERIES = 13
