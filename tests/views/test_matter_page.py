"""The matter page: header, stages timeline with explanations in the reader's language, provisional and
paused markers, pending requests, and the history section."""

from __future__ import annotations

import time_machine

from alerts.services.requests import decide_pause, request_extension, request_pause
from caseflow.services.events import correct_event, record_event
from caseflow.services.stages import complete_stage, reassign_stage
from tests.factories import at, day, event_type, make_matter

from .conftest import signed_in
from .helpers import plain, section, text


def stage_html(response, stage) -> str:
    """One stage's part of the timeline."""
    html = section(response, f'id="stage-{stage.pk}"', 'id="events"')
    following = html.find('<li id="stage-', 1)
    return html if following < 0 else html[:following]


def appeal_of(matter):
    return matter.stages.get(template__code="appeal")


def test_it_shows_the_header(lawyer_client, matter, office):
    page = text(lawyer_client.get(f"/matters/{matter.pk}/"))
    for fact in (
        matter.number,
        matter.title,
        matter.client,
        office.lawyer.display_name,
        office.team.name,
        "2026-09-01",
    ):
        assert fact in page


def test_the_explanation_is_in_english_for_an_english_reader(office, matter, served):
    office.lawyer.language = "en"
    office.lawyer.save()
    response = signed_in(office.lawyer).get(f"/matters/{matter.pk}/")
    html = stage_html(response, appeal_of(matter))
    assert "How was this computed?" in html
    assert "National Day" in html
    assert "Due date: 2026-10-08" in html
    assert "cn.civil.appeal_judgment" in html
    assert "Civil Procedure Law" in html  # the citation in English


def test_the_explanation_is_in_chinese_for_a_chinese_reader(office, matter, served):
    office.lawyer.language = "zh-hans"
    office.lawyer.save()
    response = signed_in(office.lawyer).get(f"/matters/{matter.pk}/")
    html = stage_html(response, appeal_of(matter))
    assert "国庆节" in html
    assert "截止日期：2026-10-08" in html
    assert "中华人民共和国民事诉讼法" in html
    assert 'lang="zh-hans"' in response.content.decode()


def test_the_timeline_shows_dates_status_and_level(lawyer_client, matter, served):
    appeal = appeal_of(matter)
    with time_machine.travel(at("2026-09-21 12:00"), tick=False):
        response = signed_in(appeal.responsible).get(f"/matters/{matter.pk}/")
    html = stage_html(response, appeal)
    assert "2026-10-08" in html  # statutory and effective due date
    assert "2026-09-28" in html  # internal target
    assert "17 days" in html
    assert 'class="level level--' in html
    assert "In progress" in html
    defence = matter.stages.get(template__code="answer")
    assert "Awaiting trigger" in stage_html(response, defence)


def test_a_2027_deadline_is_marked_provisional(office, appeal_type):
    matter = make_matter(office, appeal_type, opened_on="2026-12-01")
    record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-12-20"),
        by=office.lawyer,
        now=at("2026-12-21 09:00"),
    )
    appeal = appeal_of(matter)
    assert appeal.provisional
    with time_machine.travel(at("2026-12-21 12:00"), tick=False):
        response = signed_in(office.lawyer).get(f"/matters/{matter.pk}/")
    html = stage_html(response, appeal)
    assert 'class="badge badge--provisional"' in html
    assert "no official holiday calendar has been published" in html  # the tooltip says why


def test_a_paused_stage_says_since_when_and_the_pending_extension_shows(office, matter, served):
    appeal = appeal_of(matter)
    now = at("2026-09-25 10:00")
    pause = request_pause(
        appeal,
        category="suspension",
        reason="当事人申请调解",
        legal_basis="",
        start_date=day("2026-09-24"),
        by=office.lawyer,
        now=now,
    )
    decide_pause(pause, approve=True, note="同意", by=office.supervisor, now=now)
    with time_machine.travel(now, tick=False):
        response = signed_in(office.lawyer).get(f"/matters/{matter.pk}/")
    html = stage_html(response, appeal)
    assert "Paused since 2026-09-24" in text(response)
    assert "Record the end of the pause" in html
    assert "Request a pause" not in html


def test_pending_requests_are_shown_on_the_stage(office, matter, served):
    appeal = appeal_of(matter)
    with time_machine.travel(at("2026-09-25 10:00"), tick=False):
        request_extension(
            appeal,
            new_due_date=day("2026-10-20"),
            reason="证据尚未取得",
            legal_basis="民诉法第86条",
            by=office.lawyer,
            now=at("2026-09-25 10:00"),
        )
        response = signed_in(office.lawyer).get(f"/matters/{matter.pk}/")
    html = stage_html(response, appeal)
    assert "Waiting for a supervisor" in html
    assert "2026-10-20" in html and "证据尚未取得" in html
    assert "Request an extension" not in html


def test_history_lists_changes_corrections_and_reassignments(office, matter, served):
    appeal = appeal_of(matter)
    correct_event(
        served,
        occurred_on=day("2026-09-25"),
        reason="送达回证日期录入错误",
        by=office.supervisor,
        now=at("2026-09-26 11:00"),
    )
    appeal.refresh_from_db()
    reassign_stage(
        appeal, responsible=office.colleague, reason="休假", by=office.supervisor, now=at("2026-09-26 12:00")
    )
    response = signed_in(office.lawyer).get(f"/matters/{matter.pk}/")
    history = plain(section(response, 'id="history"'))
    assert "2026-10-08 → 2026-10-10" in history
    assert "送达回证日期录入错误" in history
    assert "corrected to 2026-09-25" in history
    assert f"{office.lawyer.display_name} → {office.colleague.display_name}" in history
    assert "休假" in history
    assert "Computations" in history


def test_done_stages_say_when_and_whether_on_time(office, matter, served):
    appeal = appeal_of(matter)
    complete_stage(appeal, note="上诉状已提交", by=office.lawyer, now=at("2026-10-09 09:00"))  # a day late
    page_html = signed_in(office.lawyer).get(f"/matters/{matter.pk}/")
    html = stage_html(page_html, appeal)
    assert "Done late" in html and "2026-10-09 09:00" in html and "上诉状已提交" in html
    fee = matter.stages.get(template__code="appeal-fee")
    assert "In progress" in stage_html(page_html, fee)  # completion recorded "appeal filed"


def test_warning_transitions_and_escalations_appear_in_history(office, appeal_type):
    matter = make_matter(office, appeal_type)
    record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-09-01"),
        by=office.lawyer,
        now=at("2026-09-21 10:00"),
    )  # due 2026-09-16: overdue at once
    response = signed_in(office.supervisor).get(f"/matters/{matter.pk}/")
    history = section(response, 'id="history"')
    assert "Warning level changes" in history
    assert 'class="level level--overdue"' in history
    from alerts.models import Escalation

    escalation = Escalation.objects.get(matter=matter)
    assert f'href="/escalations/{escalation.pk}/"' in history
