"""``manage.py load_packs``: its output, ``--check``, errors, and the re-evaluation of running clocks when
a pack changes which warning policy governs a stage."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from alerts.models import Clock
from caseflow.models import EventType, MatterType
from caseflow.services.events import record_event
from tests.factories import at, day, make_matter, make_office
from tests.packs.folders import PACK, packs_folder, replace_lines, where

pytestmark = pytest.mark.usefixtures("reference_data")


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("load_packs", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_shipped_packs_are_already_loaded_and_unchanged():
    assert run() == (
        "matter types: 0 created, 0 updated, 8 unchanged, 0 deleted; "
        "stage templates: 0 created, 0 updated, 50 unchanged, 0 deleted; "
        "events: 0 created, 0 updated, 12 unchanged, 0 deleted; "
        "policy assignments: 0 created, 0 updated, 56 unchanged, 0 deleted\n"
    )


def test_check_validates_without_writing(tmp_path: Path):
    folder = packs_folder(tmp_path)

    assert run("--check", "--dir", str(folder)) == "1 packs, 2 stages, 1 events: no errors\n"
    assert not MatterType.objects.filter(code="test-civil").exists()


def test_errors_stop_the_command_with_every_line(tmp_path: Path):
    folder = packs_folder(tmp_path, pack=replace_lines(PACK, {6: "calendar: XX", 33: "    policy: nope"}))

    with pytest.raises(CommandError) as raised:
        run("--dir", str(folder))

    assert str(raised.value).splitlines() == [
        f"{where(folder)}:6: calendar 'XX' is not a loaded calendar (found 'XX')",
        f"{where(folder)}:33: policy 'nope' is not a loaded warning policy (found 'nope')",
    ]


def test_a_policy_change_re_evaluates_the_running_clocks(tmp_path: Path):
    folder = packs_folder(tmp_path)
    run("--dir", str(folder))
    matter = make_matter(make_office(), MatterType.objects.get(code="test-civil"))
    record_event(
        matter=matter,
        event_type=EventType.objects.get(code="judgment_served"),
        occurred_on=day("2026-11-10"),
        by=matter.lead_lawyer,
        now=at("2026-11-10 10:00"),
    )
    clock = Clock.objects.get(stage__template__code="appeal", stage__matter=matter)
    assert clock.policy.code == "short-period"
    packs_folder(tmp_path, pack=replace_lines(PACK, {33: "    policy: court-side"}))

    output = run("--dir", str(folder), "--now", "2026-11-20T09:00")

    assert output.splitlines()[-1] == "warning policies changed: 2 running clocks re-evaluated"
    clock.refresh_from_db()
    assert clock.policy.code == "court-side"
