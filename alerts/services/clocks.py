"""Keep each stage's (and each matter's) warning clock in step with its deadline.

Called by the caseflow services whenever a due date, a status or a pause changes, for the few stages
concerned: it writes the clock's scan columns, classifies those clocks at once (so the lawyer sees the
new level immediately), and handles the resulting transitions exactly as a scan tick would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_noop

from alerts.classify import build_context, classify
from alerts.models import Clock, Escalation, PolicyAssignment, WarningPolicy, WarningTransition
from alerts.services.transitions import handle_new_transitions
from caseflow.calendars.adapter import calendar_for
from caseflow.deadlines import last_working_day_before
from caseflow.models import CalendarDay, Matter, Stage


class NoDefaultPolicy(RuntimeError):
    """No warning policy is marked default: the office has not run ``manage.py setup_caseflow``."""


def default_policy() -> WarningPolicy:
    policy = WarningPolicy.objects.filter(is_default=True).first()
    if policy is None:
        raise NoDefaultPolicy("no default warning policy: run `python manage.py setup_caseflow`")
    return policy


def policy_for_stage(stage: Stage) -> WarningPolicy:
    assignment = (
        PolicyAssignment.objects.filter(stage_template_id=stage.template_id).select_related("policy").first()
    )
    return assignment.policy if assignment else default_policy()


def policy_for_matter(matter: Matter) -> WarningPolicy:
    assignment = (
        PolicyAssignment.objects.filter(matter_type_id=matter.matter_type_id).select_related("policy").first()
    )
    return assignment.policy if assignment else default_policy()


def workday_seq_of(calendar_id: int, day: dt.date) -> int:
    """The calendar's working-day sequence number on ``day``; beyond stored data, extrapolated with
    Monday-to-Friday working days (such a date is provisional anyway and is recomputed when data comes)."""
    row = (
        CalendarDay.objects.filter(calendar_id=calendar_id, date=day)
        .values_list("workday_seq", flat=True)
        .first()
    )
    if row is not None:
        return row
    last = CalendarDay.objects.filter(calendar_id=calendar_id).aggregate(date=Max("date"))["date"]
    if last is None or day < last:
        raise ValueError(f"calendar {calendar_id} has no data around {day.isoformat()}")
    base = CalendarDay.objects.get(calendar_id=calendar_id, date=last).workday_seq
    weekdays = sum(1 for n in range(1, (day - last).days + 1) if (last + dt.timedelta(days=n)).weekday() < 5)
    return base + weekdays


def _start_day(started_on: dt.date | None, fallback: dt.date, due: dt.date) -> int:
    """Day the limit started, for elapsed-share thresholds. A backward period (due before its trigger)
    starts when it was recorded."""
    start = started_on if started_on is not None and started_on <= due else fallback
    return min(start, due).toordinal()


def _stage_fields(stage: Stage) -> dict:
    matter = stage.matter
    base_calendar = matter.calendar
    engine_calendar = calendar_for(base_calendar, court=matter.court)
    due = stage.due_date
    recorded = (
        stage.trigger_event.recorded_at.astimezone(ZoneInfo(matter.time_zone)).date()
        if stage.trigger_event
        else due
    )
    return {
        "kind": Clock.Kind.STAGE,
        "matter": matter,
        "owner_id": stage.responsible_id,
        "team_id": stage.team_id,
        "policy": policy_for_stage(stage),
        "calendar": base_calendar,
        "start_day": _start_day(stage.started_on, recorded, due),
        "due_day": due.toordinal(),
        "due_wseq": workday_seq_of(base_calendar.pk, due),
        "last_workday_day": last_working_day_before(engine_calendar, due).toordinal(),
        "internal_day": stage.internal_target.toordinal() if stage.internal_target else None,
        "due_at": stage.due_at,
    }


def _matter_fields(matter: Matter) -> dict:
    zone = ZoneInfo(matter.time_zone)
    due = matter.total_due
    base_calendar = matter.calendar
    engine_calendar = calendar_for(base_calendar, court=matter.court)
    return {
        "owner_id": matter.lead_lawyer_id,
        "team_id": matter.team_id,
        "policy": policy_for_matter(matter),
        "calendar": base_calendar,
        "start_day": min(matter.opened_on, due).toordinal(),
        "due_day": due.toordinal(),
        "due_wseq": workday_seq_of(base_calendar.pk, due),
        "last_workday_day": last_working_day_before(engine_calendar, due).toordinal(),
        "internal_day": None,
        "due_at": dt.datetime.combine(due + dt.timedelta(days=1), dt.time(0, 0), tzinfo=zone),
    }


INPUT_FIELDS = (
    "policy",
    "calendar",
    "start_day",
    "due_day",
    "due_wseq",
    "last_workday_day",
    "internal_day",
    "due_at",
)


def _upsert(lookup: dict, fields: dict, *, running: bool) -> tuple[Clock, bool]:
    """Create or update a clock; returns it and whether its inputs (or running state) changed."""
    clock = Clock.objects.select_for_update().filter(**lookup).first()
    if clock is None:
        clock = Clock(**lookup, **fields, running=running)
        clock.save()
        return clock, True
    changed = clock.running != running or any(
        getattr(clock, name if name not in ("policy", "calendar") else f"{name}_id")
        != (fields[name].pk if name in ("policy", "calendar") else fields[name])
        for name in INPUT_FIELDS
    )
    for name, value in fields.items():
        setattr(clock, name, value)
    clock.running = running
    clock.save()
    return clock, changed


def sync_stage_clocks(stages: Iterable[Stage], *, now: dt.datetime) -> None:
    """Bring the clocks of ``stages`` in line with their deadlines and status, then classify them."""
    to_classify: list[int] = []
    stopped: list[int] = []
    with transaction.atomic():
        for stage in stages:
            stage = Stage.objects.select_related(
                "matter__court__calendar", "matter__matter_type__calendar", "trigger_event", "template"
            ).get(pk=stage.pk)
            running = (
                stage.status == Stage.Status.IN_PROGRESS
                and stage.due_date is not None
                and not stage.is_paused
            )
            if stage.due_date is None:
                stopped.extend(Clock.objects.filter(stage=stage, running=True).values_list("pk", flat=True))
                continue
            clock, changed = _upsert({"stage": stage}, _stage_fields(stage), running=running)
            if running and changed:
                to_classify.append(clock.pk)
            elif not running:
                stopped.append(clock.pk)
        _classify_now(to_classify, now=now)
        stop_clocks(stopped, now=now)


def sync_matter_clock(matter: Matter, *, now: dt.datetime) -> None:
    """The matter's total-limit clock: running while the matter is not closed and has a total limit."""
    matter = Matter.objects.select_related("court__calendar", "matter_type__calendar").get(pk=matter.pk)
    with transaction.atomic():
        if matter.total_due is None:
            stop_clocks(
                Clock.objects.filter(matter=matter, kind=Clock.Kind.MATTER).values_list("pk", flat=True),
                now=now,
            )
            return
        running = matter.status != Matter.Status.CLOSED
        clock, changed = _upsert(
            {"matter": matter, "kind": Clock.Kind.MATTER}, _matter_fields(matter), running=running
        )
        if running and changed:
            _classify_now([clock.pk], now=now)
        elif not running:
            stop_clocks([clock.pk], now=now)


