"""Delivering the outbox: claim a due row, send it, record what happened.

* **Claim, then act.** A row is claimed with a conditional UPDATE (``pending → sending``, filtered on the
  values just read); when no row changes, another worker has it and this one moves on. Two workers
  running at once therefore never send the same row twice.
* **Never lose a message.** A transient failure puts the row back to ``pending`` with an exponential
  back-off (1 min, 2, 4 … capped at 1 h, plus up to 10 % jitter derived from the row id); it is retried
  for as long as it takes. A permanent failure keeps the row as ``failed`` with the error, for an admin
  to fix the cause and :func:`retry_failed`. Nothing is deleted.
* **Crashed workers.** A row left in ``sending`` longer than :data:`STUCK_AFTER` belongs to a worker that
  died; it is claimed again. The message may then go out twice (it may have been sent just before the
  crash): for a crash, at-least-once is the price of losing nothing. E-mails carry a stable Message-ID so
  mail clients show such a duplicate once.

Sends happen outside any transaction, so a slow SMTP server never holds a database lock.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db.models import Q

from alerts.models import Channel, Notification
from alerts.notifications.channels import DeliveryError, Transports

logger = logging.getLogger(__name__)

Status = Notification.Status

BACKOFF_FIRST = dt.timedelta(minutes=1)
BACKOFF_CAP = dt.timedelta(hours=1)
# Longer than any delivery run can take: a django-q2 task is killed after Q_CLUSTER["timeout"].
STUCK_AFTER = max(dt.timedelta(minutes=10), dt.timedelta(seconds=2 * settings.Q_CLUSTER.get("timeout", 300)))


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def backoff(attempts: int, *, salt: int = 0) -> dt.timedelta:
    """Wait before attempt ``attempts + 1``: 1 min doubling per failure, at most 1 h.

    ``salt`` (the row id) adds up to 10 % deterministic jitter so rows that failed together (a mail
    server outage) do not all come back in the same second.
    """
    exponent = min(max(attempts, 1) - 1, 16)
    base = min(BACKOFF_FIRST * (2**exponent), BACKOFF_CAP)
    jitter_range = int(base.total_seconds()) // 10
    jitter = (
        dt.timedelta(seconds=(salt * 2654435761) % (jitter_range + 1)) if jitter_range else dt.timedelta()
    )
    return min(base + jitter, BACKOFF_CAP)


def due_notifications(*, now: dt.datetime, limit: int) -> list[Notification]:
    """Pending rows whose time has come, and rows a crashed worker left in ``sending``."""
    return list(
        Notification.objects.filter(status__in=[Status.PENDING, Status.SENDING], next_attempt_at__lte=now)
        .filter(Q(status=Status.PENDING) | Q(claimed_at__lt=now - STUCK_AFTER))
        .exclude(channel=Channel.INBOX)
        .select_related("recipient", "team_channel")
        .order_by("next_attempt_at", "id")[:limit]
    )


def claim(notification: Notification, *, now: dt.datetime) -> bool:
    """Take the row for this worker; ``False`` if another worker changed it since it was read."""
    rows = Notification.objects.filter(
        pk=notification.pk, status=notification.status, attempts=notification.attempts
    )
    if notification.status == Status.SENDING:
        rows = rows.filter(claimed_at=notification.claimed_at)
    else:
        rows = rows.filter(next_attempt_at__lte=now)
    claimed = rows.update(status=Status.SENDING, claimed_at=now) == 1
    if claimed:
        notification.status = Status.SENDING
        notification.claimed_at = now
    return claimed


def deliver_due(*, now: dt.datetime, limit: int = 200) -> DeliveryReport:
    """Send up to ``limit`` due e-mail and chat messages; return what happened to them."""
    report = DeliveryReport()
    with Transports(now=now) as transports:
        for notification in due_notifications(now=now, limit=limit):
            if not claim(notification, now=now):
                continue  # another worker got there first
            outcome = _send(transports, notification)
            _record(notification, outcome, now=now, report=report)
    return report


def _send(transports: Transports, notification: Notification) -> DeliveryError | None:
    try:
        transports.send(notification)
    except DeliveryError as exc:
        return exc
    except Exception as exc:  # a bug must not strand the row in "sending": retry it, and say why
        logger.exception("notification %s: unexpected error while sending", notification.pk)
        return DeliveryError(f"unexpected error: {exc.__class__.__name__}: {exc}", retryable=True)
    return None


def _record(
    notification: Notification, outcome: DeliveryError | None, *, now: dt.datetime, report: DeliveryReport
) -> None:
    attempts = notification.attempts + 1
    if outcome is None:
        changes = {"status": Status.SENT, "sent_at": now, "last_error": "", "next_attempt_at": None}
    elif outcome.retryable:
        changes = {
            "status": Status.PENDING,
            "last_error": outcome.message[:2000],
            "next_attempt_at": now + backoff(attempts, salt=notification.pk),
            "claimed_at": None,
        }
    else:
        changes = {"status": Status.FAILED, "last_error": outcome.message[:2000], "next_attempt_at": None}
    # Only if the row is still ours: a row reclaimed as stuck meanwhile belongs to the other worker.
    updated = Notification.objects.filter(pk=notification.pk, status=Status.SENDING, claimed_at=now).update(
        attempts=attempts, **changes
    )
    if not updated:
        logger.warning(
            "notification %s was reclaimed by another worker before its outcome was stored", notification.pk
        )
        return
    if outcome is None:
        report.sent += 1
    elif outcome.retryable:
        report.retried += 1
        logger.info("notification %s: will retry: %s", notification.pk, outcome.message)
    else:
        report.failed += 1
        logger.warning("notification %s failed permanently: %s", notification.pk, outcome.message)


def retry_failed(notification_ids: Iterable[int], *, now: dt.datetime) -> int:
    """Put failed rows back in the queue (an admin fixed the address or the bot key); return how many."""
    return Notification.objects.filter(pk__in=list(notification_ids), status=Status.FAILED).update(
        status=Status.PENDING, next_attempt_at=now, claimed_at=None
    )
