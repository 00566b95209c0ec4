"""Keep :class:`~alerts.models.DayBoundary` filled for the office time zone.

The scan turns "the level starts on day N" into an instant with a lookup in this table; it must cover
every day a level can start on: from a little before today to as far as any due date can be.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import Max, Min

from alerts.models import DayBoundary

PAST_DAYS = 400
FUTURE_DAYS = 366 * 60
BATCH = 300  # 3 columns: stays under SQLite's 999 bound parameters per statement


def boundary(day: int, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromordinal(day), dt.time(0, 0), tzinfo=zone)


def ensure_day_boundaries(time_zone: str, today: dt.date) -> int:
    """Make sure every day from ``today - 400`` to ``today + 60 years`` has a row; return rows added.

    One aggregate over an index when the table is already complete, so it is cheap enough for every
    tick; ``load_policies`` fills it at set-up so no request pays for the first fill.
    """
    first = today.toordinal() - PAST_DAYS
    last = today.toordinal() + FUTURE_DAYS
    covered = DayBoundary.objects.filter(time_zone=time_zone).aggregate(low=Min("day"), high=Max("day"))
    low, high = covered["low"], covered["high"]
    if low is not None and low <= first and high >= last:
        return 0
    # The table always holds one contiguous range of days: extend it at either end.
    if low is None:
        wanted = range(first, last + 1)
    else:
        wanted = [*range(min(first, low), low), *range(high + 1, max(last, high) + 1)]
    zone = ZoneInfo(time_zone)
    missing = [DayBoundary(time_zone=time_zone, day=day, starts_at=boundary(day, zone)) for day in wanted]
    DayBoundary.objects.bulk_create(missing, batch_size=BATCH, ignore_conflicts=True)
    return len(missing)
