"""Every change to a stage goes through here: computing and recomputing its deadline (with the audit
trail), completing, cancelling, reopening and reassigning it.

Each public function is one transaction, takes ``now`` from its caller, and finishes by bringing the
stage's warning clock up to date (``alerts.services.clocks``), so a lawyer who records an event sees the
right warning level at once rather than after the next scan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from caseflow.deadlines import Pause
from caseflow.models import DeadlineChange, DueComputation, MatterEvent, ResponsibilityChange, Stage
from caseflow.models.history import ChangeCause
from caseflow.services.deadlines import StageComputationError, StageDeadline, compute_stage_deadline

TRACKED_FIELDS = (
    (DeadlineChange.Field.STATUTORY_DUE, "statutory_due"),
    (DeadlineChange.Field.DUE_DATE, "due_date"),
    (DeadlineChange.Field.INTERNAL_TARGET, "internal_target"),
)


def stage_pauses(stage: Stage) -> list[Pause]:
    """The stage's approved pauses that have ended, as engine input."""
    from alerts.models import PauseRequest

    rows = stage.pause_requests.filter(status=PauseRequest.Status.APPROVED, end_date__isnull=False)
    return [Pause(kind=p.category, start=p.start_date, end=p.end_date) for p in rows.order_by("start_date")]


def stage_extension(stage: Stage):
    """The stage's most recent approved extension, or ``None``."""
    from alerts.models import ExtensionRequest

    return (
        stage.extension_requests.filter(status=ExtensionRequest.Status.APPROVED)
        .order_by("-decided_at", "-id")
        .first()
    )


def has_active_pause(stage: Stage) -> bool:
    from alerts.models import PauseRequest

    return stage.pause_requests.filter(status=PauseRequest.Status.APPROVED, end_date__isnull=True).exists()


def compute(stage: Stage, trigger: MatterEvent) -> StageDeadline:
    """Compute without saving (raises :class:`StageComputationError`)."""
    return compute_stage_deadline(
        stage, trigger=trigger, pauses=stage_pauses(stage), extension=stage_extension(stage)
    )


def apply_deadline(
    stage: Stage,
    result: StageDeadline,
    *,
    trigger: MatterEvent,
    cause: str,
    reason: str,
    by,
    now: dt.datetime,
) -> bool:
    """Store ``result`` on ``stage`` with a computation record and one audit row per changed date.

    Returns True if anything the user can see changed. Called inside the caller's transaction.
    """
    first, last = result.window
    old = {attr: getattr(stage, attr) for _field, attr in TRACKED_FIELDS}
    changed_dates = [
        (field, old[attr], getattr(result, attr))
        for field, attr in TRACKED_FIELDS
        if old[attr] != getattr(result, attr)
    ]
    changed = bool(changed_dates) or (
        stage.provisional != result.provisional
        or stage.due_at != result.due_at
        or stage.trigger_event_id != trigger.pk
        or stage.computation_id is None
    )
    if not changed:
        return False
    computation = DueComputation.objects.create(
        stage=stage,
        computed_at=now,
        computed_by=by,
        cause=cause,
        trigger_date=result.trigger_date,
        trigger_at=result.trigger_at,
        rule_version=result.rule_version,
        period=str(result.statutory.period),
        convention=result.statutory.convention.value,
        direction=result.statutory.direction.value,
        custody=result.statutory.custody,
        calendar_code=result.statutory.calendar_code,
        statutory_due=result.statutory_due,
        due_date=result.due_date,
        due_at=result.due_at,
        provisional=result.provisional,
        steps=result.steps,
        citation=result.citation,
        window_first=first,
        window_last=last,
    )
    DeadlineChange.objects.bulk_create(
        DeadlineChange(
            stage=stage,
            field=field,
            old_value=old_value,
            new_value=new_value,
            cause=cause,
            reason=reason,
            changed_by=by,
            changed_at=now,
            computation=computation,
        )
        for field, old_value, new_value in changed_dates
    )
    stage.trigger_event = trigger
    stage.started_on = result.trigger_date
    stage.rule_version = result.rule_version
    stage.statutory_due = result.statutory_due
    stage.statutory_due_at = result.statutory_due_at
    stage.due_date = result.due_date
    stage.due_at = result.due_at
    stage.hour_precision = result.effective.hour_precision
    stage.internal_target = result.internal_target
    stage.provisional = result.provisional
    stage.computation = computation
    stage.computation_error = ""
    if stage.status == Stage.Status.AWAITING_TRIGGER:
        stage.status = Stage.Status.IN_PROGRESS
    stage.is_paused = has_active_pause(stage)
    stage.save()
    return True


