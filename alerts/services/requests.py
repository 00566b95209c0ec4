"""Pauses (中止/中断/扣除) and extensions (延期/延长审限): requested by the responsible lawyer, decided by a
supervisor.

An approved pause stops the stage's clock; when its end is recorded the effective due date moves by the
paused time, counted in the rule's units (or the period restarts, for an interruption), while the
statutory date stays visible. An approved extension sets a later due date. Periods the law fixes
(不变期间) cannot be paused, and non-extendable periods cannot be extended.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.access import can_supervise, can_work_on
from alerts.models import ExtensionRequest, PauseRequest
from caseflow.models import Stage
from caseflow.models.history import ChangeCause


def _today(stage: Stage, now: dt.datetime) -> dt.date:
    return now.astimezone(ZoneInfo(stage.matter.time_zone)).date()


def _check_changeable(stage: Stage, by, *, not_changeable: str) -> None:
    """``not_changeable`` is the whole sentence to show (translators need the sentence, not a verb)."""
    if not can_work_on(by, stage):
        raise PermissionDenied(_("You cannot request changes to this stage."))
    if stage.status != Stage.Status.IN_PROGRESS or stage.due_date is None:
        raise ValidationError(not_changeable)
    version = stage.rule_version
    if version is not None and version.fixed_period:
        raise ValidationError(
            _("%(rule)s is a fixed period (不变期间, %(citation)s): it cannot be paused or extended.")
            % {"rule": version.rule.name, "citation": version.citation()}
        )


def request_pause(
    stage: Stage, *, category: str, reason: str, legal_basis: str, start_date: dt.date, by, now: dt.datetime
) -> PauseRequest:
    from alerts.notifications.compose import notify_request

    _check_changeable(stage, by, not_changeable=_("Only a stage in progress with a due date can be paused."))
    if category not in PauseRequest.Category.values:
        raise ValidationError({"category": _("Unknown pause category.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the pause.")})
    if stage.hour_precision:
        raise ValidationError(_("A period counted in hours cannot be paused."))
    if start_date <= stage.started_on:
        raise ValidationError(
            {
                "start_date": _("A pause starts after the trigger date (%(date)s).")
                % {"date": stage.started_on}
            }
        )
    if start_date > stage.due_date:
        raise ValidationError(
            {
                "start_date": _("A pause must start on or before the due date (%(date)s).")
                % {"date": stage.due_date}
            }
        )
    if start_date > _today(stage, now):
        raise ValidationError({"start_date": _("Record a pause once it has started, not in advance.")})
    with transaction.atomic():
        if stage.pause_requests.filter(status=PauseRequest.Status.PENDING).exists() or stage.is_paused:
            raise ValidationError(_("This stage already has a pause pending or running."))
        pause = PauseRequest.objects.create(
            stage=stage,
            category=category,
            reason=reason.strip(),
            legal_basis=legal_basis.strip(),
            start_date=start_date,
            requested_by=by,
            requested_at=now,
        )
        notify_request(pause, now=now)
    return pause


def decide_pause(pause: PauseRequest, *, approve: bool, note: str, by, now: dt.datetime) -> PauseRequest:
    from alerts.notifications.compose import notify_decision
    from alerts.services.clocks import policy_for_stage, sync_stage_clocks

    stage = pause.stage
    if not can_supervise(by, stage.team_id):
        raise PermissionDenied(_("Only a supervisor of the team can decide this request."))
    with transaction.atomic():
        decided = PauseRequest.objects.filter(pk=pause.pk, status=PauseRequest.Status.PENDING).update(
            status=PauseRequest.Status.APPROVED if approve else PauseRequest.Status.REJECTED,
            decided_by=by,
            decided_at=now,
            decision_note=note.strip(),
            next_reminder_at=(now + dt.timedelta(days=policy_for_stage(stage).resume_reminder_days))
            if approve
            else None,
        )
        if not decided:
            raise ValidationError(_("This request has already been decided."))
        pause.refresh_from_db()
        if approve:
            Stage.objects.filter(pk=stage.pk).update(is_paused=True)
            stage.refresh_from_db()
            sync_stage_clocks([stage], now=now)
        notify_decision(pause, now=now)
    return pause


def end_pause(pause: PauseRequest, *, end_date: dt.date, by, now: dt.datetime) -> PauseRequest:
    """Record the last day of a running pause; the due date is recomputed and the clock restarts."""
    from alerts.services.clocks import sync_stage_clocks
    from caseflow.services.stages import recompute_stage

    stage = pause.stage
    if not can_work_on(by, stage):
        raise PermissionDenied(_("You cannot change this stage."))
    if not pause.is_active:
        raise ValidationError(_("This pause is not running."))
    if end_date < pause.start_date:
        raise ValidationError(
            {"end_date": _("A pause cannot end before it started (%(date)s).") % {"date": pause.start_date}}
        )
    if end_date > _today(stage, now):
        raise ValidationError({"end_date": _("Record the end of a pause once it has ended.")})
    with transaction.atomic():
        PauseRequest.objects.filter(pk=pause.pk).update(
            end_date=end_date, ended_by=by, ended_at=now, next_reminder_at=None
        )
        pause.refresh_from_db()
        Stage.objects.filter(pk=stage.pk).update(is_paused=False)
        stage.refresh_from_db()
        reason = _("%(category)s %(start)s – %(end)s: %(reason)s") % {
            "category": pause.get_category_display(),
            "start": pause.start_date.isoformat(),
            "end": end_date.isoformat(),
            "reason": pause.reason,
        }
        recompute_stage(stage, cause=ChangeCause.PAUSE, reason=reason, by=by, now=now)
        sync_stage_clocks([stage], now=now)
    return pause


def request_extension(
    stage: Stage, *, new_due_date: dt.date, reason: str, legal_basis: str, by, now: dt.datetime
) -> ExtensionRequest:
    from alerts.notifications.compose import notify_request

    _check_changeable(
        stage, by, not_changeable=_("Only a stage in progress with a due date can be extended.")
    )
    version = stage.rule_version
    if version is not None and not version.extendable:
        raise ValidationError(
            _("%(rule)s cannot be extended (%(citation)s).")
            % {"rule": version.rule.name, "citation": version.citation()}
        )
    if new_due_date <= stage.due_date:
        raise ValidationError(
            {"new_due_date": _("The new due date must be after %(date)s.") % {"date": stage.due_date}}
        )
    if not reason.strip() or not legal_basis.strip():
        raise ValidationError(_("Give the reason and the legal basis of the extension."))
    with transaction.atomic():
        if stage.extension_requests.filter(status=ExtensionRequest.Status.PENDING).exists():
            raise ValidationError(_("An extension of this stage is already waiting for a decision."))
        extension = ExtensionRequest.objects.create(
            stage=stage,
            new_due_date=new_due_date,
            reason=reason.strip(),
            legal_basis=legal_basis.strip(),
            due_date_before=stage.due_date,
            requested_by=by,
            requested_at=now,
        )
        notify_request(extension, now=now)
    return extension


def decide_extension(
    extension: ExtensionRequest, *, approve: bool, note: str, by, now: dt.datetime
) -> ExtensionRequest:
    from alerts.notifications.compose import notify_decision
    from alerts.services.clocks import sync_stage_clocks
    from caseflow.services.stages import recompute_stage

    stage = extension.stage
    if not can_supervise(by, stage.team_id):
        raise PermissionDenied(_("Only a supervisor of the team can decide this request."))
    with transaction.atomic():
        decided = ExtensionRequest.objects.filter(
            pk=extension.pk, status=ExtensionRequest.Status.PENDING
        ).update(
            status=ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.REJECTED,
            decided_by=by,
            decided_at=now,
            decision_note=note.strip(),
        )
        if not decided:
            raise ValidationError(_("This request has already been decided."))
        extension.refresh_from_db()
        if approve:
            reason = _("Extension to %(date)s (%(basis)s): %(reason)s") % {
                "date": extension.new_due_date.isoformat(),
                "basis": extension.legal_basis,
                "reason": extension.reason,
            }
            recompute_stage(stage, cause=ChangeCause.EXTENSION, reason=reason, by=by, now=now)
            sync_stage_clocks([stage], now=now)
        notify_decision(extension, now=now)
    return extension


def withdraw_pending_requests(stage: Stage, *, now: dt.datetime) -> None:
    """A stage that is completed or cancelled has no pending requests and no running pause."""
    stage.pause_requests.filter(status=PauseRequest.Status.PENDING).update(
        status=PauseRequest.Status.WITHDRAWN, decided_at=now
    )
    stage.extension_requests.filter(status=ExtensionRequest.Status.PENDING).update(
        status=ExtensionRequest.Status.WITHDRAWN, decided_at=now
    )
    stage.pause_requests.filter(status=PauseRequest.Status.APPROVED, end_date__isnull=True).update(
        end_date=now.astimezone(ZoneInfo(stage.matter.time_zone)).date(), ended_at=now, next_reminder_at=None
    )
