"""Rendering messages in the recipient's language.

Everything a template shows that depends on the language (stage and team names, level labels, dates,
"3 days left") is evaluated while the template renders, inside ``translation.override(language)`` and the
office time zone, so one composition can write a Chinese inbox row and an English e-mail side by side.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from alerts.models import Channel, Level
from caseflow.timeutils import office_zone

TEMPLATE_DIR = "alerts/notifications"
LEVEL_COLOURS = {
    Level.NORMAL: "#5f6368",
    Level.REMINDER: "#1a73e8",
    Level.WARNING: "#b08800",
    Level.URGENT: "#e8710a",
    Level.OVERDUE: "#d93025",
}


def office_today(now: dt.datetime) -> dt.date:
    """The office-local date at ``now`` (warning thresholds in days count from this date)."""
    return now.astimezone(office_zone()).date()


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def matter_link(matter_id: int) -> str:
    return absolute(f"/matters/{matter_id}/")


def escalation_link(escalation_id: int) -> str:
    return absolute(f"/escalations/{escalation_id}/")


def language_of(user: Any | None) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    return language if language in codes else settings.LANGUAGE_CODE


@contextmanager
def rendering(language: str) -> Iterator[None]:
    """The recipient's language and the office time zone (not whatever a web request activated)."""
    with translation.override(language), timezone.override(office_zone()):
        yield


@dataclass
class Due:
    """A stage's (or a matter's total) limit as a message shows it. Text properties are lazy on purpose."""

    stage: Any | None
    matter: Any
    due_date: dt.date | None
    due_at: dt.datetime | None
    hour_precision: bool
    provisional: bool
    today: dt.date
    now: dt.datetime

    @classmethod
    def of_stage(cls, stage: Any, *, now: dt.datetime) -> Due:
        return cls(
            stage=stage,
            matter=stage.matter,
            due_date=stage.due_date,
            due_at=stage.due_at,
            hour_precision=stage.hour_precision,
            provisional=stage.provisional,
            today=office_today(now),
            now=now,
        )

    @classmethod
    def of_clock(cls, clock: Any, *, now: dt.datetime) -> Due:
        if clock.stage_id is not None:
            return cls.of_stage(clock.stage, now=now)
        due_date = clock.matter.total_due or dt.date.fromordinal(clock.due_day)
        return cls(
            stage=None,
            matter=clock.matter,
            due_date=due_date,
            due_at=clock.due_at,
            hour_precision=False,
            provisional=False,
            today=office_today(now),
            now=now,
        )

    @property
    def title(self) -> str:
        """The stage's name, or "total handling limit" for a matter clock (in the active language)."""
        return self.stage.name if self.stage is not None else gettext("Total handling limit")

    @property
    def days_left(self) -> int | None:
        return None if self.due_date is None else (self.due_date - self.today).days

    @property
    def overdue(self) -> bool:
        if self.due_at is not None:
            return self.due_at <= self.now
        return self.due_date is not None and self.due_date < self.today

    @property
    def phrase(self) -> str:
        days = self.days_left
        if days is None:
            return gettext("No due date yet")
        if self.overdue:
            if days >= 0:
                return gettext("Overdue")
            return ngettext("Overdue by %(days)d day", "Overdue by %(days)d days", -days) % {"days": -days}
        if days == 0:
            return gettext("Due today")
        return ngettext("%(days)d day left", "%(days)d days left", days) % {"days": days}


def level_label(level: int | None) -> str:
    return str(Level(level).label) if level is not None else ""


def render_bodies(template: str, channel: str, context: dict[str, Any]) -> tuple[str, str]:
    """``(body_text, body_html)`` for one channel; call inside :func:`rendering`.

    Inbox and Feishu get the plain text, e-mail the text and the HTML alternative, WeCom and DingTalk the
    chat markdown.
    """
    context = {**context, "channel": channel, "language": translation.get_language()}
    level = context.get("level")
    context.setdefault("level_label", level_label(level))
    context.setdefault(
        "level_colour", LEVEL_COLOURS.get(Level(level), "#5f6368") if level is not None else ""
    )
    if channel in (Channel.WECOM, Channel.DINGTALK):
        return tidy(render_to_string(f"{TEMPLATE_DIR}/{template}.md", context)), ""
    text = tidy(render_to_string(f"{TEMPLATE_DIR}/{template}.txt", context))
    if channel == Channel.EMAIL:
        return text, render_to_string(f"{TEMPLATE_DIR}/{template}.html", context)
    return text, ""


_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


def tidy(text: str) -> str:
    """Template tags leave blank lines behind; plain text and markdown should not show them."""
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip() + "\n"


def clip(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
