"""Writing calendar days: compare what should be stored with what is, write only the difference, and keep
``workday_seq`` right.

Every writer (the seeding command, a holiday notice, a single-day change) goes through :func:`plan_days`
and :func:`write_plan`, so re-running a load changes nothing, a preview shows exactly what confirming
will write, and ``workday_seq`` is recomputed from the first changed day onward in a few bulk statements.

``workday_seq`` is unique among a calendar's working days. Shifting it by one (a new holiday moves every
later number down) would collide with the neighbour's old number in the middle of an UPDATE, on SQLite
and PostgreSQL alike, which both check the constraint row by row. So numbers move in two steps through
negative values, and the shift is a handful of ``UPDATE … SET workday_seq = workday_seq + delta`` over
date ranges (one per run of days moving by the same amount) rather than a statement per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import F

from caseflow.calendars.days import DaySpec, weekend_rule_kind
from caseflow.models import CalendarDay, DayKind

FIELDS = ("kind", "is_working", "official", "name_zh", "name_en", "source")


@dataclass(frozen=True)
class DayDiff:
    """One day a write changes. ``old_kind`` is None for a day not stored before."""

    date: dt.date
    old_kind: str | None
    new_kind: str
    old_official: bool | None
    new_official: bool
    name_zh: str = ""
    name_en: str = ""

    @property
    def kind_changed(self) -> bool:
        return self.old_kind != self.new_kind

    @property
    def old_label(self) -> str:
        return DayKind(self.old_kind).label if self.old_kind else ""

    @property
    def new_label(self) -> str:
        return DayKind(self.new_kind).label

    @property
    def matters(self) -> bool:
        """Whether a computation can come out differently: the kind or the official flag changed.

        A day that was not stored was seen by the engine as a provisional weekend-rule day (see
        :mod:`caseflow.calendars.adapter`), so creating exactly such a day changes nothing."""
        old_kind = self.old_kind or weekend_rule_kind(self.date)
        old_official = bool(self.old_official)
        return old_kind != self.new_kind or old_official != self.new_official


@dataclass
class Plan:
    """The difference between the wanted days and the stored ones; nothing is written yet."""

    calendar_id: int
    creates: list[DaySpec] = field(default_factory=list)
    updates: dict[int, tuple[DaySpec, frozenset[str]]] = field(default_factory=dict)
    diffs: list[DayDiff] = field(default_factory=list)
    seq_from: dt.date | None = None

    @property
    def empty(self) -> bool:
        return not self.creates and not self.updates

    @property
    def changed_range(self) -> tuple[dt.date, dt.date] | None:
        """First and last day whose change can alter a computation (None if none can)."""
        dates = [d.date for d in self.diffs if d.matters]
        return (min(dates), max(dates)) if dates else None


def plan_days(
    calendar_id: int, specs: Iterable[DaySpec], official_only: Mapping[dt.date, bool] | None = None
) -> Plan:
    """Compare ``specs`` (whole days) and ``official_only`` (days whose flag alone is to be set) with the
    stored rows. Days in ``official_only`` that are not stored are ignored."""
    wanted = {spec.date: spec for spec in specs}
    official_only = official_only or {}
    plan = Plan(calendar_id=calendar_id)
    dates = wanted.keys() | official_only.keys()
    if not dates:
        return plan
    existing = {
        row[1]: row
        for row in CalendarDay.objects.filter(
            calendar_id=calendar_id, date__gte=min(dates), date__lte=max(dates)
        ).values_list("id", "date", *FIELDS)
    }
    seq_dates = []
    for date in sorted(dates):
        row = existing.get(date)
        spec = wanted.get(date)
        if row is None:
            if spec is not None:
                plan.creates.append(spec)
                plan.diffs.append(
                    DayDiff(date, None, spec.kind, None, spec.official, spec.name_zh, spec.name_en)
                )
                seq_dates.append(date)
            continue
        pk, _date, kind, is_working, official, name_zh, name_en, source = row
        if spec is None:
            spec = DaySpec(date, kind, official_only[date], name_zh, name_en, source)
        new = {
            "kind": spec.kind,
            "is_working": spec.is_working,
            "official": spec.official,
            "name_zh": spec.name_zh,
            "name_en": spec.name_en,
            "source": spec.source,
        }
        old = dict(zip(FIELDS, (kind, is_working, official, name_zh, name_en, source), strict=True))
        changed = frozenset(name for name in FIELDS if old[name] != new[name])
        if not changed:
            continue
        plan.updates[pk] = (spec, changed)
        plan.diffs.append(DayDiff(date, kind, spec.kind, official, spec.official, spec.name_zh, spec.name_en))
        if "is_working" in changed:
            seq_dates.append(date)
    plan.seq_from = min(seq_dates) if seq_dates else None
    return plan


def write_plan(plan: Plan) -> None:
    """Write ``plan`` (call inside the caller's transaction, with the calendar row locked).

    Order matters for the unique working-day numbers: days that stop being working days leave the
    index first, the numbers are shifted, and days that become working days join it last.
    """
    if plan.empty:
        return
    leaving, joining = [], []
    for pk, (spec, changed) in plan.updates.items():
        values = {name: getattr(spec, name) for name in changed}
        (leaving if "is_working" in changed and not spec.is_working else joining).append((pk, values))
    _bulk_update(leaving)
    create_seqs: dict[dt.date, int] = {}
    if plan.seq_from is not None:
        shifts, create_seqs = _renumber(plan)
        _shift(plan.calendar_id, shifts)
    _bulk_update(joining)
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(
                calendar_id=plan.calendar_id,
                date=spec.date,
                day=spec.date.toordinal(),
                kind=spec.kind,
                is_working=spec.is_working,
                workday_seq=create_seqs[spec.date],
                official=spec.official,
                name_zh=spec.name_zh,
                name_en=spec.name_en,
                source=spec.source,
            )
            for spec in plan.creates
        ],
        batch_size=_batch(10),
    )


def _bulk_update(rows: list[tuple[int, dict[str, object]]]) -> None:
    groups: dict[frozenset[str], list[CalendarDay]] = {}
    for pk, values in rows:
        groups.setdefault(frozenset(values), []).append(CalendarDay(pk=pk, **values))
    for names, objs in groups.items():
        fields = sorted(names)
        CalendarDay.objects.bulk_update(objs, fields, batch_size=_batch(2 * len(fields) + 1))


Shift = tuple[dt.date, dt.date, int]  # stored days first..last move their number by delta


def _renumber(plan: Plan) -> tuple[list[Shift], dict[dt.date, int]]:
    """Recompute ``workday_seq`` from ``plan.seq_from`` on. Returns the shifts of stored days (runs of
    consecutive days moving by the same amount) and the numbers of the days to create."""
    base = (
        CalendarDay.objects.filter(calendar_id=plan.calendar_id, date__lt=plan.seq_from)
        .order_by("-date")
        .values_list("workday_seq", flat=True)
        .first()
    ) or 0
    working_by_pk = {pk: spec.is_working for pk, (spec, _changed) in plan.updates.items()}
    timeline: list[tuple[dt.date, int | None, bool, int]] = [
        (date, pk, working_by_pk.get(pk, is_working), seq)
        for pk, date, is_working, seq in CalendarDay.objects.filter(
            calendar_id=plan.calendar_id, date__gte=plan.seq_from
        ).values_list("id", "date", "is_working", "workday_seq")
    ]
    timeline.extend((spec.date, None, spec.is_working, 0) for spec in plan.creates)
    timeline.sort(key=lambda item: item[0])
    seqs: dict[dt.date, int] = {}
    shifts: list[Shift] = []
    seq = base
    for date, pk, working, old_seq in timeline:
        seq += working
        if pk is None:
            seqs[date] = seq
            continue
        delta = seq - old_seq
        if shifts and shifts[-1][2] == delta:
            shifts[-1] = (shifts[-1][0], date, delta)
        else:
            shifts.append((date, date, delta))
    return [shift for shift in shifts if shift[2]], seqs


def _shift(calendar_id: int, shifts: list[Shift]) -> None:
    """Apply the shifts without ever holding two working days on one number (see module docstring):
    each run first moves to the negative of its final number minus one, then one statement flips every
    negative number back. Final numbers are unique, so neither step can collide."""
    days = CalendarDay.objects.filter(calendar_id=calendar_id)
    for first, last, delta in shifts:
        days.filter(date__gte=first, date__lte=last).update(workday_seq=-(F("workday_seq") + delta) - 1)
    if shifts:
        days.filter(workday_seq__lt=0).update(workday_seq=-F("workday_seq") - 1)


def _batch(params_per_row: int) -> int:
    """Rows per statement within the backend's parameter limit (SQLite: 999)."""
    budget = connection.features.max_query_params or 30000
    return max(1, (budget - 10) // params_per_row)
