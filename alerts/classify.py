"""Classify clocks into warning levels with one set-based UPDATE.

A clock's level is a pure function of its integer scan columns, its policy's thresholds and "now"
(docs/architecture.md, "Warnings"). When the scan runs, ``today`` (in the office time zone), each
calendar's working-day sequence number for today and every policy's thresholds are constants, so the
level is a ``CASE`` over plain column comparisons, and ``next_at`` (the moment a higher level's
condition first becomes true) a ``CASE`` over the day each condition turns true, mapped to an instant
through :class:`~alerts.models.DayBoundary`.

The same statement serves the incremental tick (clocks whose ``next_at`` has come), the re-evaluation
of a few clocks after a due date changed, and the full re-evaluation after a policy or calendar change:
only the row filter differs. Rows whose level changes get the run's token in ``claim``; one
``INSERT … SELECT`` then writes their transition rows.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    DateTimeField,
    Expression,
    F,
    IntegerField,
    OuterRef,
    PositiveIntegerField,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.db.models.lookups import GreaterThanOrEqual

from alerts.models import Clock, DayBoundary, Level, Threshold, WarningPolicy, WarningTransition
from caseflow.models import CalendarDay

FAR_DAY = 10**7  # a day number beyond any calendar: "never"


@dataclass(frozen=True)
class Term:
    """One condition that raises a clock to a level: when it holds, and the day it starts holding."""

    condition: Q | Expression
    kind: str  # days | workdays | percent | last_workday | internal
    amount: int


@dataclass(frozen=True)
class PolicySpec:
    id: int
    terms: dict[int, list[Term]] = field(default_factory=dict)  # level -> terms
    nag_interval_hours: int = 0


@dataclass(frozen=True)
class ScanContext:
    """The constants of one scan run."""

    now: dt.datetime
    today: dt.date
    time_zone: str
    workday_seq_today: dict[int, int]
    policies: dict[int, PolicySpec]

    @property
    def today_day(self) -> int:
        return self.today.toordinal()


def office_today(now: dt.datetime) -> dt.date:
    return now.astimezone(ZoneInfo(settings.TIME_ZONE)).date()


def build_context(now: dt.datetime, *, policy_ids: Iterable[int] | None = None) -> ScanContext:
    """Read the constants: today's working-day sequence per calendar and the thresholds of the given
    policies (all when ``None``), and make sure the day-boundary table covers the days a level can start
    on. Classifying a few clocks needs only their policies, which keeps the statement small."""
    from alerts.dayboundaries import ensure_day_boundaries

    today = office_today(now)
    ensure_day_boundaries(settings.TIME_ZONE, today)
    seq_today = dict(CalendarDay.objects.filter(date=today).values_list("calendar_id", "workday_seq"))
    ctx = ScanContext(
        now=now,
        today=today,
        time_zone=settings.TIME_ZONE,
        workday_seq_today=seq_today,
        policies={},
    )
    policies = WarningPolicy.objects.order_by("pk")
    threshold_rows = Threshold.objects.order_by("policy_id", "level", "measure")
    if policy_ids is not None:
        wanted = set(policy_ids)
        policies = policies.filter(pk__in=wanted)
        threshold_rows = threshold_rows.filter(policy_id__in=wanted)
    thresholds: dict[int, list[Threshold]] = {}
    for threshold in threshold_rows:
        thresholds.setdefault(threshold.policy_id, []).append(threshold)
    for policy in policies:
        ctx.policies[policy.pk] = _policy_spec(ctx, policy, thresholds.get(policy.pk, []))
    return ctx


def _policy_spec(ctx: ScanContext, policy: WarningPolicy, thresholds: list[Threshold]) -> PolicySpec:
    terms: dict[int, list[Term]] = {}
    for threshold in thresholds:
        terms.setdefault(threshold.level, []).append(_threshold_term(ctx, threshold))
    if policy.last_workday_level:
        terms.setdefault(policy.last_workday_level, []).append(
            Term(Q(last_workday_day__lte=ctx.today_day), "last_workday", 0)
        )
    if policy.internal_target_level:
        terms.setdefault(policy.internal_target_level, []).append(
            Term(Q(internal_day__lte=ctx.today_day), "internal", 0)
        )
    return PolicySpec(id=policy.pk, terms=terms, nag_interval_hours=policy.nag_interval_hours)


def _threshold_term(ctx: ScanContext, threshold: Threshold) -> Term:
    n = threshold.amount
    if threshold.measure == Threshold.Measure.DAYS_LEFT:
        return Term(Q(due_day__lte=ctx.today_day + n), "days", n)
    if threshold.measure == Threshold.Measure.WORKDAYS_LEFT:
        condition = Q(pk__in=[])
        for calendar_id, seq in ctx.workday_seq_today.items():
            condition |= Q(calendar_id=calendar_id, due_wseq__lte=seq + n)
        return Term(condition, "workdays", n)
    # Elapsed share p%: 100 * (today - start) >= p * (due - start), all integers.
    elapsed = Value(100 * ctx.today_day) - F("start_day") * 100
    share = (F("due_day") - F("start_day")) * n
    return Term(GreaterThanOrEqual(elapsed, share), "percent", n)


def _start_day(term: Term, ref) -> Expression:
    """The day ``term`` starts holding, as an expression on the clock row reached through ``ref``
    (``OuterRef`` inside the DayBoundary subquery)."""
    if term.kind == "days":
        return ref("due_day") - term.amount
    if term.kind == "workdays":
        # The working day whose sequence number is due_wseq - N, in the clock's calendar.
        day = Subquery(
            CalendarDay.objects.filter(
                calendar_id=OuterRef(ref("calendar_id")),
                is_working=True,
                workday_seq=OuterRef(ref("due_wseq")) - term.amount,
            )
            .order_by()  # the model's ordering would join the calendar table on every probe
            .values("day")[:1],
            output_field=IntegerField(),
        )
        return Coalesce(day, Value(FAR_DAY))
    if term.kind == "percent":
        span = (ref("due_day") - ref("start_day")) * term.amount
        return ref("start_day") + (span + 99) / 100
    if term.kind == "last_workday":
        return ref("last_workday_day")
    return Coalesce(ref("internal_day"), Value(FAR_DAY))


def _any(terms: Iterable[Term]) -> Q | None:
    combined: Q | None = None
    for term in terms:
        condition = term.condition if isinstance(term.condition, Q) else Q(term.condition)
        combined = condition if combined is None else combined | condition
    return combined


def _day_start(ctx: ScanContext, terms: list[Term]) -> Subquery:
    """The instant the earliest of ``terms``' start days begins, in the office time zone."""
    days = [_start_day(term, OuterRef) for term in terms]
    first_day = days[0] if len(days) == 1 else Least(*days)
    return Subquery(
        DayBoundary.objects.filter(time_zone=ctx.time_zone, day=first_day).order_by().values("starts_at")[:1],
        output_field=DateTimeField(),
    )


