"""Display helpers for the lawyer screens: level badges, ISO dates with weekdays, days left, stage
status, and the stored explanation of a computation in the reader's language."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django import template
from django.utils import formats, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alerts.models import Level
from caseflow.labels import convention_label as _convention_label
from caseflow.models import Stage
from caseflow.services.deadlines import step_text as _step_text

register = template.Library()

# A shape for every level, so the badge does not depend on colour alone.
LEVEL_ICONS = {
    Level.NORMAL: "○",
    Level.REMINDER: "●",
    Level.WARNING: "▲",
    Level.URGENT: "◆",
    Level.OVERDUE: "✖",
}


@register.simple_tag
def level_badge(level, since=None):
    """``<span class="level level--urgent">◆ Urgent</span>``; nothing for a stage without a clock."""
    if level is None or level == "" or int(level) < 0:
        return ""
    level = Level(int(level))
    title = level.label
    if since:
        title = _("%(level)s since %(when)s") % {"level": level.label, "when": isotime(since)}
    return format_html(
        '<span class="level level--{}" title="{}">'
        '<span class="level__icon" aria-hidden="true">{}</span>{}</span>',
        level.css,
        title,
        LEVEL_ICONS[level],
        level.label,
    )


@register.filter
def isodate(value) -> str:
    """2026-10-08"""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat()


@register.filter
def isoday(value) -> str:
    """2026-10-08 Thu (the weekday in the reader's language)."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return f"{value.isoformat()} {formats.date_format(value, 'D')}"


@register.filter
def isotime(value, zone: str | None = None) -> str:
    """2026-10-08 14:00 in ``zone`` (default: the office time zone)."""
    if not value:
        return ""
    from django.utils import timezone

    local = value.astimezone(ZoneInfo(zone)) if zone else timezone.localtime(value)
    return local.strftime("%Y-%m-%d %H:%M")


@register.simple_tag
def due_display(stage: Stage, zone: str | None = None):
    """The effective due date with its weekday, and the hour for hour periods."""
    if stage.due_date is None:
        return ""
    if stage.hour_precision and stage.due_at is not None:
        zone = zone or stage.matter.time_zone
        local = stage.due_at.astimezone(ZoneInfo(zone))
        return format_html(
            '<time datetime="{}">{} {}</time>',
            stage.due_at.isoformat(),
            isoday(local.date()),
            local.strftime("%H:%M"),
        )
    return format_html('<time datetime="{}">{}</time>', stage.due_date.isoformat(), isoday(stage.due_date))


@register.simple_tag
def days_left(due_date, today, done: bool = False):
    """ "in 5 days", "today", "overdue by 3 days" (negative counts are overdue)."""
    if due_date is None or today is None or done:
        return ""
    n = (due_date - today).days
    if n == 0:
        return format_html('<span class="days--today">{}</span>', _("today"))
    if n < 0:
        text = ngettext("overdue by %(n)d day", "overdue by %(n)d days", -n) % {"n": -n}
        return format_html('<span class="days--overdue" data-days="{}">{}</span>', n, text)
    if n == 1:
        return format_html('<span data-days="1">{}</span>', _("tomorrow"))
    return format_html('<span data-days="{}">{}</span>', n, ngettext("%(n)d day", "%(n)d days", n) % {"n": n})


@register.simple_tag
def provisional_badge():
    return format_html(
        '<span class="badge badge--provisional" title="{}" tabindex="0">{}</span>',
        _(
            "The computation looked at days for which no official holiday calendar has been published "
            "yet (for China, the State Council's notice for that year). The date is recomputed "
            "automatically when the notice is loaded."
        ),
        _("provisional"),
    )


@register.simple_tag
def stage_status(stage: Stage, paused_since=None):
    """Status badge: awaiting trigger, in progress, paused since …, done on time, done late, cancelled."""
    if stage.status == Stage.Status.AWAITING_TRIGGER:
        return format_html('<span class="badge badge--awaiting">{}</span>', _("Awaiting trigger"))
    if stage.status == Stage.Status.CANCELLED:
        return format_html('<span class="badge badge--cancelled">{}</span>', _("Cancelled"))
    if stage.status == Stage.Status.DONE:
        if stage.completed_on_time is False:
            return format_html('<span class="badge badge--late">✖ {}</span>', _("Done late"))
        return format_html('<span class="badge badge--done">✔ {}</span>', _("Done on time"))
    if stage.is_paused:
        text = _("Paused since %(date)s") % {"date": isodate(paused_since)} if paused_since else _("Paused")
        return format_html('<span class="badge badge--paused">❚❚ {}</span>', text)
    return format_html('<span class="badge">{}</span>', _("In progress"))


@register.filter
def step_text(step: dict) -> str:
    """A stored explanation step in the active language."""
    return _step_text(step, translation.get_language())


@register.filter
def citation(rule_version) -> str:
    """The rule version's citation in the active language."""
    if rule_version is None:
        return ""
    return rule_version.citation(translation.get_language())


@register.filter
def convention_label(value: str) -> str:
    """``cn_civil`` → its label in the reader's language (the engine's own label is English only)."""
    return _convention_label(value) if value else ""


@register.filter
def level_label(level) -> str:
    if level is None or level == "":
        return ""
    return Level(int(level)).label


@register.filter
def period_text(value: str) -> str:
    """``15d`` → "15 days", ``20wd`` → "20 working days" (in the reader's language)."""
    from caseflow.deadlines.periods import Period, PeriodError, Unit

    try:
        period = Period.parse(value)
    except PeriodError:
        return value
    n = period.amount
    words = {
        Unit.DAYS: ngettext("%(n)d day", "%(n)d days", n),
        Unit.WORKING_DAYS: ngettext("%(n)d working day", "%(n)d working days", n),
        Unit.MONTHS: ngettext("%(n)d month", "%(n)d months", n),
        Unit.YEARS: ngettext("%(n)d year", "%(n)d years", n),
        Unit.HOURS: ngettext("%(n)d hour", "%(n)d hours", n),
    }
    return words[period.unit] % {"n": n}
