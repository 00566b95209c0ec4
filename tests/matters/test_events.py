"""Recording, correcting and withdrawing events: dependent stages are (re)computed, with an audit trail."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from caseflow.models import DeadlineChange, MatterEvent, Stage
from caseflow.services.events import correct_event, record_event, withdraw_event
from tests.factories import at, day, event_type, make_matter, make_matter_type, make_office


@pytest.fixture
def office(reference_data):
    return make_office()


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
    return make_matter(office, matter_type)


def stage(matter, code) -> Stage:
    return matter.stages.get(template__code=code)


def test_opening_a_matter_creates_its_stages_awaiting_their_trigger(matter):
    assert list(matter.stages.order_by("order").values_list("template__code", "status", "due_date")) == [
        ("answer", "awaiting", None),
        ("appeal", "awaiting", None),
        ("appeal-fee", "awaiting", None),
    ]


def test_recording_an_event_computes_the_stages_counting_from_it(matter, office):
    record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-09-20"),
        by=office.lawyer,
        now=at("2026-09-21 10:00"),
    )
    appeal = stage(matter, "appeal")
    assert appeal.status == Stage.Status.IN_PROGRESS
    assert (appeal.started_on, appeal.statutory_due, appeal.due_date) == (
        day("2026-09-20"),
        day("2026-10-08"),
        day("2026-10-08"),
    )
    assert appeal.internal_target == day("2026-09-28")  # 3 working days before 10-08: 30, 29, 28 Sep
    assert appeal.rule_version.rule.code == "cn.civil.appeal_judgment"
    steps = appeal.computation.steps
    assert steps[-1]["en"] == "Due date: 2026-10-08"
    assert "国庆节" in steps[-2]["zh-hans"]
    assert stage(matter, "answer").status == Stage.Status.AWAITING_TRIGGER
    change = DeadlineChange.objects.get(stage=appeal, field=DeadlineChange.Field.DUE_DATE)
    assert (change.old_value, change.new_value, change.cause, change.changed_by) == (
        None,
        day("2026-10-08"),
        "event_recorded",
        office.lawyer,
    )


def test_correcting_the_event_recomputes_and_leaves_audit_records(matter, office):
    served = record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-09-20"),
        by=office.lawyer,
        now=at("2026-09-21 10:00"),
    )
    corrected = correct_event(
        served,
        occurred_on=day("2026-09-25"),
        reason="送达回证日期录入错误",
        by=office.supervisor,
        now=at("2026-09-26 11:00"),
    )
    appeal = stage(matter, "appeal")
    assert appeal.due_date == day("2026-10-10")  # a make-up working Saturday: it does not move
    assert appeal.trigger_event == corrected
    served.refresh_from_db()
    assert not served.is_current and corrected.supersedes == served
    change = DeadlineChange.objects.get(
        stage=appeal, field=DeadlineChange.Field.DUE_DATE, cause="event_corrected"
    )
    assert (change.old_value, change.new_value, change.changed_by, change.reason, change.changed_at) == (
        day("2026-10-08"),
        day("2026-10-10"),
        office.supervisor,
        "送达回证日期录入错误",
        at("2026-09-26 11:00"),
    )
    assert appeal.computations.count() == 2


def test_an_event_cannot_be_recorded_twice(matter, office):
    kwargs = dict(matter=matter, event_type=event_type("judgment_served"), by=office.lawyer)
    record_event(occurred_on=day("2026-09-20"), now=at("2026-09-21 10:00"), **kwargs)
    with pytest.raises(ValidationError, match="correct"):
        record_event(occurred_on=day("2026-09-22"), now=at("2026-09-22 10:00"), **kwargs)
    assert MatterEvent.objects.filter(matter=matter).count() == 1


def test_completing_a_stage_records_its_completion_event_and_starts_the_next(matter, office):
    from caseflow.services.stages import complete_stage

    record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-09-20"),
        by=office.lawyer,
        now=at("2026-09-21 10:00"),
    )
    complete_stage(stage(matter, "appeal"), by=office.lawyer, now=at("2026-09-29 15:00"))
    appeal = stage(matter, "appeal")
    assert appeal.status == Stage.Status.DONE and appeal.completed_on_time
    fee = stage(matter, "appeal-fee")
    assert fee.status == Stage.Status.IN_PROGRESS
    assert fee.due_date == day("2026-10-08")  # 7 days from 09-29 is 10-06 (holiday) -> 10-08


def test_withdrawing_an_event_puts_its_stages_back_to_awaiting(matter, office):
    served = record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-09-20"),
        by=office.lawyer,
        now=at("2026-09-21 10:00"),
    )
    withdraw_event(served, reason="录错案件", by=office.lawyer, now=at("2026-09-21 11:00"))
    appeal = stage(matter, "appeal")
    assert (appeal.status, appeal.due_date) == (Stage.Status.AWAITING_TRIGGER, None)
    assert DeadlineChange.objects.filter(stage=appeal, new_value__isnull=True, reason="录错案件").count() == 3
    assert not appeal.clock.running


def test_an_hour_period_needs_the_time_of_the_event(office):
    matter_type = make_matter_type(
        [
            {
                "code": "interrogation",
                "trigger": "detained",
                "rule": "cn.criminal.interrogation_after_detention",
            }
        ]
    )
    matter = make_matter(office, matter_type)
    with pytest.raises(ValidationError, match="hours"):
        record_event(
            matter=matter,
            event_type=event_type("detained"),
            occurred_on=day("2026-09-20"),
            by=office.lawyer,
            now=at("2026-09-20 12:00"),
        )
    record_event(
        matter=matter,
        event_type=event_type("detained"),
        occurred_on=None,
        occurred_at=at("2026-09-20 10:23"),
        by=office.lawyer,
        now=at("2026-09-20 12:00"),
    )
    interrogation = matter.stages.get()
    assert interrogation.hour_precision
    assert interrogation.due_at == at("2026-09-21 11:00")  # counting starts at 11:00; 24 hours later
