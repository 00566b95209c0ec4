#!/usr/bin/env python3
"""Warning-scan benchmark: the app's full re-evaluation against a hand-written SQL floor and a naive loop.

    .venv/bin/python bench/scan.py --stages 100000 --db postgres --json
    .venv/bin/python bench/scan.py --stages 10000 --db sqlite

Builds N open stages (bench/build.py), puts their clocks in the state the app would have at ``--now``,
then, as an admin would, tightens a warning policy (SCENARIO below) and times, from the same starting
state each time (bench/state.py):

(a) ``alerts.scan.reevaluate_all(now=now)``, the app as shipped, in this process, DEBUG off;
(b) the floor: one hand-written UPDATE computing the same level and ``next_at`` (bench/floor.py), checked
    to match the app on every clock, else the benchmark fails;
(c) a naive per-row ORM loop (bench/naive.py) on a sample, checked against the app, extrapolated to N;
(d) an idle ``alerts.scan.tick(now=now)``: nothing due, median of several runs.

(a), (b), (c) run ``--repeat`` times (at least 2) and the best run counts. A readable table goes to
stdout, then (``--json``), last, one JSON line. See bench/README.md and docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
OFFICE_ZONE = ZoneInfo("Asia/Shanghai")
DEFAULT_NOW = "2026-11-24T09:00"
# The admin's change before the timed re-evaluation: policy code, level, measure, new amount.
# Short statutory periods warn earlier: reminder at 15% of the limit elapsed (was 20%), warning at 50%
# (was 60%) or 6 working days left (was 5).
SCENARIO = (
    ("short-period", 1, "elapsed_percent", 15),
    ("short-period", 2, "elapsed_percent", 50),
    ("short-period", 2, "workdays_left", 6),
)
SCENARIO_TEXT = (
    "short-period policy: reminder at 15% elapsed (was 20), warning at 50% (was 60) or 6 wd (was 5)"
)
AFTER = dt.timedelta(hours=1)  # the timed re-evaluation runs an hour after the starting state's moment
KEYS = ("full_s", "floor_s", "naive_s", "idle_tick_ms", "full_vs_floor", "naive_vs_full")
TARGETS = {"full_vs_floor": ("<=", 1.5), "naive_vs_full": (">=", 100.0), "idle_tick_ms": ("<=", 20.0)}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


# --- the database ----------------------------------------------------------------------------------------


@contextmanager
def database(options: argparse.Namespace):
    """Point Django at a throwaway database for the run, and remove it afterwards (unless --keep)."""
    scratch = Path(tempfile.mkdtemp(prefix="caseflow-bench."))
    os.environ["CASEFLOW_VAR_DIR"] = str(scratch / "var")
    os.environ["DEBUG"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    cluster: Path | None = None
    ours = False
    try:
        if options.db == "sqlite":
            path = Path(options.sqlite_file) if options.sqlite_file else scratch / "bench.sqlite3"
            os.environ["DATABASE_URL"] = f"sqlite:///{path}"
            where = str(path)
        else:
            cluster = (
                Path(options.pg_dir)
                if options.pg_dir
                else Path(tempfile.mkdtemp(prefix="cfbench.", dir="/tmp"))
            )
            ours = not options.pg_dir
            url = subprocess.run(
                [str(ROOT / "bin" / "pg-throwaway"), "start", str(cluster)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            os.environ["DATABASE_URL"] = url
            where = f"{url} (cluster in {cluster})"
        log(f"database: {where}")
        yield where
    finally:
        from django.db import connections

        connections.close_all()
        if cluster is not None and not options.keep:
            args = ["stop", "--keep", str(cluster)] if not ours else ["stop", str(cluster)]
            subprocess.run([str(ROOT / "bin" / "pg-throwaway"), *args], check=False)
        elif cluster is not None:
            log(f"kept the PostgreSQL cluster running in {cluster}")
        if options.keep and options.db == "sqlite":
            log(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- the run ---------------------------------------------------------------------------------------------


@dataclass
class AppRun:
    seconds: float
    pieces: dict[str, float]
    changed_rows: int
    transitions: int
    follow_up_s: float = 0.0
    notifications: int = 0
    sql: tuple[str, Any] | None = None


@dataclass
class Results:
    build_s: float = 0.0
    built: bool = False
    running: int = 0
    app: list[AppRun] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    floor_jit: list[float] = field(default_factory=list)
    midnight: dict[str, Any] = field(default_factory=dict)
    floor_rows: int = 0
    naive: list[float] = field(default_factory=list)
    naive_sample: int = 0
    idle: list[float] = field(default_factory=list)
    explain: list[str] = field(default_factory=list)
    rss: dict[str, float] = field(default_factory=dict)
    levels_before: dict[str, int] = field(default_factory=dict)
    levels_after: dict[str, int] = field(default_factory=dict)


def prepare(options: argparse.Namespace, now0: dt.datetime, results: Results):
    """Schema, reference data, the built data in its starting state and the snapshot of it."""
    import io

    from django.core.management import call_command

    from alerts.models import Clock
    from bench import build, state

    call_command("migrate", verbosity=0)
    for command, args in (
        ("load_rules", []),
        ("load_calendars", ["--now", now0.strftime("%Y-%m-%dT%H:%M")]),
        ("load_policies", []),
        ("load_packs", []),
    ):
        call_command(command, *args, stdout=io.StringIO(), stderr=io.StringIO())
    meta = f"stages={options.stages} seed={options.seed} now={now0.isoformat()}"
    snapshot = state.load_snapshot()
    if snapshot is not None:
        found = state.fetch("SELECT value FROM bench_meta")[0][0]
        if found != meta:
            raise SystemExit(f"the database holds another benchmark build ({found}); use a fresh one")
        log(f"reusing the build in the database ({meta}); restoring its starting state")
        state.restore(snapshot)
        results.running = Clock.objects.filter(running=True).count()
        return snapshot
    if Clock.objects.exists():
        raise SystemExit("the database already has clocks that are not a benchmark build; use a fresh one")
    log(f"building {options.stages:,} stages …")
    started = time.perf_counter()
    stats = build.build(stages=options.stages, seed=options.seed, today=now0.date(), created_at=now0, log=log)
    state.vacuum("caseflow_matter", "caseflow_stage", "alerts_clock")
    log(f"classifying them at {now0.isoformat()} (the starting state) …")
    state.initial_state(now=now0)
    apply_scenario()
    state.vacuum("alerts_clock", "alerts_warningtransition", "alerts_escalation")
    snapshot = state.take_snapshot()
    state.execute("CREATE TABLE bench_meta (value varchar(200) NOT NULL)")
    state.execute("INSERT INTO bench_meta (value) VALUES (%s)", [meta])
    results.build_s = time.perf_counter() - started
    results.built = True
    results.running = stats.clocks
    log(f"built in {results.build_s:.1f} s: {stats.by_calendar} calendars, policies {stats.by_policy}")
    return snapshot


def apply_scenario() -> None:
    """The admin's edit, saved as the admin site saves it (one threshold row at a time)."""
    from alerts.models import Threshold, WarningPolicy

    for code, level, measure, amount in SCENARIO:
        threshold = Threshold.objects.get(policy__code=code, level=level, measure=measure)
        threshold.amount = amount
        threshold.save()
    WarningPolicy.objects.filter(code__in={s[0] for s in SCENARIO}).update(loaded_from_file=False)


