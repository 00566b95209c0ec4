"""What happens after a clock's level changes: notify, and open or resolve escalations.

Transitions are written set-based by the classification (``INSERT … SELECT``) with ``followed_up_at``
null: that column is a durable queue. The follow-up reads only pending transitions (a partial index), so
its cost follows the number of changes, never the number of clocks, and it is kept out of the
classification's transaction: a full re-evaluation stays a handful of statements, and a run that dies
after classifying leaves its transitions for the next tick instead of losing their messages.

Only the clock's latest transition is acted on. An older one still pending (its level changed again
before the follow-up ran, e.g. a policy change then a tick) is marked done without messages: nobody
needs to hear about a level the stage no longer has.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F

from alerts.models import Level, WarningTransition

BATCH = 500


@dataclass
class TransitionReport:
    transitions: int = 0
    notifications: int = 0

    def add(self, other: TransitionReport) -> None:
        self.transitions += other.transitions
        self.notifications += other.notifications


def _with_relations(queryset):
    # Everything the messages and escalations read, in the one query: the clock's stage and matter
    # are the transition's, but Django only knows that once they are loaded through the clock too.
    return queryset.select_related(
        "clock__policy",
        "clock__team",
        "clock__matter",
        "clock__stage__template",
        "clock__stage__matter",
        "owner",
        "team",
        "stage__template",
        "matter",
    ).order_by("pk")


def _follow_up(transitions: list[WarningTransition], *, now: dt.datetime) -> TransitionReport:
    from alerts.notifications.compose import notify_transition
    from alerts.services.escalations import on_transition

    report = TransitionReport()
    for transition in transitions:
        if transition.seq != transition.clock.seq or not transition.clock.running:
            continue  # superseded by a later change, or the stage stopped meanwhile
        report.transitions += 1
        if transition.to_level > transition.from_level and transition.to_level >= Level.REMINDER:
            report.notifications += notify_transition(transition, now=now)
        on_transition(transition, now=now)
    WarningTransition.objects.filter(pk__in=[t.pk for t in transitions]).update(followed_up_at=now)
    return report


def handle_new_transitions(token: uuid.UUID, *, now: dt.datetime) -> TransitionReport:
    """Follow up, in the caller's transaction, the transitions a classification run just wrote.

    For a single stage whose due date changed (a user's action): its messages are written at once."""
    pending = WarningTransition.objects.filter(clock__claim=token, seq=F("clock__seq"), followed_up_at=None)
    return _follow_up(list(_with_relations(pending)), now=now)


def follow_up_pending(*, now: dt.datetime, batch: int = BATCH) -> TransitionReport:
    """Follow up every pending transition, oldest first, one committed batch at a time.

    Two workers share the work without doing any twice: on PostgreSQL each batch is claimed with
    ``FOR UPDATE SKIP LOCKED``; SQLite transactions are ``BEGIN IMMEDIATE``, so they run one after the
    other and the second finds the first's batch already marked."""
    report = TransitionReport()
    while True:
        with transaction.atomic():
            pending = WarningTransition.objects.filter(followed_up_at=None).order_by("pk")
            if connection.features.has_select_for_update_skip_locked:
                pending = pending.select_for_update(skip_locked=True, of=("self",))
            ids = list(pending.values_list("pk", flat=True)[:batch])
            if not ids:
                return report
            rows = list(_with_relations(WarningTransition.objects.filter(pk__in=ids)))
            report.add(_follow_up(rows, now=now))
