"""Rendering of explanation steps in English and Chinese.

Each step code has one English renderer (:mod:`.explain_en`) and one Chinese renderer (:mod:`.explain_zh`).
The texts read like an associate's working notes: what was counted, which day fell where, which rule moved
it and why. Statutes are cited by the short names lawyers use (民诉法, 刑诉法解释, FRCP 6(a)(1)(C)); the full
citation of the rule itself comes from the rule data. Renderers only format what the engine decided; they
never compute a date, so stored steps re-render identically.
"""

from __future__ import annotations

from caseflow.deadlines import explain_en, explain_zh
from caseflow.deadlines.wording import Params

STEP_CODES = frozenset(explain_en.TEXTS)


def render(code: str, params: Params, lang: str = "en") -> str:
    """The text of one step; ``lang`` starting with "zh" gives Chinese, anything else English."""
    texts = explain_zh.TEXTS if lang.lower().startswith("zh") else explain_en.TEXTS
    try:
        renderer = texts[code]
    except KeyError:
        raise ValueError(f"unknown explanation step {code!r}") from None
    return renderer(params)
