"""The lawyer screens in a real browser: the demo flow (board → matter → record the judgment's service →
the appeal's due date with its explanation), switching language, and completing a stage.

Data is created in fixtures, before the test body drives the browser. The clock is moved to 2026-09-21
(ticking) so the levels and "days left" are those of the demo story; sessions are browser-session cookies
so Chromium does not discard a cookie whose expiry date lies in its own (real) past.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import time_machine
from playwright.sync_api import expect

from caseflow.services.events import record_event
from tests.factories import at, day, event_type, make_matter, make_matter_type, make_office

pytestmark = pytest.mark.browser

APPEAL_CHAIN = [
    {
        "code": "answer",
        "trigger": "complaint_copy_received",
        "rule": "cn.civil.answer",
        "name_zh": "答辩期",
        "name_en": "Defence",
    },
    {
        "code": "appeal",
        "trigger": "judgment_served",
        "rule": "cn.civil.appeal_judgment",
        "internal_lead": "3wd",
        "completion_event": "appeal_filed",
        "name_zh": "上诉期",
        "name_en": "Appeal",
    },
    {
        "code": "appeal-fee",
        "trigger": "appeal_filed",
        "period": "7d",
        "convention": "cn_civil",
        "kind": "soft",
        "name_zh": "缴纳上诉费",
        "name_en": "Pay the appeal fee",
    },
]


@pytest.fixture
def clock(settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    with time_machine.travel(at("2026-09-21 10:00"), tick=True):
        yield


@pytest.fixture
def story(reference_data, live_server, clock) -> dict[str, Any]:
    """A lawyer (reading English) with four appeals at four levels and a fresh matter (the demo's)."""
    office = make_office()
    office.lawyer.language = "en"
    office.lawyer.save(update_fields=["language"])
    appeal_type = make_matter_type(APPEAL_CHAIN)
    levels = {}
    for name, served in (
        ("overdue", "2026-09-01"),
        ("urgent", "2026-09-08"),
        ("warning", "2026-09-10"),
        ("reminder", "2026-09-15"),
    ):
        matter = make_matter(office, appeal_type, opened_on="2026-08-20")
        record_event(
            matter=matter,
            event_type=event_type("judgment_served"),
            occurred_on=day(served),
            by=office.lawyer,
            now=at("2026-09-21 09:00"),
        )
        levels[name] = matter
    demo = make_matter(office, appeal_type, opened_on="2026-09-01")
    return {"office": office, "levels": levels, "demo": demo, "username": office.lawyer.username}


def sign_in(page: Any, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo")
    page.click("form[action='/accounts/login/'] button[type=submit]")
    expect(page.locator("h1")).to_have_text(re.compile("deadlines|截止|期限", re.I))


def test_the_demo_flow(page: Any, story: dict[str, Any]) -> None:
    sign_in(page, story["username"])
    assert page.evaluate("location.pathname") == "/"

    # coloured level badges, each with its label and shape
    colours = {}
    for level in ("overdue", "urgent", "warning", "reminder"):
        badge = page.locator(f".board-table .level--{level}").first
        expect(badge).to_be_visible()
        expect(badge).to_contain_text(level.capitalize())
        colours[level] = badge.evaluate("el => getComputedStyle(el).backgroundColor")
    assert len(set(colours.values())) == 4, colours
    assert colours["overdue"] == "rgb(253, 225, 223)"

    # the fresh matter waits for its trigger; open it
    demo = story["demo"]
    page.locator(".awaiting-table").get_by_role("link", name=demo.number).first.click()
    expect(page.locator("h1")).to_contain_text(demo.number)

    record = page.locator("#record-event")
    options = record.locator("select[name='record-event_type'] option").all_inner_texts()
    served_label = next(text for text in options if "served" in text.lower() or "送达" in text)
    record.locator("select[name='record-event_type']").select_option(label=served_label)
    record.locator("input[name='record-occurred_on']").fill("2026-09-20")
    record.get_by_role("button", name="Record the event").click()

    expect(page.locator(".message--success")).to_contain_text("recorded on 2026-09-20")
    appeal = page.locator(".stage", has=page.locator("h3", has_text="Appeal")).first
    expect(appeal).to_contain_text("2026-10-08")
    expect(appeal).to_contain_text("In progress")
    appeal.get_by_text("How was this computed?").click()
    explanation = appeal.locator(".explanation")
    expect(explanation).to_be_visible()
    expect(explanation).to_contain_text("National Day")
    expect(explanation).to_contain_text("2026-10-08")


def test_switching_the_language(page: Any, story: dict[str, Any], browser: Any, browser_context_args) -> None:
    office = story["office"]
    username = office.colleague.username  # reads Chinese (the factory's default)
    sign_in(page, username)
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator(".brand")).to_be_visible()
    weekday_zh = page.locator(".page-head .muted").inner_text()
    assert "星期" in weekday_zh

    page.select_option("#language-select", "en")
    page.locator(".language-form button").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("My deadlines")
    expect(page.locator(".page-head .muted")).to_contain_text("Monday")
    expect(page.get_by_role("link", name="Matters")).to_be_visible()

    # the choice was saved on the user: a new browser signs in in English
    context = browser.new_context(**browser_context_args)
    try:
        other = context.new_page()
        sign_in(other, username)
        expect(other.locator("html")).to_have_attribute("lang", "en")
    finally:
        context.close()


@pytest.fixture
def served_matter(story: dict[str, Any]):
    office = story["office"]
    matter = story["demo"]
    record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-09-20"),
        by=office.lawyer,
        now=at("2026-09-21 09:30"),
    )
    return matter


def test_completing_a_stage(page: Any, story: dict[str, Any], served_matter) -> None:
    sign_in(page, story["username"])
    page.goto(f"/matters/{served_matter.pk}/")
    appeal = page.locator(".stage", has=page.locator("h3", has_text="Appeal")).first
    action = appeal.locator("details.action[data-action=complete]")
    action.locator("summary").click()
    action.locator("textarea").fill("Appeal filed at the court's e-filing desk")
    action.get_by_role("button", name="Mark as done").click()

    expect(page.locator(".message--success")).to_contain_text("Appeal completed.")
    appeal = page.locator(".stage", has=page.locator("h3", has_text="Appeal")).first
    expect(appeal).to_contain_text("Done on time")
    expect(appeal).to_contain_text("Appeal filed at the court's e-filing desk")
    fee = page.locator(".stage", has=page.locator("h3", has_text="Pay the appeal fee")).first
    expect(fee).to_contain_text("In progress")
    # the recorded completion event now appears among the events
    expect(page.locator("#events")).to_contain_text("2026-09-21")
