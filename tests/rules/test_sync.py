"""Syncing rule books into the database: upserts, idempotency, versions, deletions, what is left alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from accounts.models import Team, User
from caseflow.models import (
    Calendar,
    EventType,
    LegalSource,
    Matter,
    MatterType,
    Rule,
    RuleVersion,
    Stage,
    StageTemplate,
)
from caseflow.rulefiles import RuleFileError, load_rule_files
from caseflow.services import rules as rules_service
from caseflow.services.rules import sync_rules
from tests.rules.folders import RULE_FILE, RULES, TRIGGERS, replace_line, rule_entry, rules_folder

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, list[dict]]:
    """Every rule-related row, to compare before and after."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (LegalSource, EventType, Rule, RuleVersion)
    }


def stage_using(version: RuleVersion) -> Stage:
    """A matter stage whose deadline was computed with ``version``."""
    calendar = Calendar.objects.create(code="CN", name_zh="中国", name_en="China")
    matter_type = MatterType.objects.create(
        code="civil", name_zh="民事", name_en="Civil", jurisdiction="CN", calendar=calendar
    )
    team = Team.objects.create(code="lit", name_zh="诉讼部")
    lawyer = User.objects.create(username="li", team=team)
    matter = Matter.objects.create(
        number="2026-001",
        title="Appeal",
        client="Client",
        matter_type=matter_type,
        lead_lawyer=lawyer,
        team=team,
        opened_on=dt.date(2026, 1, 5),
        created_at=timezone.now(),
    )
    template = StageTemplate.objects.create(
        matter_type=matter_type,
        order=1,
        code="appeal",
        name_zh="上诉",
        name_en="Appeal",
        trigger=version.trigger,
        rule=version.rule,
    )
    return Stage.objects.create(
        matter=matter, template=template, order=1, responsible=lawyer, team=team, rule_version=version
    )


def test_it_loads_the_shipped_rules_and_a_second_sync_changes_nothing():
    book = load_rule_files()

    first = sync_rules(book)
    before = snapshot()
    second = sync_rules(book)

    assert (first.versions.created, first.rules.created) == (len(book.rules), len(book.rule_ids))
    assert (first.triggers.created, first.sources.created) == (len(book.triggers), len(book.sources))
    assert not second.changed
    assert (second.versions.unchanged, second.rules.unchanged) == (len(book.rules), len(book.rule_ids))
    assert (second.triggers.unchanged, second.sources.unchanged) == (len(book.triggers), len(book.sources))
    assert second.notes == []
    assert snapshot() == before


def test_it_stores_each_version_for_selection_by_trigger_date():
    sync_rules(load_rule_files())
    rule = Rule.objects.get(code="cn.civil.publication_service_abroad")

    before, after = rule.version_on(dt.date(2023, 12, 31)), rule.version_on(dt.date(2024, 1, 1))

    assert (before.period, before.valid_to, before.article) == ("3m", dt.date(2023, 12, 31), "274")
    assert (after.period, after.valid_to, after.article) == ("60d", None, "283")
    assert before.citation("zh-hans") == "中华人民共和国民事诉讼法（2021年修正）第二百七十四条"
    assert (
        after.citation("en")
        == "Civil Procedure Law of the PRC (2023 amendment, in force 2024-01-01), art. 283"
    )
    assert (after.trigger.code, after.convention, after.ruleset_version) == (
        "notice_published",
        "cn_civil",
        "2026.11.1",
    )
    assert (rule.source_file, rule.jurisdiction) == ("caseflow/rules/cn_civil.yaml", "CN")
    assert rule.version_on(dt.date(2021, 12, 31)) is None


def test_it_updates_what_changed_in_the_files(tmp_path: Path):
    folder = rules_folder(tmp_path)
    sync_rules(load_rule_files(folder))
    changed = replace_line(replace_line(RULES, 11, "    period: 20d"), 3, 'version: "2026.11.2"')
    rules_folder(folder, changed)

    report = sync_rules(load_rule_files(folder))

    assert (report.versions.updated, report.versions.unchanged, report.rules.unchanged) == (1, 0, 1)
    version = RuleVersion.objects.get(rule__code="cn.test.appeal")
    assert (version.period, version.ruleset_version) == ("20d", "2026.11.2")


def test_it_deletes_rules_versions_and_triggers_the_files_no_longer_have(tmp_path: Path):
    folder = rules_folder(tmp_path, RULES + rule_entry("cn.test.other"))
    sync_rules(load_rule_files(folder))
    without_hearing = "\n".join(TRIGGERS.splitlines()[:5]) + "\n"
    rules_folder(folder, RULES, triggers=without_hearing)

    report = sync_rules(load_rule_files(folder))

    assert (report.versions.deleted, report.rules.deleted, report.triggers.deleted) == (1, 1, 1)
    assert list(Rule.objects.values_list("code", flat=True)) == ["cn.test.appeal"]
    assert not EventType.objects.filter(code="hearing").exists()