@contextmanager
def timed_pieces(pieces: dict[str, float], capture: list):
    """Time the parts of reevaluate_all by wrapping the functions it calls (a perf_counter pair around
    each call; the code that runs is the shipped code), and keep the classification UPDATE's SQL."""
    from django.db import connection

    from alerts import classify, scan

    def wrap(module, name: str, label: str):
        original = getattr(module, name)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                pieces[label] = pieces.get(label, 0.0) + time.perf_counter() - started

        setattr(module, name, timed)
        return module, name, original

    def keep_update(execute, sql, params, many, context):
        if sql.startswith('UPDATE "alerts_clock" SET "previous_level"'):
            capture.append((sql, params))
        return execute(sql, params, many, context)

    wrapped = [
        wrap(scan, "build_context", "build_context"),
        wrap(scan, "classify", "classify (UPDATE + INSERT transitions)"),
        wrap(classify, "insert_transitions", "INSERT … SELECT transitions"),
        wrap(scan, "follow_up_pending", "follow-up of the transitions"),
        wrap(scan, "resolve_obsolete", "resolve_obsolete"),
    ]
    try:
        with connection.execute_wrapper(keep_update):
            yield
    finally:
        for module, name, original in wrapped:
            setattr(module, name, original)


def run_app(now: dt.datetime) -> AppRun:
    from alerts import scan
    from alerts.classify import ClassifyResult

    pieces: dict[str, float] = {}
    capture: list = []
    outcome: list[ClassifyResult] = []
    original = scan.classify

    def keep_result(*args, **kwargs):
        result = original(*args, **kwargs)
        outcome.append(result)
        return result

    scan.classify = keep_result
    try:
        with timed_pieces(pieces, capture):
            started = time.perf_counter()
            report = scan.reevaluate_all(now=now)
            seconds = time.perf_counter() - started
    finally:
        scan.classify = original
    update = pieces["classify (UPDATE + INSERT transitions)"] - pieces.get("INSERT … SELECT transitions", 0)
    pieces = {
        "build_context": pieces["build_context"],
        "classification UPDATE": update,
        "INSERT … SELECT transitions": pieces.get("INSERT … SELECT transitions", 0.0),
        "resolve_obsolete": pieces["resolve_obsolete"],
    }
    pieces["rest (COUNT, transaction)"] = seconds - sum(pieces.values())
    return AppRun(
        seconds=seconds,
        pieces=pieces,
        changed_rows=outcome[0].updated,
        transitions=report.transitions,
        sql=capture[0] if capture else None,
    )


