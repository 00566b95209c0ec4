"""The test suite's own plumbing: tests/conftest.py and the scripts in bin/."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]
SCRIPTS = [
    BASE_DIR / "bin" / "run",
    BASE_DIR / "bin" / "test",
    BASE_DIR / "bin" / "pg-throwaway",
    BASE_DIR / ".ci" / "run",
    *sorted((BASE_DIR / "bin" / "lib").glob("*.sh")),
]


def test_db_vendor_follows_database_url(db_vendor: str) -> None:
    url = os.environ.get("DATABASE_URL", "")

    assert db_vendor == ("postgresql" if url.startswith("postgres") else "sqlite")


@pytest.mark.django_db
def test_persistent_connections_are_off_in_tests() -> None:
    assert connection.settings_dict["CONN_MAX_AGE"] == 0


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_postgres_only_tests_run_on_postgresql(db_vendor: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int")
        (version,) = cursor.fetchone()

    assert db_vendor == "postgresql"
    assert version >= 130000


def test_postgres_only_tests_are_skipped_on_sqlite_with_a_reason(
    request: pytest.FixtureRequest, db_vendor: str
) -> None:
    items = [item for item in request.session.items if item.get_closest_marker("postgres_only")]
    assert items, "expected at least test_postgres_only_tests_run_on_postgresql"

    for item in items:
        reasons = [mark.kwargs.get("reason", "") for mark in item.iter_markers("skip")]
        skips = [reason for reason in reasons if reason.startswith("postgres_only")]
        if db_vendor == "postgresql":
            assert not skips
        else:
            assert skips and "needs PostgreSQL" in skips[0]


def test_browser_tests_are_ordered_after_all_others(request: pytest.FixtureRequest) -> None:
    is_browser = [item.get_closest_marker("browser") is not None for item in request.session.items]

    assert is_browser == sorted(is_browser)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: str(path.relative_to(BASE_DIR)))
def test_shell_scripts_parse(script: Path) -> None:
    result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stderr
