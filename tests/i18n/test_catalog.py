"""The zh-hans catalog is complete and well formed: every message translated, none fuzzy, placeholders
and markup kept, the plural header right for Chinese, and the glossary's terms used throughout
(locale/README.md)."""

from __future__ import annotations

import re

import pytest

from tests.i18n import po
from tests.i18n.conftest import PO_PATH, where

CJK = re.compile(r"[\u3400-\u9fff]")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")

# Kept as they are on purpose: the product's name.
SAME_AS_ENGLISH = {"Caseflow"}


def test_it_has_the_chinese_plural_header():
    header = po.header(po.parse(PO_PATH))
    assert header["Plural-Forms"] == "nplurals=1; plural=0;"
    assert header["Language"] == "zh_Hans"
    assert header["Content-Type"] == "text/plain; charset=UTF-8"


def test_the_header_is_not_fuzzy():
    (header,) = [entry for entry in po.parse(PO_PATH) if entry.is_header]
    assert not header.fuzzy, "msgfmt drops a fuzzy header: remove '#, fuzzy' above msgid \"\""


def test_it_keeps_no_obsolete_entries():
    obsolete = [line for line in PO_PATH.read_text(encoding="utf-8").splitlines() if line.startswith("#~")]
    assert not obsolete, "run makemessages with --no-obsolete (locale/README.md)"


def test_every_message_is_translated(entries):
    missing = [where(entry) for entry in entries if not all(text.strip() for text in entry.translations)]
    assert not missing, "untranslated:\n" + "\n".join(missing)


def test_no_message_is_fuzzy(entries):
    fuzzy = [where(entry) for entry in entries if entry.fuzzy]
    assert not fuzzy, "fuzzy (check the translation, then remove the flag):\n" + "\n".join(fuzzy)


def test_plural_messages_have_exactly_one_form(entries):
    """Chinese has one plural form (nplurals=1): msgstr[0] only."""
    wrong = [where(entry) for entry in entries if entry.msgid_plural and sorted(entry.msgstr_plural) != [0]]
    assert not wrong, "\n".join(wrong)


def test_placeholders_match(entries):
    wrong = []
    for entry in entries:
        expected = po.placeholders(entry.msgid)
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        for source in sources:
            if po.placeholders(source) != expected:
                wrong.append(f"{where(entry)}: msgid and msgid_plural differ")
        for text in entry.translations:
            if po.placeholders(text) != expected:
                wrong.append(f"{where(entry)}: {po.placeholders(text)} instead of {expected}")
    assert not wrong, "\n".join(wrong)


def test_markup_is_kept(entries):
    wrong = [
        where(entry)
        for entry in entries
        for text in entry.translations
        if sorted(TAG.findall(text)) != sorted(TAG.findall(entry.msgid))
    ]
    assert not wrong, "\n".join(wrong)


def test_every_translation_is_chinese(entries):
    """A msgstr copied from the msgid, or left in English, reads as untranslated to a Chinese user."""
    wrong = [
        where(entry)
        for entry in entries
        for text in entry.translations
        if entry.msgid not in SAME_AS_ENGLISH and not CJK.search(text) and entry.msgctxt != "list separator"
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("pattern", "use"),
    [
        # One word for each thing (locale/README.md, "Glossary").
        (r"阶段", "节点 (stage)"),
        (r"截至日期|到期日期", "截止日期 (due date)"),
        (r"升级", "督办 (escalation)"),
        (r"确认收到|知悉确认", "签收 (acknowledge)"),
        (r"(?<!预警)责任人", "承办人 (responsible person; 预警责任人 only about a warning)"),
        (r"负责律师|主承办律师", "主办律师 (lead lawyer)"),
        (r"客户", "委托人 (client)"),
        (r"触发日|触发事件", "起算日 / 起算事件 (trigger date / event)"),
        (r"收件箱", "站内消息 (inbox)"),
        (r"超期|过期", "逾期 (overdue), except 掩盖超期 in the pause statistics"),
    ],
)
def test_the_glossary_is_followed(entries, pattern, use):
    allowed = {"Per person who asked"}  # 超期 (overrun of a time limit) is the right word there
    wrong = [
        f"{where(entry)}: {text!r}"
        for entry in entries
        for text in entry.translations
        if re.search(pattern, text) and not any(entry.msgid.startswith(a) for a in allowed)
    ]
    assert not wrong, f"use {use}:\n" + "\n".join(wrong)


def test_chinese_text_uses_full_width_punctuation(entries):
    """``截止日期:`` or ``暂停(中止)`` look broken in Chinese: after a Chinese character, use ：，；（ etc."""
    wrong = [
        f"{where(entry)}: {text!r}"
        for entry in entries
        for text in entry.translations
        if re.search(r"[\u3400-\u9fff][,;:!?(]", text)
    ]
    assert not wrong, "\n".join(wrong)
