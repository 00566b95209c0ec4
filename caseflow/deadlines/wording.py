"""Wording shared by the English and Chinese step texts: how dates, spans and step context read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

Params = Mapping[str, str]
Renderer = Callable[[Params], str]


def when(value: str) -> str:
    """An ISO date stays as is; an ISO date-time is shown as ``2026-09-21 11:00``."""
    return value.replace("T", " ")


def span(p: Params, zh: bool) -> str:
    first, last = p["first"], p["last"]
    if first == last:
        return first
    return f"{first} 至 {last}" if zh else f"{first} to {last}"


def is_us(p: Params) -> bool:
    return p["convention"].startswith("us_")


def backward(p: Params) -> bool:
    return p["direction"] == "before"


def weekday(p: Params, names: tuple[str, ...]) -> str:
    return names[dt.date.fromisoformat(p["day"][:10]).weekday()]
