"""Pack folders for these tests live in short temporary directories: ``MatterType.pack`` records the
pack's path in at most 80 characters, and pytest's own ``tmp_path`` is often longer than that."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def tmp_path() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="packs-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)
