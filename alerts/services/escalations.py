"""Escalation ladders: who hears about an overdue (or urgent and unacknowledged) stage, and when.

One active escalation per clock (a partial unique constraint, so two workers cannot open two). It waits
(``pending``) until its first step is due, then climbs the policy's ladder one step at a time, each step
claimed with a conditional UPDATE and recorded as an entry (unique per step, so a replayed tick raises
nothing twice). Acknowledging stops the ladder; the escalation is resolved when the stage is done or its
level drops.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.access import can_supervise
from accounts.models import User
from accounts.services import department_head, office_admins
from alerts.models import Clock, Escalation, EscalationEntry, EscalationStep, Level, WarningTransition


def ladder(policy_id: int) -> list[EscalationStep]:
    return list(EscalationStep.objects.filter(policy_id=policy_id).order_by("order"))


def recipients_for(step: EscalationStep, clock: Clock) -> list[User]:
    """Who a ladder step reaches; a missing supervisor or department head falls through to the admins."""
    team = clock.team
    people: list[User] = []
    if (
        step.target == EscalationStep.Target.TEAM_SUPERVISOR
        and team.supervisor_id
        and team.supervisor.is_active
    ):
        people = [team.supervisor]
    elif step.target == EscalationStep.Target.DEPARTMENT_HEAD:
        head = department_head(team)
        people = [head] if head else []
    elif step.target == EscalationStep.Target.OFFICE_ADMINS:
        people = office_admins()
    if not people and step.target != EscalationStep.Target.OFFICE_ADMINS:
        people = office_admins()
    return people


def on_transition(transition: WarningTransition, *, now: dt.datetime) -> None:
    clock = transition.clock
    policy = clock.policy
    if transition.to_level < transition.from_level:
        resolve_obsolete(Clock.objects.filter(pk=clock.pk), now=now)
    if transition.to_level == Level.OVERDUE and policy.escalate_when_overdue:
        _open(clock, reason=Escalation.Reason.OVERDUE, start=transition.at, now=now)
    elif transition.to_level == Level.URGENT and policy.escalate_urgent_after_hours is not None:
        grace = dt.timedelta(hours=policy.escalate_urgent_after_hours)
        _open(clock, reason=Escalation.Reason.URGENT_UNACKNOWLEDGED, start=transition.at + grace, now=now)


def _open(clock: Clock, *, reason: str, start: dt.datetime, now: dt.datetime) -> Escalation | None:
    steps = ladder(clock.policy_id)
    if not steps:
        return None
    first_step_at = start + dt.timedelta(hours=steps[0].delay_hours)
    active = Escalation.objects.filter(clock=clock, status__in=Escalation.ACTIVE_STATUSES).first()
    if active is not None:
        if reason == Escalation.Reason.OVERDUE and active.reason != reason:
            active.reason = reason
            if active.status == Escalation.Status.PENDING:
                active.next_step_at = min(active.next_step_at or first_step_at, first_step_at)
            active.save(update_fields=["reason", "next_step_at"])
        return active
    try:
        with transaction.atomic():
            return Escalation.objects.create(
                clock=clock,
                stage=clock.stage,
                matter=clock.matter,
                team=clock.team,
                reason=reason,
                status=Escalation.Status.PENDING,
                opened_at=now,
                next_step_at=first_step_at,
            )
    except IntegrityError:  # another worker opened it first
        return Escalation.objects.filter(clock=clock, status__in=Escalation.ACTIVE_STATUSES).first()


def advance_due(*, now: dt.datetime) -> int:
    """Raise the next ladder step of every escalation whose moment has come; returns steps raised."""
    raised = 0
    due = Escalation.objects.filter(
        status__in=(Escalation.Status.PENDING, Escalation.Status.OPEN), next_step_at__lte=now
    ).values_list("pk", "step")
    for pk, step in list(due):
        raised += _raise_step(pk, step, now=now)
    return raised


def _raise_step(pk: int, step: int, *, now: dt.datetime) -> int:
    from alerts.notifications.compose import notify_escalation_step

    with transaction.atomic():
        escalation = Escalation.objects.select_related("clock__team__supervisor", "clock__policy").get(pk=pk)
        steps = ladder(escalation.clock.policy_id)
        if step >= len(steps):
            Escalation.objects.filter(pk=pk, step=step).update(next_step_at=None)
            return 0
        rung = steps[step]
        following = steps[step + 1] if step + 1 < len(steps) else None
        next_at = now + dt.timedelta(hours=following.delay_hours) if following else None
        people = recipients_for(rung, escalation.clock)
        claimed = Escalation.objects.filter(
            pk=pk,
            step=step,
            status__in=(Escalation.Status.PENDING, Escalation.Status.OPEN),
            next_step_at__lte=now,
        ).update(
            step=step + 1,
            status=Escalation.Status.OPEN,
            next_step_at=next_at,
            current_recipient=people[0] if people else None,
        )
        if not claimed:
            return 0
        EscalationEntry.objects.create(
            escalation=escalation,
            kind=EscalationEntry.Kind.RAISED,
            step=step + 1,
            recipient=people[0] if people else None,
            text=", ".join(str(p) for p in people),
            at=now,
        )
        escalation.refresh_from_db()
        for person in people:
            notify_escalation_step(escalation, step=step + 1, recipient=person, now=now)
    return 1


def resolve_obsolete(clocks, *, now: dt.datetime) -> int:
    """Resolve active escalations of ``clocks`` whose level fell below their reason (deadline extended).

    The query starts from the active escalations and joins each one's clock (plain conditions, not an
    OR of two subqueries, which PostgreSQL ran for minutes at 1,000,000 clocks)."""
    obsolete = Escalation.objects.filter(status__in=Escalation.ACTIVE_STATUSES, clock__in=clocks).filter(
        Q(reason=Escalation.Reason.OVERDUE, clock__level__lt=Level.OVERDUE)
        | Q(reason=Escalation.Reason.URGENT_UNACKNOWLEDGED, clock__level__lt=Level.URGENT)
    )
    return close_escalations(
        obsolete, status=Escalation.Status.RESOLVED, note=gettext_noop("level dropped"), now=now
    )


def close_escalations(queryset, *, status: str, note: str, now: dt.datetime, by: User | None = None) -> int:
    closed = 0
    for escalation in queryset.select_for_update():
        if escalation.status not in Escalation.ACTIVE_STATUSES:
            continue
        kind = (
            EscalationEntry.Kind.RESOLVED
            if status == Escalation.Status.RESOLVED
            else EscalationEntry.Kind.CANCELLED
        )
        escalation.status = status
        escalation.next_step_at = None
        escalation.closed_at = now
        escalation.closing_note = note
        escalation.save(update_fields=["status", "next_step_at", "closed_at", "closing_note"])
        EscalationEntry.objects.create(escalation=escalation, kind=kind, actor=by, text=note, at=now)
        closed += 1
    return closed


def _check_supervisor(escalation: Escalation, by: User) -> None:
    if not (can_supervise(by, escalation.team_id) or escalation.current_recipient_id == by.pk):
        raise PermissionDenied(_("Only the team's supervisors can handle this escalation."))


def acknowledge(escalation: Escalation, *, by: User, note: str = "", now: dt.datetime) -> Escalation:
    """A supervisor takes the escalation in hand: the ladder stops."""
    _check_supervisor(escalation, by)
    with transaction.atomic():
        updated = Escalation.objects.filter(
            pk=escalation.pk, status__in=(Escalation.Status.PENDING, Escalation.Status.OPEN)
        ).update(
            status=Escalation.Status.ACKNOWLEDGED, acknowledged_by=by, acknowledged_at=now, next_step_at=None
        )
        if not updated:
            raise ValidationError(_("This escalation is no longer open."))
        EscalationEntry.objects.create(
            escalation=escalation, kind=EscalationEntry.Kind.ACKNOWLEDGED, actor=by, text=note, at=now
        )
    escalation.refresh_from_db()
    return escalation


def comment(escalation: Escalation, *, by: User, text: str, now: dt.datetime) -> EscalationEntry:
    if not text.strip():
        raise ValidationError(_("Write a comment."))
    if by.pk != escalation.clock.owner_id:
        _check_supervisor(escalation, by)
    return EscalationEntry.objects.create(
        escalation=escalation, kind=EscalationEntry.Kind.COMMENT, actor=by, text=text.strip(), at=now
    )


def reassign(
    escalation: Escalation, *, responsible: User, reason: str, by: User, now: dt.datetime
) -> Escalation:
    """Give the escalated stage to another responsible person; the history keeps both."""
    from caseflow.services.stages import reassign_stage

    _check_supervisor(escalation, by)
    if not escalation.is_active:
        raise ValidationError(_("This escalation is closed; reassign the stage from the matter page."))
    if escalation.stage_id is None:
        raise ValidationError(_("A matter's total limit has no responsible person to reassign."))
    with transaction.atomic():
        reassign_stage(escalation.stage, responsible=responsible, reason=reason, by=by, now=now)
        EscalationEntry.objects.create(
            escalation=escalation,
            kind=EscalationEntry.Kind.REASSIGNED,
            actor=by,
            recipient=responsible,
            text=reason,
            at=now,
        )
    return escalation


def acknowledge_warning(clock: Clock, *, by: User, now: dt.datetime) -> Clock:
    """The responsible person acknowledges an urgent warning: an escalation still waiting for its grace
    period to run out is cancelled (it was only there because nobody had reacted)."""
    if by.pk != clock.owner_id:
        raise PermissionDenied(_("Only the responsible person can acknowledge this warning."))
    with transaction.atomic():
        Clock.objects.filter(pk=clock.pk).update(acknowledged_at=now)
        close_escalations(
            Escalation.objects.filter(
                clock=clock,
                status=Escalation.Status.PENDING,
                reason=Escalation.Reason.URGENT_UNACKNOWLEDGED,
                step=0,
            ),
            status=Escalation.Status.CANCELLED,
            note=gettext_noop("warning acknowledged"),
            by=by,
            now=now,
        )
    clock.refresh_from_db()
    return clock
