"""The embedded SQLite database runs in WAL mode with ``BEGIN IMMEDIATE`` (config/database.py).

Measured in the stack notes: without these, a django-q2 worker and a web request writing at the same time
lose writes to "database is locked". The check runs in a fresh process that loads the real settings with
``DATABASE_URL`` pointing at a file, because the test database itself lives in memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

PROBE = """
import json, sqlite3
import django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    pragmas = {}
    for name in ("journal_mode", "busy_timeout", "foreign_keys", "synchronous"):
        cursor.execute(f"PRAGMA {name}")
        pragmas[name] = cursor.fetchone()[0]
    cursor.execute("CREATE TABLE probe (x integer)")

# A transaction opened by Django's atomic() holds the write lock from its first statement on, before it
# writes anything: a second writer that will not wait is refused at once. A deferred transaction (the
# sqlite3 default) would let it in and fail later, at commit or on the first write.
other = sqlite3.connect(connection.settings_dict["NAME"], timeout=0, isolation_level=None)
with transaction.atomic():
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        locked_out = False
    except sqlite3.OperationalError as exc:
        locked_out = "locked" in str(exc)
    in_transaction = connection.connection.in_transaction
print(json.dumps({"pragmas": pragmas, "locked_out": locked_out, "in_transaction": in_transaction,
                  "transaction_mode": connection.transaction_mode}))
"""


def test_it_opens_a_file_database_in_wal_mode_with_begin_immediate(tmp_path: Path) -> None:
    path = tmp_path / "caseflow.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{path}",
        "CASEFLOW_VAR_DIR": str(tmp_path),
    }

    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["pragmas"] == {
        "journal_mode": "wal",
        "busy_timeout": 20_000,
        "foreign_keys": 1,
        "synchronous": 1,
    }
    assert probe["transaction_mode"] == "IMMEDIATE"
    assert probe["in_transaction"] is True
    assert probe["locked_out"] is True
