"""The in-app inbox: marking notifications read. Only the recipient's own inbox rows change, and a row
read once keeps the first time it was read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from alerts.models import Channel, Notification


def mark_read(user, *, now: dt.datetime, ids: Iterable[int] | None = None) -> int:
    """Mark ``user``'s unread inbox notifications read (only ``ids`` if given); returns how many."""
    rows = Notification.objects.filter(recipient=user, channel=Channel.INBOX, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=now)
