"""The benchmark's starting state: put it in place, snapshot it, restore it between timed runs, compare.

Every timed step must start from the same rows, so the benchmark snapshots what a re-evaluation can
change (the clocks' output columns, the escalations' status) into side tables, records the highest ids of
the tables it appends to, and restores both after each run: rows appended since are deleted, rows changed
since are written back (only those: ``UPDATE … FROM`` the snapshot where a column differs). PostgreSQL
then gets a ``VACUUM ANALYZE`` so each run meets a table without the previous run's dead rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection

from alerts.models import Clock, Escalation, EscalationEntry, Notification, WarningTransition

CLOCK_OUTPUTS = (
    "level",
    "previous_level",
    "level_since",
    "seq",
    "next_at",
    "claim",
    "acknowledged_at",
    "nag_next_at",
    "nag_count",
)
ESCALATION_MUTABLE = ("reason", "status", "step", "next_step_at", "closed_at", "closing_note")
APPENDED = (Notification, EscalationEntry, Escalation, WarningTransition)  # children first
CLOCK = Clock._meta.db_table
ESCALATION = Escalation._meta.db_table


def execute(sql: str, params: list | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.rowcount


def fetch(sql: str, params: list | None = None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.fetchall()


def distinct_op() -> str:
    return "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"


def vacuum(*tables: str) -> None:
    """PostgreSQL: clear dead rows and refresh statistics (outside any transaction); SQLite: ANALYZE."""
    if connection.vendor == "postgresql":
        if connection.in_atomic_block:  # VACUUM cannot run in a transaction (a test's, say): skip it
            return
        for table in tables:
            execute(f"VACUUM ANALYZE {table}")
    else:
        execute("ANALYZE")


def initial_state(*, now: dt.datetime) -> int:
    """Classify every clock as the app would have by ``now`` and give each overdue clock of an
    escalating policy the acknowledged escalation a supervisor would have taken in hand.

    This is :func:`alerts.scan.reevaluate_all` as shipped; its transitions are then marked followed up
    without writing their notifications and escalations (hundreds of thousands of first transitions,
    which an office would have received one by one over the past year). Returns the transitions written.
    """
    from alerts import scan

    report = scan.reevaluate_all(now=now)
    skip_follow_up(now)
    execute(
        f"INSERT INTO {ESCALATION} (clock_id, stage_id, matter_id, team_id, reason, status, opened_at, step, "
        "next_step_at, current_recipient_id, acknowledged_by_id, acknowledged_at, closed_at, closing_note) "
        "SELECT c.id, c.stage_id, c.matter_id, c.team_id, %s, %s, c.level_since, 1, NULL, t.supervisor_id, "
        "t.supervisor_id, c.level_since, NULL, '' "
        f"FROM {CLOCK} c JOIN alerts_warningpolicy p ON p.id = c.policy_id "
        "JOIN accounts_team t ON t.id = c.team_id "
        "WHERE c.running AND c.level = 4 AND p.escalate_when_overdue",
        [Escalation.Reason.OVERDUE.value, Escalation.Status.ACKNOWLEDGED.value],
    )
    return report.transitions


def skip_follow_up(now: dt.datetime) -> int:
    """Mark the pending transitions followed up without writing their messages (``--no-follow-up``)."""
    return WarningTransition.objects.filter(followed_up_at=None).update(followed_up_at=now)


@dataclass
class Snapshot:
    watermarks: dict[str, int]


def take_snapshot() -> Snapshot:
    execute("DROP TABLE IF EXISTS bench_clock_snap")
    execute("DROP TABLE IF EXISTS bench_escalation_snap")
    execute(f"CREATE TABLE bench_clock_snap AS SELECT id, {', '.join(CLOCK_OUTPUTS)} FROM {CLOCK}")
    execute(
        f"CREATE TABLE bench_escalation_snap AS SELECT id, {', '.join(ESCALATION_MUTABLE)} FROM {ESCALATION}"
    )
    execute("CREATE UNIQUE INDEX bench_clock_snap_id ON bench_clock_snap (id)")
    execute("CREATE UNIQUE INDEX bench_escalation_snap_id ON bench_escalation_snap (id)")
    watermarks = {}
    for model in APPENDED:
        table = model._meta.db_table
        watermarks[table] = fetch(f"SELECT COALESCE(MAX(id), 0) FROM {table}")[0][0]
    execute("DROP TABLE IF EXISTS bench_watermark")
    execute("CREATE TABLE bench_watermark (name varchar(100) PRIMARY KEY, value bigint NOT NULL)")
    for table, value in watermarks.items():
        execute("INSERT INTO bench_watermark (name, value) VALUES (%s, %s)", [table, value])
    return Snapshot(watermarks=watermarks)


def load_snapshot() -> Snapshot | None:
    if "bench_watermark" not in connection.introspection.table_names():
        return None
    return Snapshot(watermarks=dict(fetch("SELECT name, value FROM bench_watermark")))


def restore(snapshot: Snapshot) -> dict[str, int]:
    """Put the clocks, escalations and appended tables back as they were when the snapshot was taken."""
    undone = {}
    for model in APPENDED:
        table = model._meta.db_table
        undone[table] = execute(f"DELETE FROM {table} WHERE id > %s", [snapshot.watermarks[table]])
    undone[CLOCK] = _write_back(CLOCK, "bench_clock_snap", CLOCK_OUTPUTS)
    undone[ESCALATION] = _write_back(ESCALATION, "bench_escalation_snap", ESCALATION_MUTABLE)
    vacuum(CLOCK, ESCALATION, *(m._meta.db_table for m in APPENDED))
    return undone


def _write_back(table: str, snap: str, columns: tuple[str, ...]) -> int:
    assignments = ", ".join(f"{c} = s.{c}" for c in columns)
    mine = ", ".join(f"{table}.{c}" for c in columns)
    theirs = ", ".join(f"s.{c}" for c in columns)
    return execute(
        f"UPDATE {table} SET {assignments} FROM {snap} s "
        f"WHERE {table}.id = s.id AND ({mine}) {distinct_op()} ({theirs})"
    )


def save_result(table: str) -> int:
    """Keep every running clock's level and ``next_at`` in ``table``."""
    execute(f"DROP TABLE IF EXISTS {table}")
    execute(f"CREATE TABLE {table} AS SELECT id, level, next_at FROM {CLOCK} WHERE running")
    execute(f"CREATE UNIQUE INDEX {table}_id ON {table} (id)")
    return fetch(f"SELECT COUNT(*) FROM {table}")[0][0]


