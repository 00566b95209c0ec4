"""Who may see a matter: the one place that decides (accounts.access)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from accounts.access import access_matter, can_supervise, matters_visible_to, team_and_descendants
from tests.factories import make_matter, make_matter_type, make_office, make_team


@pytest.fixture
def office(reference_data):
    return make_office()


@pytest.fixture
def matter(office):
    matter_type = make_matter_type(
        [{"code": "appeal", "trigger": "judgment_served", "rule": "cn.civil.appeal_judgment"}]
    )
    return make_matter(office, matter_type)


def test_each_role_sees_what_it_should(office, matter):
    assert list(matters_visible_to(office.lawyer)) == [matter]  # lead lawyer
    assert list(matters_visible_to(office.colleague)) == [matter]  # same team
    assert list(matters_visible_to(office.supervisor)) == [matter]  # supervises the team
    assert list(matters_visible_to(office.head)) == [matter]  # supervises the parent department
    assert list(matters_visible_to(office.admin)) == [matter]  # office administrator
    assert list(matters_visible_to(office.outsider)) == []


def test_a_matter_out_of_reach_is_a_404_not_a_403(office, matter):
    assert access_matter(office.lawyer, matter.pk) == matter
    with pytest.raises(Http404):
        access_matter(office.outsider, matter.pk)


def test_responsibility_for_a_stage_opens_the_matter(office, matter):
    from caseflow.services.stages import reassign_stage
    from tests.factories import at

    reassign_stage(
        matter.stages.get(),
        responsible=office.outsider,
        reason="借调",
        by=office.supervisor,
        now=at("2026-09-02 09:00"),
    )
    assert list(matters_visible_to(office.outsider)) == [matter]


def test_department_heads_supervise_the_teams_below(office):
    assert can_supervise(office.head, office.team.pk)
    assert can_supervise(office.supervisor, office.team.pk)
    assert not can_supervise(office.lawyer, office.team.pk)
    assert not can_supervise(office.supervisor, office.department.pk)


def test_a_team_cannot_sit_below_itself(reference_data):
    top = make_team()
    middle = make_team(parent=top)
    bottom = make_team(parent=middle)
    top.parent = bottom
    with pytest.raises(ValidationError):
        top.full_clean()
    top.save()  # written past validation (e.g. raw SQL): access checks must still terminate
    assert sorted(team_and_descendants(middle)) == sorted([middle.pk, bottom.pk, top.pk])


def test_inactive_users_see_nothing(office, matter):
    office.lawyer.is_active = False
    office.lawyer.save()
    assert list(matters_visible_to(office.lawyer)) == []