def test_it_keeps_a_removed_version_that_a_stage_used(tmp_path: Path):
    folder = rules_folder(tmp_path, RULES + rule_entry("cn.test.other"))
    sync_rules(load_rule_files(folder))
    stage_using(RuleVersion.objects.get(rule__code="cn.test.other"))
    rules_folder(folder, RULES)

    report = sync_rules(load_rule_files(folder))

    assert (report.versions.deleted, report.rules.deleted) == (0, 0)
    assert report.notes == [
        "kept rule version cn.test.other from 2024-01-01: no longer in the files, but 1 stages and "
        "0 computations use it",
        "kept rule cn.test.other: no longer in the files, but it has 1 kept versions and 1 stage templates",
    ]
    assert RuleVersion.objects.filter(rule__code="cn.test.other").exists()


def test_it_says_which_used_versions_now_count_differently(tmp_path: Path):
    folder = rules_folder(tmp_path)
    sync_rules(load_rule_files(folder))
    stage_using(RuleVersion.objects.get(rule__code="cn.test.appeal"))
    rules_folder(folder, replace_line(RULES, 11, "    period: 20d"))

    report = sync_rules(load_rule_files(folder))

    assert report.notes == [
        "rule version cn.test.appeal from 2024-01-01 changed how it counts and 1 stages use it: "
        "recompute them"
    ]


def test_it_never_touches_rules_created_in_the_admin(tmp_path: Path):
    trigger = EventType.objects.create(code="office_event", name_zh="内部", name_en="Internal")
    office = Rule.objects.create(code="cn.office.reply", jurisdiction="CN", name_zh="回复", name_en="Reply")
    RuleVersion.objects.create(
        rule=office, valid_from=dt.date(2020, 1, 1), trigger=trigger, period="5d", convention="cn_civil"
    )
    before = list(RuleVersion.objects.filter(rule=office).values())

    sync_rules(load_rule_files(rules_folder(tmp_path)))

    assert list(RuleVersion.objects.filter(rule=office).values()) == before
    assert Rule.objects.filter(code="cn.office.reply", source_file="").exists()


def test_it_refuses_a_file_rule_whose_id_an_admin_rule_has(tmp_path: Path):
    Rule.objects.create(code="cn.test.appeal", jurisdiction="CN", name_zh="上诉", name_en="Appeal")
    folder = rules_folder(tmp_path)

    with pytest.raises(RuleFileError) as caught:
        sync_rules(load_rule_files(folder))

    assert caught.value.errors == [
        f"{folder / RULE_FILE}:6: rule id cn.test.appeal is taken by a rule created in the admin, "
        "which files never replace (found it in the database; rename one of them)"
    ]
    assert not LegalSource.objects.exists()


def test_it_uses_a_trigger_created_in_the_admin_as_it_is(tmp_path: Path):
    admin_trigger = EventType.objects.create(
        code="judgment_served", name_zh="判决送达", name_en="Judgement served"
    )

    report = sync_rules(load_rule_files(rules_folder(tmp_path)))

    assert report.notes == ["trigger judgment_served is defined by the admin: left as it is"]
    assert RuleVersion.objects.get(rule__code="cn.test.appeal").trigger == admin_trigger
    admin_trigger.refresh_from_db()
    assert (admin_trigger.name_en, admin_trigger.source_file) == ("Judgement served", "")


def test_a_bad_file_changes_nothing(tmp_path: Path):
    folder = rules_folder(tmp_path)
    sync_rules(load_rule_files(folder))
    before = snapshot()
    renamed = replace_line(RULES, 8, "    name_en: Appeal period")
    rules_folder(folder, renamed + rule_entry("cn.test.other", period="15 days"))

    with pytest.raises(RuleFileError) as caught:
        sync_rules(load_rule_files(folder))

    assert caught.value.errors == [
        f"{folder / RULE_FILE}:28: period must be like 15d, 20wd, 6m, 2y or 24h (found '15 days')"
    ]
    assert snapshot() == before


def test_a_failure_during_the_sync_rolls_everything_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(rules_service, "_delete_obsolete_rules", fail)

    with pytest.raises(RuntimeError):
        sync_rules(load_rule_files(rules_folder(tmp_path)))

    assert snapshot() == {"LegalSource": [], "EventType": [], "Rule": [], "RuleVersion": []}


def test_it_refuses_a_folder_whose_paths_do_not_fit_source_file(tmp_path: Path):
    folder = rules_folder(tmp_path / ("long" * 50))

    with pytest.raises(RuleFileError) as caught:
        sync_rules(load_rule_files(folder))

    assert [error.split(": ", 1)[1] for error in caught.value.errors] == [
        f"path longer than 200 characters (found {len(str(folder / name))})"
        for name in (RULE_FILE, "sources.yaml", "triggers.yaml")
    ]
    assert not LegalSource.objects.exists()
