"""``DATABASE_URL`` → ``DATABASES['default']`` (config/database.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.database import SQLITE_OPTIONS, database_from_url


def test_it_uses_the_embedded_sqlite_file_when_no_url_is_given(tmp_path: Path) -> None:
    path = tmp_path / "var" / "caseflow.sqlite3"

    config = database_from_url("", default_sqlite_path=path)

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(path)
    assert path.parent.is_dir()  # created, so SQLite can create the file
    assert config["OPTIONS"] == SQLITE_OPTIONS
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["TEST"] == {"NAME": None}  # the test database lives in memory
    assert config["CONN_MAX_AGE"] == 0


def test_it_applies_the_sqlite_options_to_an_explicit_sqlite_url(tmp_path: Path) -> None:
    config = database_from_url(f"sqlite:///{tmp_path}/other.sqlite3", default_sqlite_path=tmp_path / "x")

    assert config["NAME"] == f"{tmp_path}/other.sqlite3"
    assert config["OPTIONS"] == SQLITE_OPTIONS
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_it_parses_a_postgresql_url(scheme: str, tmp_path: Path) -> None:
    config = database_from_url(
        f"{scheme}://caseflow:s3cret@127.0.0.1:55432/caseflow", default_sqlite_path=tmp_path / "x"
    )

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("caseflow", "caseflow", "s3cret")
    assert (config["HOST"], config["PORT"]) == ("127.0.0.1", 55432)
    assert config["CONN_MAX_AGE"] == 0
    assert "TEST" not in config  # pytest-django names it test_caseflow (plus the xdist worker suffix)


@pytest.mark.parametrize(
    ("url", "found"),
    [
        ("mysql://u@127.0.0.1/caseflow", "django.db.backends.mysql"),
        ("nonsense://x", "nonsense"),
        ("postgres://u@h:notaport/db", "not a valid url"),
    ],
)
def test_it_rejects_a_url_it_cannot_use_naming_the_variable(url: str, found: str, tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL") as excinfo:
        database_from_url(url, default_sqlite_path=tmp_path / "x")

    assert found in str(excinfo.value)