def run_follow_up(app: AppRun, now: dt.datetime) -> None:
    """Time what the next tick does with the re-evaluation's level changes (notifications, escalations)."""
    from alerts.services.transitions import follow_up_pending

    started = time.perf_counter()
    app.notifications = follow_up_pending(now=now).notifications
    app.follow_up_s = time.perf_counter() - started


EXPLAIN_KEY_LINES = (
    "Update on",
    "Seq Scan",
    "Rows Removed",
    "Planning Time",
    "JIT:",
    "Functions:",
    "Timing:",
    "Execution Time",
)


def explain(captured: tuple[str, Any], path: Path, snapshot) -> list[str]:
    """EXPLAIN (ANALYZE, BUFFERS) the app's classification UPDATE, as the server is configured and with
    JIT off; the full plans go to ``path``, the key lines are returned for the table."""
    from django.db import connection, transaction

    from bench import state

    sql, params = captured
    key_lines = []
    with path.open("w") as out:
        for label, jit_off in (("as configured", False), ("with SET LOCAL jit = off", True)):
            log(f"EXPLAIN (ANALYZE, BUFFERS) of the app's UPDATE, {label} …")
            with transaction.atomic(), connection.cursor() as cursor:
                if jit_off:
                    cursor.execute("SET LOCAL jit = off")
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
                plan = [row[0] for row in cursor.fetchall()]
            state.restore(snapshot)
            out.write(f"-- {label}\n" + "\n".join(plan) + "\n\n")
            key_lines.append(f"-- {label}")
            for line in plan:
                if any(line.strip().startswith(key) for key in EXPLAIN_KEY_LINES):
                    key_lines.append(line if len(line) < 140 else line[:137] + "...")
    log(f"full plans written to {path}")
    return key_lines


def run_tick(moment: dt.datetime) -> dict[str, Any]:
    """One tick at ``moment``, timed, with its parts (classification, follow-up of the transitions)."""
    from alerts import scan

    pieces: dict[str, float] = {}
    with timed_pieces(pieces, []):
        started = time.perf_counter()
        report = scan.tick(now=moment)
        seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 3),
        "evaluated": report.evaluated,
        "transitions": report.transitions,
        "notifications": report.notifications,
        "classify_s": round(pieces.get("classify (UPDATE + INSERT transitions)", 0.0), 3),
        "follow_up_s": round(pieces.get("follow-up of the transitions", 0.0), 3),
        "at": moment.isoformat(),
    }


def level_counts() -> dict[str, int]:
    from alerts.scan import level_counts as counts

    return counts()


