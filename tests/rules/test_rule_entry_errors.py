"""Every check on one rule entry names the file and the line of the offending key (``RULES``, folders.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseflow.rulefiles import RuleFileError, load_rule_files
from tests.rules.folders import RULE_FILE, RULES, replace_line, rules_folder

PERIOD_HINT = "period must be like 15d, 20wd, 6m, 2y or 24h"
CONVENTIONS = "cn_civil, cn_criminal, cn_workdays, us_frcp, us_frcp_mail"

CASES = [
    # (line to replace, new text, line of the error, message)
    (11, "    period: 15 days", 11, f"{PERIOD_HINT} (found '15 days')"),
    (11, "    period: 15", 11, f"{PERIOD_HINT} (found 15)"),
    (11, "    period: -3d", 11, f"{PERIOD_HINT} (found '-3d')"),
    (11, "    period: 4000d", 11, "period must be 1 to 3660 days (found '4000d')"),
    (11, "    period: 0m", 11, "period must be 1 to 600 months (found '0m')"),
    (11, "    period: 20wd", 11, "periods in working days need convention cn_workdays (found cn_civil)"),
    (
        13,
        "    convention: cn_workdays",
        11,
        "convention cn_workdays counts working days: use wd (found '15d')",
    ),
    (
        13,
        "    convention: CN_CIVIL_PROC",
        13,
        f"convention must be one of {CONVENTIONS} (found 'CN_CIVIL_PROC')",
    ),
    (13, "    convention: us_frcp", 13, "convention must be for CN rules (found us_frcp)"),
    (12, "    direction: backward", 12, "direction must be one of after, before (found 'backward')"),
    (14, "    custody: true", 14, "custody: true needs convention cn_criminal (found cn_civil)"),
    (14, "    custody: yes", 14, "custody must be true or false (found yes)"),
    (
        15,
        "    fixed_period: true",
        16,
        "a fixed period (fixed_period: true) cannot be extendable (found true)",
    ),
    (
        10,
        "    trigger: judgement_served",
        10,
        "trigger 'judgement_served' is not defined in {triggers} (did you mean 'judgment_served'?)",
    ),
    (10, "    trigger: zzz", 10, "trigger 'zzz' is not defined in {triggers} (found 'zzz')"),
    (
        9,
        '    basis: {source: LAWS, article: "1", article_zh: 第一条}',
        9,
        "source 'LAWS' is not defined in {sources} (did you mean 'LAW'?)",
    ),
    (
        9,
        '    basis: {source: LAW, article: "171"}',
        9,
        "basis needs article_zh in a CN file, the Chinese citation (found none)",
    ),
    (
        9,
        "    basis: {source: LAW, article: 171, article_zh: 第一百七十一条}",
        9,
        "article must be text; put it in quotes (found 171)",
    ),
    (9, "    basis: MSPL2023", 9, "expected a mapping with source, article (found 'MSPL2023')"),
    (
        9,
        "    basis:",
        9,
        'basis must be a mapping like {source: MSPL2023, article: "171(1)"} (found nothing)',
    ),
    (6, "  - id: cn.Civil.appeal", 6, "id must be like cn.civil.appeal_judgment (found 'cn.Civil.appeal')"),
    (6, "  - id: us.test.appeal", 6, "id must start with 'cn.' in a CN file (found 'us.test.appeal')"),
    (7, '    name_zh: ""', 7, "name_zh must not be empty (found '')"),
    (7, "    name_zh:", 7, "name_zh must be given (found nothing)"),
    (7, "    name_zh: " + "长" * 201, 7, "name_zh must be at most 200 characters (found 201)"),
    (8, "    name_en: 42", 8, "name_en must be text; put it in quotes (found 42)"),
    (8, "    name_en: [a, b]", 8, "name_en must be text (found a list)"),
    (17, "    extension_notes: {by: court}", 17, "extension_notes must be text (found a mapping)"),
    (
        19,
        "    actor: judge",
        19,
        "actor must be one of party, court, agency, procuratorate, police, tribunal (found 'judge')",
    ),
    (20, "    verified: yes", 20, "verified must be one of text, memory, interp (found yes)"),
    (21, "    valid_from: 2024-13-01", 21, "valid_from must be a date like 2024-01-01 (found 2024-13-01)"),
    (21, "    valid_from: 2024-02-30", 21, "valid_from must be a date like 2024-01-01 (found 2024-02-30)"),
    (21, "    valid_from: 1 Jan 2024", 21, "valid_from must be a date like 2024-01-01 (found '1 Jan 2024')"),
    (
        21,
        "    valid_from: 2024-01-01 10:00",
        21,
        "valid_from must be a date like 2024-01-01 (found '2024-01-01 10:00')",
    ),
    (
        22,
        "    valid_to: 2023-12-31",
        22,
        "valid_to must not be before valid_from 2024-01-01 (found 2023-12-31)",
    ),
    (18, '    note: "x"', 18, "unknown key 'note' (did you mean 'notes'?)"),
    (18, '    notes: "x"\n    notes: "y"', 19, "duplicate key 'notes' (first at line 18)"),
    (11, "", 6, "missing key period"),
]


@pytest.mark.parametrize(("line", "new", "error_line", "message"), CASES)
def test_it_names_the_line_and_what_was_found(
    tmp_path: Path, line: int, new: str, error_line: int, message: str
):
    folder = rules_folder(tmp_path, replace_line(RULES, line, new))
    expected = message.replace("{triggers}", str(folder / "triggers.yaml"))
    expected = expected.replace("{sources}", str(folder / "sources.yaml"))

    with pytest.raises(RuleFileError) as caught:
        load_rule_files(folder)

    assert caught.value.errors == [f"{folder / RULE_FILE}:{error_line}: {expected}"]


def test_it_accepts_the_unchanged_entry(tmp_path: Path):
    book = load_rule_files(rules_folder(tmp_path))

    [rule] = book.rules
    assert (rule.id, str(rule.period), rule.convention, rule.direction) == (
        "cn.test.appeal",
        "15d",
        "cn_civil",
        "after",
    )
    assert (rule.source, rule.article, rule.article_zh) == ("LAW", "171(1)", "第一百七十一条第一款")
    assert (rule.ruleset, rule.ruleset_version, rule.jurisdiction) == ("cn.test", "2026.11.1", "CN")
    assert (rule.file, rule.line) == (str(tmp_path / RULE_FILE), 6)
    assert rule.valid_to is None


def test_it_makes_a_fixed_period_unextendable_by_default(tmp_path: Path):
    rules = replace_line(replace_line(RULES, 16, ""), 15, "    fixed_period: true")

    [rule] = load_rule_files(rules_folder(tmp_path, rules)).rules

    assert (rule.fixed_period, rule.extendable) == (True, False)


def test_it_allows_working_days_only_with_cn_workdays(tmp_path: Path):
    rules = replace_line(replace_line(RULES, 13, "    convention: cn_workdays"), 11, "    period: 20wd")

    [rule] = load_rule_files(rules_folder(tmp_path, rules)).rules

    assert (str(rule.period), rule.convention) == ("20wd", "cn_workdays")


def test_it_refuses_hours_with_us_frcp_mail(tmp_path: Path):
    rules = RULES.replace("ruleset: cn.test", "ruleset: us.test").replace(
        "jurisdiction: CN", "jurisdiction: US"
    )
    rules = rules.replace("cn.test.appeal", "us.test.appeal").replace("cn_civil", "us_frcp_mail")
    folder = rules_folder(tmp_path, replace_line(rules, 11, "    period: 24h"))

    with pytest.raises(RuleFileError) as caught:
        load_rule_files(folder)

    assert caught.value.errors == [
        f"{folder / RULE_FILE}:11: us_frcp_mail adds days, so it cannot count hours (found '24h')"
    ]


def test_it_collects_every_error_in_one_report(tmp_path: Path):
    rules = replace_line(replace_line(RULES, 19, "    actor: judge"), 11, "    period: 15 days")
    folder = rules_folder(tmp_path, replace_line(rules, 13, "    convention: nope"))

    with pytest.raises(RuleFileError) as caught:
        load_rule_files(folder)

    path = folder / RULE_FILE
    assert caught.value.errors == [
        f"{path}:11: {PERIOD_HINT} (found '15 days')",
        f"{path}:13: convention must be one of {CONVENTIONS} (found 'nope')",
        f"{path}:19: actor must be one of party, court, agency, procuratorate, police, tribunal "
        "(found 'judge')",
    ]
    assert str(caught.value) == "\n".join(caught.value.errors)
    assert isinstance(caught.value, ValueError)
