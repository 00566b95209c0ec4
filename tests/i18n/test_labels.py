"""The translated labels of the engine's conventions and directions (caseflow/labels.py).

In English they are the engine's own labels word for word: model choices built from them deconstruct as
before, so switching a field to them needs no migration. In Chinese they come from the catalog."""

from __future__ import annotations

import pytest
from django.utils import translation

from caseflow.deadlines.periods import Convention, Direction
from caseflow.labels import CONVENTION_CHOICES, CONVENTION_LABELS, DIRECTION_LABELS, convention_label
from caseflow.templatetags.caseflow_tags import convention_label as convention_filter


@pytest.mark.parametrize("convention", list(Convention))
def test_the_english_label_is_the_engines(convention):
    with translation.override("en"):
        assert str(CONVENTION_LABELS[convention]) == convention.label


@pytest.mark.parametrize("direction", list(Direction))
def test_the_english_direction_is_the_engines(direction):
    with translation.override("en"):
        assert str(DIRECTION_LABELS[direction]) == direction.label


def test_every_convention_has_a_choice_in_the_engines_order():
    assert [value for value, _ in CONVENTION_CHOICES] == [c.value for c in Convention]


def test_chinese_readers_get_chinese_labels():
    with translation.override("zh-hans"):
        assert convention_label("cn_criminal") == "中国刑事诉讼期间计算规则（刑诉法 105; 刑诉法解释 202）"
        assert str(DIRECTION_LABELS[Direction.BEFORE]) == "起算日之前（向前倒数）"
        assert convention_filter("cn_workdays").startswith("中国工作日期间计算规则")


def test_an_unknown_or_empty_code_is_shown_as_it_is():
    assert convention_label("xx_unknown") == "xx_unknown"
    assert convention_filter("") == ""