def run(options: argparse.Namespace) -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection

    from alerts.models import Clock
    from alerts.scan import tick
    from bench import floor, naive, state

    assert not settings.DEBUG, "run the benchmark with DEBUG off"
    now0 = dt.datetime.fromisoformat(options.now).replace(tzinfo=OFFICE_ZONE)
    now = now0 + AFTER
    results = Results()
    snapshot = prepare(options, now0, results)
    results.rss["after build"] = peak_rss_mb()
    results.levels_before = level_counts()
    rng = random.Random(options.seed)
    running_ids = list(Clock.objects.filter(running=True).values_list("pk", flat=True))
    sample = sorted(rng.sample(running_ids, min(options.naive_sample, len(running_ids))))
    results.naive_sample = len(sample)
    del running_ids

    # Order: each attempt runs the floor, then the app (the app's first run records the expected
    # result, so the first floor run is checked once it exists). The naive loop and EXPLAIN run between
    # the first and the last attempt; the last app run is not undone: the idle ticks start from its state
    # (which saves one full re-evaluation, the longest step at 1,000,000 stages).
    vendor = connection.vendor
    pending_floor_checks: list[int] = []
    for attempt in range(1, options.repeat + 1):
        last = attempt == options.repeat
        for jit in (False, True) if vendor == "postgresql" else (False,):
            label = "floor" if not jit else "floor with the server's JIT settings"
            log(f"run {attempt}/{options.repeat}: (b) {label} …")
            started = time.perf_counter()
            rows = floor.run_floor(now, jit=jit)
            seconds = time.perf_counter() - started
            (results.floor_jit if jit else results.floor).append(seconds)
            log(f"  {seconds:.3f} s, {rows:,} rows changed")
            if attempt == 1:
                state.save_result(f"bench_floor_{int(jit)}")
                pending_floor_checks.append(int(jit))
            else:
                state.compare_with_expected(f"the {label}")
            results.floor_rows = rows
            state.restore(snapshot)
        log(f"run {attempt}/{options.repeat}: (a) reevaluate_all …")
        app = run_app(now)
        results.app.append(app)
        log(f"  {app.seconds:.3f} s, {app.changed_rows:,} rows changed, {app.transitions:,} level changes")
        if attempt == 1:
            state.save_expected()
            results.levels_after = level_counts()
            for jit in pending_floor_checks:
                state.compare_with_expected(
                    f"the floor (JIT {'on' if jit else 'off'})", table=f"bench_floor_{jit}"
                )
        else:
            state.compare_with_expected("a second run of the app")
        if results.floor_rows != app.changed_rows:
            raise state.ResultsDiffer(
                f"the floor changed {results.floor_rows} rows, the app {app.changed_rows}"
            )
        if options.follow_up:
            log("  (a') the follow-up of its level changes, as the next tick runs it …")
            run_follow_up(app, now)
            log(f"  {app.follow_up_s:.3f} s, {app.notifications:,} notifications")
        else:
            state.skip_follow_up(now)
        if last:
            break
        state.restore(snapshot)
        if attempt == 1:
            for run_number in range(1, options.repeat + 1):
                log(f"run {run_number}/{options.repeat}: (c) naive loop on {len(sample):,} clocks …")
                started = time.perf_counter()
                naive.naive_reevaluate(sample, now=now)
                results.naive.append(time.perf_counter() - started)
                state.compare_with_expected("the naive loop", ids=sample)
                state.restore(snapshot)
            if options.explain and vendor == "postgresql" and app.sql:
                results.explain = explain(app.sql, Path(options.explain), snapshot)
    results.rss["after (a), (b), (c)"] = peak_rss_mb()

    log("(d) idle ticks, from the state the last re-evaluation left …")
    for _ in range(options.idle_ticks):
        started = time.perf_counter()
        report = tick(now=now)
        results.idle.append((time.perf_counter() - started) * 1000)
        if report.evaluated or report.notifications:
            raise SystemExit(f"the idle tick was not idle: {report.as_dict()}")
    if options.midnight:
        midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0, 1), tzinfo=OFFICE_ZONE)
        log(f"(e) the first tick after midnight, {midnight.isoformat()} …")
        results.midnight = run_tick(midnight)
        log(f"  {results.midnight['seconds']:.3f} s, {results.midnight['transitions']:,} level changes")
    state.restore(snapshot)
    results.rss["at the end"] = peak_rss_mb()
    return summarise(options, results, now0, now, connection.vendor)


