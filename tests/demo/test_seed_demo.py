"""``manage.py seed_demo`` then one ``scan_warnings`` at the same moment: the office a demo needs.

The office is built once for the module (committed, like the reference data) and deleted afterwards, so
no other test ever sees it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db.models import F

from accounts.models import Team, User
from alerts.models import (
    Clock,
    Escalation,
    ExtensionRequest,
    Level,
    Notification,
    PauseRequest,
    WarningTransition,
)
from caseflow.demo.build import delete_demo
from caseflow.models import DeadlineChange, Matter, MatterEvent, ResponsibilityChange, Stage
from caseflow.models.history import ChangeCause

TODAY = dt.date(2026, 11, 24)
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@dataclass
class Demo:
    output: str
    scan: dict
    seconds: float


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[Demo]:
    with django_db_blocker.unblock():
        started = time.monotonic()
        output = run("seed_demo", "--today", TODAY.isoformat(), "--seed", "7")
        seconds = time.monotonic() - started
        scan = json.loads(run("scan_warnings", "--now", "2026-11-24T09:00", "--json"))
        try:
            yield Demo(output, scan, seconds)
        finally:
            delete_demo()


pytestmark = pytest.mark.django_db


def stages() -> Stage:
    return Stage.objects.filter(team__code__startswith="demo-")


def test_it_builds_an_office_of_about_two_hundred_matters(demo: Demo):
    print(f"seed_demo took {demo.seconds:.1f} s")  # shown with -s, for the report
    assert "Demo office built as of 2026-11-24 (seed 7)" in demo.output
    assert 190 <= Matter.objects.filter(team__code__startswith="demo-").count() <= 210
    assert Matter.objects.filter(team__code__startswith="demo-", status=Matter.Status.CLOSED).exists()
    assert Team.objects.filter(code__startswith="demo-").count() == 4
    lawyers = User.objects.filter(team__code__startswith="demo-", role=User.Role.LAWYER)
    assert lawyers.count() == 12
    assert Team.objects.get(code="demo-litigation").supervisor.username == "supervisor"


def test_after_the_scan_running_clocks_are_at_every_level(demo: Demo):
    assert demo.scan["transitions"] == 0  # the seed already scanned at 09:00
    assert all(demo.scan["levels"][level.name.lower()] > 0 for level in Level), demo.scan["levels"]
    assert Escalation.objects.filter(status=Escalation.Status.OPEN).exists()


def test_stages_are_in_every_state(demo: Demo):
    done = stages().filter(status=Stage.Status.DONE)
    in_progress = stages().filter(status=Stage.Status.IN_PROGRESS)

    assert done.filter(completed_at__lte=F("due_at")).count() > 100  # done on time
    assert done.filter(completed_at__gt=F("due_at")).exists()  # done late
    assert in_progress.filter(due_at__lte=NOW).exists()  # overdue
    assert in_progress.filter(due_at__gt=NOW, due_date__lte=TODAY + dt.timedelta(days=3)).exists()  # due soon
    assert stages().filter(status=Stage.Status.AWAITING_TRIGGER).exists()
    assert stages().filter(status=Stage.Status.CANCELLED).exists()


def test_some_deadlines_are_provisional(demo: Demo):
    provisional = stages().filter(status=Stage.Status.IN_PROGRESS, provisional=True)

    assert provisional.filter(due_date__year__gte=2027).exists()
    assert all(s.due_date >= dt.date(2026, 12, 1) for s in provisional)


def test_history_has_timestamps_from_the_simulated_past(demo: Demo):
    first = WarningTransition.objects.filter(matter__team__code__startswith="demo-").order_by("at").first()

    assert first.at < NOW - dt.timedelta(days=300)
    done = stages().filter(status=Stage.Status.DONE).order_by("completed_at").first()
    assert done.completed_at < NOW - dt.timedelta(days=300)
    assert Notification.objects.filter(recipient__username="lawyer", channel="inbox").exists()


def test_pauses_extensions_reassignments_are_there(demo: Demo):
    pauses = PauseRequest.objects.filter(stage__in=stages(), status=PauseRequest.Status.APPROVED)
    extensions = ExtensionRequest.objects.filter(stage__in=stages())

    assert pauses.filter(end_date__isnull=False).exists()
    assert pauses.filter(end_date__isnull=True).count() == 1
    for status in (
        ExtensionRequest.Status.APPROVED,
        ExtensionRequest.Status.REJECTED,
        ExtensionRequest.Status.PENDING,
    ):
        assert extensions.filter(status=status).exists(), status
    assert ResponsibilityChange.objects.filter(stage__in=stages()).exists()


def test_a_corrected_event_left_its_deadline_changes(demo: Demo):
    correction = MatterEvent.objects.filter(
        matter__team__code__startswith="demo-", supersedes__isnull=False
    ).first()

    changes = DeadlineChange.objects.filter(
        stage__matter=correction.matter, cause=ChangeCause.EVENT_CORRECTED
    )
    assert changes.exists()
    for change in changes:
        assert change.old_value is not None and change.new_value is not None
        assert change.old_value < change.new_value  # the date was first recorded too early
        assert change.reason == correction.correction_reason
        assert change.changed_by == correction.recorded_by


@pytest.mark.parametrize("username", ["admin", "supervisor", "lawyer"])
def test_the_demo_accounts_log_in_with_demo(demo: Demo, client, username: str):
    assert client.login(username=username, password="demo")


def test_the_admin_account_is_a_superuser(demo: Demo):
    admin = User.objects.get(username="admin")

    assert (admin.role, admin.is_staff, admin.is_superuser) == (User.Role.ADMIN, True, True)


def test_the_lawyer_has_a_mix_of_running_stages(demo: Demo):
    levels = set(Clock.objects.filter(owner__username="lawyer", running=True).values_list("level", flat=True))

    assert {Level.NORMAL, Level.WARNING, Level.URGENT, Level.OVERDUE} <= levels


def test_a_second_run_changes_nothing(demo: Demo):
    before = Matter.objects.count(), Stage.objects.count(), WarningTransition.objects.count()

    assert run("seed_demo", "--today", TODAY.isoformat()) == (
        "Demo data already exists: nothing to do (use --reset to rebuild it).\n"
    )
    assert (Matter.objects.count(), Stage.objects.count(), WarningTransition.objects.count()) == before


def test_reset_deletes_the_demo_office(demo: Demo):
    deleted = delete_demo()  # inside this test's transaction: rolled back afterwards

    assert deleted >= 190
    assert not Team.objects.filter(code__startswith="demo-").exists()
    assert not User.objects.filter(username__in=["admin", "supervisor", "lawyer"]).exists()
    assert not Matter.objects.filter(team__code__startswith="demo-").exists()