def _next_moment(ctx: ScanContext, terms: list[Term]) -> Expression:
    """``due_at``, or the start of the earliest day one of ``terms`` begins to hold, if sooner."""
    if not terms:
        return F("due_at")
    return Least(F("due_at"), Coalesce(_day_start(ctx, terms), F("due_at")))


def _per_policy(first: When, branches: dict[int, Expression], default, field) -> Case:
    """``CASE WHEN <first> … WHEN policy_id = 1 THEN <branch 1> WHEN policy_id = 2 THEN …``: each row
    jumps to its own policy's conditions instead of testing every policy's in turn, as the benchmark's
    floor does (``docs/performance.md``)."""
    whens = [first, *(When(policy_id=pk, then=branch) for pk, branch in branches.items())]
    return Case(*whens, default=default, output_field=field)


def level_expression(ctx: ScanContext) -> Case:
    branches: dict[int, Expression] = {}
    for spec in ctx.policies.values():
        whens = [
            When(condition, then=Value(int(level)))
            for level in (Level.URGENT, Level.WARNING, Level.REMINDER)
            if (condition := _any(spec.terms.get(level, []))) is not None
        ]
        if whens:
            branches[spec.id] = Case(*whens, default=Value(Level.NORMAL), output_field=IntegerField())
    overdue = When(Q(due_at__lte=ctx.now), then=Value(Level.OVERDUE))
    return _per_policy(overdue, branches, Value(Level.NORMAL), IntegerField())


def next_at_expression(ctx: ScanContext) -> Case:
    branches: dict[int, Expression] = {}
    for spec in ctx.policies.values():
        whens: list[When] = []
        higher: list[Term] = []
        for level in (Level.URGENT, Level.WARNING, Level.REMINDER):
            condition = _any(spec.terms.get(level, []))
            if condition is not None:
                whens.append(When(condition, then=_next_moment(ctx, list(higher))))
            higher.extend(spec.terms.get(level, []))
        below_all = _next_moment(ctx, higher)
        branches[spec.id] = (
            Case(*whens, default=below_all, output_field=DateTimeField()) if whens else below_all
        )
    expired = When(Q(due_at__lte=ctx.now), then=Value(None, output_field=DateTimeField()))
    return _per_policy(expired, branches, F("due_at"), DateTimeField())