def start_stages(
    stages: Iterable[Stage], *, trigger: MatterEvent, cause: str, reason: str, by, now
) -> list[Stage]:
    """Compute every stage counting from ``trigger``; refuse all of them if any cannot be computed."""
    stages = list(stages)
    results = []
    problems = []
    for stage in stages:
        try:
            results.append(compute(stage, trigger))
        except StageComputationError as exc:
            problems.append(f"{stage.template.name}: {exc}")
    if problems:
        raise ValidationError(problems)
    for stage, result in zip(stages, results, strict=True):
        apply_deadline(stage, result, trigger=trigger, cause=cause, reason=reason, by=by, now=now)
    return stages


def recompute_stage(stage: Stage, *, cause: str, reason: str, by, now: dt.datetime) -> bool:
    """Recompute one started stage from its current trigger event (after a pause, an extension, a
    calendar or rule change). Returns True if something changed. Errors are kept on the stage."""
    trigger = stage.trigger_event
    if trigger is None:
        return False
    try:
        result = compute(stage, trigger)
    except StageComputationError as exc:
        stage.computation_error = str(exc)[:300]
        stage.save(update_fields=["computation_error"])
        return False
    return apply_deadline(stage, result, trigger=trigger, cause=cause, reason=reason, by=by, now=now)


def stages_touching(
    *, calendar_id: int | None = None, court_id: int | None = None, first: dt.date, last: dt.date
):
    """Started, unfinished stages whose last computation examined a day in [``first``, ``last``] on the
    given calendar (or at the given court): the stages a calendar or closure change can move."""
    if calendar_id is None and court_id is None:
        raise ValueError("give a calendar or a court")
    affected = Stage.objects.filter(
        status=Stage.Status.IN_PROGRESS,
        computation__window_first__lte=last,
        computation__window_last__gte=first,
    )
    if court_id is not None:
        return affected.filter(matter__court_id=court_id)
    return affected.filter(
        Q(matter__court__calendar_id=calendar_id)
        | Q(matter__court__isnull=True, matter__matter_type__calendar_id=calendar_id)
    )


def recompute_stages_touching(
    *,
    calendar_id: int | None = None,
    court_id: int | None = None,
    first: dt.date,
    last: dt.date,
    cause: str,
    reason: str,
    by,
    now: dt.datetime,
) -> int:
    """Recompute the started, unfinished stages whose last computation examined a day in
    [``first``, ``last``] on the given calendar (or at the given court). Returns how many changed.

    Called when an admin loads a holiday notice, changes a day or a court closure. The selection is one
    query on the computation window; only the affected stages are recomputed.
    """
    affected = stages_touching(calendar_id=calendar_id, court_id=court_id, first=first, last=last)
    changed = []
    with transaction.atomic():
        for stage in _for_update(affected):
            if recompute_stage(stage, cause=cause, reason=reason, by=by, now=now):
                changed.append(stage)
        _sync_clocks(changed, now=now)
    return len(changed)


