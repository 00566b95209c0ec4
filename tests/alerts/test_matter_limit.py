"""Matter-level limits: the total handling time of a matter is watched apart from its stages."""

from __future__ import annotations

from alerts.models import Clock, Level
from alerts.scan import tick
from caseflow.services.events import record_event
from tests.factories import at, day, event_type, make_matter, make_matter_type


def test_a_matter_over_its_total_is_flagged_while_each_stage_is_fine(office, precise_policy):
    matter_type = make_matter_type(
        [
            {
                "code": "appeal",
                "trigger": "judgment_served",
                "rule": "cn.civil.appeal_judgment",
                "policy": "precise",
            }
        ],
        total_limit="30d",
        total_policy="matter-total",
    )
    matter = make_matter(office, matter_type, opened_on="2026-08-20")
    # 30 days from 08-20 is Saturday 09-19; Sunday 09-20 is a make-up working day (调休上班).
    assert matter.total_due == day("2026-09-20")
    record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-09-20"),
        by=office.lawyer,
        now=at("2026-09-20 10:00"),
    )
    tick(now=at("2026-09-22 09:00"))
    total = Clock.objects.get(matter=matter, kind=Clock.Kind.MATTER)
    stage_clock = Clock.objects.get(stage__matter=matter)
    assert (total.level, stage_clock.level) == (Level.OVERDUE, Level.NORMAL)


def test_a_stage_that_overruns_is_flagged_while_the_matter_total_is_fine(office, precise_policy):
    matter_type = make_matter_type(
        [
            {
                "code": "appeal",
                "trigger": "judgment_served",
                "rule": "cn.civil.appeal_judgment",
                "policy": "precise",
            }
        ],
        total_limit="1y",
        total_policy="matter-total",
    )
    matter = make_matter(office, matter_type, opened_on="2026-08-20")
    record_event(
        matter=matter,
        event_type=event_type("judgment_served"),
        occurred_on=day("2026-09-20"),
        by=office.lawyer,
        now=at("2026-09-20 10:00"),
    )
    tick(now=at("2026-10-10 09:00"))
    total = Clock.objects.get(matter=matter, kind=Clock.Kind.MATTER)
    stage_clock = Clock.objects.get(stage__matter=matter)
    assert (total.level, stage_clock.level) == (Level.NORMAL, Level.OVERDUE)


def test_closing_the_matter_stops_its_clocks(office, precise_policy):
    from caseflow.services.matters import close_matter

    matter_type = make_matter_type(
        [{"code": "appeal", "trigger": "judgment_served", "rule": "cn.civil.appeal_judgment"}],
        total_limit="30d",
    )
    matter = make_matter(office, matter_type, opened_on="2026-08-20")
    close_matter(
        matter, closed_on=day("2026-09-01"), reason="和解结案", by=office.lawyer, now=at("2026-09-01 10:00")
    )
    assert not Clock.objects.filter(matter=matter, running=True).exists()
    assert matter.stages.get().status == "cancelled"
