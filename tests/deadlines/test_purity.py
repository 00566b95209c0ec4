"""The engine is plain Python: importing it must not import Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = [
    "caseflow.deadlines",
    "caseflow.deadlines.engine",
    "caseflow.deadlines.explain",
    "caseflow.deadlines.counting",
    "caseflow.deadlines.conventions",
    "caseflow.deadlines.pauses",
]


def test_importing_the_engine_does_not_import_django():
    script = "; ".join(
        [
            "import importlib, sys",
            *(f"importlib.import_module({name!r})" for name in MODULES),
            "assert 'django' not in sys.modules, sorted(m for m in sys.modules if m.startswith('django'))",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
