"""Group-chat bots: WeCom (企业微信), DingTalk (钉钉) and Feishu (飞书) custom-bot webhooks.

Each service answers HTTP 200 with its own error code in the body, so success is "200 and code 0", and
the code decides whether a retry can help (rate limits, "system busy") or not (invalid key, bad signature,
bot removed). Network failures, timeouts, HTTP 429 and 5xx are always worth retrying.

Signatures (the bot's "加签" security setting):

* DingTalk: query parameters ``timestamp`` (ms) and ``sign`` = URL-encoded
  base64(HMAC-SHA256(key=secret, msg="{timestamp}\\n{secret}")).
* Feishu: body fields ``timestamp`` (s) and ``sign`` = base64(HMAC-SHA256(key="{timestamp}\\n{secret}",
  msg="")).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import httpx
from django.conf import settings

from alerts.models import Channel
from alerts.notifications.channels import DeliveryError

if TYPE_CHECKING:
    from alerts.models import Notification, TeamChannel

WECOM_MAX_BYTES = 4096  # WeCom rejects longer markdown content (errcode 40058)
WECOM_RETRY_CODES = frozenset({-1, 45009, 45033})  # system busy, API rate limit, too many concurrent calls
DINGTALK_RETRY_CODES = frozenset({-1, 130101, 410100})  # system busy, sending too fast, throttled
FEISHU_RETRY_CODES = frozenset({9499, 11232})  # too many requests, frequency limited


def make_client() -> httpx.Client:
    return httpx.Client(timeout=settings.CASEFLOW_WEBHOOK_TIMEOUT, follow_redirects=False)


def post_to_team_channel(notification: Notification, *, client: httpx.Client, now: dt.datetime) -> None:
    team_channel = notification.team_channel
    if team_channel is None:
        raise DeliveryError("the notification has no team channel", retryable=False)
    if not team_channel.enabled:
        raise DeliveryError("the team channel is disabled", retryable=False)
    check_url(team_channel.url)
    url, payload = build_request(
        team_channel, subject=notification.subject, body=notification.body_text, now=now
    )
    try:
        response = client.post(url, json=payload)
    except httpx.TimeoutException as exc:
        raise DeliveryError(
            f"{team_channel.kind}: timed out ({exc.__class__.__name__})", retryable=True
        ) from exc
    except httpx.HTTPError as exc:
        raise DeliveryError(f"{team_channel.kind}: {exc.__class__.__name__}: {exc}", retryable=True) from exc
    check_response(team_channel.kind, response)


def check_url(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme == "https" or (scheme == "http" and settings.CASEFLOW_WEBHOOK_ALLOW_HTTP):
        return
    raise DeliveryError(
        f"refusing to post to a non-HTTPS webhook URL ({scheme or 'no scheme'}://…); "
        "set CASEFLOW_WEBHOOK_ALLOW_HTTP only for testing",
        retryable=False,
    )


def build_request(
    team_channel: TeamChannel, *, subject: str, body: str, now: dt.datetime
) -> tuple[str, dict]:
    """The URL and JSON body for one message to ``team_channel``."""
    kind = team_channel.kind
    if kind == Channel.WECOM:
        content = truncate_utf8(f"### {subject}\n{body}", WECOM_MAX_BYTES)
        return team_channel.url, {"msgtype": "markdown", "markdown": {"content": content}}
    if kind == Channel.DINGTALK:
        url = team_channel.url
        if team_channel.secret:
            timestamp = str(int(now.timestamp() * 1000))
            query = urlencode({"timestamp": timestamp, "sign": dingtalk_sign(team_channel.secret, timestamp)})
            url = f"{url}{'&' if '?' in url else '?'}{query}"
        return url, {"msgtype": "markdown", "markdown": {"title": subject, "text": f"### {subject}\n{body}"}}
    if kind == Channel.FEISHU:
        payload: dict[str, Any] = {"msg_type": "text", "content": {"text": f"{subject}\n\n{body}"}}
        if team_channel.secret:
            timestamp = str(int(now.timestamp()))
            payload = {"timestamp": timestamp, "sign": feishu_sign(team_channel.secret, timestamp), **payload}
        return team_channel.url, payload
    raise DeliveryError(f"unknown team channel kind {kind!r}", retryable=False)


def dingtalk_sign(secret: str, timestamp: str) -> str:
    """base64 of the HMAC; the caller URL-encodes it as a query parameter."""
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def feishu_sign(secret: str, timestamp: str) -> str:
    digest = hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def check_response(kind: str, response: httpx.Response) -> None:
    status = response.status_code
    if status == 429 or status >= 500:
        raise DeliveryError(f"{kind}: HTTP {status}", retryable=True)
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        # A 200 that is not the service's JSON (a proxy's error page) may pass later; a 404 will not.
        raise DeliveryError(
            f"{kind}: HTTP {status}, unexpected answer {response.text[:200]!r}", retryable=status == 200
        )
    if kind == Channel.FEISHU:
        code = data.get("code", data.get("StatusCode"))
        text = data.get("msg", data.get("StatusMessage", ""))
        retry_codes = FEISHU_RETRY_CODES
    else:
        code = data.get("errcode")
        text = data.get("errmsg", "")
        retry_codes = WECOM_RETRY_CODES if kind == Channel.WECOM else DINGTALK_RETRY_CODES
    if status == 200 and code == 0:
        return
    raise DeliveryError(f"{kind}: HTTP {status}, code {code}: {text}"[:500], retryable=code in retry_codes)


def truncate_utf8(text: str, max_bytes: int) -> str:
    encoded = text.encode()
    if len(encoded) <= max_bytes:
        return text
    return encoded[: max_bytes - 3].decode("utf-8", "ignore") + "…"
