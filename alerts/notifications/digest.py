"""The daily digest: one message per person listing what is overdue or due in the next seven days.

One query reads every relevant stage ordered by responsible person and due date; the rows are grouped in
Python (overdue first, then one section per day). The dedup key holds the office-local date, so running
the task again (or a catch-up run) on the same day writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from alerts.models import Channel, Level, Notification
from alerts.notifications.compose import Draft, user_channels, write
from alerts.notifications.render import LEVEL_COLOURS, Due, absolute, level_label, matter_link, office_today
from caseflow.models import Stage

DIGEST_DAYS = 7  # today and the six days after it
WRITE_BATCH = 200  # drafts per existence check


@dataclass
class DigestItem:
    due: Due
    level: int | None
    link: str

    @property
    def level_label(self) -> str:
        return level_label(self.level) if self.level else ""

    @property
    def level_colour(self) -> str:
        return LEVEL_COLOURS[Level(self.level)] if self.level else ""


@dataclass
class Section:
    overdue: bool
    day: dt.date | None
    items: list[DigestItem] = field(default_factory=list)


def digest_stages(*, today: dt.date):
    """Open, running stages with a due date up to ``today + 6``, of people who want a digest."""
    return (
        Stage.objects.filter(
            status=Stage.Status.IN_PROGRESS,
            is_paused=False,
            due_date__isnull=False,
            due_date__lte=today + dt.timedelta(days=DIGEST_DAYS - 1),
            responsible__is_active=True,
            responsible__daily_digest=True,
        )
        .select_related("matter", "template", "responsible", "clock")
        .order_by("responsible_id", "due_date", "due_at", "matter__number", "id")
    )


def sections_for(stages: list[Stage], *, now: dt.datetime) -> list[Section]:
    """Overdue first (oldest first), then one section per due day."""
    items = []
    for stage in stages:
        clock = getattr(stage, "clock", None)  # a reverse one-to-one raises if missing; getattr hides it
        items.append(
            DigestItem(
                Due.of_stage(stage, now=now), clock.level if clock else None, matter_link(stage.matter_id)
            )
        )
    overdue = [item for item in items if item.due.overdue]
    sections = [Section(overdue=True, day=None, items=overdue)] if overdue else []
    upcoming = [item for item in items if not item.due.overdue]
    for day, group in groupby(upcoming, key=attrgetter("due.due_date")):
        sections.append(Section(overdue=False, day=day, items=list(group)))
    return sections


def send_daily_digests(*, now: dt.datetime) -> int:
    """Write today's digest (inbox, and e-mail if wanted) for everyone with something due.

    Returns the number of notification rows created (0 on a second run the same day).
    """
    today = office_today(now)
    drafts: list[Draft] = []
    created = 0
    for _user_id, group in groupby(digest_stages(today=today), key=attrgetter("responsible_id")):
        stages = list(group)
        user = stages[0].responsible
        drafts += _digest_drafts(user, sections_for(stages, now=now), today=today, now=now)
        if len(drafts) >= WRITE_BATCH:
            created += write(drafts, now=now)
            drafts = []
    return created + write(drafts, now=now)


def _digest_drafts(user: Any, sections: list[Section], *, today: dt.date, now: dt.datetime) -> list[Draft]:
    overdue = sum(len(s.items) for s in sections if s.overdue)
    upcoming = sum(len(s.items) for s in sections if not s.overdue)

    def subject() -> str:
        parts = []
        if overdue:
            parts.append(ngettext("%(count)d overdue", "%(count)d overdue", overdue) % {"count": overdue})
        if upcoming:
            parts.append(
                ngettext("%(count)d due within 7 days", "%(count)d due within 7 days", upcoming)
                % {"count": upcoming}
            )
        return _("Your deadlines on %(date)s: %(summary)s") % {
            "date": date_format(today, "DATE_FORMAT"),
            "summary": pgettext("list separator", ", ").join(parts),
        }

    context = {
        "sections": sections,
        "total": overdue + upcoming,
        "overdue_count": overdue,
        "today": today,
        "tomorrow": today + dt.timedelta(days=1),
    }
    return [
        Draft(
            kind=Notification.Kind.DIGEST,
            channel=channel,
            dedup_key=f"digest:{user.pk}:{today.isoformat()}:{channel}",
            template="digest",
            subject=subject,
            context=context,
            recipient=user,
            link=absolute("/"),
        )
        for channel in user_channels(user)
        if channel in (Channel.INBOX, Channel.EMAIL)
    ]
