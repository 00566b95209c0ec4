"""The matter list (only what the user may see, filters, pinned query count) and opening a matter."""

from __future__ import annotations

import re

import pytest

from caseflow.models import Calendar, Court, Matter, MatterType, Stage
from tests.factories import make_matter

from .helpers import count_queries, text


def listed(response) -> list[str]:
    return re.findall(r'<a href="/matters/(\d+)/">', response.content.decode())


@pytest.fixture
def courts(reference_data):
    return {
        "cn": Court.objects.create(
            code="bj-chaoyang",
            name_zh="北京市朝阳区人民法院",
            name_en="Beijing Chaoyang District Court",
            jurisdiction="CN",
            calendar=Calendar.objects.get(code="CN"),
            time_zone="Asia/Shanghai",
        ),
        "us": Court.objects.create(
            code="sdny",
            name_zh="纽约南区联邦地区法院",
            name_en="S.D.N.Y.",
            jurisdiction="US",
            calendar=Calendar.objects.get(code="US"),
            time_zone="America/New_York",
        ),
    }


def test_it_lists_only_visible_matters(office, appeal_type, lawyer_client, outsider_client):
    mine = make_matter(office, appeal_type)
    assert listed(lawyer_client.get("/matters/")) == [str(mine.pk)]
    assert listed(outsider_client.get("/matters/")) == []


def test_it_filters(office, appeal_type, lawyer_client):
    first = make_matter(office, appeal_type)
    second = make_matter(office, appeal_type, lead=office.colleague)
    assert listed(lawyer_client.get("/matters/", {"q": first.number})) == [str(first.pk)]
    assert listed(lawyer_client.get("/matters/", {"q": first.title})) == [str(first.pk)]
    assert listed(lawyer_client.get("/matters/", {"lead_lawyer": office.colleague.pk})) == [str(second.pk)]
    assert set(listed(lawyer_client.get("/matters/", {"status": "open"}))) == {str(first.pk), str(second.pk)}
    assert listed(lawyer_client.get("/matters/", {"status": "closed"})) == []
    assert (
        len(listed(lawyer_client.get("/matters/", {"team": office.team.pk, "matter_type": appeal_type.pk})))
        == 2
    )


def test_it_shows_the_next_due_date_and_level(office, appeal_type, lawyer_client, matter, served):
    page = text(lawyer_client.get("/matters/"))
    assert "2026-10-08" in page
    assert "Normal" in page or "正常" in page


def test_the_query_count_does_not_grow_with_the_rows(office, appeal_type, lawyer_client):
    make_matter(office, appeal_type)
    one, _ = count_queries(lawyer_client, "/matters/")
    for _n in range(19):
        make_matter(office, appeal_type)
    twenty, response = count_queries(lawyer_client, "/matters/")
    assert len(listed(response)) == 20
    assert one == twenty == MATTER_LIST_QUERIES


# Session, user, supervised teams (matters_visible_to), count, rows, the filter form's matter types, teams
# and lead lawyers, the teams that may open a matter (supervised teams, then exists), the unread count.
MATTER_LIST_QUERIES = 11


def form_data(office, matter_type, **changes) -> dict:
    data = {
        "number": "(2026)京0105民初1234号",
        "title": "某银行诉某公司金融借款合同纠纷",
        "client": "某银行股份有限公司",
        "opposing_party": "某科技有限公司",
        "matter_type": matter_type.pk,
        "court": "",
        "lead_lawyer": office.lawyer.pk,
        "team": office.team.pk,
        "opened_on": "2026-09-01",
        "description": "",
    }
    data.update(changes)
    return data


def test_it_opens_a_matter_with_its_stages(office, lawyer_client, courts):
    civil = MatterType.objects.get(code="cn-civil-first-instance")
    response = lawyer_client.post("/matters/new/", form_data(office, civil, court=courts["cn"].pk))
    matter = Matter.objects.get(number="(2026)京0105民初1234号")
    assert response.status_code == 302 and response["Location"] == f"/matters/{matter.pk}/"
    assert (matter.court, matter.lead_lawyer, matter.team, matter.created_by) == (
        courts["cn"],
        office.lawyer,
        office.team,
        office.lawyer,
    )
    assert matter.stages.count() == civil.stage_templates.count()
    # the pack's first stage counts from the opening itself and started at once
    drafting = matter.stages.get(template__code="complaint_drafting")
    assert drafting.status == Stage.Status.IN_PROGRESS and drafting.due_date is not None
    assert matter.total_due is not None
    page = text(lawyer_client.get(response["Location"]))
    assert "Matter (2026)京0105民初1234号 opened." in page or "(2026)京0105民初1234号" in page


def test_it_refuses_a_court_of_another_jurisdiction(office, lawyer_client, courts):
    civil = MatterType.objects.get(code="cn-civil-first-instance")
    response = lawyer_client.post("/matters/new/", form_data(office, civil, court=courts["us"].pk))
    assert response.status_code == 200
    assert "is not in the jurisdiction of" in text(response)
    assert not Matter.objects.filter(number="(2026)京0105民初1234号").exists()


def test_it_refuses_a_duplicate_number_and_missing_fields(office, appeal_type, lawyer_client, matter):
    response = lawyer_client.post(
        "/matters/new/", form_data(office, appeal_type, number=matter.number, client="")
    )
    page = text(response)
    assert "A matter with this number already exists." in page
    assert "This field is required." in page or "这个字段是必填项。" in page
    assert Matter.objects.count() == 1


def test_it_offers_only_active_matter_types_and_own_teams(office, appeal_type, lawyer_client):
    appeal_type.active = False
    appeal_type.save()
    response = lawyer_client.get("/matters/new/")
    form = response.context["form"]
    assert appeal_type not in form.fields["matter_type"].queryset
    assert list(form.fields["team"].queryset) == [office.team]
    refused = lawyer_client.post("/matters/new/", form_data(office, appeal_type))
    assert "Select a valid choice" in text(refused) or "选择一个有效的选项" in text(refused)
    other_team = office.outsider.team
    refused = lawyer_client.post(
        "/matters/new/", form_data(office, MatterType.objects.filter(active=True).first(), team=other_team.pk)
    )
    assert refused.status_code == 200 and not Matter.objects.exists()


def test_a_user_without_a_team_cannot_open_matters(reference_data):
    from django.test import Client

    from tests.factories import make_user

    client = Client()
    client.force_login(make_user(team=None))
    assert client.get("/matters/new/").status_code == 403
