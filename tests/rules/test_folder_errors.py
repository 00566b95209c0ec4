"""Errors in a file as a whole, in sources.yaml and triggers.yaml, and across files (rulesets, versions)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from caseflow.rulefiles import RuleFileError, load_rule_files
from tests.rules.folders import RULE_FILE, RULES, SOURCES, TRIGGERS, replace_line, rule_entry, rules_folder


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(RuleFileError) as caught:
        load_rule_files(folder)
    return caught.value.errors


HEADER_CASES = [
    (1, "schema: 2", 1, "schema must be 1 (found 2)"),
    (1, 'schema: "1"', 1, "schema must be 1 (found '1')"),
    (2, "ruleset: civil", 2, "ruleset must be like cn.civil or us.federal (found 'civil')"),
    (3, "version: 2026.11", 3, "version must be text; put it in quotes (found 2026.11)"),
    (3, 'version: "v1"', 3, "version must be like \"2026.11.1\" (found 'v1')"),
    (4, "jurisdiction: US-FED", 4, "jurisdiction must be one of CN, US (found 'US-FED')"),
    (
        4,
        "jurisdiction: CN\ntitle: x",
        5,
        "unknown key 'title' (expected one of schema, ruleset, version, jurisdiction, rules)",
    ),
    (2, "", 1, "missing key ruleset"),
    (
        11,
        "    period: [15d",
        12,
        "invalid YAML: expected ',' or ']', but got ':' (while parsing a flow sequence at line 11)",
    ),
    (11, "\tperiod: 15d", 11, "invalid YAML: found character '\\t' that cannot start any token"),
    (
        11,
        "    period: 15d\n  bad",
        13,
        "invalid YAML: could not find expected ':' (while scanning a simple key at line 12)",
    ),
]


@pytest.mark.parametrize(("line", "new", "error_line", "message"), HEADER_CASES)
def test_it_reports_file_level_errors_at_their_line(
    tmp_path: Path, line: int, new: str, error_line: int, message: str
):
    folder = rules_folder(tmp_path, replace_line(RULES, line, new))

    assert errors_of(folder) == [f"{folder / RULE_FILE}:{error_line}: {message}"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty (found no YAML document)"),
        ("- a\n", "expected a mapping with schema, ruleset, version, … (found a list)"),
        (
            'schema: 1\nruleset: cn.test\nversion: "2026.1.1"\njurisdiction: CN\nrules: []\n',
            "rules must be a non-empty list (found an empty list)",
        ),
    ],
)
def test_it_reports_unusable_files(tmp_path: Path, text: str, message: str):
    folder = rules_folder(tmp_path, text)

    [error] = errors_of(folder)

    assert error.startswith(f"{folder / RULE_FILE}:")
    assert error.endswith(message)


def test_it_reports_bytes_that_are_not_utf8(tmp_path: Path):
    folder = rules_folder(tmp_path)
    (folder / RULE_FILE).write_bytes(RULES.encode() + b"    notes: \xff\n")

    assert errors_of(folder) == [f"{folder / RULE_FILE}:23: not UTF-8 text (found byte 0xff)"]


def test_it_needs_sources_and_triggers_and_skips_reference_checks_without_them(tmp_path: Path):
    folder = rules_folder(tmp_path, sources=None, triggers=None)

    assert errors_of(folder) == [
        f"{folder / 'sources.yaml'}: file not found (a rules folder needs it)",
        f"{folder / 'triggers.yaml'}: file not found (a rules folder needs it)",
    ]


def test_it_needs_at_least_one_rules_file(tmp_path: Path):
    folder = rules_folder(tmp_path, rules=None)

    assert errors_of(folder) == [f"{folder}: no rules files (found no *.yaml besides those two)"]


def test_it_refuses_yml_files_instead_of_skipping_them(tmp_path: Path):
    folder = rules_folder(tmp_path)
    (folder / "cn_more.yml").write_text(RULES, encoding="utf-8")

    assert errors_of(folder) == [
        f"{folder / 'cn_more.yml'}:1: rules files must end in .yaml (found cn_more.yml)"
    ]


def test_it_refuses_a_missing_folder(tmp_path: Path):
    assert errors_of(tmp_path / "nowhere") == [
        f"{tmp_path / 'nowhere'}: not a directory (found no rules folder there)"
    ]


@pytest.mark.parametrize(
    ("line", "new", "error_line", "message"),
    [
        (3, "  - key: mspl", 3, "key must be upper-case like MSPL2023 (found 'mspl')"),
        (4, "    title_zh:", 4, "title_zh must be given (found nothing)"),
        (7, "  - key: LAW", 7, "key LAW is defined twice (first at line 3)"),
        (
            6,
            '    where: "a copy"\n    url: x',
            7,
            "unknown key 'url' (expected one of key, title_zh, title_en, where)",
        ),
    ],
)
def test_it_checks_sources(tmp_path: Path, line: int, new: str, error_line: int, message: str):
    folder = rules_folder(tmp_path, sources=replace_line(SOURCES, line, new))

    errors = errors_of(folder)

    assert f"{folder / 'sources.yaml'}:{error_line}: {message}" in errors


@pytest.mark.parametrize(
    ("line", "new", "error_line", "message"),
    [
        (
            3,
            "  - code: Judgment-Served",
            3,
            "code must be lower-case like judgment_served (found 'Judgment-Served')",
        ),
        (6, "  - code: judgment_served", 6, "code judgment_served is defined twice (first at line 3)"),
        (5, '    name_en: "  "', 5, "name_en must not be empty (found '  ')"),
        (1, "schema: 1\nextra: 1", 2, "unknown key 'extra' (expected one of schema, triggers)"),
    ],
)
def test_it_checks_triggers(tmp_path: Path, line: int, new: str, error_line: int, message: str):
    folder = rules_folder(tmp_path, triggers=replace_line(TRIGGERS, line, new))

    errors = errors_of(folder)

    assert f"{folder / 'triggers.yaml'}:{error_line}: {message}" in errors


def test_it_refuses_a_ruleset_name_used_twice(tmp_path: Path):
    folder = rules_folder(tmp_path)
    other = RULES.replace("cn.test.appeal", "cn.test.other")
    (folder / "cn_zother.yaml").write_text(other, encoding="utf-8")

    assert errors_of(folder) == [
        f"{folder / 'cn_zother.yaml'}:2: ruleset cn.test is also declared in {folder / RULE_FILE}:2"
    ]


def test_it_accepts_versions_with_separate_validity(tmp_path: Path):
    rules = replace_line(RULES, 22, "    valid_to: 2024-12-31") + rule_entry(
        "cn.test.appeal", period="20d", valid_from="2025-01-01"
    )

    book = load_rule_files(rules_folder(tmp_path, rules))

    first, second = book.versions("cn.test.appeal")
    assert (str(first.period), first.valid_to, first.line) == ("15d", dt.date(2024, 12, 31), 6)
    assert (str(second.period), second.valid_to, second.line) == ("20d", None, 23)


def test_it_refuses_overlapping_versions(tmp_path: Path):
    rules = RULES + rule_entry("cn.test.appeal", period="20d", valid_from="2025-01-01")
    folder = rules_folder(tmp_path, rules)

    assert errors_of(folder) == [
        f"{folder / RULE_FILE}:23: cn.test.appeal versions overlap: 2025-01-01 to open end "
        "(found 2024-01-01 to open end at line 6)"
    ]


def test_it_refuses_two_versions_starting_the_same_day(tmp_path: Path):
    rules = replace_line(RULES, 22, "    valid_to: 2024-12-31") + rule_entry(
        "cn.test.appeal", valid_to="2024-06-30"
    )
    folder = rules_folder(tmp_path, rules)

    assert errors_of(folder) == [
        f"{folder / RULE_FILE}:23: cn.test.appeal versions overlap: 2024-01-01 to 2024-06-30 "
        "(found 2024-01-01 to 2024-12-31 at line 6)"
    ]


def test_it_refuses_versions_with_different_names(tmp_path: Path):
    rules = replace_line(RULES, 22, "    valid_to: 2024-12-31") + rule_entry(
        "cn.test.appeal", valid_from="2025-01-01", name_en="Appeal period"
    )
    folder = rules_folder(tmp_path, rules)

    assert errors_of(folder) == [
        f"{folder / RULE_FILE}:23: cn.test.appeal: versions must share name_en "
        "(found 'Appeal period'; line 6 has 'Appeal')"
    ]


def test_it_refuses_versions_of_one_rule_in_two_files(tmp_path: Path):
    folder = rules_folder(tmp_path, replace_line(RULES, 22, "    valid_to: 2024-12-31"))
    other = RULES.replace("ruleset: cn.test", "ruleset: cn.other").replace("2024-01-01", "2025-01-01")
    (folder / "cn_zother.yaml").write_text(other, encoding="utf-8")

    assert errors_of(folder) == [
        f"{folder / 'cn_zother.yaml'}:6: cn.test.appeal is also defined in {folder / RULE_FILE}:6 "
        "(versions share one file)"
    ]
