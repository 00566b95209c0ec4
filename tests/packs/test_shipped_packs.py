"""The packs shipped in ``caseflow/packs/`` load against the shipped rules, policies and calendars, and
every template they create passes the admin's validation."""

from __future__ import annotations

import datetime as dt

import pytest

from alerts.models import PolicyAssignment
from caseflow.models import MatterType, StageTemplate
from caseflow.packfiles import PACKS_DIR, load_pack_files
from caseflow.services.configuration import validate_stage_template
from caseflow.services.packs import vocabulary

pytestmark = pytest.mark.usefixtures("reference_data")

EXPECTED = {
    "cn-civil-first-instance": (8, "12m", "matter-total"),
    "cn-civil-second-instance": (5, "6m", "matter-total"),
    "cn-enforcement": (5, "", None),
    "cn-labour-arbitration": (6, "6m", "matter-total"),
    "cn-administrative-litigation": (9, "12m", "matter-total"),
    "cn-admin-licensing": (5, "60wd", "matter-total"),
    "cn-bank-loan-recovery": (7, "18m", "matter-total"),
    "us-federal-civil": (5, "", None),
}


def test_every_pack_is_loaded_with_its_stages_and_total_limit():
    loaded = {
        mt.code: (
            mt.stage_templates.count(),
            mt.total_limit,
            getattr(PolicyAssignment.objects.filter(matter_type=mt).first(), "policy", None),
        )
        for mt in MatterType.objects.filter(pack__startswith="caseflow/packs/")
    }

    assert {
        code: (n, limit, policy and policy.code) for code, (n, limit, policy) in loaded.items()
    } == EXPECTED


def test_the_shipped_folder_validates_against_the_loaded_reference_data():
    book = load_pack_files(PACKS_DIR, vocabulary())

    assert sorted(p.code for p in book.packs) == sorted(EXPECTED)
    assert len(book.events) == 12


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_every_template_passes_the_admin_validation_and_has_a_policy(code: str):
    templates = StageTemplate.objects.filter(matter_type__code=code).select_related("rule")

    for template in templates:
        validate_stage_template(template, today=dt.date(2026, 11, 24))
        assert PolicyAssignment.objects.filter(stage_template=template).exists(), template.code
        assert bool(template.rule_id) == (template.limit_kind == StageTemplate.LimitKind.HARD), template.code


def test_court_and_agency_limits_are_chased_and_internal_steps_are_soft():
    assignments = PolicyAssignment.objects.filter(stage_template__isnull=False).select_related(
        "policy", "stage_template__rule"
    )

    for assignment in assignments:
        template = assignment.stage_template
        if assignment.policy.code == "internal":
            assert template.limit_kind == StageTemplate.LimitKind.SOFT, template
        if template.rule and template.rule.versions.exclude(actor="party").exists():
            assert assignment.policy.code == "court-side", template
