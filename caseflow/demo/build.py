"""Build, summarise and delete the demo office.

The whole build is one transaction: a failure leaves no half-built office behind, and SQLite writes the
thousands of rows in one commit. It never touches rules, calendars, policies or packs; it needs them
(``setup_caseflow``) and says so when they are missing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Q

from accounts.models import Team, User
from alerts.models import Escalation, ExtensionRequest, Notification, PauseRequest, WarningTransition
from alerts.scan import level_counts
from caseflow.demo import names
from caseflow.demo.office import TEAM_PREFIX, build_office
from caseflow.demo.plans import MIX, plan_matters
from caseflow.demo.script import Script
from caseflow.demo.simulation import SCAN_TIME, Simulation
from caseflow.demo.stories import STORIES
from caseflow.demo.twists import TWISTS
from caseflow.models import DeadlineChange, Matter, MatterEvent, MatterType, ResponsibilityChange, Stage

DEMO_ACCOUNTS = ("admin", "supervisor", "lawyer")
# The history reaches about 19 months back (plus events known before a matter was opened); its triggers
# must fall under rules in force, e.g. the 2023 Civil Procedure Law numbering from 2024-01-01.
EARLIEST_TODAY = dt.date(2025, 9, 1)


class DemoError(Exception):
    """The demo cannot be built here; the message says why and what to do."""


@dataclass
class DemoSummary:
    """What the demo office holds; ``lines()`` is what ``seed_demo`` prints."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [
            f"{name}: " + ", ".join(f"{key} {n}" for key, n in values.items())
            for name, values in self.counts.items()
        ]


def demo_exists() -> bool:
    return Team.objects.filter(code__startswith=TEAM_PREFIX).exists()


def build_demo(*, today: dt.date, seed: int) -> tuple[DemoSummary, Simulation]:
    """Create the demo office and play its history up to ``today`` 09:00 (office time)."""
    codes = {pack for pack, *_rest in MIX}
    missing = codes - set(
        MatterType.objects.filter(code__in=codes, active=True).values_list("code", flat=True)
    )
    if missing:
        raise DemoError(
            f"matter types {', '.join(sorted(missing))} are not loaded: run `manage.py setup_caseflow` first"
        )
    if today < EARLIEST_TODAY:
        raise DemoError(
            f"--today must be {EARLIEST_TODAY.isoformat()} or later: the demo's history reaches 19 months "
            f"back, and its triggers need rules in force then (found {today.isoformat()})"
        )
    usernames = [*DEMO_ACCOUNTS, *(username for _name, username in names.PEOPLE)]
    taken = (
        User.objects.filter(username__in=usernames)
        .exclude(team__code__startswith=TEAM_PREFIX)
        .values_list("username", flat=True)
    )
    if taken:
        raise DemoError(
            f"users {', '.join(sorted(taken))} exist and are not demo accounts: use an empty database"
        )
    zone = ZoneInfo(settings.TIME_ZONE)
    end = dt.datetime.combine(today, SCAN_TIME, zone)
    rng = random.Random(seed)
    with transaction.atomic():
        first_day = today - dt.timedelta(days=545)
        office = build_office(rng, joined=dt.datetime.combine(first_day, dt.time(9), zone))
        plans = plan_matters(office, rng, today=today)
        sim = Simulation(start=dt.datetime.combine(first_day, dt.time(0), zone), end=end)
        for plan in plans:
            script = Script(sim, plan, random.Random(f"{seed}:{plan.index}"))
            sim.start(STORIES[plan.pack](script))
        for twist in TWISTS:
            sim.start(twist(sim))
        sim.run(first_day=min(plan.opened_on for plan in plans))
    return summarise(), sim


def summarise() -> DemoSummary:
    matters = Matter.objects.filter(team__code__startswith=TEAM_PREFIX)
    stages = Stage.objects.filter(matter__in=matters)
    done = stages.filter(status=Stage.Status.DONE)
    in_progress = stages.filter(status=Stage.Status.IN_PROGRESS)
    if connection.vendor == "postgresql":
        # Fresh tables have no statistics yet: without them PostgreSQL plans the nested IN counts below
        # as nested loops (one count ran for over a minute in the PostgreSQL test run).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    summary = DemoSummary()
    summary.counts["matters"] = {
        "total": matters.count(),
        **{
            row["status"]: row["n"]
            for row in matters.values("status").annotate(n=Count("pk")).order_by("status")
        },
    }
    summary.counts["stages"] = {
        "done on time": done.filter(completed_at__lte=F("due_at")).count(),
        "done late": done.filter(completed_at__gt=F("due_at")).count(),
        "in progress": in_progress.count(),
        "paused": in_progress.filter(is_paused=True).count(),
        "provisional": in_progress.filter(provisional=True).count(),
        "awaiting trigger": stages.filter(status=Stage.Status.AWAITING_TRIGGER).count(),
        "cancelled": stages.filter(status=Stage.Status.CANCELLED).count(),
    }
    summary.counts["running clocks"] = level_counts()
    summary.counts["escalations"] = {
        "active": Escalation.objects.filter(
            matter__in=matters, status__in=Escalation.ACTIVE_STATUSES
        ).count(),
        "closed": Escalation.objects.filter(matter__in=matters)
        .exclude(status__in=Escalation.ACTIVE_STATUSES)
        .count(),
    }
    pauses = PauseRequest.objects.filter(stage__in=stages)
    extensions = ExtensionRequest.objects.filter(stage__in=stages)
    summary.counts["history"] = {
        "warning transitions": WarningTransition.objects.filter(matter__in=matters).count(),
        "notifications": Notification.objects.filter(Q(matter__in=matters) | Q(stage__in=stages)).count(),
        "deadline changes": DeadlineChange.objects.filter(stage__in=stages).count(),
        "corrections": MatterEvent.objects.filter(matter__in=matters, supersedes__isnull=False).count(),
        "reassignments": ResponsibilityChange.objects.filter(stage__in=stages).count(),
        "pauses ended": pauses.filter(status=PauseRequest.Status.APPROVED, end_date__isnull=False).count(),
        "pauses running": pauses.filter(status=PauseRequest.Status.APPROVED, end_date__isnull=True).count(),
        **{
            f"extensions {status}": extensions.filter(status=status).count()
            for status in (
                ExtensionRequest.Status.APPROVED,
                ExtensionRequest.Status.REJECTED,
                ExtensionRequest.Status.PENDING,
            )
        },
    }
    return summary


def delete_demo() -> int:
    """Delete every demo matter, account and team (with their history); returns how many matters went.

    Courts stay: they are shared reference rows, and the next build reuses them.
    """
    with transaction.atomic():
        teams = list(Team.objects.filter(code__startswith=TEAM_PREFIX))
        users = User.objects.filter(team__in=teams)
        matters = Matter.objects.filter(Q(team__in=teams) | Q(lead_lawyer__in=users))
        Notification.objects.filter(Q(recipient__in=users) | Q(matter__in=matters)).delete()
        # A correction protects the record it supersedes: remove the newest records first.
        for event in MatterEvent.objects.filter(matter__in=matters, supersedes__isnull=False).order_by("-pk"):
            event.delete()
        deleted = matters.count()
        matters.delete()
        users.delete()
        for team in sorted(teams, key=lambda t: t.parent_id is None):
            team.delete()
    return deleted
