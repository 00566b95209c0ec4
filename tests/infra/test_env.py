"""Settings from environment variables fail loudly, naming the variable (config/env.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        (" Yes ", True),
        ("ON", True),
        ("0", False),
        ("false", False),
        ("no", False),
        ("off", False),
        ("", False),
    ],
)
def test_env_bool_reads_the_usual_spellings(
    raw: str, expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEFLOW_TEST_FLAG", raw)

    assert env_bool("CASEFLOW_TEST_FLAG", not expected) is expected


def test_env_bool_returns_the_default_when_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASEFLOW_TEST_FLAG", raising=False)

    assert env_bool("CASEFLOW_TEST_FLAG", True) is True


@pytest.mark.parametrize("raw", ["maybe", "2", "y e s"])
def test_env_bool_rejects_anything_else_naming_the_variable(
    raw: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEFLOW_TEST_FLAG", raw)

    with pytest.raises(ImproperlyConfigured, match=rf"CASEFLOW_TEST_FLAG .*found '{raw}'"):
        env_bool("CASEFLOW_TEST_FLAG", False)


def test_env_int_rejects_a_non_integer_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEFLOW_TEST_NUMBER", "five")

    with pytest.raises(ImproperlyConfigured, match="CASEFLOW_TEST_NUMBER must be an integer"):
        env_int("CASEFLOW_TEST_NUMBER", 5)


def test_env_int_treats_blank_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEFLOW_TEST_NUMBER", " ")

    assert env_int("CASEFLOW_TEST_NUMBER", 5) == 5


def test_env_list_and_env_str(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEFLOW_TEST_LIST", " a.example, ,b.example ")
    monkeypatch.delenv("CASEFLOW_TEST_STR", raising=False)

    assert env_list("CASEFLOW_TEST_LIST", []) == ["a.example", "b.example"]
    assert env_str("CASEFLOW_TEST_STR", "fallback") == "fallback"


@pytest.mark.parametrize(
    ("name", "value"),
    [("DEBUG", "maybe"), ("Q_WORKERS", "two"), ("DATABASE_URL", "mysql://u@127.0.0.1/caseflow")],
)
def test_settings_refuse_to_load_with_a_bad_value(name: str, value: str, tmp_path: Path) -> None:
    """The whole settings module, in a fresh process, as a deployment would load it."""
    env = {**os.environ, name: value, "CASEFLOW_VAR_DIR": str(tmp_path)}

    result = subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert name in result.stderr.strip().splitlines()[-1]
