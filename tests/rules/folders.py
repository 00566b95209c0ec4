"""Build small rules folders in ``tmp_path``: a valid one, and variants with one line changed.

``RULES`` is laid out one key per line so a test can name the line an error must point at.
"""

from __future__ import annotations

from pathlib import Path

SOURCES = """\
schema: 1
sources:
  - key: LAW
    title_zh: 某法
    title_en: The Law
    where: "a copy"
  - key: FRCP6
    title_zh: 联邦民事诉讼规则第6条
    title_en: Fed. R. Civ. P. 6
"""

TRIGGERS = """\
schema: 1
triggers:
  - code: judgment_served
    name_zh: 判决书送达
    name_en: Judgment served
  - code: hearing
    name_zh: 开庭
    name_en: Hearing
    description: "The hearing day."
"""

# Line numbers, for the tests: 6 id, 9 basis, 10 trigger, 11 period, 12 direction, 13 convention,
# 14 custody, 15 fixed_period, 16 extendable, 18 notes, 19 actor, 20 verified, 21 valid_from, 22 valid_to.
RULES = """\
schema: 1
ruleset: cn.test
version: "2026.11.1"
jurisdiction: CN
rules:
  - id: cn.test.appeal
    name_zh: 上诉期
    name_en: Appeal
    basis: {source: LAW, article: "171(1)", article_zh: 第一百七十一条第一款}
    trigger: judgment_served
    period: 15d
    direction: after
    convention: cn_civil
    custody: false
    fixed_period: false
    extendable: true
    extension_notes: "Art 86."
    notes: "A note."
    actor: party
    verified: text
    valid_from: 2024-01-01
    valid_to: null
"""

RULE_FILE = "cn_test.yaml"


def rule_entry(
    rule_id: str,
    *,
    period: str = "15d",
    valid_from: str = "2024-01-01",
    valid_to: str = "null",
    name_en: str = "Appeal",
) -> str:
    """One more rule entry to append to ``RULES`` (11 lines: ``- id:`` first, ``period`` sixth)."""
    return (
        f"  - id: {rule_id}\n    name_zh: 上诉期\n    name_en: {name_en}\n"
        '    basis: {source: LAW, article: "171", article_zh: 第一百七十一条}\n'
        f"    trigger: judgment_served\n    period: {period}\n    convention: cn_civil\n"
        f"    actor: party\n    verified: text\n    valid_from: {valid_from}\n    valid_to: {valid_to}\n"
    )


def replace_line(text: str, line: int, new: str) -> str:
    """``text`` with its 1-based ``line`` replaced by ``new`` (which may hold several lines, or none)."""
    lines = text.splitlines()
    lines[line - 1 : line] = new.splitlines()
    return "\n".join(lines) + "\n"


def rules_folder(
    folder: Path,
    rules: str | None = RULES,
    *,
    sources: str | None = SOURCES,
    triggers: str | None = TRIGGERS,
    name: str = RULE_FILE,
) -> Path:
    """Write a rules folder (``None`` leaves a file out) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for filename, text in (("sources.yaml", sources), ("triggers.yaml", triggers), (name, rules)):
        if text is not None:
            (folder / filename).write_text(text, encoding="utf-8")
    return folder
