"""bin/pg-throwaway: the throwaway PostgreSQL cluster that bin/test and the benchmarks use."""

from __future__ import annotations

import glob
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

PROBE = """
import os, sys
import psycopg
with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
    user, db, listen = conn.execute(
        "SELECT current_user, current_database(), current_setting('listen_addresses')"
    ).fetchone()
print(user, db, listen, os.environ["CASEFLOW_PG_DIR"])
sys.exit(3)
"""


@pytest.mark.skipif(
    not glob.glob("/usr/lib/postgresql/*/bin/initdb"),
    reason="no PostgreSQL server installed yet (bin/test installs it before its PostgreSQL run)",
)
def test_run_gives_the_command_a_database_then_deletes_the_cluster() -> None:
    result = subprocess.run(
        [str(BASE_DIR / "bin" / "pg-throwaway"), "run", "--", sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 3, result.stderr  # the command's own status
    user, db, listen, cluster_dir = result.stdout.split()
    assert (user, db, listen) == ("caseflow", "caseflow", "127.0.0.1")
    assert not Path(cluster_dir).exists()
