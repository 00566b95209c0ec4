"""Repeat reminders ("nags") while a stage stays overdue, and reminders to resume a paused stage.

Both are driven by an indexed "next reminder at" column; each reminder is claimed with a conditional
UPDATE on its counter, so two workers never send the same reminder and a tick after downtime sends one
reminder, not one per missed interval.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from alerts.models import Clock, Level, PauseRequest


def send_due_nags(*, now: dt.datetime) -> int:
    from alerts.notifications.compose import notify_nag

    sent = 0
    due = Clock.objects.filter(running=True, nag_next_at__lte=now, level=Level.OVERDUE).values_list(
        "pk", "nag_count", "policy__nag_interval_hours"
    )
    for pk, count, hours in list(due):
        next_at = now + dt.timedelta(hours=hours) if hours else None
        with transaction.atomic():
            claimed = Clock.objects.filter(pk=pk, nag_count=count, nag_next_at__lte=now).update(
                nag_count=count + 1, nag_next_at=next_at
            )
            if claimed:
                notify_nag(
                    Clock.objects.select_related("stage__matter", "owner").get(pk=pk),
                    number=count + 1,
                    now=now,
                )
                sent += 1
    return sent


def send_resume_reminders(*, now: dt.datetime) -> int:
    from alerts.notifications.compose import notify_resume_reminder

    sent = 0
    due = PauseRequest.objects.filter(
        status=PauseRequest.Status.APPROVED, end_date__isnull=True, next_reminder_at__lte=now
    ).values_list("pk", "reminders_sent")
    for pk, count in list(due):
        pause = PauseRequest.objects.select_related("stage__matter", "stage__responsible").get(pk=pk)
        days = _reminder_days(pause)
        with transaction.atomic():
            claimed = PauseRequest.objects.filter(
                pk=pk, reminders_sent=count, next_reminder_at__lte=now
            ).update(reminders_sent=count + 1, next_reminder_at=now + dt.timedelta(days=days))
            if claimed:
                notify_resume_reminder(pause, number=count + 1, now=now)
                sent += 1
    return sent


def _reminder_days(pause: PauseRequest) -> int:
    clock = Clock.objects.filter(stage_id=pause.stage_id).select_related("policy").first()
    if clock is not None:
        return clock.policy.resume_reminder_days
    from alerts.services.clocks import policy_for_stage

    return policy_for_stage(pause.stage).resume_reminder_days