def summarise(options, results: Results, now0, now, vendor: str) -> dict[str, Any]:
    best = min(results.app, key=lambda r: r.seconds)
    full_s = best.seconds
    floor_s = min(results.floor)
    per_row = min(results.naive) / results.naive_sample
    naive_s = per_row * results.running
    idle_ms = statistics.median(results.idle)
    return {
        "stages": options.stages,
        "db": vendor,
        "full_s": round(full_s, 4),
        "floor_s": round(floor_s, 4),
        "naive_s": round(naive_s, 1),
        "idle_tick_ms": round(idle_ms, 2),
        "full_vs_floor": round(full_s / floor_s, 2),
        "naive_vs_full": round(naive_s / full_s, 1),
        "running_clocks": results.running,
        "changed_rows": best.changed_rows,
        "level_changes": best.transitions,
        "notifications": best.notifications,
        "follow_up_s": round(best.follow_up_s, 3) if options.follow_up else None,
        "follow_up_ms_per_change": round(best.follow_up_s * 1000 / best.transitions, 2)
        if best.transitions and options.follow_up
        else None,
        "follow_up_runs_s": [round(r.follow_up_s, 3) for r in results.app],
        "full_runs_s": [round(r.seconds, 3) for r in results.app],
        "floor_runs_s": [round(s, 3) for s in results.floor],
        "floor_jit_on_s": round(min(results.floor_jit), 3) if results.floor_jit else None,
        "floor_jit_on_runs_s": [round(s, 3) for s in results.floor_jit],
        "full_pieces_s": {k: round(v, 3) for k, v in best.pieces.items()},
        "naive_sample": results.naive_sample,
        "naive_ms_per_row": round(per_row * 1000, 3),
        "naive_runs_s": [round(s, 3) for s in results.naive],
        "idle_tick_runs_ms": [round(s, 2) for s in results.idle],
        "levels_before": results.levels_before,
        "levels_after": results.levels_after,
        "peak_rss_mb": round(max(results.rss.values()), 1),
        "rss_mb": {k: round(v, 1) for k, v in results.rss.items()},
        "build_s": round(results.build_s, 1) if results.built else None,
        "now": now.isoformat(),
        "starting_state_at": now0.isoformat(),
        "scenario": SCENARIO_TEXT,
        "repeat": options.repeat,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "midnight_tick": results.midnight or None,
        "explain": results.explain,
    }


def target_verdicts(summary: dict[str, Any]) -> dict[str, str]:
    verdicts = {}
    for key, (op, limit) in TARGETS.items():
        ok = summary[key] <= limit if op == "<=" else summary[key] >= limit
        verdicts[key] = f"{op} {limit:g}: {'met' if ok else 'MISSED'}"
    return verdicts


