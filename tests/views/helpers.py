"""Small readers of rendered pages for the view tests."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext


def plain(markup: str) -> str:
    """Visible text of some HTML, tags removed and whitespace collapsed."""
    import html

    markup = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", markup, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def text(response) -> str:
    """The page's visible text."""
    return plain(response.content.decode())


def section(response, start: str, end: str | None = None) -> str:
    body = response.content.decode()
    body = body[body.index(start) :]
    return body[: body.index(end)] if end else body


def stage_links(html: str) -> list[int]:
    """Stage ids linked from a table, in row order."""
    return [int(pk) for pk in re.findall(r'href="/matters/\d+/#stage-(\d+)"', html)]


def count_queries(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response
