"""Small helpers shared by the model modules."""

from __future__ import annotations

from django.utils.translation import get_language


def localized(zh: str, en: str) -> str:
    """Pick the English text when the active language is English and one exists, else the Chinese."""
    lang = get_language() or "zh-hans"
    if lang.startswith("en") and en:
        return en
    return zh or en
