"""WeCom, DingTalk and Feishu group bots, against a real local HTTP server standing in for each service."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac

import pytest

from alerts.models import Level, Notification
from alerts.notifications import compose
from alerts.notifications.delivery import deliver_due
from tests.notifications import factories as f

pytestmark = pytest.mark.django_db

Status = Notification.Status
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def chat_only(office):
    """The owner gets no e-mail, so every pending row in these tests is a chat message."""
    office.lawyer.email_notifications = False
    office.lawyer.save()
    return office


def post_rise(office, now, team_channel) -> Notification:
    transition = f.make_transition(office.clock, from_level=Level.WARNING, to_level=Level.URGENT, at_=now)
    compose.notify_transition(transition, now=now)
    return Notification.objects.get(transition=transition, team_channel=team_channel)


def hmac_b64(key: bytes, msg: bytes) -> str:
    return base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode()


# --- WeCom ---------------------------------------------------------------------------------------------


def test_wecom_gets_markdown_and_errcode_0_means_sent(chat_only, now, bots):
    channel = f.make_team_channel(chat_only.team, kind="wecom", url=bots.url("/wecom?key=abc"))
    row = post_rise(chat_only, now, channel)

    report = deliver_due(now=now)

    assert (report.sent, report.retried, report.failed) == (1, 0, 0)
    [request] = bots.requests
    assert request.path == "/wecom" and request.query == {"key": ["abc"]}
    assert request.headers["Content-Type"] == "application/json"
    assert set(request.body) == {"msgtype", "markdown"} and request.body["msgtype"] == "markdown"
    content = request.body["markdown"]["content"]
    assert content.startswith(f"### {row.subject}\n")
    assert '<font color="warning">' in content and "提起上诉" in content and "2026年12月10日" in content
    row.refresh_from_db()
    assert (row.status, row.sent_at, row.attempts) == (Status.SENT, now, 1)


def test_wecom_rate_limit_is_retried_after_a_back_off_and_then_sent_once(chat_only, now, bots):
    channel = f.make_team_channel(chat_only.team, kind="wecom", url=bots.url("/wecom?key=abc"))
    row = post_rise(chat_only, now, channel)
    bots.reply(200, {"errcode": 45009, "errmsg": "api freq out of limit"})

    assert deliver_due(now=now).retried == 1

    row.refresh_from_db()
    assert row.status == Status.PENDING and row.attempts == 1
    assert "45009" in row.last_error and "api freq out of limit" in row.last_error
    assert now + MINUTE <= row.next_attempt_at <= now + dt.timedelta(seconds=66)
    assert deliver_due(now=now + dt.timedelta(seconds=59)).sent == 0
    assert deliver_due(now=row.next_attempt_at).sent == 1
    assert deliver_due(now=row.next_attempt_at + dt.timedelta(hours=2)).sent == 0
    assert len(bots.requests) == 2


def test_wecom_invalid_key_fails_permanently(chat_only, now, bots):
    channel = f.make_team_channel(chat_only.team, kind="wecom", url=bots.url("/wecom?key=wrong"))
    row = post_rise(chat_only, now, channel)
    bots.reply(200, {"errcode": 93000, "errmsg": "invalid webhook url"})

    assert deliver_due(now=now).failed == 1

    row.refresh_from_db()
    assert row.status == Status.FAILED and "93000" in row.last_error
    assert deliver_due(now=now + dt.timedelta(days=1)).failed == 0
    assert len(bots.requests) == 1


# --- DingTalk ------------------------------------------------------------------------------------------


def test_dingtalk_signs_the_url_and_posts_markdown(chat_only, now, bots):
    secret = "SEC0123456789abcdef+/="
    channel = f.make_team_channel(
        chat_only.team, kind="dingtalk", url=bots.url("/dingtalk?access_token=tok"), secret=secret
    )
    row = post_rise(chat_only, now, channel)

    assert deliver_due(now=now).sent == 1

    [request] = bots.requests
    timestamp = request.query["timestamp"][0]
    assert request.query["access_token"] == ["tok"]
    assert timestamp == str(int(now.timestamp() * 1000))
    # parse_qs undid the URL encoding once: what is left must be the base64 of the HMAC.
    assert request.query["sign"] == [hmac_b64(secret.encode(), f"{timestamp}\n{secret}".encode())]
    assert request.body["msgtype"] == "markdown"
    assert request.body["markdown"]["title"] == row.subject
    assert request.body["markdown"]["text"].startswith(f"### {row.subject}\n")
    assert "**紧急**" in request.body["markdown"]["text"]  # team channels speak the office language (zh-hans)


def test_dingtalk_without_a_secret_is_not_signed(chat_only, now, bots):
    channel = f.make_team_channel(chat_only.team, kind="dingtalk", url=bots.url("/dingtalk?access_token=tok"))
    post_rise(chat_only, now, channel)
    assert deliver_due(now=now).sent == 1
    assert bots.requests[0].query == {"access_token": ["tok"]}


def test_dingtalk_sending_too_fast_is_retried(chat_only, now, bots):
    channel = f.make_team_channel(chat_only.team, kind="dingtalk", url=bots.url("/dingtalk?access_token=tok"))
    row = post_rise(chat_only, now, channel)
    bots.reply(200, {"errcode": 130101, "errmsg": "send too fast"})
    assert deliver_due(now=now).retried == 1
    bots.reply(200, {"errcode": 310000, "errmsg": "sign not match"})
    assert deliver_due(now=now + 2 * MINUTE).failed == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.FAILED, 2) and "310000" in row.last_error


# --- Feishu --------------------------------------------------------------------------------------------


def test_feishu_signs_the_body_and_posts_text(chat_only, now, bots):
    secret = "feishu-secret"
    channel = f.make_team_channel(
        chat_only.team, kind="feishu", url=bots.url("/feishu/hook/xyz"), secret=secret
    )
    row = post_rise(chat_only, now, channel)
    bots.reply(200, {"code": 0, "msg": "success", "data": {}})

    assert deliver_due(now=now).sent == 1

    [request] = bots.requests
    body = request.body
    assert body["timestamp"] == str(int(now.timestamp()))
    assert body["sign"] == hmac_b64(f"{body['timestamp']}\n{secret}".encode(), b"")
    assert body["msg_type"] == "text"
    assert body["content"]["text"].startswith(f"{row.subject}\n\n")
    assert "提起上诉" in body["content"]["text"] and "<font" not in body["content"]["text"]


def test_feishu_old_style_status_code_counts_as_success(chat_only, now, bots):
    channel = f.make_team_channel(chat_only.team, kind="feishu", url=bots.url("/feishu/hook/xyz"))
    post_rise(chat_only, now, channel)
    bots.reply(200, {"StatusCode": 0, "StatusMessage": "success", "Extra": None})
    assert deliver_due(now=now).sent == 1
    assert "timestamp" not in bots.requests[0].body


def test_feishu_rate_limit_is_retried_and_a_bad_signature_fails(chat_only, now, bots):
    channel = f.make_team_channel(chat_only.team, kind="feishu", url=bots.url("/feishu/hook/xyz"), secret="s")
    row = post_rise(chat_only, now, channel)
    bots.reply(200, {"code": 9499, "msg": "Too Many Request"})
    assert deliver_due(now=now).retried == 1
    bots.reply(
        400, {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}
    )
    assert deliver_due(now=now + 2 * MINUTE).failed == 1
    row.refresh_from_db()
    assert row.status == Status.FAILED and "19021" in row.last_error


# --- common to all bots --------------------------------------------------------------------------------


def test_http_5xx_is_retried_and_a_plain_404_fails(chat_only, now, bots):
    channel = f.make_team_channel(chat_only.team, kind="wecom", url=bots.url("/wecom?key=abc"))
    row = post_rise(chat_only, now, channel)
    bots.reply(502, "<html>Bad Gateway</html>")
    assert deliver_due(now=now).retried == 1
    bots.reply(404, "<html>Not Found</html>")
    assert deliver_due(now=now + 2 * MINUTE).failed == 1
    row.refresh_from_db()
    assert "HTTP 404" in row.last_error


def test_a_plain_http_url_is_refused_unless_allowed(chat_only, now, bots, settings):
    settings.CASEFLOW_WEBHOOK_ALLOW_HTTP = False
    channel = f.make_team_channel(chat_only.team, kind="wecom", url=bots.url("/wecom?key=abc"))
    row = post_rise(chat_only, now, channel)

    assert deliver_due(now=now).failed == 1

    row.refresh_from_db()
    assert row.status == Status.FAILED and "non-HTTPS" in row.last_error
    assert bots.requests == []


def test_a_bot_that_is_down_gets_the_message_once_it_is_back(chat_only, now, bot_settings):
    channel = f.make_team_channel(chat_only.team, kind="feishu", url=bot_settings.url("/feishu/hook/xyz"))
    row = post_rise(chat_only, now, channel)

    assert deliver_due(now=now).retried == 1  # connection refused
    row.refresh_from_db()
    assert row.status == Status.PENDING and "ConnectError" in row.last_error

    bot_settings.start()
    assert deliver_due(now=now + 30 * dt.timedelta(seconds=1)).sent == 0
    assert deliver_due(now=now + 2 * MINUTE).sent == 1
    assert deliver_due(now=now + 10 * MINUTE).sent == 0
    assert len(bot_settings.requests) == 1


def test_a_slow_bot_times_out_and_is_retried(chat_only, now, bots, settings):
    settings.CASEFLOW_WEBHOOK_TIMEOUT = 0.3
    bots.delay = 1.0
    channel = f.make_team_channel(chat_only.team, kind="dingtalk", url=bots.url("/dingtalk?access_token=tok"))
    row = post_rise(chat_only, now, channel)

    assert deliver_due(now=now).retried == 1

    row.refresh_from_db()
    assert "timed out" in row.last_error


def test_a_disabled_channel_fails_instead_of_posting(chat_only, now, bots):
    channel = f.make_team_channel(chat_only.team, kind="wecom", url=bots.url("/wecom?key=abc"))
    post_rise(chat_only, now, channel)
    channel.enabled = False
    channel.save()
    assert deliver_due(now=now).failed == 1
    assert bots.requests == []
