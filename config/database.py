"""Database settings from ``DATABASE_URL``.

SQLite is the embedded default. Its defaults lose writes as soon as a django-q2 worker and a web request
write at the same time ("database is locked"), so the SQLite connection always runs in WAL mode, opens
write transactions with ``BEGIN IMMEDIATE`` and waits up to 20 s for the lock (measured in
``../shared/reference/stack-notes.md``: with these three settings no task was lost).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}


def database_from_url(url: str | None, *, default_sqlite_path: Path) -> dict[str, Any]:
    """Return a Django ``DATABASES['default']`` dict for ``url`` (or the embedded SQLite file)."""
    if not url:
        default_sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{default_sqlite_path}"
    try:
        config = dj_database_url.parse(url, conn_max_age=0)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database URL this app understands: {exc}"
        ) from None
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
        config["TEST"] = {"NAME": None}  # in-memory test database
    elif engine == "django.db.backends.postgresql":
        config.setdefault("OPTIONS", {})
    else:
        raise ImproperlyConfigured(
            f"DATABASE_URL must point to SQLite or PostgreSQL (found engine {engine!r})"
        )
    return config
