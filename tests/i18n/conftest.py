"""Shared by the catalog tests: where the zh-hans catalog lives, and the parsed entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.i18n import po

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = ROOT / "locale"
PO_PATH = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")


@pytest.fixture(scope="session")
def entries() -> list[po.Entry]:
    """Every entry of the zh-hans catalog but the header."""
    return [entry for entry in po.parse(PO_PATH) if not entry.is_header]


def where(entry: po.Entry) -> str:
    """``msgid 'Due date' (locale/…/django.po:123, from alerts/tables.py:40 …)`` for failure messages."""
    refs = " ".join(entry.references[:3])
    return f"msgid {entry.msgid!r} ({PO_PATH.relative_to(ROOT)}:{entry.line}, from {refs})"
