"""Tables of the supervision screens (django-tables2).

Each table renders only what its queryset (or list) already holds: the escalation queue's selector
(:func:`alerts.selectors.escalation_queue`) selects every related row a column shows, so a page of 50
rows costs the same number of queries as a page of one.
"""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from alerts.models import Escalation, Level
from alerts.views.common import matter_url
from caseflow.templatetags.caseflow_tags import isoday, isotime, level_badge

TABLE_TEMPLATE = "django_tables2/table.html"


def moment(value) -> str:
    """An instant in the office time zone (2026-10-09 00:00), or a dash."""
    return isotime(value) if value else "—"


def day(value) -> str:
    """A date with its weekday (2026-10-08 Thu), or a dash."""
    return isoday(value) if value else "—"


def person(user) -> str:
    return user.display_name if user is not None else "—"


STATUS_BADGES = {
    Escalation.Status.PENDING: "awaiting",
    Escalation.Status.OPEN: "late",
    Escalation.Status.ACKNOWLEDGED: "pending",
    Escalation.Status.RESOLVED: "done",
    Escalation.Status.CANCELLED: "cancelled",
}


def escalation_since(escalation: Escalation) -> tuple[str, object]:
    """("Overdue since" or "Urgent since", the instant): overdue counts from the clock's expiry, an
    urgent escalation from the moment the clock turned urgent."""
    clock = escalation.clock
    if escalation.reason == Escalation.Reason.OVERDUE:
        return str(_("Overdue since")), clock.due_at
    return str(_("Urgent since")), clock.level_since


class EscalationTable(tables.Table):
    level = tables.Column(_("Level"), accessor="clock__level", orderable=False)
    matter = tables.Column(_("Matter"), accessor="matter__number", orderable=False)
    stage = tables.Column(_("Stage"), accessor="pk", orderable=False)
    responsible = tables.Column(_("Responsible"), accessor="clock__owner", orderable=False)
    due = tables.Column(_("Due date"), accessor="pk", orderable=False, empty_values=())
    since = tables.Column(_("Overdue / urgent since"), accessor="pk", orderable=False, empty_values=())
    step = tables.Column(_("Ladder step"), accessor="step", orderable=False)
    status = tables.Column(_("Status"), accessor="status", orderable=False)
    acknowledged_by = tables.Column(
        _("Acknowledged by"), accessor="acknowledged_by", orderable=False, empty_values=()
    )

    class Meta:
        template_name = TABLE_TEMPLATE
        attrs = {"class": "table escalation-table"}
        row_attrs = {
            "class": lambda record: f"row--{Level(record.clock.level).css} escalation--{record.status}",
            "data-escalation": lambda record: record.pk,
        }
        empty_text = _("No active escalations.")

    def __init__(self, *args, now=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()

    def render_level(self, record: Escalation) -> str:
        return level_badge(record.clock.level, record.clock.level_since)

    def render_matter(self, record: Escalation) -> str:
        matter = record.matter
        return format_html(
            '<a href="{}">{}</a><br><span class="muted">{}</span>',
            matter_url(matter.pk),
            matter.number,
            matter.title,
        )

    def render_stage(self, record: Escalation) -> str:
        name = record.stage.template.name if record.stage_id else _("Total handling limit")
        return format_html('<a href="{}">{}</a>', reverse("alerts:escalation", args=[record.pk]), name)

    def render_responsible(self, record: Escalation) -> str:
        return person(record.clock.owner)

    def render_due(self, record: Escalation) -> str:
        return day(record.stage.due_date if record.stage_id else record.matter.total_due)

    def render_since(self, record: Escalation) -> str:
        label, since = escalation_since(record)
        if since is None:
            return "—"
        return format_html(
            '{}<br><span class="muted">{} ({})</span>', moment(since), label, timesince(since, self.now)
        )

    def render_step(self, record: Escalation) -> str:
        if not record.step:
            return format_html('<span class="muted">{}</span>', _("not raised yet"))
        return format_html(
            '{}<br><span class="muted">{}</span>',
            _("Step %(step)s") % {"step": record.step},
            person(record.current_recipient),
        )

    def render_status(self, record: Escalation) -> str:
        return format_html(
            '<span class="badge badge--{}">{}</span>',
            STATUS_BADGES[record.status],
            record.get_status_display(),
        )

    def render_acknowledged_by(self, record: Escalation) -> str:
        if record.acknowledged_by_id is None:
            return "—"
        return format_html(
            '{}<br><span class="muted">{}</span>',
            person(record.acknowledged_by),
            moment(record.acknowledged_at),
        )


NUM = {"th": {"class": "num"}, "td": {"class": "num"}}


class PauseStatsTable(tables.Table):
    """One row per person (:class:`alerts.selectors.PauseStats`), sortable by every figure."""

    person = tables.Column(_("Person"), order_by=("person__full_name", "person__username"))
    team = tables.Column(_("Team"), order_by=("team__code",), empty_values=())
    pauses = tables.Column(_("Approved pauses"), attrs=NUM)
    running_pauses = tables.Column(_("Running pauses"), attrs=NUM)
    paused_days = tables.Column(_("Days paused"), attrs=NUM)
    extensions_requested = tables.Column(_("Extensions requested"), attrs=NUM)
    extensions_approved = tables.Column(_("Extensions approved"), attrs=NUM)
    extensions_rejected = tables.Column(_("Extensions rejected"), attrs=NUM)

    class Meta:
        template_name = TABLE_TEMPLATE
        attrs = {"class": "table pause-stats-table"}
        empty_text = _("Nobody in these teams.")

    def render_person(self, value) -> str:
        return person(value)

    def render_team(self, value) -> str:
        return value.name if value is not None else "—"
