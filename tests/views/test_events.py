"""Recording, correcting and withdrawing events from the matter page."""

from __future__ import annotations

import pytest
import time_machine

from caseflow.models import DeadlineChange, MatterEvent, Stage
from tests.factories import at, day, event_type, make_matter, make_matter_type

from .conftest import signed_in
from .helpers import text


@pytest.fixture
def when():
    with time_machine.travel(at("2026-09-21 10:00"), tick=False):
        yield at("2026-09-21 10:00")


def record(client, matter, **fields):
    return client.post(f"/matters/{matter.pk}/events/", {f"record-{k}": v for k, v in fields.items()})


def test_recording_judgment_served_computes_the_appeal(office, matter, when):
    served = event_type("judgment_served")
    client = signed_in(office.lawyer)
    page = client.get(f"/matters/{matter.pk}/")
    assert [t.code for t in page.context["record_form"].fields["event_type"].queryset.order_by("code")] == [
        "appeal_filed",
        "complaint_copy_received",
        "judgment_served",
    ]
    response = record(client, matter, event_type=served.pk, occurred_on="2026-09-20", note="邮寄送达")
    assert response.status_code == 302
    appeal = matter.stages.get(template__code="appeal")
    assert (appeal.status, appeal.due_date, appeal.statutory_due) == (
        Stage.Status.IN_PROGRESS,
        day("2026-10-08"),
        day("2026-10-08"),
    )
    event = MatterEvent.objects.get(matter=matter, event_type=served)
    assert (event.occurred_on, event.note, event.recorded_by, event.recorded_at) == (
        day("2026-09-20"),
        "邮寄送达",
        office.lawyer,
        when,
    )
    after = client.get(response["Location"])
    assert "1 stage(s) now counting from it" in text(after)
    assert served.pk not in [t.pk for t in after.context["record_form"].fields["event_type"].queryset]


def test_a_missing_date_is_a_form_error(office, matter, when):
    response = record(
        signed_in(office.lawyer), matter, event_type=event_type("judgment_served").pk, occurred_on=""
    )
    assert response.status_code == 200
    assert response.context["record_form"].errors["occurred_on"]
    assert not MatterEvent.objects.filter(matter=matter, event_type__code="judgment_served").exists()


def test_an_hour_period_needs_the_time_of_day(office, when):
    matter_type = make_matter_type(
        [{"code": "review", "trigger": "detention_notified", "period": "48h", "convention": "cn_civil"}]
    )
    matter = make_matter(office, matter_type)
    client = signed_in(office.lawyer)
    notified = event_type("detention_notified")
    response = record(client, matter, event_type=notified.pk, occurred_on="2026-09-20")
    assert response.status_code == 200
    assert "measured in hours: give the time of day" in text(response)
    assert not MatterEvent.objects.filter(matter=matter).exists()
    response = record(client, matter, event_type=notified.pk, occurred_on="2026-09-20", occurred_time="14:20")
    assert response.status_code == 302
    stage = matter.stages.get()
    assert stage.hour_precision
    event = MatterEvent.objects.get(matter=matter)
    assert event.occurred_at == at("2026-09-20 14:20")
    assert "2026-09-22" in text(client.get(f"/matters/{matter.pk}/"))


def test_correcting_the_date_recomputes_and_keeps_the_old_record(office, matter, served, when):
    client = signed_in(office.lawyer)
    page = text(client.get(f"/matters/{matter.pk}/"))
    assert "These stages will be recomputed from the corrected date:" in page
    response = client.post(
        f"/events/{served.pk}/correct/",
        {
            f"event{served.pk}-correct-occurred_on": "2026-09-25",
            f"event{served.pk}-correct-reason": "送达回证日期录入错误",
        },
    )
    assert response.status_code == 302
    appeal = matter.stages.get(template__code="appeal")
    assert appeal.due_date == day("2026-10-10")  # a make-up working Saturday
    served.refresh_from_db()
    assert not served.is_current
    new = MatterEvent.objects.get(supersedes=served)
    assert (new.occurred_on, new.correction_reason, new.recorded_by) == (
        day("2026-09-25"),
        "送达回证日期录入错误",
        office.lawyer,
    )
    change = DeadlineChange.objects.get(stage=appeal, field="due_date", cause="event_corrected")
    assert (change.old_value, change.new_value) == (day("2026-10-08"), day("2026-10-10"))


def test_a_correction_needs_a_reason_and_a_different_date(office, matter, served, when):
    client = signed_in(office.lawyer)
    response = client.post(
        f"/events/{served.pk}/correct/",
        {
            f"event{served.pk}-correct-occurred_on": "2026-09-25",
            f"event{served.pk}-correct-reason": "",
        },
    )
    assert response.status_code == 200
    assert response.context["event_views"][0].forms["correct"].errors["reason"]
    response = client.post(
        f"/events/{served.pk}/correct/",
        {
            f"event{served.pk}-correct-occurred_on": "2026-09-20",
            f"event{served.pk}-correct-reason": "核对",
        },
    )
    assert "The corrected date is the same as the recorded one." in text(response)
    served.refresh_from_db()
    assert served.is_current and not MatterEvent.objects.filter(supersedes=served).exists()


def test_withdrawing_sends_the_stages_back_to_awaiting(office, matter, served, when):
    client = signed_in(office.lawyer)
    response = client.post(
        f"/events/{served.pk}/withdraw/", {f"event{served.pk}-withdraw-reason": "录错案件"}
    )
    assert response.status_code == 302
    appeal = matter.stages.get(template__code="appeal")
    assert (appeal.status, appeal.due_date) == (Stage.Status.AWAITING_TRIGGER, None)
    served.refresh_from_db()
    assert not served.is_current and served.correction_reason == "录错案件"
    page = client.get(f"/matters/{matter.pk}/")
    assert "withdrawn" in text(page)
    # the event can be recorded again
    assert event_type("judgment_served").pk in [
        t.pk for t in page.context["record_form"].fields["event_type"].queryset
    ]


def test_a_withdrawn_event_cannot_be_withdrawn_twice(office, matter, served, when):
    client = signed_in(office.lawyer)
    client.post(f"/events/{served.pk}/withdraw/", {f"event{served.pk}-withdraw-reason": "录错"})
    response = client.post(f"/events/{served.pk}/withdraw/", {f"event{served.pk}-withdraw-reason": "again"})
    assert response.status_code == 302
    assert "already been corrected or withdrawn" in text(client.get(response["Location"]))


def test_a_correction_can_be_previewed_without_changing_anything(office, matter, served, when):
    client = signed_in(office.lawyer)
    response = client.post(
        f"/events/{served.pk}/correct/",
        {
            f"event{served.pk}-correct-occurred_on": "2026-09-25",
            f"event{served.pk}-correct-reason": "送达回证日期录入错误",
            "preview": "1",
        },
    )
    assert response.status_code == 200
    preview = response.context["event_views"][0].preview
    assert [(row.stage.template.code, row.old_due, row.new_due) for row in preview] == [
        ("appeal", day("2026-10-08"), day("2026-10-10"))
    ]
    assert "2026-10-10" in text(response)
    served.refresh_from_db()
    assert served.is_current
    assert matter.stages.get(template__code="appeal").due_date == day("2026-10-08")
