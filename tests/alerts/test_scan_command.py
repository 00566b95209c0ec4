"""``manage.py scan_warnings``: its JSON report, ``--now`` replay and idempotency."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command


def scan(*args: str) -> dict:
    out = io.StringIO()
    call_command("scan_warnings", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_it_prints_the_report_and_a_replay_creates_nothing(appeal):
    first = scan("--now", "2026-09-28T09:00")
    assert first["evaluated"] == 1
    assert first["transitions"] == 1
    assert first["notifications"] == 2  # the owner's inbox and e-mail
    assert first["levels"] == {"normal": 0, "reminder": 0, "warning": 1, "urgent": 0, "overdue": 0}
    again = scan("--now", "2026-09-28T09:00")
    assert (again["evaluated"], again["transitions"], again["notifications"]) == (0, 0, 0)


def test_full_reevaluation_option(appeal):
    report = scan("--now", "2026-09-28T09:00", "--full")
    assert report["evaluated"] == 1
    assert report["levels"]["warning"] == 1


def test_a_bad_now_is_a_clear_error(reference_data):
    with pytest.raises(CommandError, match="invalid --now '2026-13-01T09:00'"):
        scan("--now", "2026-13-01T09:00")
