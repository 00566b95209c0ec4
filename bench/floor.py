"""The floor: one hand-written SQL UPDATE that classifies every running clock.

It computes the same ``level`` and ``next_at`` as :mod:`alerts.classify` from the same columns, the same
constants (today, each calendar's working-day number today, each policy's thresholds, read here with plain
SQL, not through the app) and the same tables (``caseflow_calendarday`` for working-day terms,
``alerts_dayboundary`` to turn a day into an instant), and writes only the rows whose level or
``next_at`` differ. What it leaves out is everything the app does besides classifying: the transition
rows, notifications, escalations, the bookkeeping columns (``previous_level``, ``seq``, ``level_since``,
``claim``…). The benchmark checks afterwards that it produced exactly the app's level and ``next_at`` for
every clock.

How it is written for speed: a ``CASE`` on ``policy_id`` first (one jump to the clock's policy instead of
testing every policy's conditions in turn), each term's condition once, and working-day terms looked up
with a bare primary-key-like probe of the unique ``(calendar, workday_seq)`` index (no join, no sort).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction

FAR_DAY = 10**7
LEVELS_DOWN = (3, 2, 1)  # urgent, warning, reminder
OVERDUE = 4


@dataclass
class Constants:
    now: dt.datetime
    today_day: int
    time_zone: str
    seq_today: dict[int, int]
    terms: dict[int, dict[int, list[tuple[str, int]]]] = field(default_factory=dict)  # policy -> level


def read_constants(now: dt.datetime) -> Constants:
    zone = settings.TIME_ZONE
    today = now.astimezone(ZoneInfo(zone)).date()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT calendar_id, workday_seq FROM caseflow_calendarday WHERE date = %s", [today.isoformat()]
        )
        seq_today = dict(cursor.fetchall())
        cursor.execute("SELECT id, last_workday_level, internal_target_level FROM alerts_warningpolicy")
        policies = cursor.fetchall()
        cursor.execute("SELECT policy_id, level, measure, amount FROM alerts_threshold")
        thresholds = cursor.fetchall()
    constants = Constants(now=now, today_day=today.toordinal(), time_zone=zone, seq_today=seq_today)
    for policy_id, last_workday_level, internal_level in sorted(policies):
        levels: dict[int, list[tuple[str, int]]] = {level: [] for level in LEVELS_DOWN}
        for owner, level, measure, amount in sorted(thresholds):
            if owner == policy_id:
                levels[level].append((measure, amount))
        if last_workday_level:
            levels[last_workday_level].append(("last_workday", 0))
        if internal_level:
            levels[internal_level].append(("internal", 0))
        constants.terms[policy_id] = levels
    return constants


class FloorSQL:
    def __init__(self, constants: Constants, vendor: str) -> None:
        self.c = constants
        self.vendor = vendor
        self.least = "LEAST" if vendor == "postgresql" else "MIN"
        self.distinct = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"

    def now_literal(self) -> str:
        if self.vendor == "postgresql":
            return f"TIMESTAMPTZ '{self.c.now.astimezone(dt.UTC).isoformat()}'"
        return f"'{connection.ops.adapt_datetimefield_value(self.c.now)}'"

    def condition(self, kind: str, n: int) -> str:
        today = self.c.today_day
        if kind == "days_left":
            return f"due_day <= {today + n}"
        if kind == "workdays_left":
            if not self.c.seq_today:
                return "FALSE"
            whens = " ".join(f"WHEN {cal} THEN {seq + n}" for cal, seq in sorted(self.c.seq_today.items()))
            return f"due_wseq <= CASE calendar_id {whens} END"
        if kind == "elapsed_percent":
            return f"{100 * today} - 100 * start_day >= {n} * (due_day - start_day)"
        if kind == "last_workday":
            return f"last_workday_day <= {today}"
        return f"internal_day <= {today}"

    def start_day(self, kind: str, n: int) -> str:
        if kind == "days_left":
            return f"due_day - {n}"
        if kind == "workdays_left":
            return (
                "COALESCE((SELECT w.day FROM caseflow_calendarday w "
                "WHERE w.calendar_id = alerts_clock.calendar_id AND w.is_working "
                f"AND w.workday_seq = alerts_clock.due_wseq - {n}), {FAR_DAY})"
            )
        if kind == "elapsed_percent":
            return f"start_day + ((due_day - start_day) * {n} + 99) / 100"
        if kind == "last_workday":
            return "last_workday_day"
        return f"COALESCE(internal_day, {FAR_DAY})"

    def any_of(self, terms: list[tuple[str, int]]) -> str:
        return " OR ".join(f"({self.condition(kind, n)})" for kind, n in terms)

    def next_moment(self, terms: list[tuple[str, int]]) -> str:
        if not terms:
            return "due_at"
        days = [self.start_day(kind, n) for kind, n in terms]
        first = days[0] if len(days) == 1 else f"{self.least}({', '.join(days)})"
        boundary = (
            f"(SELECT b.starts_at FROM alerts_dayboundary b WHERE b.time_zone = '{self.c.time_zone}' "
            f"AND b.day = {first})"
        )
        return f"{self.least}(due_at, COALESCE({boundary}, due_at))"

    def level(self) -> str:
        branches = []
        for policy_id, levels in self.c.terms.items():
            whens = [f"WHEN {self.any_of(levels[lv])} THEN {lv}" for lv in LEVELS_DOWN if levels[lv]]
            inner = f"CASE {' '.join(whens)} ELSE 0 END" if whens else "0"
            branches.append(f"WHEN {policy_id} THEN {inner}")
        return (
            f"CASE WHEN due_at <= {self.now_literal()} THEN {OVERDUE} "
            f"ELSE CASE policy_id {' '.join(branches)} ELSE 0 END END"
        )

    def next_at(self) -> str:
        branches = []
        for policy_id, levels in self.c.terms.items():
            whens = []
            higher: list[tuple[str, int]] = []
            for lv in LEVELS_DOWN:
                if levels[lv]:
                    whens.append(f"WHEN {self.any_of(levels[lv])} THEN {self.next_moment(higher)}")
                higher = higher + levels[lv]
            inner = (
                f"CASE {' '.join(whens)} ELSE {self.next_moment(higher)} END"
                if whens
                else self.next_moment(higher)
            )
            branches.append(f"WHEN {policy_id} THEN {inner}")
        return (
            f"CASE WHEN due_at <= {self.now_literal()} THEN NULL "
            f"ELSE CASE policy_id {' '.join(branches)} ELSE due_at END END"
        )

    def update(self) -> str:
        level, next_at = self.level(), self.next_at()
        return (
            f"UPDATE alerts_clock SET level = {level}, next_at = {next_at} "
            f"WHERE running AND (level <> {level} OR next_at {self.distinct} {next_at})"
        )


def floor_sql(now: dt.datetime) -> str:
    return FloorSQL(read_constants(now), connection.vendor).update()


def run_floor(now: dt.datetime, *, jit: bool = False) -> int:
    """Read the constants, classify every running clock in one UPDATE, commit; return rows changed.

    PostgreSQL: with ``jit`` false (the floor) the statement runs after ``SET LOCAL jit = off``. Its
    ``CASE`` has hundreds of branches, and with the server's default JIT settings PostgreSQL spends
    seconds compiling them (measured: 5 s of a 5.4 s run at 100,000 clocks): time that is no part of
    the classification. ``jit=True`` runs it with the server's settings, for comparison.
    """
    sql = floor_sql(now)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not jit:
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql)
        return cursor.rowcount