def _classify_now(clock_ids: list[int], *, now: dt.datetime) -> None:
    if not clock_ids:
        return
    clocks = Clock.objects.filter(pk__in=clock_ids, running=True)
    ctx = build_context(now, policy_ids=clocks.values_list("policy_id", flat=True).distinct())
    result = classify(
        clocks,
        ctx,
        reason=WarningTransition.Reason.DUE_CHANGED,
        effective_at_next=False,
    )
    if result.transitions:
        handle_new_transitions(result.token, now=now)
    else:
        # The level did not change but the deadline did: an open escalation may no longer apply.
        from alerts.services.escalations import resolve_obsolete

        resolve_obsolete(Clock.objects.filter(pk__in=clock_ids), now=now)


def stop_clocks(clock_ids: Iterable[int], *, now: dt.datetime) -> int:
    """Stop clocks (stage done, cancelled or paused; matter closed): no more level changes, nags or
    escalation steps. The last level stays on the row; active escalations are resolved."""
    from alerts.services.escalations import close_escalations

    ids = list(clock_ids)
    if not ids:
        return 0
    stopped = Clock.objects.filter(pk__in=ids, running=True).update(
        running=False, next_at=None, nag_next_at=None
    )
    close_escalations(
        Escalation.objects.filter(clock_id__in=ids, status__in=Escalation.ACTIVE_STATUSES),
        status=Escalation.Status.RESOLVED,
        note=gettext_noop("clock stopped"),
        now=now,
    )
    return stopped