def complete_stage(
    stage: Stage, *, completed_at: dt.datetime | None = None, note: str = "", by, now: dt.datetime
) -> Stage:
    """Mark a stage done. If its template records an event on completion, record it (which starts the
    stages that count from it)."""
    from caseflow.services.events import record_event

    with transaction.atomic():
        stage = _lock(stage)
        if stage.status != Stage.Status.IN_PROGRESS:
            raise ValidationError(_("Only a stage in progress can be completed."))
        stage.status = Stage.Status.DONE
        stage.completed_at = completed_at or now
        stage.completed_by = by
        stage.completion_note = note
        stage.is_paused = False
        stage.save()
        _withdraw_open_requests(stage, now=now)
        _sync_clocks([stage], now=now)
        event_type = stage.template.completion_event
        if (
            event_type is not None
            and not stage.matter.events.filter(event_type=event_type, is_current=True).exists()
        ):
            zone = stage.matter.time_zone
            from zoneinfo import ZoneInfo

            local = stage.completed_at.astimezone(ZoneInfo(zone))
            record_event(
                matter=stage.matter,
                event_type=event_type,
                occurred_on=local.date(),
                occurred_at=stage.completed_at,
                note=_("Recorded on completion of %(stage)s") % {"stage": stage.template.name},
                by=by,
                now=now,
            )
    return stage


def cancel_stage(stage: Stage, *, reason: str, by, now: dt.datetime) -> Stage:
    if not reason.strip():
        raise ValidationError(_("Give a reason for cancelling the stage."))
    with transaction.atomic():
        stage = _lock(stage)
        if not stage.is_open:
            raise ValidationError(_("Only an open stage can be cancelled."))
        stage.status = Stage.Status.CANCELLED
        stage.completion_note = reason
        stage.completed_by = by
        stage.completed_at = now
        stage.save()
        _withdraw_open_requests(stage, now=now)
        _sync_clocks([stage], now=now)
    return stage


def reopen_stage(stage: Stage, *, reason: str, by, now: dt.datetime) -> Stage:
    """Undo a completion or cancellation recorded in error; the deadline is recomputed from its trigger."""
    if not reason.strip():
        raise ValidationError(_("Give a reason for reopening the stage."))
    with transaction.atomic():
        stage = _lock(stage)
        if stage.is_open:
            raise ValidationError(_("The stage is already open."))
        stage.status = Stage.Status.IN_PROGRESS if stage.trigger_event_id else Stage.Status.AWAITING_TRIGGER
        stage.completed_at = None
        stage.completed_by = None
        stage.completion_note = f"{_('Reopened')}: {reason}"
        stage.save()
        recompute_stage(stage, cause=ChangeCause.REOPENED, reason=reason, by=by, now=now)
        _sync_clocks([stage], now=now)
    return stage


def reassign_stage(stage: Stage, *, responsible, reason: str, by, now: dt.datetime) -> Stage:
    """Give a stage to another responsible person (预警责任人), keeping the history."""
    from alerts.notifications.compose import notify_reassigned

    with transaction.atomic():
        stage = _lock(stage)
        previous = stage.responsible
        if previous.pk == responsible.pk:
            raise ValidationError(
                _("%(name)s is already responsible for this stage.") % {"name": responsible}
            )
        if not responsible.is_active:
            raise ValidationError(_("%(name)s is not an active user.") % {"name": responsible})
        ResponsibilityChange.objects.create(
            stage=stage,
            old_responsible=previous,
            new_responsible=responsible,
            reason=reason,
            changed_by=by,
            changed_at=now,
        )
        stage.responsible = responsible
        stage.save(update_fields=["responsible"])
        from alerts.models import Clock

        Clock.objects.filter(stage=stage).update(owner=responsible)
        notify_reassigned(stage, previous=previous, by=by, reason=reason, now=now)
    return stage


def _lock(stage: Stage) -> Stage:
    """Re-read the stage under a row lock so two requests cannot change it at once."""
    return Stage.objects.select_for_update(of=("self",)).select_related("template", "matter").get(pk=stage.pk)


def _for_update(queryset) -> list[Stage]:
    ids = list(queryset.values_list("pk", flat=True))
    return list(
        Stage.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("template__rule", "matter__court", "matter__matter_type__calendar", "trigger_event")
        .order_by("pk")
    )


def _withdraw_open_requests(stage: Stage, *, now: dt.datetime) -> None:
    from alerts.services.requests import withdraw_pending_requests

    withdraw_pending_requests(stage, now=now)


def _sync_clocks(stages: list[Stage], *, now: dt.datetime) -> None:
    if not stages:
        return
    from alerts.services.clocks import sync_stage_clocks

    sync_stage_clocks(stages, now=now)
