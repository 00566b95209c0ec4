"""Syncing a pack folder into the database: what it writes, idempotency, refusals that change nothing,
and what it keeps for the matters that already use it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from alerts.models import PolicyAssignment
from caseflow.models import EventType, MatterType, Rule, RuleVersion, StageTemplate
from caseflow.packfiles import PackFileError, load_pack_files
from caseflow.services.packs import PackSyncReport, sync_packs, vocabulary
from tests.factories import make_matter, make_office
from tests.packs.folders import PACK, packs_folder, replace_lines, where

pytestmark = pytest.mark.usefixtures("reference_data")
TODAY = dt.date(2026, 11, 24)


def sync(folder: Path) -> PackSyncReport:
    return sync_packs(load_pack_files(folder, vocabulary(folder)), today=TODAY)


def snapshot() -> dict[str, list[dict]]:
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (MatterType, StageTemplate, EventType, PolicyAssignment)
    }


def counts(report: PackSyncReport) -> list[str]:
    return [str(c) for c in (report.matter_types, report.templates, report.events, report.assignments)]


def test_it_writes_what_the_pack_says(tmp_path: Path):
    folder = packs_folder(tmp_path)

    report = sync(folder)

    assert counts(report) == [
        "1 created, 0 updated, 0 unchanged, 0 deleted",
        "2 created, 0 updated, 0 unchanged, 0 deleted",
        "1 created, 0 updated, 0 unchanged, 0 deleted",
        "3 created, 0 updated, 0 unchanged, 0 deleted",
    ]
    matter_type = MatterType.objects.get(code="test-civil")
    assert (matter_type.pack, matter_type.calendar.code, matter_type.total_limit, matter_type.active) == (
        where(folder),
        "CN",
        "12m",
        True,
    )
    assert matter_type.policy_assignment.policy.code == "matter-total"
    drafting, appeal = matter_type.stage_templates.order_by("order")
    assert (drafting.trigger.code, drafting.period, drafting.convention, drafting.limit_kind) == (
        "client_instructed",
        "10wd",
        "cn_workdays",
        "soft",
    )
    assert (drafting.completion_event.code, drafting.policy_assignment.policy.code) == (
        "complaint_received",
        "internal",
    )
    assert (appeal.rule.code, appeal.period, appeal.convention, appeal.internal_lead, appeal.limit_kind) == (
        "cn.civil.appeal_judgment",
        "",
        "",
        "3wd",
        "hard",
    )
    assert EventType.objects.get(code="client_instructed").source_file == where(folder, "events.yaml")


def test_a_second_sync_changes_nothing(tmp_path: Path):
    folder = packs_folder(tmp_path)
    sync(folder)
    before = snapshot()

    report = sync(folder)

    assert not report.changed
    assert counts(report) == [
        "0 created, 0 updated, 1 unchanged, 0 deleted",
        "0 created, 0 updated, 2 unchanged, 0 deleted",
        "0 created, 0 updated, 1 unchanged, 0 deleted",
        "0 created, 0 updated, 3 unchanged, 0 deleted",
    ]
    assert snapshot() == before


def test_a_template_the_admin_validation_refuses_changes_nothing(tmp_path: Path):
    folder = packs_folder(tmp_path)
    sync(folder)
    before = snapshot()
    expired = Rule.objects.create(
        code="cn.test.expired", jurisdiction="CN", name_zh="旧期限", name_en="Old limit"
    )
    RuleVersion.objects.create(
        rule=expired,
        valid_from=dt.date(2010, 1, 1),
        valid_to=dt.date(2015, 12, 31),
        trigger=EventType.objects.get(code="judgment_served"),
        period="15d",
        convention="cn_civil",
    )
    changed = replace_lines(PACK, {4: "name_en: Renamed", 29: "    rule: cn.test.expired"})
    packs_folder(tmp_path, pack=changed)

    with pytest.raises(PackFileError) as raised:
        sync(folder)

    assert raised.value.errors == [
        f"{where(folder)}:24: stage appeal: rule: Rule cn.test.expired is no longer in force "
        "(its last version ended on 2015-12-31)."
    ]
    assert snapshot() == before


def test_it_refuses_a_matter_type_created_in_the_admin(tmp_path: Path):
    MatterType.objects.create(
        code="test-civil", name_zh="手工", name_en="By hand", jurisdiction="CN", calendar_id=1, pack=""
    )
    folder = packs_folder(tmp_path)

    with pytest.raises(PackFileError) as raised:
        sync(folder)

    assert raised.value.errors == [
        f"{where(folder)}:2: matter type test-civil was created in the admin, which packs never replace "
        "(found it in the database; rename one of them)"
    ]
    assert not EventType.objects.filter(code="client_instructed").exists()


def test_it_swaps_two_stages(tmp_path: Path):
    folder = packs_folder(tmp_path)
    sync(folder)
    packs_folder(tmp_path, pack=replace_lines(PACK, {13: "    order: 20", 25: "    order: 10"}))

    report = sync(folder)

    assert str(report.templates) == "0 created, 2 updated, 0 unchanged, 0 deleted"
    orders = StageTemplate.objects.filter(matter_type__code="test-civil").values_list("code", "order")
    assert sorted(orders) == [("appeal", 10), ("drafting", 20)]


def test_a_dropped_template_is_deleted_unless_stages_use_it(tmp_path: Path):
    folder = packs_folder(tmp_path)
    sync(folder)
    without_appeal = "\n".join(PACK.splitlines()[:23]) + "\n"
    packs_folder(tmp_path, pack=without_appeal)

    report = sync(folder)

    assert str(report.templates) == "0 created, 0 updated, 1 unchanged, 1 deleted"
    assert not StageTemplate.objects.filter(code="appeal", matter_type__code="test-civil").exists()


def test_a_dropped_template_that_stages_use_is_kept_and_reported(tmp_path: Path):
    folder = packs_folder(tmp_path)
    sync(folder)
    make_matter(make_office(), MatterType.objects.get(code="test-civil"))
    packs_folder(tmp_path, pack="\n".join(PACK.splitlines()[:23]) + "\n")

    report = sync(folder)

    assert report.notes == [
        f"kept stage template test-civil/appeal for the 1 stages that use it: no longer in {where(folder)}, "
        "so new matters no longer get it"
    ]
    kept = StageTemplate.objects.get(code="appeal", matter_type__code="test-civil")
    assert (kept.order, kept.active) == (10000, False)
    fresh = make_matter(make_office(), MatterType.objects.get(code="test-civil"))
    assert not fresh.stages.filter(template=kept).exists()


def test_a_changed_limit_is_reported_for_the_stages_counting_with_it(tmp_path: Path):
    folder = packs_folder(tmp_path)
    sync(folder)
    matter = make_matter(make_office(), MatterType.objects.get(code="test-civil"))
    from caseflow.services.events import record_event
    from tests.factories import at, day

    record_event(
        matter=matter,
        event_type=EventType.objects.get(code="client_instructed"),
        occurred_on=day("2026-09-01"),
        by=matter.lead_lawyer,
        now=at("2026-09-01 10:00"),
    )
    packs_folder(tmp_path, pack=replace_lines(PACK, {17: "    period: 15wd"}))

    report = sync(folder)

    assert report.notes == [
        "stage template test-civil/drafting changed how it counts and 1 stages in progress use it: "
        "recompute them"
    ]


def test_a_pack_no_longer_in_the_folder_is_deleted_or_deactivated(tmp_path: Path):
    folder = packs_folder(tmp_path)
    (folder / "other.yaml").write_text(PACK.replace("test-civil", "test-other"), encoding="utf-8")
    sync(folder)
    make_matter(make_office(), MatterType.objects.get(code="test-other"))
    (folder / "other.yaml").unlink()
    (folder / "test_civil.yaml").write_text(PACK.replace("test-civil", "test-third"), encoding="utf-8")

    report = sync(folder)

    assert not MatterType.objects.filter(code="test-civil").exists()
    assert MatterType.objects.get(code="test-other").active is False
    assert report.notes == ["deactivated matter type test-other: no pack defines it, 1 matters use it"]
    assert str(report.matter_types) == "1 created, 1 updated, 0 unchanged, 1 deleted"


def test_an_event_the_file_dropped_is_deleted(tmp_path: Path):
    folder = packs_folder(tmp_path)
    sync(folder)
    renamed = "client_retained"
    packs_folder(
        tmp_path,
        pack=PACK.replace("client_instructed", renamed),
        events=(folder / "events.yaml").read_text().replace("client_instructed", renamed),
    )

    report = sync(folder)

    assert str(report.events) == "1 created, 0 updated, 0 unchanged, 1 deleted"
    assert not EventType.objects.filter(code="client_instructed").exists()


def test_it_refuses_a_path_too_long_to_record(tmp_path: Path):
    folder = packs_folder(tmp_path / ("deep" * 45))

    with pytest.raises(PackFileError) as raised:
        sync(folder)

    assert (
        f"{where(folder)}: path longer than 200 characters (found {len(where(folder))})"
        in raised.value.errors
    )
