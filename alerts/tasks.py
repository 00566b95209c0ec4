"""django-q2 entry points (scheduled by ``alerts.schedules``): read the clock once, call a service.

Every task is idempotent: django-q2 replays missed slots after downtime (``catch_up``) and retries a task
that timed out, so a repeated run must change nothing that the first run already did.
"""

from __future__ import annotations

from django.utils import timezone


def scan_warnings() -> dict[str, int]:
    """One incremental warning scan (every few minutes); a replayed slot finds nothing left to do."""
    from alerts.scan import tick

    return tick(now=timezone.now()).as_dict()


def deliver_notifications() -> dict[str, int]:
    """Send the e-mail and chat messages whose time has come (every minute)."""
    from alerts.notifications.delivery import deliver_due

    return deliver_due(now=timezone.now()).as_dict()


def send_daily_digests() -> int:
    """Write today's digests (once a day); a second run on the same day writes nothing."""
    from alerts.notifications import digest

    return digest.send_daily_digests(now=timezone.now())
