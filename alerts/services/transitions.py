"""What happens after a clock's level changes: notify, and open or resolve escalations.

Runs only on the transitions a classification just wrote (identified by the run's token), so its cost
follows the number of changes, never the number of clocks.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import F

from alerts.models import Level, WarningTransition


@dataclass
class TransitionReport:
    transitions: int = 0
    notifications: int = 0


def new_transitions(token: uuid.UUID):
    return (
        WarningTransition.objects.filter(clock__claim=token, seq=F("clock__seq"))
        .select_related("clock__policy", "clock__team", "owner", "team", "stage__template", "matter")
        .order_by("pk")
    )


def handle_new_transitions(token: uuid.UUID, *, now: dt.datetime) -> TransitionReport:
    from alerts.notifications.compose import notify_transition
    from alerts.services.escalations import on_transition

    report = TransitionReport()
    for transition in new_transitions(token):
        report.transitions += 1
        if transition.to_level > transition.from_level and transition.to_level >= Level.REMINDER:
            report.notifications += notify_transition(transition, now=now)
        on_transition(transition, now=now)
    return report
