"""Transports: how one outbox row leaves the building.

Every transport raises :class:`DeliveryError` and nothing else for a failed send, and says whether trying
again later can help (a full mailbox, a rate limit, a server that is down) or not (no address, an invalid
bot key). The delivery loop turns that flag into "pending with back-off" or "failed, for an admin".
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from alerts.models import Channel

if TYPE_CHECKING:
    import httpx
    from django.core.mail.backends.base import BaseEmailBackend

    from alerts.models import Notification

logger = logging.getLogger(__name__)


class DeliveryError(Exception):
    """A send failed. ``retryable`` says whether the same message may succeed later."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable

    def __str__(self) -> str:
        return self.message


class Transports:
    """The connections one delivery run shares: one SMTP connection and one HTTP client, opened lazily.

    ``now`` is the delivery run's clock reading; signed webhooks put it in their signature.
    """

    def __init__(self, *, now: dt.datetime) -> None:
        self.now = now
        self._mail: BaseEmailBackend | None = None
        self._http: httpx.Client | None = None

    def __enter__(self) -> Transports:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def send(self, notification: Notification) -> None:
        """Send one message; raise :class:`DeliveryError` if it did not go out."""
        channel = notification.channel
        if channel == Channel.INBOX:
            return  # written to the inbox when it was composed
        if channel == Channel.EMAIL:
            from alerts.notifications.channels.email import send_email

            try:
                send_email(notification, connection=self.mail)
            except DeliveryError:
                self.reset_mail()  # a half-broken SMTP session must not poison the next message
                raise
            return
        if channel in (Channel.WECOM, Channel.DINGTALK, Channel.FEISHU):
            from alerts.notifications.channels.webhooks import post_to_team_channel

            post_to_team_channel(notification, client=self.http, now=self.now)
            return
        raise DeliveryError(f"unknown channel {channel!r}", retryable=False)

    @property
    def mail(self) -> BaseEmailBackend:
        if self._mail is None:
            from django.core.mail import get_connection

            self._mail = get_connection(fail_silently=False)
        return self._mail

    @property
    def http(self) -> httpx.Client:
        if self._http is None:
            from alerts.notifications.channels.webhooks import make_client

            self._http = make_client()
        return self._http

    def reset_mail(self) -> None:
        if self._mail is not None:
            try:
                self._mail.close()
            except Exception:  # closing a broken connection may fail too; the next send reconnects
                logger.debug("closing the SMTP connection failed", exc_info=True)
            self._mail = None

    def close(self) -> None:
        self.reset_mail()
        if self._http is not None:
            self._http.close()
            self._http = None
