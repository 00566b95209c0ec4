"""Who may open which page: anonymous people are sent to sign in, a matter outside a user's reach is a
404 (its actions too, POST included), and people who may see a matter but not act on it get a 403."""

from __future__ import annotations

import pytest
from django.test import Client

from caseflow.models import Stage

from .helpers import text


def stage(matter, code) -> Stage:
    return matter.stages.get(template__code=code)


def page_urls(matter) -> list[str]:
    return ["/", "/matters/", "/matters/new/", f"/matters/{matter.pk}/", "/inbox/", "/accounts/password/"]


def action_urls(matter, served) -> list[str]:
    appeal = stage(matter, "appeal")
    return [
        f"/matters/{matter.pk}/events/",
        f"/events/{served.pk}/correct/",
        f"/events/{served.pk}/withdraw/",
        *(
            f"/stages/{appeal.pk}/{action}/"
            for action in (
                "complete",
                "pause",
                "end_pause",
                "extension",
                "acknowledge",
                "cancel",
                "reopen",
                "reassign",
            )
        ),
        "/inbox/read-all/",
    ]


def test_it_sends_anonymous_people_to_sign_in(matter, served):
    client = Client()
    for url in page_urls(matter):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url
    for url in action_urls(matter, served):
        response = client.post(url, {})
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


def test_it_hides_another_teams_matter_from_a_lawyer(outsider_client, matter, served):
    assert outsider_client.get(f"/matters/{matter.pk}/").status_code == 404
    for url in action_urls(matter, served)[:-1]:
        assert outsider_client.post(url, {}).status_code == 404, url
    assert matter.number not in text(outsider_client.get("/matters/"))
    assert matter.number not in text(outsider_client.get("/"))


def test_it_refuses_the_outsider_even_with_a_valid_form(outsider_client, matter, served):
    appeal = stage(matter, "appeal")
    response = outsider_client.post(
        f"/stages/{appeal.pk}/complete/", {f"stage{appeal.pk}-complete-note": "x"}
    )
    assert response.status_code == 404
    appeal.refresh_from_db()
    assert appeal.status == Stage.Status.IN_PROGRESS


def test_a_colleague_sees_the_matter_but_cannot_act_on_it(colleague_client, matter, served):
    appeal = stage(matter, "appeal")
    page = colleague_client.get(f"/matters/{matter.pk}/")
    assert page.status_code == 200
    assert "Mark as done" not in text(page)
    assert "Record the event" not in text(page)
    assert colleague_client.post(f"/stages/{appeal.pk}/complete/", {}).status_code == 403
    assert colleague_client.post(f"/matters/{matter.pk}/events/", {}).status_code == 403
    appeal.refresh_from_db()
    assert appeal.status == Stage.Status.IN_PROGRESS


def test_supervisor_actions_are_refused_to_the_lawyer(lawyer_client, matter, served):
    appeal = stage(matter, "appeal")
    for action in ("cancel", "reassign"):
        response = lawyer_client.post(
            f"/stages/{appeal.pk}/{action}/", {f"stage{appeal.pk}-{action}-reason": "x"}
        )
        assert response.status_code == 403, action
    appeal.refresh_from_db()
    assert appeal.status == Stage.Status.IN_PROGRESS


def test_an_unknown_action_is_a_404(lawyer_client, matter, served):
    appeal = stage(matter, "appeal")
    assert lawyer_client.post(f"/stages/{appeal.pk}/explode/", {}).status_code == 404
    assert lawyer_client.post(f"/events/{served.pk}/explode/", {}).status_code == 404


@pytest.mark.parametrize("url", ["/stages/{pk}/complete/", "/matters/{matter}/events/"])
def test_actions_refuse_get(lawyer_client, matter, served, url):
    appeal = stage(matter, "appeal")
    assert lawyer_client.get(url.format(pk=appeal.pk, matter=matter.pk)).status_code == 405
