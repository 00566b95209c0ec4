"""The browser fixtures, for the plumbing's own smoke test (tests/browser/conftest.py defines them)."""

from tests.browser.conftest import base_url, browser, browser_context_args, page

__all__ = ["base_url", "browser", "browser_context_args", "page"]
