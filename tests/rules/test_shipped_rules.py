"""The rules Caseflow ships load without errors and say what the reference says."""

from __future__ import annotations

import datetime as dt

import pytest

from caseflow.rulefiles import RuleBook, RuleSpec, load_rule_files


@pytest.fixture(scope="module")
def book() -> RuleBook:
    return load_rule_files()


def version_on(book: RuleBook, rule_id: str, day: dt.date) -> RuleSpec:
    [version] = [v for v in book.versions(rule_id) if v.valid_from <= day <= (v.valid_to or dt.date.max)]
    return version


REQUIRED = [
    # (rule id, period, convention) in force on 2026-11-24
    ("cn.civil.answer", "15d", "cn_civil"),
    ("cn.civil.answer_foreign", "30d", "cn_civil"),
    ("cn.civil.appeal_judgment", "15d", "cn_civil"),
    ("cn.civil.appeal_ruling", "10d", "cn_civil"),
    ("cn.civil.appeal_foreign", "30d", "cn_civil"),
    ("cn.civil.retrial", "6m", "cn_civil"),
    ("cn.civil.enforcement_application", "2y", "cn_civil"),
    ("cn.civilcode.limitation", "3y", "cn_civil"),
    ("cn.civilcode.rescission", "1y", "cn_civil"),
    ("cn.labour.arbitration_limitation", "1y", "cn_civil"),
    ("cn.labour.sue_after_award", "15d", "cn_civil"),
    ("cn.admin.suit", "6m", "cn_civil"),
    ("cn.admin.appeal_judgment", "15d", "cn_civil"),
    ("cn.admin.reconsideration_application", "60d", "cn_civil"),
    ("cn.admin.licensing_decision", "20wd", "cn_workdays"),
    ("cn.criminal.appeal_judgment", "10d", "cn_criminal"),
    ("cn.criminal.prosecution_review", "1m", "cn_criminal"),
    ("us.frcp.answer", "21d", "us_frcp"),
    ("us.frap.appeal_civil", "30d", "us_frcp"),
    ("us.frcp.new_trial", "28d", "us_frcp"),
]


@pytest.mark.parametrize(("rule_id", "period", "convention"), REQUIRED)
def test_it_ships_the_required_rule(book: RuleBook, rule_id: str, period: str, convention: str):
    version = version_on(book, rule_id, dt.date(2026, 11, 24))

    assert (str(version.period), version.convention, version.direction) == (period, convention, "after")


def test_it_ships_the_whole_draft_and_more(book: RuleBook):
    assert len(book.rule_ids) >= 67
    assert {r.ruleset for r in book.rules} == {
        "cn.civil",
        "cn.civilcode",
        "cn.labour",
        "cn.admin",
        "cn.criminal",
        "us.federal",
    }
    assert {r.file for r in book.rules} == {
        f"caseflow/rules/{name}.yaml"
        for name in ("cn_civil", "cn_civilcode", "cn_labour", "cn_admin", "cn_criminal", "us_federal")
    }


@pytest.mark.parametrize(
    ("rule_id", "day", "period", "article"),
    [
        ("cn.civil.publication_service_abroad", dt.date(2023, 12, 31), "3m", "274"),
        ("cn.civil.publication_service_abroad", dt.date(2024, 1, 1), "60d", "283"),
        ("cn.civil.retrial", dt.date(2023, 6, 30), "6m", "212"),
        ("cn.civil.retrial", dt.date(2024, 6, 30), "6m", "216"),
        ("cn.civil.enforcement_application", dt.date(2023, 3, 1), "2y", "246"),
        ("cn.civil.enforcement_application", dt.date(2025, 3, 1), "2y", "250"),
        ("cn.civil.answer_foreign", dt.date(2023, 3, 1), "30d", "275"),
        ("cn.civil.appeal_foreign", dt.date(2023, 3, 1), "30d", "276"),
    ],
)
def test_it_picks_the_version_in_force_on_the_trigger_date(
    book: RuleBook, rule_id: str, day: dt.date, period: str, article: str
):
    version = version_on(book, rule_id, day)

    assert (str(version.period), version.article) == (period, article)
    assert version.source == ("MSPL2021" if day.year < 2024 else "MSPL2023")


@pytest.mark.parametrize(
    ("rule_id", "period", "direction", "convention", "custody", "actor"),
    [
        ("cn.criminal.interrogation_after_detention", "24h", "after", "cn_criminal", True, "police"),
        ("cn.criminal.investigation_custody", "2m", "after", "cn_criminal", True, "police"),
        ("cn.criminal.appeal_judgment_custody", "10d", "after", "cn_criminal", True, "party"),
        ("cn.civil.preservation_ruling", "48h", "after", "cn_civil", False, "court"),
        ("cn.civil.trial_limit_second_instance_ruling", "30d", "after", "cn_civil", False, "court"),
        ("cn.admin.appeal_ruling", "10d", "after", "cn_civil", False, "party"),
        ("cn.admin.licensing_renewal", "30d", "before", "cn_civil", False, "party"),
        ("cn.admin.reconsideration_supplement", "10wd", "after", "cn_workdays", False, "party"),
        ("us.frcp.motion_notice", "14d", "before", "us_frcp", False, "party"),
        ("us.frcp.answer_counterclaim", "21d", "after", "us_frcp", False, "party"),
        ("us.frcp.answer_counterclaim_mail", "21d", "after", "us_frcp_mail", False, "party"),
    ],
)
def test_it_ships_variants_court_limits_custody_and_backward_periods(
    book: RuleBook, rule_id: str, period: str, direction: str, convention: str, custody: bool, actor: str
):
    [version] = book.versions(rule_id)

    assert (str(version.period), version.direction, version.convention) == (period, direction, convention)
    assert (version.custody, version.actor) == (custody, actor)


def test_fixed_periods_are_never_extendable(book: RuleBook):
    fixed = {r.id for r in book.rules if r.fixed_period}

    assert {"cn.civil.retrial", "cn.civilcode.rescission", "cn.civilcode.suretyship_period"} <= fixed
    assert not any(r.extendable for r in book.rules if r.fixed_period)
    assert not version_on(book, "us.frcp.new_trial", dt.date(2026, 1, 1)).extendable


def test_every_cn_rule_cites_its_article_in_chinese(book: RuleBook):
    assert all(r.article_zh.startswith("第") for r in book.rules if r.jurisdiction == "CN")
