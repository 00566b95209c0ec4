"""Office-wide twists close to today, which only make sense on whatever stage is running then: a pause
that is still running and an extension still waiting for the supervisor. They pick their stage when they
happen, from the trial limits the stories have started, so today finds them unfinished."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings

from alerts.models import ExtensionRequest, PauseRequest
from alerts.services.requests import decide_pause, request_extension, request_pause
from caseflow.demo.office import TEAM_PREFIX
from caseflow.demo.simulation import Simulation, Story
from caseflow.models import Stage

ZONE = ZoneInfo(settings.TIME_ZONE)


def _running_trial_limits(today: dt.date):
    """Trial limits started in the last two months: the court is months away from its judgment."""
    return (
        Stage.objects.filter(
            status=Stage.Status.IN_PROGRESS,
            is_paused=False,
            template__code="trial_limit",
            template__matter_type__code="cn-civil-first-instance",
            team__code__startswith=TEAM_PREFIX,
            started_on__gte=today - dt.timedelta(days=60),
            started_on__lt=today,  # a pause starts after the trigger date
        )
        .exclude(pause_requests__status=PauseRequest.Status.PENDING)
        .exclude(extension_requests__status=ExtensionRequest.Status.PENDING)
        .select_related("matter__lead_lawyer", "team__supervisor")
        .order_by("started_on", "pk")
    )


def suspended_trial(sim: Simulation) -> Story:
    """Twelve days before today the court suspends a trial pending another case; the pause runs on."""
    yield dt.datetime.combine(sim.end.date() - dt.timedelta(days=12), dt.time(10, 30), ZONE)
    stage = _running_trial_limits(sim.now.date()).first()
    if stage is None:
        return
    pause = request_pause(
        stage,
        category=PauseRequest.Category.SUSPENSION,
        reason="本案须以另一案的审理结果为依据，法院裁定中止诉讼。",
        legal_basis="民诉法第153条第1款第5项",
        start_date=sim.now.date(),
        by=stage.matter.lead_lawyer,
        now=sim.now,
    )
    yield dt.datetime.combine(sim.now.date() + dt.timedelta(days=1), dt.time(11, 0), ZONE)
    decide_pause(pause, approve=True, note="同意，请关注另案进展。", by=stage.team.supervisor, now=sim.now)


def extension_awaiting_decision(sim: Simulation) -> Story:
    """Yesterday afternoon a lawyer recorded the court's notice that it extends its trial limit; the
    supervisor has not confirmed it yet."""
    yield dt.datetime.combine(sim.end.date() - dt.timedelta(days=1), dt.time(17, 20), ZONE)
    stage = _running_trial_limits(sim.now.date()).last()
    if stage is None:
        return
    request_extension(
        stage,
        new_due_date=stage.due_date + dt.timedelta(days=182),
        reason="法院书面通知：本案案情复杂，已报请院长批准延长审限六个月。",
        legal_basis="民诉法第152条",
        by=stage.matter.lead_lawyer,
        now=sim.now,
    )


TWISTS = (suspended_trial, extension_awaiting_decision)
