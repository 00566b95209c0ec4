"""The warning scan: the incremental tick (every few minutes) and the full re-evaluation.

A tick classifies only the clocks whose ``next_at`` has come, then works through what changed:
notifications and escalations for the transitions still pending (its own and those a full re-evaluation
left), escalation steps that are due, repeat reminders for overdue stages and resume reminders for paused
ones. Everything is idempotent: a second tick at the same ``now`` finds nothing to do, two ticks at once
cannot both claim a change, and a tick after downtime catches up in one pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import Count

from alerts.classify import build_context, classify
from alerts.models import Clock, Level, PolicyAssignment, WarningTransition
from alerts.services.clocks import default_policy
from alerts.services.escalations import advance_due, resolve_obsolete
from alerts.services.reminders import send_due_nags, send_resume_reminders
from alerts.services.transitions import follow_up_pending


@dataclass
class ScanReport:
    evaluated: int = 0
    transitions: int = 0
    notifications: int = 0
    escalation_steps: int = 0
    nags: int = 0
    resume_reminders: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def tick(*, now: dt.datetime) -> ScanReport:
    """One incremental scan at ``now``."""
    report = ScanReport()
    with transaction.atomic():
        due = Clock.objects.filter(running=True, next_at__lte=now)
        # Read the due clocks' policies row by row, not with GROUP BY: SQLite would then walk the whole
        # policy index instead of the partial next_at index (32 ms instead of 0.1 at 100,000 clocks).
        policy_ids = list(due.values_list("policy_id", flat=True))
        report.evaluated = len(policy_ids)
        if report.evaluated:
            ctx = build_context(now, policy_ids=set(policy_ids))
            result = classify(due, ctx, reason=WarningTransition.Reason.THRESHOLD, effective_at_next=True)
            report.transitions = result.transitions
    report.notifications += follow_up_pending(now=now).notifications
    report.escalation_steps = advance_due(now=now)
    report.nags = send_due_nags(now=now)
    report.resume_reminders = send_resume_reminders(now=now)
    report.notifications += report.escalation_steps + report.nags + report.resume_reminders
    return report


def reevaluate_all(*, now: dt.datetime, refresh_assignments: bool = False) -> ScanReport:
    """Re-derive every running clock's level and ``next_at`` (after a policy or calendar change).

    A handful of set-based statements whatever the number of clocks: one classification of all running
    clocks and one insert of their transitions (plus, when templates were moved to other policies,
    ``refresh_assignments``, two updates pointing every clock at its template's policy). The
    transitions' notifications and escalations are left pending for :func:`follow_up_pending` (the
    next tick, or the caller), so an admin's policy edit does not wait for thousands of messages.
    """
    report = ScanReport()
    ctx = build_context(now)
    with transaction.atomic():
        if refresh_assignments:
            refresh_policies()
        running = Clock.objects.filter(running=True)
        report.evaluated = running.count()
        result = classify(
            running, ctx, reason=WarningTransition.Reason.POLICY_CHANGED, effective_at_next=False
        )
        report.transitions = result.transitions
        # Only a level that dropped can leave an escalation without its reason, and every level change
        # of this run carries its token.
        resolve_obsolete(Clock.objects.filter(claim=result.token), now=now)
    return report


def refresh_policies() -> int:
    """Point every clock at the policy its template (or matter type) is assigned, else the default."""
    from django.db.models import OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    default_id = default_policy().pk
    # UPDATE cannot join, so each subquery walks from the assignment to the clock's stage or matter.
    by_template = PolicyAssignment.objects.filter(stage_template__stages=OuterRef("stage_id")).values(
        "policy_id"
    )[:1]
    by_type = PolicyAssignment.objects.filter(matter_type__matters=OuterRef("matter_id")).values("policy_id")[
        :1
    ]
    changed = (
        Clock.objects.filter(kind=Clock.Kind.STAGE)
        .exclude(policy_id=Coalesce(Subquery(by_template), Value(default_id)))
        .update(policy_id=Coalesce(Subquery(by_template), Value(default_id)))
    )
    changed += (
        Clock.objects.filter(kind=Clock.Kind.MATTER)
        .exclude(policy_id=Coalesce(Subquery(by_type), Value(default_id)))
        .update(policy_id=Coalesce(Subquery(by_type), Value(default_id)))
    )
    return changed


def level_counts() -> dict[str, int]:
    """Running clocks per level (for the command's report and dashboards)."""
    counts = {level.name.lower(): 0 for level in Level}
    for row in Clock.objects.filter(running=True).values("level").annotate(n=Count("pk")):
        counts[Level(row["level"]).name.lower()] = row["n"]
    return counts