def save_expected() -> int:
    """Keep the level and ``next_at`` the app computed, for the floor and the naive loop to match."""
    return save_result("bench_expected")


class ResultsDiffer(AssertionError):
    pass


def compare_with_expected(what: str, *, ids: list[int] | None = None, table: str = CLOCK) -> None:
    """Fail loudly unless every running clock (or each of ``ids``) has, in the clock table (or in a
    ``table`` saved by :func:`save_result`), the level and ``next_at`` the app gave it."""
    where = ""
    params: list = []
    if ids is not None:
        execute("DROP TABLE IF EXISTS bench_sample")
        execute("CREATE TABLE bench_sample (id bigint PRIMARY KEY)")
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO bench_sample (id) VALUES (%s)", [[i] for i in ids])
        where = "AND e.id IN (SELECT id FROM bench_sample)"
    op = distinct_op()
    rows = fetch(
        f"SELECT e.id, e.level, c.level, e.next_at, c.next_at FROM bench_expected e "
        f"LEFT JOIN {table} c ON c.id = e.id "
        f"WHERE (c.id IS NULL OR c.level {op} e.level OR c.next_at {op} e.next_at) {where} "
        "ORDER BY e.id",
        params,
    )
    if rows:
        sample = "\n".join(
            f"  clock {r[0]}: app level {r[1]} next_at {r[3]}; {what} level {r[2]} next_at {r[4]}"
            for r in rows[:10]
        )
        raise ResultsDiffer(f"{what} and the app classify {len(rows)} clocks differently:\n{sample}")
