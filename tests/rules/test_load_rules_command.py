"""``manage.py load_rules``: its one-line summary, ``--check``, and errors on stderr with exit status 1."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from caseflow.management.commands.load_rules import Command
from caseflow.models import EventType, Rule
from caseflow.rulefiles import load_rule_files
from tests.rules.folders import RULE_FILE, RULES, replace_line, rules_folder

CREATED = (
    "rule versions: 1 created, 0 updated, 0 unchanged, 0 deleted; rules: 1 created, 0 updated, 0 unchanged, "
    "0 deleted; triggers: 2 created, 0 updated, 0 unchanged, 0 deleted; sources: 2 created, 0 updated, "
    "0 unchanged, 0 deleted\n"
)
UNCHANGED = (
    "rule versions: 0 created, 0 updated, 1 unchanged, 0 deleted; rules: 0 created, 0 updated, 1 unchanged, "
    "0 deleted; triggers: 0 created, 0 updated, 2 unchanged, 0 deleted; sources: 0 created, 0 updated, "
    "2 unchanged, 0 deleted\n"
)


def run(*args: str) -> str:
    out = StringIO()
    call_command("load_rules", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_prints_one_summary_line_and_changes_nothing_the_second_time(tmp_path: Path):
    folder = rules_folder(tmp_path)

    assert run("--dir", str(folder)) == CREATED
    assert run("--dir", str(folder)) == UNCHANGED


@pytest.mark.django_db
def test_it_prints_what_it_left_alone_after_the_summary(tmp_path: Path):
    EventType.objects.create(code="hearing", name_zh="开庭", name_en="Hearing")

    lines = run("--dir", str(rules_folder(tmp_path))).splitlines()

    assert lines[1:] == ["trigger hearing is defined by the admin: left as it is"]


@pytest.mark.django_db
def test_it_loads_the_shipped_rules_by_default():
    book = load_rule_files()

    output = run()

    assert output.startswith(f"rule versions: {len(book.rules)} created, 0 updated, 0 unchanged, 0 deleted; ")
    assert Rule.objects.count() == len(book.rule_ids)


@pytest.mark.django_db
def test_check_validates_without_writing(tmp_path: Path):
    output = run("--dir", str(rules_folder(tmp_path)), "--check")

    assert output == "1 rules (1 versions) in 1 files, 2 triggers, 2 sources: no errors\n"
    assert not Rule.objects.exists()
    assert not EventType.objects.exists()


@pytest.mark.django_db
def test_it_raises_command_error_with_every_error_line_and_writes_nothing(tmp_path: Path):
    folder = rules_folder(
        tmp_path, replace_line(replace_line(RULES, 19, "    actor: judge"), 11, "    period: 15 days")
    )

    with pytest.raises(CommandError) as caught:
        run("--dir", str(folder))

    path = folder / RULE_FILE
    assert str(caught.value) == (
        f"{path}:11: period must be like 15d, 20wd, 6m, 2y or 24h (found '15 days')\n"
        f"{path}:19: actor must be one of party, court, agency, procuratorate, police, tribunal "
        "(found 'judge')"
    )
    assert caught.value.returncode == 1
    assert not Rule.objects.exists()


def test_it_exits_1_with_the_errors_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    folder = rules_folder(tmp_path, replace_line(RULES, 13, "    convention: cn_civl"))

    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["manage.py", "load_rules", "--dir", str(folder), "--check"])

    captured = capsys.readouterr()
    assert exited.value.code == 1
    assert captured.out == ""
    assert captured.err == (
        f"CommandError: {folder / RULE_FILE}:13: convention must be one of cn_civil, cn_criminal, "
        "cn_workdays, us_frcp, us_frcp_mail (found 'cn_civl')\n"
    )


def test_check_of_the_shipped_rules_exits_normally(capsys: pytest.CaptureFixture[str]):
    book = load_rule_files()

    Command().run_from_argv(["manage.py", "load_rules", "--check"])

    assert capsys.readouterr().out == (
        f"{len(book.rule_ids)} rules ({len(book.rules)} versions) in 6 files, "
        f"{len(book.triggers)} triggers, {len(book.sources)} sources: no errors\n"
    )
