"""The naive way: a per-row ORM loop, as one would write it without thinking in sets.

Load each clock (with its policy), read the policy's thresholds and the calendar's working-day number for
today, compute the level and the next moment in Python, look up the working days a threshold starts on,
``save()``. One transaction around the loop (generous to it: a commit per row would be slower still). The
benchmark checks that it gives every clock of the sample exactly the app's level and ``next_at``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from alerts.models import Clock, Level, Threshold
from caseflow.models import CalendarDay

FAR_DAY = 10**7


def classify_clock(clock: Clock, *, now: dt.datetime, zone: ZoneInfo) -> tuple[int, dt.datetime | None]:
    """The level and next moment of one clock, in Python (a few queries per clock)."""
    if clock.due_at <= now:
        return Level.OVERDUE, None
    today = now.astimezone(zone).date()
    today_day = today.toordinal()
    policy = clock.policy
    seq_today = (
        CalendarDay.objects.filter(calendar_id=clock.calendar_id, date=today)
        .values_list("workday_seq", flat=True)
        .first()
    )
    terms: dict[int, list[tuple[str, int]]] = {Level.URGENT: [], Level.WARNING: [], Level.REMINDER: []}
    for threshold in policy.thresholds.all():
        terms[threshold.level].append((threshold.measure, threshold.amount))
    if policy.last_workday_level:
        terms[policy.last_workday_level].append(("last_workday", 0))
    if policy.internal_target_level:
        terms[policy.internal_target_level].append(("internal", 0))

    def holds(kind: str, n: int) -> bool:
        if kind == Threshold.Measure.DAYS_LEFT:
            return clock.due_day - today_day <= n
        if kind == Threshold.Measure.WORKDAYS_LEFT:
            return seq_today is not None and clock.due_wseq - seq_today <= n
        if kind == Threshold.Measure.ELAPSED_PERCENT:
            return 100 * (today_day - clock.start_day) >= n * (clock.due_day - clock.start_day)
        if kind == "last_workday":
            return clock.last_workday_day <= today_day
        return clock.internal_day is not None and clock.internal_day <= today_day

    def starts_on(kind: str, n: int) -> int:
        if kind == Threshold.Measure.DAYS_LEFT:
            return clock.due_day - n
        if kind == Threshold.Measure.WORKDAYS_LEFT:
            day = (
                CalendarDay.objects.filter(
                    calendar_id=clock.calendar_id, is_working=True, workday_seq=clock.due_wseq - n
                )
                .values_list("day", flat=True)
                .first()
            )
            return FAR_DAY if day is None else day
        if kind == Threshold.Measure.ELAPSED_PERCENT:
            return clock.start_day + -(-(clock.due_day - clock.start_day) * n // 100)
        if kind == "last_workday":
            return clock.last_workday_day
        return FAR_DAY if clock.internal_day is None else clock.internal_day

    level = Level.NORMAL
    for candidate in (Level.URGENT, Level.WARNING, Level.REMINDER):
        if any(holds(kind, n) for kind, n in terms[candidate]):
            level = candidate
            break
    higher = [
        term for lv in (Level.URGENT, Level.WARNING, Level.REMINDER) if lv > level for term in terms[lv]
    ]
    if not higher:
        return level, clock.due_at
    first = min(starts_on(kind, n) for kind, n in higher)
    if first >= FAR_DAY:
        return level, clock.due_at
    moment = dt.datetime.combine(dt.date.fromordinal(first), dt.time(0, 0), tzinfo=zone)
    return level, min(clock.due_at, moment)


def naive_reevaluate(ids: list[int], *, now: dt.datetime) -> int:
    """Classify the clocks ``ids`` one by one and save each; returns how many changed."""
    zone = ZoneInfo(settings.TIME_ZONE)
    changed = 0
    with transaction.atomic():
        for clock in Clock.objects.filter(pk__in=ids, running=True).select_related("policy"):
            level, next_at = classify_clock(clock, now=now, zone=zone)
            changed += (level, next_at) != (clock.level, clock.next_at)
            clock.level = level
            clock.next_at = next_at
            clock.save()
    return changed
