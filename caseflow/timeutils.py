"""Reading dates and moments typed by people (command options, forms) into the office's time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings


class TimeParseError(ValueError):
    pass


def office_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def parse_date(text: str, *, what: str = "date") -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise TimeParseError(f"invalid {what} {text!r}: {_reason(exc)} (expected YYYY-MM-DD)") from None


def parse_moment(text: str, *, zone: ZoneInfo | None = None, what: str = "time") -> dt.datetime:
    """``YYYY-MM-DDTHH:MM`` (local to ``zone``, the office zone by default) or with an explicit offset."""
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise TimeParseError(f"invalid {what} {text!r}: {_reason(exc)} (expected YYYY-MM-DDTHH:MM)") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone or office_zone())
    return value


def parse_date_or_moment(text: str, *, what: str = "trigger") -> dt.date | dt.datetime:
    """A date, or a naive local date-time when the text has a time part."""
    raw = text.strip()
    if "T" in raw or " " in raw:
        try:
            value = dt.datetime.fromisoformat(raw)
        except ValueError as exc:
            raise TimeParseError(
                f"invalid {what} {text!r}: {_reason(exc)} (expected YYYY-MM-DDTHH:MM)"
            ) from None
        if value.tzinfo is not None:
            raise TimeParseError(f"invalid {what} {text!r}: give the local time without an offset")
        return value
    return parse_date(raw, what=what)


def _reason(exc: ValueError) -> str:
    message = str(exc)
    return message.split(": ", 1)[-1] if "Invalid isoformat" in message else message