def since_expression(ctx: ScanContext) -> Case:
    """When the level a clock has now began: the expiry for overdue; otherwise the start of the
    earliest day one of the new level's conditions held (all of them hold by now, or the clock would be
    at another level), never later than now. A tick that runs late, or after downtime, thus dates each
    change when it really happened."""
    now = Value(ctx.now)
    branches: dict[int, Expression] = {}
    for spec in ctx.policies.values():
        whens = []
        for level in (Level.URGENT, Level.WARNING, Level.REMINDER):
            terms = spec.terms.get(level, [])
            condition = _any(terms)
            if condition is not None:
                started = Coalesce(_day_start(ctx, terms), now)
                whens.append(When(condition, then=Least(started, now)))
        if whens:
            branches[spec.id] = Case(*whens, default=now, output_field=DateTimeField())
    expired = When(Q(due_at__lte=ctx.now), then=F("due_at"))
    return _per_policy(expired, branches, now, DateTimeField())


def nag_start_expression(ctx: ScanContext) -> Case:
    whens = [
        When(policy_id=spec.id, then=Value(ctx.now + dt.timedelta(hours=spec.nag_interval_hours)))
        for spec in ctx.policies.values()
        if spec.nag_interval_hours
    ]
    return Case(*whens, default=Value(None, output_field=DateTimeField()), output_field=DateTimeField())


@dataclass(frozen=True)
class ClassifyResult:
    token: uuid.UUID
    updated: int
    transitions: int


def classify(queryset, ctx: ScanContext, *, reason: str, effective_at_next: bool) -> ClassifyResult:
    """Bring the level and ``next_at`` of every clock in ``queryset`` up to date and write one
    transition row per level change.

    ``effective_at_next``: date a change when the new level's condition began (see
    :func:`since_expression`) rather than at ``now``: true for scan ticks, where levels change because
    time passed; false when a due date or a policy changed, which changes the level now.
    """
    token = uuid.uuid4()
    switch_off_jit()
    level = level_expression(ctx)
    next_at = next_at_expression(ctx)
    level_changes = ~Q(level=level)
    overdue_now = Q(due_at__lte=ctx.now)
    if effective_at_next:
        since = since_expression(ctx)
    else:
        since = Case(
            When(overdue_now, then=F("due_at")), default=Value(ctx.now), output_field=DateTimeField()
        )
    updated = queryset.filter(level_changes | Q(next_at__distinct_from=next_at)).update(
        previous_level=F("level"),
        level=level,
        seq=Case(
            When(level_changes, then=F("seq") + 1), default=F("seq"), output_field=PositiveIntegerField()
        ),
        level_since=Case(When(level_changes, then=since), default=F("level_since")),
        claim=Case(When(level_changes, then=Value(token)), default=F("claim")),
        acknowledged_at=Case(
            When(level_changes, then=Value(None, output_field=DateTimeField())), default=F("acknowledged_at")
        ),
        nag_next_at=Case(
            When(overdue_now & ~Q(level=Level.OVERDUE), then=nag_start_expression(ctx)),
            When(~overdue_now, then=Value(None, output_field=DateTimeField())),
            default=F("nag_next_at"),
        ),
        next_at=next_at,
    )
    transitions = insert_transitions(token, reason=reason) if updated else 0
    return ClassifyResult(token=token, updated=updated, transitions=transitions)


def switch_off_jit() -> None:
    """Turn PostgreSQL's JIT compiler off for the rest of this transaction.

    The classification is one statement with large ``CASE`` expressions over the policies' thresholds;
    its cost estimate on a big table passes ``jit_above_cost``, and compiling those expressions costs
    seconds while running them costs milliseconds (``docs/performance.md``: 3.1 s instead of 0.03 s
    at 10,000 clocks). ``SET LOCAL`` ends with the transaction, so nothing else is affected."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


def insert_transitions(token: uuid.UUID, *, reason: str) -> int:
    """One ``INSERT … SELECT`` for the clocks this run changed; the unique (clock, seq) constraint makes
    a replay harmless."""
    clock = Clock._meta.db_table
    transition = WarningTransition._meta.db_table
    token_param = token.hex if connection.vendor == "sqlite" else token
    sql = (
        f"INSERT INTO {transition} (clock_id, seq, stage_id, matter_id, owner_id, team_id, "
        f"from_level, to_level, at, reason) "
        f"SELECT id, seq, stage_id, matter_id, owner_id, team_id, previous_level, level, level_since, %s "
        f"FROM {clock} WHERE claim = %s "
        f"ON CONFLICT (clock_id, seq) DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [reason, token_param])
        return cursor.rowcount
