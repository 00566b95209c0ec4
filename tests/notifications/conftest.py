"""Real servers on 127.0.0.1 for the notification tests: an SMTP server (aiosmtpd) and an HTTP server
standing in for the WeCom, DingTalk and Feishu bot endpoints. Each test starts and stops its own."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import logging
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aiosmtpd.controller import Controller

from tests.notifications import factories as f

logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every SMTP command at INFO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- SMTP ----------------------------------------------------------------------------------------------


class Mailbox:
    """aiosmtpd handler: keeps every message; refuses the recipients listed in ``refuse`` with a reply."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse: dict[str, str] = {}
        self.peers: list[tuple[str, int]] = []  # the client address of each message's SMTP session

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        self.messages.append(email.message_from_bytes(raw, policy=email.policy.default))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.peers.append(session.peer)
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.mailbox = Mailbox()
        self.controller: Controller | None = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.mailbox.messages

    def start(self) -> None:
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_settings(settings):
    """Django's SMTP backend pointed at a free local port (nothing listens yet: see ``smtp_server``)."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "Caseflow <caseflow@office.test>"
    server = SmtpServer(port)
    yield server
    server.stop()


@pytest.fixture
def smtp_server(smtp_settings):
    smtp_settings.start()
    return smtp_settings


# --- chat bots -----------------------------------------------------------------------------------------


@dataclass
class BotRequest:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any


@dataclass
class BotServer:
    """One HTTP server for the three services; the first path segment says which (``/wecom`` …)."""

    port: int
    requests: list[BotRequest] = field(default_factory=list)
    replies: deque = field(default_factory=deque)  # (status, json body), used before the defaults
    delay: float = 0.0
    server: ThreadingHTTPServer | None = None

    DEFAULTS = {
        "/wecom": {"errcode": 0, "errmsg": "ok"},
        "/dingtalk": {"errcode": 0, "errmsg": "ok"},
        "/feishu": {"code": 0, "msg": "success", "data": {}},
    }

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def reply(self, status: int, body: Any) -> None:
        self.replies.append((status, body))

    def start(self) -> None:
        bots = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                parts = urlsplit(self.path)
                bots.requests.append(
                    BotRequest(
                        parts.path, parse_qs(parts.query), dict(self.headers), json.loads(raw or b"null")
                    )
                )
                if bots.delay:
                    time.sleep(bots.delay)
                if bots.replies:
                    status, body = bots.replies.popleft()
                else:
                    service = "/" + parts.path.strip("/").split("/")[0]
                    status, body = 200, bots.DEFAULTS[service]
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@pytest.fixture
def bot_settings(settings):
    """Plain-HTTP webhooks allowed (tests only); a free port with nothing listening yet."""
    settings.CASEFLOW_WEBHOOK_ALLOW_HTTP = True
    settings.CASEFLOW_WEBHOOK_TIMEOUT = 5
    bots = BotServer(port=free_port())
    yield bots
    bots.stop()


@pytest.fixture
def bots(bot_settings):
    bot_settings.start()
    return bot_settings


# --- an office ------------------------------------------------------------------------------------------


NOW = f.at("2026-12-01 09:00")  # Tuesday


@pytest.fixture
def now() -> dt.datetime:
    return NOW


@pytest.fixture
def office(db, settings):
    """A team with a supervisor, a Chinese-speaking and an English-speaking lawyer, an admin, and one
    stage (due 2026-12-10) with its clock."""
    settings.SITE_URL = "https://caseflow.office.test"
    settings.LANGUAGE_CODE = "zh-hans"
    settings.TIME_ZONE = "Asia/Shanghai"
    supervisor = f.make_user(language="en", full_name="Sam Supervisor", role="supervisor")
    team = f.make_team(supervisor=supervisor)
    supervisor.team = team
    supervisor.save(update_fields=["team"])
    lawyer = f.make_user(team=team, language="zh-hans", full_name="王律师", email="wang@office.test")
    lawyer_en = f.make_user(team=team, language="en", full_name="Emma Lawyer", email="emma@office.test")
    admin = f.make_user(language="zh-hans", full_name="管理员", role="admin")
    stage = f.make_stage(responsible=lawyer, due=dt.date(2026, 12, 10))
    clock = f.make_clock(stage)
    return SimpleNamespace(
        team=team,
        supervisor=supervisor,
        lawyer=lawyer,
        lawyer_en=lawyer_en,
        admin=admin,
        stage=stage,
        clock=clock,
    )
