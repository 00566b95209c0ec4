"""Who may open the supervision screens: anonymous → sign in; a lawyer sees escalations of their own
stages read-only and gets a 403 on approvals and statistics; an escalation (and its forms) is a 404 for
anyone outside its team's supervision and not on its stage."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alerts.models import Escalation, EscalationEntry

LISTS = ["alerts:escalations", "alerts:approvals", "alerts:pause_stats"]


def page(escalation: Escalation) -> str:
    return reverse("alerts:escalation", args=[escalation.pk])


@pytest.mark.parametrize("name", LISTS)
def test_anonymous_visitors_are_sent_to_sign_in(client, reference_data, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_anonymous_visitors_cannot_reach_an_escalation(client, escalation):
    response = client.post(page(escalation), {"action": "acknowledge"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert Escalation.objects.get(pk=escalation.pk).status == Escalation.Status.OPEN


@pytest.mark.parametrize("who", ["supervisor", "head", "admin"])
@pytest.mark.parametrize("name", LISTS)
def test_supervisors_and_admins_open_every_screen(escalation, office, as_user, who, name):
    assert as_user(getattr(office, who)).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ["alerts:approvals", "alerts:pause_stats"])
def test_a_lawyer_gets_a_403_on_approvals_and_statistics(escalation, office, as_user, name):
    assert as_user(office.lawyer).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("who", ["supervisor", "head", "admin"])
def test_those_handling_the_escalation_get_every_form(escalation, office, as_user, who):
    response = as_user(getattr(office, who)).get(page(escalation))
    assert response.status_code == 200
    assert set(response.context["forms"]) == {"acknowledge", "comment", "reassign"}


def test_the_responsible_lawyer_sees_the_escalation_and_may_only_comment(escalation, office, as_user):
    response = as_user(office.lawyer).get(page(escalation))
    assert response.status_code == 200
    assert set(response.context["forms"]) == {"comment"}
    assert 'value="acknowledge"' not in response.content.decode()


def test_the_responsible_lawyer_cannot_acknowledge_by_posting(escalation, office, as_user):
    response = as_user(office.lawyer).post(page(escalation), {"action": "acknowledge", "ack-note": ""})
    assert response.status_code == 403
    assert "You cannot do this on this escalation." in response.content.decode()
    escalation.refresh_from_db()
    assert escalation.status == Escalation.Status.OPEN
    assert not escalation.entries.filter(kind=EscalationEntry.Kind.ACKNOWLEDGED).exists()


@pytest.mark.parametrize("who", ["outsider", "colleague", "boss_elsewhere"])
def test_outsiders_get_a_404_on_the_page_and_its_forms(escalation, office, other_office, as_user, who):
    user = other_office if who == "boss_elsewhere" else getattr(office, who)
    client = as_user(user)
    assert client.get(page(escalation)).status_code == 404
    for data in (
        {"action": "acknowledge", "ack-note": "x"},
        {"action": "comment", "comment-text": "x"},
        {"action": "reassign", "reassign-responsible": office.colleague.pk, "reassign-reason": "x"},
    ):
        assert client.post(page(escalation), data).status_code == 404
    escalation.refresh_from_db()
    assert escalation.status == Escalation.Status.OPEN
    assert list(escalation.entries.values_list("kind", flat=True)) == ["raised"]


def test_an_unknown_escalation_is_a_404(escalation, office, as_user):
    assert (
        as_user(office.admin).get(reverse("alerts:escalation", args=[escalation.pk + 1000])).status_code
        == 404
    )


def test_a_lawyer_sees_only_the_escalations_of_their_own_stages(escalation, office, as_user):
    mine = as_user(office.lawyer).get(reverse("alerts:escalations"))
    assert [row.pk for row in mine.context["table"].page.object_list.data] == [escalation.pk]
    assert mine.context["read_only"] is True
    theirs = as_user(office.colleague).get(reverse("alerts:escalations"))
    assert list(theirs.context["table"].page.object_list.data) == []
