"""``manage.py compute_deadline``: the issue's examples, every option, and one-line errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def compute(*args: str) -> dict:
    out = io.StringIO()
    call_command("compute_deadline", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    ("args", "due"),
    [
        (["--trigger", "2026-09-20", "--rule", "cn.civil.appeal_judgment"], "2026-10-08"),
        (["--trigger", "2026-09-30", "--rule", "cn.civil.appeal_ruling"], "2026-10-10"),
        (["--trigger", "2026-02-28", "--period", "1m", "--convention", "cn_civil"], "2026-03-30"),
        (["--trigger", "2026-02-28", "--period", "1m", "--convention", "cn_criminal"], "2026-03-31"),
        (["--trigger", "2026-09-18", "--rule", "cn.admin.licensing_decision"], "2026-10-22"),
        (["--trigger", "2026-06-05", "--period", "14d", "--convention", "us_frcp_mail"], "2026-06-25"),
    ],
)
def test_the_traps_from_the_issue(reference_data, args, due):
    result = compute(*args)
    assert result["due"] == due
    assert result["provisional"] is False
    assert due in result["steps"][-1]


def test_a_rule_brings_its_citation(reference_data):
    result = compute("--trigger", "2026-09-20", "--rule", "cn.civil.appeal_judgment")
    assert result["rule"] == "cn.civil.appeal_judgment"
    assert "171" in result["citation"]
    assert "2026-10-05 is a statutory holiday (National Day): next working day 2026-10-08" in result["steps"]


def test_steps_in_chinese(reference_data):
    out = io.StringIO()
    call_command(
        "compute_deadline",
        "--trigger",
        "2026-09-20",
        "--rule",
        "cn.civil.appeal_judgment",
        "--lang",
        "zh-hans",
        "--json",
        stdout=out,
    )
    steps = json.loads(out.getvalue())["steps"]
    assert any("国庆节" in step for step in steps)


def test_before_counts_backward_and_rolls_to_the_previous_business_day(reference_data):
    # 14 days before Monday 2026-06-22 is Monday 06-08; 14 days before Saturday 2026-07-18 is 07-04,
    # Independence Day (a Saturday, observed Friday 07-03): the deadline moves back to Thursday 07-02.
    assert compute("--trigger", "2026-06-22", "--period", "14d", "--convention", "us_frcp", "--before")[
        "due"
    ] == ("2026-06-08")
    result = compute("--trigger", "2026-07-18", "--period", "14d", "--convention", "us_frcp", "--before")
    assert result["due"] == "2026-07-02"
    assert result["direction"] == "before"


def test_custody_periods_never_move(reference_data):
    # 5 days after 2026-09-30 is 2026-10-05, inside the National Day holiday.
    args = ["--trigger", "2026-09-30", "--period", "5d", "--convention", "cn_criminal"]
    assert compute(*args)["due"] == "2026-10-08"
    custody = compute(*args, "--custody")
    assert custody["due"] == "2026-10-05"
    assert custody["custody"] is True


def test_hour_periods_take_a_time_and_answer_with_one(reference_data):
    result = compute("--trigger", "2026-09-20T10:23", "--rule", "cn.criminal.interrogation_after_detention")
    assert result["due"] == "2026-09-21T11:00"
    us = compute("--trigger", "2026-06-05T16:30", "--period", "24h", "--convention", "us_frcp")
    assert us["due"] == "2026-06-08T16:30"  # Saturday 06-06 16:30 -> Monday, same time


def test_a_deadline_in_a_year_without_a_notice_is_provisional(reference_data):
    result = compute("--trigger", "2026-12-10", "--period", "30d", "--convention", "cn_civil")
    assert result["due"] == "2027-01-11"
    assert result["provisional"] is True
    assert any("2027" in step and "provisional" in step.lower() for step in result["steps"])


def test_the_calendar_can_be_chosen(reference_data):
    # 2026-10-05 is a holiday in China but a business day in the US.
    assert (
        compute("--trigger", "2026-09-20", "--period", "15d", "--convention", "cn_civil", "--calendar", "US")[
            "due"
        ]
        == "2026-10-05"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--trigger", "2026-09-20", "--rule", "cn.civil.no_such_rule"],
            "unknown rule 'cn.civil.no_such_rule'",
        ),
        (
            ["--trigger", "2026-09-20", "--period", "15 days", "--convention", "cn_civil"],
            "malformed period '15 days'",
        ),
        (
            ["--trigger", "2026-02-30", "--period", "1m", "--convention", "cn_civil"],
            "invalid trigger '2026-02-30'",
        ),
        (
            ["--trigger", "2026-09-20", "--period", "15d", "--convention", "cn_magic"],
            "unknown counting convention",
        ),
        (["--trigger", "2026-09-20", "--period", "15d"], "--period needs --convention"),
        (["--trigger", "2026-09-20", "--period", "24h", "--convention", "cn_civil"], "date and time"),
        (["--trigger", "2026-09-20", "--period", "5d", "--convention", "cn_civil", "--custody"], "custody"),
        (
            ["--trigger", "2026-09-20", "--period", "15d", "--convention", "cn_civil", "--calendar", "XX"],
            "unknown calendar",
        ),
        (
            ["--trigger", "1990-01-01", "--rule", "cn.civil.appeal_judgment"],
            "no version in force on 1990-01-01",
        ),
    ],
)
def test_bad_input_is_a_one_line_error(reference_data, args, message):
    with pytest.raises(CommandError) as excinfo:
        compute(*args)
    text = str(excinfo.value)
    assert message in text
    assert "\n" not in text


def test_the_process_exits_non_zero_with_one_line_on_stderr(tmp_path):
    """Through a real process on a fresh database: no traceback, one line, exit status 1."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}", "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "compute_deadline",
            "--trigger",
            "2026-09-20",
            "--rule",
            "x.y.z",
            "--json",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "no rules are loaded" in lines[0]
