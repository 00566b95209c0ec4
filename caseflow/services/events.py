"""Recording, correcting and withdrawing the trigger events of a matter.

An event is never edited in place: a correction is a new row that supersedes the old one, so the history
shows what was believed when. Every stage that counts from the event is (re)computed in the same
transaction; if any of them cannot be computed nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from caseflow.models import DeadlineChange, EventType, Matter, MatterEvent, Stage
from caseflow.models.history import ChangeCause
from caseflow.services.deadlines import StageComputationError
from caseflow.services.stages import _sync_clocks, compute, start_stages


def _local_date(moment: dt.datetime, matter: Matter) -> dt.date:
    return moment.astimezone(ZoneInfo(matter.time_zone)).date()


def _check_moment(occurred_on: dt.date | None, occurred_at: dt.datetime | None, matter: Matter) -> dt.date:
    if occurred_at is not None:
        if occurred_at.tzinfo is None:
            raise ValueError("occurred_at must be an aware datetime")
        local = _local_date(occurred_at, matter)
        if occurred_on is not None and occurred_on != local:
            raise ValidationError(
                _("The date %(date)s does not match the time given (%(local)s in the court's time zone).")
                % {"date": occurred_on.isoformat(), "local": local.isoformat()}
            )
        return local
    if occurred_on is None:
        raise ValidationError(_("Give the date of the event."))
    return occurred_on


def record_event(
    *,
    matter: Matter,
    event_type: EventType,
    occurred_on: dt.date | None,
    occurred_at: dt.datetime | None = None,
    note: str = "",
    by,
    now: dt.datetime,
) -> MatterEvent:
    """Record that ``event_type`` happened in ``matter`` and start every stage that counts from it."""
    occurred_on = _check_moment(occurred_on, occurred_at, matter)
    with transaction.atomic():
        matter = Matter.objects.select_for_update().get(pk=matter.pk)
        if matter.status == Matter.Status.CLOSED:
            raise ValidationError(_("The matter is closed."))
        existing = matter.events.filter(event_type=event_type, is_current=True).first()
        if existing is not None:
            raise ValidationError(
                _("%(event)s was already recorded on %(date)s; correct that record instead.")
                % {"event": event_type.name, "date": existing.occurred_on.isoformat()}
            )
        event = MatterEvent.objects.create(
            matter=matter,
            event_type=event_type,
            occurred_on=occurred_on,
            occurred_at=occurred_at,
            note=note,
            recorded_by=by,
            recorded_at=now,
        )
        waiting = (
            matter.stages.filter(template__trigger=event_type, status=Stage.Status.AWAITING_TRIGGER)
            .select_related("template__rule", "matter__court", "matter__matter_type__calendar")
            .order_by("order")
        )
        started = start_stages(
            waiting, trigger=event, cause=ChangeCause.EVENT_RECORDED, reason=note, by=by, now=now
        )
        _sync_clocks(started, now=now)
    return event


def correct_event(
    event: MatterEvent,
    *,
    occurred_on: dt.date | None,
    occurred_at: dt.datetime | None = None,
    reason: str,
    by,
    now: dt.datetime,
) -> MatterEvent:
    """Replace ``event`` by a corrected record and recompute the stages that count from it."""
    if not reason.strip():
        raise ValidationError(_("Say why the event is being corrected."))
    matter = event.matter
    occurred_on = _check_moment(occurred_on, occurred_at, matter)
    with transaction.atomic():
        old = MatterEvent.objects.select_for_update().get(pk=event.pk)
        if not old.is_current:
            raise ValidationError(_("This record has already been corrected or withdrawn."))
        if old.occurred_on == occurred_on and old.occurred_at == occurred_at:
            raise ValidationError(_("The corrected date is the same as the recorded one."))
        old.is_current = False
        old.save(update_fields=["is_current"])
        new = MatterEvent.objects.create(
            matter=matter,
            event_type=old.event_type,
            occurred_on=occurred_on,
            occurred_at=occurred_at,
            note=old.note,
            recorded_by=by,
            recorded_at=now,
            supersedes=old,
            correction_reason=reason,
        )
        dependent = list(
            Stage.objects.select_for_update(of=("self",))
            .filter(trigger_event=old)
            .exclude(status=Stage.Status.CANCELLED)
            .select_related("template__rule", "matter__court", "matter__matter_type__calendar")
            .order_by("order")
        )
        _recompute_all(dependent, new, reason=reason, by=by, now=now)
    return new


def _recompute_all(stages: list[Stage], trigger: MatterEvent, *, reason: str, by, now: dt.datetime) -> None:
    from caseflow.services.stages import apply_deadline

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
        apply_deadline(
            stage, result, trigger=trigger, cause=ChangeCause.EVENT_CORRECTED, reason=reason, by=by, now=now
        )
    _sync_clocks(stages, now=now)


def withdraw_event(event: MatterEvent, *, reason: str, by, now: dt.datetime) -> MatterEvent:
    """Withdraw an event recorded in error: the stages counting from it that are not done go back to
    awaiting their trigger, and their dates are cleared (with audit rows)."""
    if not reason.strip():
        raise ValidationError(_("Say why the event is being withdrawn."))
    with transaction.atomic():
        old = MatterEvent.objects.select_for_update().get(pk=event.pk)
        if not old.is_current:
            raise ValidationError(_("This record has already been corrected or withdrawn."))
        old.is_current = False
        old.correction_reason = reason
        old.save(update_fields=["is_current", "correction_reason"])
        stages = list(
            Stage.objects.select_for_update().filter(trigger_event=old, status=Stage.Status.IN_PROGRESS)
        )
        for stage in stages:
            _clear_dates(stage, reason=reason, by=by, now=now)
        _sync_clocks(stages, now=now)
    return old


def _clear_dates(stage: Stage, *, reason: str, by, now: dt.datetime) -> None:
    DeadlineChange.objects.bulk_create(
        DeadlineChange(
            stage=stage,
            field=field,
            old_value=getattr(stage, attr),
            new_value=None,
            cause=ChangeCause.EVENT_CORRECTED,
            reason=reason,
            changed_by=by,
            changed_at=now,
        )
        for field, attr in (
            (DeadlineChange.Field.STATUTORY_DUE, "statutory_due"),
            (DeadlineChange.Field.DUE_DATE, "due_date"),
            (DeadlineChange.Field.INTERNAL_TARGET, "internal_target"),
        )
        if getattr(stage, attr) is not None
    )
    stage.status = Stage.Status.AWAITING_TRIGGER
    stage.trigger_event = None
    stage.started_on = None
    stage.rule_version = None
    stage.statutory_due = stage.statutory_due_at = None
    stage.due_date = stage.due_at = None
    stage.internal_target = None
    stage.provisional = False
    stage.computation = None
    stage.is_paused = False
    stage.save()
