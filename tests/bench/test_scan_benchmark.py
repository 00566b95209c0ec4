"""The warning-scan benchmark (bench/scan.py): it runs end to end, and its floor and naive loop classify
exactly as the app does (otherwise the comparison would measure a different amount of work)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from alerts.models import Clock
from alerts.scan import reevaluate_all
from bench import build, floor, naive, state
from bench.scan import AFTER, KEYS, apply_scenario
from tests.factories import at

ROOT = Path(__file__).resolve().parents[2]
NOW0 = at("2026-11-24 09:00")


def test_it_prints_one_json_line_last_with_the_agreed_keys(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CASEFLOW_VAR_DIR")}
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "scan.py"),
            *("--stages", "300", "--db", "sqlite", "--json", "--naive-sample", "40", "--idle-ticks", "3"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    last = result.stdout.strip().splitlines()[-1]
    line = json.loads(last)
    assert list(line)[:8] == ["stages", "db", *KEYS]
    assert (line["stages"], line["db"], line["running_clocks"]) == (300, "sqlite", 300)
    assert line["changed_rows"] > 0 and line["level_changes"] > 0  # the re-evaluation did real work
    # The ratios come from unrounded timings; at 300 stages the rounded milliseconds are only close.
    assert line["full_vs_floor"] == pytest.approx(line["full_s"] / line["floor_s"], rel=0.15)
    assert line["naive_vs_full"] == pytest.approx(line["naive_s"] / line["full_s"], rel=0.15)
    assert len(line["full_runs_s"]) >= 2 and len(line["floor_runs_s"]) >= 2
    assert "full_vs_floor = a/b" in result.stdout


@pytest.fixture
def built(reference_data):
    """150 stages in the test database, classified at NOW0, then the scenario's policy edit."""
    build.build(stages=150, seed=7, today=NOW0.date(), created_at=NOW0, log=lambda _: None)
    state.initial_state(now=NOW0)
    apply_scenario()
    return state.take_snapshot()


def test_the_floor_gives_every_clock_the_apps_level_and_next_moment(built):
    reevaluate_all(now=NOW0 + AFTER)
    state.save_expected()
    state.restore(built)
    assert Clock.objects.exclude(next_at=None).exists()
    rows = floor.run_floor(NOW0 + AFTER)
    assert rows > 0
    state.compare_with_expected("the floor")


def test_the_naive_loop_gives_every_clock_the_apps_level_and_next_moment(built):
    reevaluate_all(now=NOW0 + AFTER)
    state.save_expected()
    state.restore(built)
    ids = list(Clock.objects.values_list("pk", flat=True))
    naive.naive_reevaluate(ids, now=NOW0 + AFTER)
    state.compare_with_expected("the naive loop", ids=ids)


def test_a_difference_from_the_app_fails_loudly(built):
    reevaluate_all(now=NOW0 + AFTER)
    state.save_expected()
    clock = Clock.objects.filter(running=True).order_by("pk").first()
    Clock.objects.filter(pk=clock.pk).update(level=(clock.level + 1) % 5)
    with pytest.raises(state.ResultsDiffer, match=f"clock {clock.pk}"):
        state.compare_with_expected("a tampered run")


def test_restoring_the_snapshot_undoes_a_reevaluation(built):
    before = list(Clock.objects.order_by("pk").values_list("pk", "level", "next_at", "seq"))
    report = reevaluate_all(now=NOW0 + AFTER)
    assert report.transitions > 0
    state.restore(built)
    assert list(Clock.objects.order_by("pk").values_list("pk", "level", "next_at", "seq")) == before
