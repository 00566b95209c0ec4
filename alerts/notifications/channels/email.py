"""E-mail through Django's configured backend: a plain-text body with an HTML alternative.

SMTP failures are sorted by whether waiting can help: a refused connection, a timeout, a 4xx reply, a
rejected login or sender (configuration the admin can fix) are retried; a 5xx for the recipient or for the
message itself, or a user without an address, will fail the same way every time.
"""

from __future__ import annotations

import hashlib
import smtplib
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from alerts.notifications.channels import DeliveryError

if TYPE_CHECKING:
    from django.core.mail.backends.base import BaseEmailBackend

    from alerts.models import Notification


def build_message(
    notification: Notification, *, connection: BaseEmailBackend | None = None
) -> EmailMultiAlternatives:
    user = notification.recipient
    if user is None or not user.email:
        raise DeliveryError("the recipient has no e-mail address", retryable=False)
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    headers = {
        # A stable Message-ID: if a crashed worker's message is sent again, mail clients show it once.
        "Message-ID": f"<notification.{notification.pk}.{_digest(notification.dedup_key)}@{host}>",
        "Content-Language": notification.language or user.language or settings.LANGUAGE_CODE,
        "Auto-Submitted": "auto-generated",
        "X-Caseflow-Kind": notification.kind,
    }
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers=headers,
        connection=connection,
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    return message


def send_email(notification: Notification, *, connection: BaseEmailBackend | None = None) -> None:
    message = build_message(notification, connection=connection)
    try:
        if connection is not None:
            # Opened here, not inside send(): Django closes a connection that send() itself opened, and
            # a delivery run wants one SMTP session for all its messages.
            connection.open()
        sent = message.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _text in exc.recipients.values()]
        detail = "; ".join(f"{addr}: {code} {_decode(text)}" for addr, (code, text) in exc.recipients.items())
        raise DeliveryError(
            f"recipient refused: {detail}", retryable=not any(code >= 500 for code in codes)
        ) from exc
    except smtplib.SMTPDataError as exc:
        raise DeliveryError(
            f"message refused: {exc.smtp_code} {_decode(exc.smtp_error)}", retryable=exc.smtp_code < 500
        ) from exc
    except smtplib.SMTPResponseException as exc:  # sender refused, authentication, other replies
        raise DeliveryError(f"SMTP error {exc.smtp_code} {_decode(exc.smtp_error)}", retryable=True) from exc
    except (smtplib.SMTPException, OSError) as exc:  # connection refused or lost, timeouts, TLS
        raise DeliveryError(
            f"SMTP connection failed: {exc.__class__.__name__}: {exc}", retryable=True
        ) from exc
    if not sent:
        raise DeliveryError("the e-mail backend did not send the message", retryable=True)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _decode(text: bytes | str) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