def print_table(summary: dict[str, Any], out: Callable[[str], None] = print) -> None:
    n = summary["stages"]
    out(f"Caseflow warning-scan benchmark: {summary['db']}, {n:,} stages, {summary['cpus']} CPUs")
    out(f"scenario: {summary['scenario']}; re-evaluated at {summary['now']}")
    out(
        f"running clocks {summary['running_clocks']:,}; rows changed {summary['changed_rows']:,} "
        f"(level changes {summary['level_changes']:,}, notifications {summary['notifications']:,})"
    )
    out(f"levels before {summary['levels_before']}")
    out(f"levels after  {summary['levels_after']}")
    out("")
    rows = [
        ("(a) full re-evaluation, reevaluate_all", f"{summary['full_s']:.3f} s", summary["full_runs_s"]),
        *[(f"      {name}", f"{secs:.3f} s", "") for name, secs in summary["full_pieces_s"].items()],
        *(
            [
                (
                    "(a') follow-up of (a)'s level changes",
                    f"{summary['follow_up_s']:.3f} s",
                    f"{summary['follow_up_ms_per_change']} ms per change; runs {summary['follow_up_runs_s']}",
                )
            ]
            if summary["follow_up_s"] is not None
            else []
        ),
        ("(b) floor, one hand-written UPDATE", f"{summary['floor_s']:.3f} s", summary["floor_runs_s"]),
        *(
            [
                (
                    "    the same with the server's JIT on",
                    f"{summary['floor_jit_on_s']:.3f} s",
                    summary["floor_jit_on_runs_s"],
                )
            ]
            if summary["floor_jit_on_s"] is not None
            else []
        ),
        (
            f"(c) naive ORM loop, {summary['naive_sample']:,}-row sample x N",
            f"{summary['naive_s']:.1f} s",
            f"{summary['naive_ms_per_row']:.3f} ms/row; runs {summary['naive_runs_s']}",
        ),
        ("(d) idle tick, median", f"{summary['idle_tick_ms']:.2f} ms", summary["idle_tick_runs_ms"]),
    ]
    if summary["midnight_tick"]:
        m = summary["midnight_tick"]
        rows.append(
            (
                "(e) first tick after midnight",
                f"{m['seconds']:.3f} s",
                f"{m['transitions']:,} level changes; classify {m['classify_s']} s, "
                f"follow-up {m['follow_up_s']} s",
            )
        )
    out(f"{'step':<46} {'best':>12}   runs")
    for name, value, runs in rows:
        out(f"{name:<46} {value:>12}   {runs}")
    out("")
    verdicts = target_verdicts(summary)
    out(f"full_vs_floor = a/b = {summary['full_vs_floor']:.2f}   target {verdicts['full_vs_floor']}")
    out(f"naive_vs_full = c/a = {summary['naive_vs_full']:.1f}   target {verdicts['naive_vs_full']}")
    out(f"idle_tick_ms        = {summary['idle_tick_ms']:.2f}   target {verdicts['idle_tick_ms']}")
    out("(targets are set for 1,000,000 stages on PostgreSQL)")
    out(f"peak RSS {summary['peak_rss_mb']:.0f} MB ({summary['rss_mb']})")
    if summary["build_s"] is not None:
        out(f"build and starting state (untimed): {summary['build_s']:.0f} s")
    if summary["explain"]:
        out("")
        out("EXPLAIN (ANALYZE, BUFFERS) of the app's classification UPDATE, key lines:")
        for line in summary["explain"]:
            out(f"  {line}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stages", type=int, required=True, help="open stages to build (N)")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--json", action="store_true", help="print one JSON line last")
    parser.add_argument("--repeat", type=int, default=2, help="runs of (a), (b), (c); the best counts (>= 2)")
    parser.add_argument("--naive-sample", type=int, default=2000, help="clocks the naive loop classifies")
    parser.add_argument("--idle-ticks", type=int, default=7, help="idle ticks; the median counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--now", default=DEFAULT_NOW, help="the starting state's moment (Asia/Shanghai)")
    parser.add_argument(
        "--explain", metavar="FILE", help="PostgreSQL: EXPLAIN ANALYZE the app's UPDATE, full plans to FILE"
    )
    parser.add_argument("--midnight", action="store_true", help="also time the first tick after midnight")
    parser.add_argument(
        "--no-follow-up",
        dest="follow_up",
        action="store_false",
        help="do not time (a'): mark (a)'s transitions followed up without messages (quick experiments)",
    )
    parser.add_argument("--pg-dir", help="use (and start) the pg-throwaway cluster in this directory")
    parser.add_argument("--sqlite-file", help="SQLite database file to use instead of a temporary one")
    parser.add_argument("--keep", action="store_true", help="keep the database (and cluster) afterwards")
    options = parser.parse_args(argv)
    if options.repeat < 2:
        parser.error("--repeat must be at least 2: each timed step runs twice and the best run counts")
    if options.stages < 5:
        parser.error("--stages must be at least 5")
    return options


def _stop(signum, frame):
    raise SystemExit(128 + signum)  # run the cleanup (stop the cluster, remove the scratch directory)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)
    with database(options):
        setup_django()
        summary = run(options)
    print_table(summary)
    if options.json:
        line = {key: summary[key] for key in ("stages", "db", *KEYS)}
        line.update({k: v for k, v in summary.items() if k not in line and k != "explain"})
        print(json.dumps(line, ensure_ascii=False, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
