"""The screens in Chinese: for a zh-hans reader the board, the matter page, the escalation queue and an
escalation's page show the catalog's Chinese, and no English message of the catalog leaks through
(a string someone forgot to mark, or a catalog not compiled).

The office: a civil appeal (judgment served 2026-09-20, due 2026-10-08 after National Day) that the
scan made overdue and escalated to the team supervisor on 2026-10-09 00:05; pages are read at 09:00.
"""

from __future__ import annotations

import html as htmllib
import re

import pytest
import time_machine
from django.test import Client

from accounts.models import User
from alerts.models import Escalation
from alerts.scan import tick
from caseflow.services.events import record_event
from tests.factories import at, day, event_type, make_matter, make_matter_type, make_office
from tests.i18n import po
from tests.i18n.conftest import PO_PATH
from tests.i18n.test_catalog import SAME_AS_ENGLISH

READ_AT = "2026-10-09 09:00"

# Short English headings that must not show either (the generic check below skips one-word messages).
ENGLISH_WORDS = ["Stages", "Events", "History", "Matters", "Deadlines", "Escalations", "Inbox", "Responsible"]


def visible(markup: str) -> str:
    """What a reader sees or hears: the text, and the titles, placeholders and labels of elements."""
    markup = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", markup, flags=re.S)
    attributes = re.findall(r'\b(?:title|placeholder|aria-label|alt)="([^"]*)"', markup)
    text = re.sub(r"<[^>]+>", " ", markup)
    return re.sub(r"\s+", " ", htmllib.unescape(" ".join([text, *attributes]))).strip()


def english_messages() -> list[str]:
    """The catalog's English messages of two words or more without placeholders: none may show."""
    found = []
    for entry in po.parse(PO_PATH):
        if entry.is_header or entry.msgid in SAME_AS_ENGLISH or po.placeholders(entry.msgid):
            continue
        if "<" in entry.msgid or len(re.findall(r"[A-Za-z]+", entry.msgid)) < 2:
            continue
        found.append(entry.msgid)
    return found


def assert_no_english(page: str) -> None:
    leaked = [msgid for msgid in english_messages() if msgid in page]
    leaked += [word for word in ENGLISH_WORDS if re.search(rf"\b{word}\b", page)]
    assert not leaked, f"English on a zh-hans page: {leaked}"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def office(reference_data):
    """Everyone reads Simplified Chinese."""
    office = make_office()
    for user in vars(office).values():
        if isinstance(user, User):
            user.language = "zh-hans"
            user.save(update_fields=["language"])
    return office


@pytest.fixture
def matter(office):
    matter_type = make_matter_type(
        [
            {"code": "answer", "trigger": "complaint_copy_received", "rule": "cn.civil.answer"},
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
            },
        ]
    )
    matter = make_matter(office, matter_type)
    record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-09-20"),
        by=office.lawyer,
        now=at("2026-09-21 10:00"),
    )
    return matter


@pytest.fixture
def escalation(matter) -> Escalation:
    tick(now=at("2026-10-09 00:05"))
    return Escalation.objects.get(stage__matter=matter)


@pytest.fixture
def page(escalation):
    """``page(user, url)``: the visible text of a page read at 09:00 on 2026-10-09, checked for zh-hans."""

    def read(user: User, url: str) -> str:
        with time_machine.travel(at(READ_AT), tick=False):
            response = client_for(user).get(url)
        assert response.status_code == 200
        markup = response.content.decode()
        assert '<html lang="zh-hans">' in markup
        return visible(markup)

    return read


def test_the_board_is_in_chinese(page, office):
    text = page(office.lawyer, "/")
    for phrase in (
        "我的期限",
        "今天是 2026-10-09，星期五",
        "未完成的期限",
        "最紧急的排在最前",
        "待起算",
        "剩余天数",
        "内部目标日",
        "逾期",
        "站内消息",
        "退出登录",
    ):
        assert phrase in text, phrase
    assert_no_english(text)


def test_the_matter_page_is_in_chinese(page, office, matter):
    text = page(office.lawyer, f"/matters/{matter.pk}/")
    for phrase in (
        "委托人",
        "主办律师",
        "立案日期",
        "节点",
        "起算事件",
        "法定截止日期",
        "已逾期 1 天",
        "期限是如何计算的？",
        "申请暂停计时",
        "申请延期",
        "自此起算的节点",
        "登记事件",
        "历史记录",
        "计算记录",
        "预警等级变化",
    ):
        assert phrase in text, phrase
    assert_no_english(text)


def test_the_escalation_queue_is_in_chinese(page, office):
    text = page(office.supervisor, "/escalations/")
    for phrase in ("督办", "1 项未结督办", "逾期起始时间", "督办层级", "签收人", "筛选", "重置", "逾期"):
        assert phrase in text, phrase
    assert_no_english(text)


def test_an_escalation_page_is_in_chinese(page, office, escalation):
    text = page(office.supervisor, f"/escalations/{escalation.pk}/")
    assert re.search(r"督办[:：]\s*上诉期", text)
    for phrase in (
        "节点信息",
        "法定截止日期",
        "届满时刻",
        "已达督办层级",
        "改派节点承办人",
        "添加留言",
        "返回督办列表",
    ):
        assert phrase in text, phrase
    assert_no_english(text)
