"""``seed_demo`` refuses what it cannot build, before changing anything."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Team, User

pytestmark = pytest.mark.usefixtures("reference_data")


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_refuses_a_today_before_the_rules_its_history_needs():
    with pytest.raises(CommandError) as raised:
        run("--today", "2025-06-30")

    assert str(raised.value) == (
        "--today must be 2025-09-01 or later: the demo's history reaches 19 months back, and its triggers "
        "need rules in force then (found 2025-06-30)"
    )
    assert not Team.objects.filter(code__startswith="demo-").exists()


def test_it_refuses_to_take_over_existing_accounts():
    User.objects.create(username="lawyer")

    with pytest.raises(CommandError) as raised:
        run("--today", "2026-11-24")

    assert str(raised.value) == "users lawyer exist and are not demo accounts: use an empty database"


def test_a_refused_reset_keeps_the_demo_office():
    department = Team.objects.create(code="demo-dispute", name_zh="争议解决部")
    User.objects.create(username="admin", team=department)

    with pytest.raises(CommandError):
        run("--reset", "--today", "2025-01-01")

    assert Team.objects.filter(code="demo-dispute").exists()
    assert User.objects.filter(username="admin").exists()


def test_an_invalid_date_is_reported():
    with pytest.raises(CommandError) as raised:
        run("--today", "24/11/2026")

    assert str(raised.value).startswith("invalid --today '24/11/2026'")
