"""A shipped pack at work: opening a civil first-instance matter, recording the judgment, completing
stages whose completion events start the next ones."""

from __future__ import annotations

import pytest

from caseflow.models import EventType, MatterType, Stage
from caseflow.services.events import record_event
from caseflow.services.stages import complete_stage
from tests.factories import at, day, make_matter, make_office

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def matter():
    office = make_office()
    return make_matter(office, MatterType.objects.get(code="cn-civil-first-instance"), opened_on="2026-09-01")


def stage(matter, code: str) -> Stage:
    return matter.stages.get(template__code=code)


def test_opening_starts_the_internal_drafting_step_and_the_total_limit(matter):
    drafting = stage(matter, "complaint_drafting")

    assert (drafting.status, drafting.started_on, drafting.due_date) == (
        Stage.Status.IN_PROGRESS,
        day("2026-09-01"),
        day("2026-09-15"),  # 10 working days
    )
    assert matter.total_due == day("2027-09-01")
    assert set(matter.stages.exclude(pk=drafting.pk).values_list("status", flat=True)) == {"awaiting"}


def test_judgment_served_starts_the_appeal_with_its_internal_target(matter):
    record_event(
        matter=matter,
        event_type=EventType.objects.get(code="judgment_served"),
        occurred_on=day("2026-09-20"),
        by=matter.lead_lawyer,
        now=at("2026-09-21 09:30"),
    )

    appeal = stage(matter, "appeal")
    assert appeal.status == Stage.Status.IN_PROGRESS
    # 15 days end on Monday 5 October, inside the National Day holiday (1-7 October): moved to the 8th.
    assert appeal.due_date == day("2026-10-08")
    # Three working days earlier: 30, 29 and 28 September (1-7 October are holidays).
    assert appeal.internal_target == day("2026-09-28")
    assert appeal.rule_version.rule.code == "cn.civil.appeal_judgment"


def test_completing_a_stage_records_its_event_and_starts_the_stages_counting_from_it(matter):
    complete_stage(
        stage(matter, "complaint_drafting"),
        completed_at=at("2026-09-07 16:00"),
        by=matter.lead_lawyer,
        now=at("2026-09-07 16:05"),
    )

    received = matter.events.get(event_type__code="complaint_received", is_current=True)
    assert received.occurred_on == day("2026-09-07")
    decision = stage(matter, "filing_decision")
    assert (decision.status, decision.due_date) == (Stage.Status.IN_PROGRESS, day("2026-09-14"))

    complete_stage(
        decision, completed_at=at("2026-09-10 11:00"), by=matter.lead_lawyer, now=at("2026-09-10 11:00")
    )

    trial = stage(matter, "trial_limit")
    assert (trial.status, trial.started_on, trial.due_date) == (
        Stage.Status.IN_PROGRESS,
        day("2026-09-10"),
        day("2027-03-10"),
    )
    assert trial.provisional  # 2027 has no State Council notice yet
    assert stage(matter, "evidence_preparation").status == Stage.Status.IN_PROGRESS
    assert stage(matter, "answer").status == Stage.Status.AWAITING_TRIGGER


def test_completing_the_trial_limit_serves_the_judgment_and_opens_the_appeal(matter):
    by, opened = matter.lead_lawyer, at("2026-09-10 11:00")
    record_event(
        matter=matter,
        event_type=EventType.objects.get(code="case_accepted"),
        occurred_on=day("2026-09-10"),
        by=by,
        now=opened,
    )

    complete_stage(
        stage(matter, "trial_limit"), completed_at=at("2026-09-20 10:00"), by=by, now=at("2026-09-21 09:00")
    )

    assert matter.events.get(event_type__code="judgment_served").occurred_on == day("2026-09-20")
    assert stage(matter, "appeal").due_date == day("2026-10-08")
