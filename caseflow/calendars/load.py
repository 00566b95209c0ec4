"""Seed the stored calendars from the holiday packages (the ``load_calendars`` command).

Safe to run on every start-up: it writes only what differs, so a second run writes nothing. It never
replaces what an admin did. A year an admin made official from a notice (its ``CalendarYear.source`` is
not a package source) keeps its days, including the late-December days of the year before that its
notice governs, and a day an admin changed (it has a ``CalendarChange`` row) keeps its kind, names and
source. Only official flags are kept in step for those days, because they follow from which years are
official and nothing else. A provisional year becomes official as soon as a newer package release
covers it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from caseflow.calendars.days import DaySpec, date_range, is_official, span_year, weekend_rule_kind
from caseflow.calendars.seed import DEFINITIONS, SeedDefinition, is_package_source
from caseflow.calendars.store import plan_days, write_plan
from caseflow.models import Calendar, CalendarChange, CalendarYear
from caseflow.models.history import ChangeCause


@dataclass(frozen=True)
class LoadResult:
    code: str
    created: int
    updated: int
    years_written: int
    stages_recomputed: int
    kept_years: tuple[int, ...]

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.years_written)


def load_calendars(*, now: dt.datetime) -> list[LoadResult]:
    """Seed every packaged calendar; ``now`` decides how many years ahead are stored."""
    today = timezone.localdate(now)
    return [load_calendar(definition(today), now=now) for definition in DEFINITIONS]


def load_calendar(definition: SeedDefinition, *, now: dt.datetime) -> LoadResult:
    """Bring one calendar in line with ``definition`` in one transaction (see the module docstring)."""
    with transaction.atomic():
        calendar, _created = Calendar.objects.get_or_create(
            code=definition.code,
            defaults={
                "name_zh": definition.name_zh,
                "name_en": definition.name_en,
                "time_zone": definition.time_zone,
                "provisional_tail_days": definition.tail_days,
            },
        )
        calendar = Calendar.objects.select_for_update().get(pk=calendar.pk)
        had_days = calendar.days.exists()
        tail = calendar.provisional_tail_days
        stored = {row.year: row for row in calendar.years.all()}
        kept = {
            year
            for year, row in stored.items()
            if row.status == CalendarYear.Status.OFFICIAL and not is_package_source(row.source)
        }
        seeded = range(definition.first_year, definition.last_year + 1)
        official = set(definition.official_years) | kept
        official |= {
            year
            for year, row in stored.items()
            if row.status == CalendarYear.Status.OFFICIAL and year not in seeded
        }
        admin_days = set(calendar.changes.filter(date__isnull=False).values_list("date", flat=True))

        specs: list[DaySpec] = []
        flags: dict[dt.date, bool] = {}
        corrections = {c.date: c for c in definition.corrections}
        for date in date_range(dt.date(definition.first_year, 1, 1), dt.date(definition.last_year, 12, 31)):
            flag = is_official(date, official, tail)
            governing = span_year(date, tail)
            if date in admin_days or governing in kept:
                flags[date] = flag
            else:
                specs.append(_seed_day(definition, date, governing, flag, corrections))
        plan = plan_days(calendar.pk, specs, flags)
        write_plan(plan)
        years_written = _write_years(calendar, definition, kept, now=now)

        stages = 0
        changed = plan.changed_range
        if changed is not None and had_days:
            stages = _recompute(calendar, changed, definition, now=now)
        if not plan.empty or years_written:
            CalendarChange.objects.create(
                calendar=calendar,
                summary=_summary(definition, len(plan.creates), len(plan.updates), years_written)[:300],
                source=definition.package,
                changed_at=now,
                stages_recomputed=stages,
            )
    return LoadResult(
        definition.code, len(plan.creates), len(plan.updates), years_written, stages, tuple(sorted(kept))
    )


def _seed_day(
    definition: SeedDefinition, date: dt.date, governing: int, official: bool, corrections
) -> DaySpec:
    correction = corrections.get(date)
    if correction is not None:
        return DaySpec(
            date, correction.kind, official, correction.name_zh, correction.name_en, correction.source
        )
    if governing in definition.official_years:
        source = definition.official_source(governing)
    else:
        source = definition.provisional_source(governing)
    packaged = definition.days.get(date) if date.year in definition.package_years else None
    if packaged is not None:
        return DaySpec(date, packaged.kind, official, packaged.name_zh, packaged.name_en, source)
    return DaySpec(date, weekend_rule_kind(date), official, source=source)


def _write_years(calendar: Calendar, definition: SeedDefinition, kept: set[int], *, now: dt.datetime) -> int:
    """Create or update the ``CalendarYear`` rows the package decides; returns how many were written."""
    stored = {row.year: row for row in calendar.years.all()}
    creates, updates = [], []
    for year in range(definition.first_year, definition.last_year + 1):
        if year in kept:
            continue
        if year in definition.official_years:
            status, source = CalendarYear.Status.OFFICIAL, definition.official_source(year)
        else:
            status, source = CalendarYear.Status.PROVISIONAL, definition.provisional_source(year)
        row = stored.get(year)
        if row is None:
            creates.append(
                CalendarYear(calendar=calendar, year=year, status=status, source=source, loaded_at=now)
            )
        elif (row.status, row.source, row.source_url) != (status, source, ""):
            row.status, row.source, row.source_url, row.loaded_at, row.loaded_by = (
                status,
                source,
                "",
                now,
                None,
            )
            updates.append(row)
    CalendarYear.objects.bulk_create(creates)
    CalendarYear.objects.bulk_update(updates, ["status", "source", "source_url", "loaded_at", "loaded_by"])
    return len(creates) + len(updates)


def _recompute(
    calendar: Calendar, changed: tuple[dt.date, dt.date], definition: SeedDefinition, *, now
) -> int:
    from caseflow.services.stages import recompute_stages_touching

    first, last = changed
    return recompute_stages_touching(
        calendar_id=calendar.pk,
        court_id=None,
        first=first,
        last=last,
        cause=ChangeCause.CALENDAR_CHANGED,
        reason=f"{calendar.code} calendar reloaded from {definition.package} ({first} – {last})",
        by=None,
        now=now,
    )


def _summary(definition: SeedDefinition, created: int, updated: int, years: int) -> str:
    return (
        f"{definition.code} {definition.first_year}–{definition.last_year} loaded from {definition.package}: "
        f"{created} days added, {updated} days changed, {years} years written"
    )
