"""Explanation steps: exact texts in both languages, and storage as JSON that re-renders identically."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from caseflow.deadlines import Convention, Deadline, Period, Step, compute_deadline, explain_en, explain_zh
from caseflow.deadlines.explain import STEP_CODES
from tests.deadlines.calendars import cn_calendar, us_calendar
from tests.deadlines.rules import APPEAL_JUDGMENT


def appeal() -> Deadline:
    return compute_deadline(
        dt.date(2026, 9, 20),
        Period.parse("15d"),
        convention=Convention.CN_CIVIL,
        calendar=cn_calendar(),
        rule=APPEAL_JUDGMENT,
    )


def test_it_explains_an_appeal_like_an_associate_would_in_english():
    assert appeal().explain() == [
        "Appeal against first-instance judgment: 15 days after the trigger — "
        "Civil Procedure Law of the PRC (2023), art. 171(1)",
        "Trigger 2026-09-20 is not counted; counting starts on 2026-09-21",
        "Day 15 = 2026-10-05",
        "2026-10-05 is a statutory holiday (National Day): next working day 2026-10-08",
        "Due date: 2026-10-08",
    ]


def test_it_explains_an_appeal_in_chinese():
    assert appeal().explain("zh-hans") == [
        "对第一审判决提起上诉：起算日后15日 — 中华人民共和国民事诉讼法（2023年修正）第一百七十一条第一款",
        "起算日 2026-09-20 不计入，自 2026-09-21 起算",
        "第15日为 2026-10-05",
        "2026-10-05 为法定节假日（国庆节），顺延至下一个工作日 2026-10-08",
        "截止日期：2026-10-08",
    ]


def test_it_names_the_period_and_convention_without_a_rule():
    deadline = compute_deadline(
        dt.date(2026, 9, 30), Period.parse("10d"), convention=Convention.CN_CIVIL, calendar=cn_calendar()
    )
    assert deadline.explain()[0] == (
        "Period: 10 days after the trigger, counted under PRC civil/administrative/labour procedure and "
        "Civil Code (民诉法 85; 民法典 200-204)"
    )
    assert deadline.explain("zh-hans")[0] == (
        "期间：起算日后10日，按民事诉讼及民法典期间规则（民诉法第八十五条；民法典第二百条至第二百零四条）计算"
    )
    assert deadline.explain()[3] == (
        "2026-10-10 is a make-up working day for National Day (调休上班): it is a working day, so the period "
        "does not move"
    )
    assert deadline.explain("zh-hans")[3] == "2026-10-10 为国庆节调休上班日，属于工作日，期限不顺延"
    assert deadline.citation() == ""
    assert deadline.to_dict()["citation"] is None


def test_it_explains_a_clipped_month_and_a_backward_roll():
    month = compute_deadline(
        dt.date(2026, 1, 31), Period.parse("1m"), convention=Convention.CN_CIVIL, calendar=cn_calendar()
    )
    assert month.explain()[2] == (
        "1 month after 2026-01-31: 2026-02 has no day 31, so the period ends on the last day of that month, "
        "2026-02-28 (民法典 art. 202)"
    )
    assert month.explain("zh")[2] == (
        "2026-01-31 后1个月：2026年2月没有31日，期间至该月最后一日 2026-02-28（民法典第二百零二条）"
    )
    backward = compute_deadline(
        dt.date(2026, 11, 1),
        Period.parse("30d"),
        convention=Convention.CN_CIVIL,
        calendar=cn_calendar(),
        direction="before",
    )
    assert backward.explain()[1:] == [
        "Trigger 2026-11-01 is not counted; counting backward starts on 2026-10-31",
        "Day 30 before the trigger = 2026-10-02",
        "2026-10-02 is a statutory holiday (National Day): counting backward, previous working day "
        "2026-09-30 (the conservative reading; the statute is silent)",
        "Due date: 2026-09-30",
    ]
    assert backward.explain("zh")[3] == (
        "2026-10-02 为法定节假日（国庆节），向前倒数的期间提前至前一个工作日 2026-09-30"
        "（从严理解，法律未作规定）"
    )


def test_it_cites_the_rule_in_the_language_asked_for():
    deadline = appeal()
    assert deadline.citation() == "Civil Procedure Law of the PRC (2023), art. 171(1)"
    assert deadline.citation("zh-hans") == "中华人民共和国民事诉讼法（2023年修正）第一百七十一条第一款"


def test_to_dict_is_json_and_complete():
    data = appeal().to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data == {
        "due": "2026-10-08",
        "provisional": False,
        "steps": appeal().explain(),
        "rule": "cn.civil.appeal_judgment",
        "citation": "Civil Procedure Law of the PRC (2023), art. 171(1)",
        "nominal_end": "2026-10-05",
        "period": "15d",
        "convention": "cn_civil",
        "direction": "after",
        "custody": False,
        "calendar": "CN",
    }
    assert appeal().to_dict("zh-hans")["steps"][-1] == "截止日期：2026-10-08"


def test_hour_deadlines_serialise_to_the_minute():
    deadline = compute_deadline(
        dt.datetime(2026, 6, 5, 10, 23),
        Period.parse("24h"),
        convention=Convention.US_FRCP,
        calendar=us_calendar(),
    )
    assert deadline.hour_precision
    assert (deadline.to_dict()["due"], deadline.to_dict()["nominal_end"]) == (
        "2026-06-08T10:23",
        "2026-06-06T10:23",
    )


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_stored_steps_re_render_identically(lang):
    deadline = appeal()
    stored = json.dumps([step.to_dict() for step in deadline.steps], ensure_ascii=False)
    restored = [Step.from_dict(data) for data in json.loads(stored)]
    assert restored == list(deadline.steps)
    assert [step.text(lang) for step in restored] == deadline.explain(lang)


def test_every_step_code_has_an_english_and_a_chinese_text():
    assert set(explain_en.TEXTS) == set(explain_zh.TEXTS) == STEP_CODES


def test_unknown_languages_fall_back_to_english():
    assert appeal().explain("fr") == appeal().explain("en")


@pytest.mark.parametrize(
    "data",
    [
        {"code": "no_such_step", "params": {}},
        {"code": "due", "params": {"due": 20261008}},
        {"code": "due"},
        ["due", {}],
        {"code": 1, "params": {}},
    ],
)
def test_it_refuses_malformed_stored_steps(data):
    with pytest.raises(ValueError):
        Step.from_dict(data)
