"""The browser plumbing end to end: Debian's Chromium, driven by Playwright, renders a live-server page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_it_renders_the_admin_login_page_in_chromium(page: Any, django_user_model: Any) -> None:
    # An ORM call in the test body while Playwright's event loop runs: works only because the browser
    # fixture sets DJANGO_ALLOW_ASYNC_UNSAFE (otherwise SynchronousOnlyOperation).
    django_user_model.objects.create_user(username="smoke", password="smoke-password")
    assert django_user_model.objects.filter(username="smoke").exists()

    response = page.goto("/admin/login/")

    assert response is not None and response.status == 200
    assert page.title() == "Log in | Django site admin"
    expect(page.locator("input[name=username]")).to_be_visible()
    # The stylesheet came from the live server's static files handler, so the page is styled.
    assert page.evaluate("document.styleSheets.length") > 0
