"""Playwright fixtures for the browser tests: Debian's Chromium driven through Playwright's sync API.

* ``browser`` (session): one headless Chromium per test process (per xdist worker).
* ``browser_context_args``: options for each test's browser context; override it in a test module or
  conftest to change them (e.g. ``locale="zh-CN"``).
* ``page`` (per test): a page in a new browser context whose ``base_url`` is the live server's URL, so
  tests write ``page.goto("/admin/login/")``.
* ``base_url``: the live server's URL.

Every test in this directory is marked ``browser``. Browser tests are skipped only when asked, with
``CASEFLOW_SKIP_BROWSER=1``; a missing Chromium is an error, never a silent skip.

Playwright's sync API runs an asyncio event loop in the test thread for as long as it is started, and
Django refuses ORM calls from a thread with a running loop (SynchronousOnlyOperation).
``DJANGO_ALLOW_ASYNC_UNSAFE`` is therefore set while the browser fixture lives, and nowhere else; the
root conftest orders browser tests after all others so no other test runs in that state. When the
fixture ends it closes every database connection, or PostgreSQL refuses to drop the test database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CASEFLOW_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    # Without these, Chromium keeps trying to reach Google's services, which this network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEFAULT_TIMEOUT_MS = 10_000  # Playwright's own default is 30 s: fail sooner on a missing element
BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # This hook sees every collected item, not only this directory's.
    for item in items:
        if BROWSER_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if os.environ.get("CASEFLOW_SKIP_BROWSER") == "1":
        pytest.skip("browser tests skipped on request (CASEFLOW_SKIP_BROWSER=1)")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} not found: install Debian's chromium (bin/test does, as root), "
            "or skip browser tests on purpose with CASEFLOW_SKIP_BROWSER=1",
            pytrace=False,
        )

    from django.db import connections
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
        connections.close_all()


@pytest.fixture
def base_url(live_server: Any) -> str:
    return str(live_server.url)


@pytest.fixture
def browser_context_args(base_url: str) -> dict[str, Any]:
    from django.conf import settings

    return {"base_url": base_url, "locale": "en-US", "timezone_id": settings.TIME_ZONE}


@pytest.fixture
def page(browser: Any, browser_context_args: dict[str, Any]) -> Iterator[Any]:
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()
