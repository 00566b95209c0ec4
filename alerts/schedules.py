"""The django-q2 schedules Caseflow needs, created by name.

``Schedule.name`` is not unique in django-q2, so schedules are created with ``update_or_create(name=…)``
from a command (``setup_schedules``, run by ``setup_caseflow``), never at start-up, where every process
would add another copy. Missed slots are replayed after downtime (``catch_up``), which is safe because
every task is idempotent.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django_q.models import Schedule

SCAN = "caseflow: scan warnings"
DELIVER = "caseflow: deliver notifications"
DIGEST = "caseflow: daily digest"


def wanted_schedules() -> dict[str, dict]:
    return {
        SCAN: {
            "func": "alerts.tasks.scan_warnings",
            "schedule_type": Schedule.MINUTES,
            "minutes": settings.CASEFLOW_SCAN_MINUTES,
            "cron": None,
            "repeats": -1,
        },
        DELIVER: {
            "func": "alerts.tasks.deliver_notifications",
            "schedule_type": Schedule.MINUTES,
            "minutes": 1,
            "cron": None,
            "repeats": -1,
        },
        DIGEST: {
            "func": "alerts.tasks.send_daily_digests",
            "schedule_type": Schedule.CRON,
            "minutes": None,
            "cron": f"0 {settings.CASEFLOW_DIGEST_HOUR} * * *",
            "repeats": -1,
        },
    }


def ensure_schedules(*, now: dt.datetime) -> list[tuple[str, bool]]:
    """Create or update each schedule by name; returns (name, created) pairs. Duplicates left by an
    older deployment are removed so exactly one row per name remains."""
    results = []
    for name, fields in wanted_schedules().items():
        rows = list(Schedule.objects.filter(name=name).order_by("pk"))
        for duplicate in rows[1:]:
            duplicate.delete()
        schedule, created = Schedule.objects.update_or_create(name=name, defaults=fields)
        if created or schedule.next_run is None:
            schedule.next_run = now
            schedule.save(update_fields=["next_run"])
        results.append((name, created))
    return results
