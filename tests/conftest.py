"""Fixtures and hooks shared by every test package.

Domain factories live in ``tests/factories.py`` and the areas' own conftests. This file holds:

* Reference data (rules, calendars, warning policies, matter-type packs) is loaded once into each test
  database, outside any test's transaction; tests that need it ask for ``reference_data``, which reloads
  it only after a transactional test has flushed the database (those run after the others).
* ``CONN_MAX_AGE`` is 0 for every test database: a live-server thread holding a persistent connection
  stops pytest-django from dropping the PostgreSQL test database at the end of the run.
* ``@pytest.mark.postgres_only`` tests are skipped, with the reason, when the suite runs on SQLite.
* ``db_vendor``: ``"sqlite"`` or ``"postgresql"``, for tests that branch or parametrise on the database.
* Browser tests run last. Playwright's sync API keeps an asyncio event loop running in the test thread
  while the browser is open (the whole session, from the first browser test on), and with it running
  Django's ORM refuses to work and ``asyncio.run`` raises. Ordering the browser tests after every other
  test keeps the rest of the suite out of that state, with or without pytest-xdist (whose scheduler hands
  each worker its tests in collection order).
"""

from __future__ import annotations

import os

import pytest

# pytest-django's live_server binds to "localhost" unless told otherwise; everything binds to 127.0.0.1.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """pytest-django's hook to change database settings before the test databases are created.

    Keeps the per-xdist-worker database suffix (the fixture this overrides) and forces ``CONN_MAX_AGE``
    to 0, whatever ``DATABASE_URL`` said.
    """
    from django.db import connections

    for connection in connections.all():
        connection.settings_dict["CONN_MAX_AGE"] = 0


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


@pytest.fixture(scope="session")
def db_vendor() -> str:
    """The default database's vendor: ``"sqlite"`` or ``"postgresql"``."""
    return _vendor()


@pytest.fixture(autouse=True)
def english_by_default():
    """Messages raised by services are in the active language; tests read English unless they choose
    a language (requests and e-mails still follow each user's own language)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Test users get passwords; Django's production hasher spends ~0.3 s on each on purpose."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


def load_reference_data() -> None:
    """Everything ``setup_caseflow`` loads, without the schedules (the same commands, so the tests
    exercise the shipped data files)."""
    import io

    from django.core.management import call_command

    for command in ("load_rules", "load_calendars", "load_policies", "load_packs"):
        call_command(command, stdout=io.StringIO(), stderr=io.StringIO())


def reference_data_loaded() -> bool:
    from caseflow.models import CalendarDay, MatterType

    return CalendarDay.objects.filter(calendar__code="CN").exists() and MatterType.objects.exists()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data once per test database, committed, so every test starts with it."""
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture
def reference_data(db, request: pytest.FixtureRequest) -> None:
    """Rules, calendars, policies and packs are present (reloaded after a transactional test's flush).

    ``db`` must be requested statically: pytest-django creates the test databases only for tests it can
    see need them. A test that also asks for ``transactional_db`` (or ``live_server``) runs transactional.
    """
    transactional = "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    if transactional and not reference_data_loaded():
        load_reference_data()


@pytest.fixture
def blank_slate(db) -> None:
    """No reference data: for tests of the loaders themselves. The deletions happen inside the test's
    transaction, so the next test finds the data again."""
    from alerts.models import DayBoundary, PolicyAssignment, WarningPolicy
    from caseflow.models import (
        Calendar,
        CalendarChange,
        CalendarDay,
        CalendarYear,
        Court,
        EventType,
        LegalSource,
        MatterType,
        Rule,
        RuleVersion,
        StageTemplate,
    )

    for model in (
        PolicyAssignment,
        StageTemplate,
        MatterType,
        WarningPolicy,
        RuleVersion,
        Rule,
        EventType,
        LegalSource,
        Court,
        CalendarChange,
        CalendarDay,
        CalendarYear,
        Calendar,
        DayBoundary,
    ):
        model.objects.all().delete()


def _is_transactional(item: pytest.Item) -> bool:
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    return (
        "transactional_db" in names
        or "live_server" in names
        or bool(marker and marker.kwargs.get("transaction"))
    )


@pytest.hookimpl(trylast=True)  # after the area conftests have added their markers
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    vendor = _vendor()
    if vendor != "postgresql":
        skip = pytest.mark.skip(
            reason=f"postgres_only: needs PostgreSQL, this run uses {vendor} "
            "(bin/test also runs the suite on a throwaway PostgreSQL; docs/development.md)"
        )
        for item in items:
            if item.get_closest_marker("postgres_only"):
                item.add_marker(skip)

    # Transactional tests (which flush the reference data) after the others, browser tests last (module
    # docstring); sorted() is stable, so the order within each group stays.
    items[:] = sorted(
        items, key=lambda item: (item.get_closest_marker("browser") is not None, _is_transactional(item))
    )
