"""Fixtures for the rules tests."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _without_reference_data(request: pytest.FixtureRequest) -> None:
    """These tests load data files themselves: database tests here start from an empty slate."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("blank_slate")
