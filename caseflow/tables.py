"""Tables of the deadline board and the matter list (django-tables2). Each renders only what its
queryset in :mod:`caseflow.selectors` already selected: no query per row."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from alerts.models import Level
from caseflow.models import Matter, Stage
from caseflow.templatetags.caseflow_tags import (
    days_left,
    due_display,
    isoday,
    level_badge,
    period_text,
    provisional_badge,
    stage_status,
)


def matter_link(matter: Matter):
    return format_html(
        '<a href="{}"><span class="nowrap">{}</span></a><br><span class="small">{}</span>',
        reverse("caseflow:matter", args=[matter.pk]),
        matter.number,
        matter.title,
    )


def stage_link(stage: Stage):
    return format_html(
        '<a href="{}#stage-{}">{}</a>',
        reverse("caseflow:matter", args=[stage.matter_id]),
        stage.pk,
        stage.template.name,
    )


class BoardTable(tables.Table):
    """Open stages, most urgent first (the order comes from the selector; columns do not re-sort)."""

    level = tables.Column(verbose_name=_("Level"), empty_values=())
    due = tables.Column(verbose_name=_("Due"), empty_values=(), attrs={"td": {"class": "date"}})
    days = tables.Column(verbose_name=_("Days left"), empty_values=(), attrs={"td": {"class": "days"}})
    internal_target = tables.Column(verbose_name=_("Internal target"), attrs={"td": {"class": "date"}})
    matter = tables.Column(verbose_name=_("Matter"))
    stage = tables.Column(verbose_name=_("Stage"), accessor="template", empty_values=())
    responsible = tables.Column(verbose_name=_("Responsible"))
    status = tables.Column(verbose_name=_("Status"), empty_values=())

    class Meta:
        model = Stage
        fields: tuple[str, ...] = ()
        sequence = ("level", "due", "days", "internal_target", "matter", "stage", "responsible", "status")
        orderable = False
        template_name = "caseflow/includes/table.html"
        attrs = {"class": "table board-table"}
        row_attrs = {"class": lambda record: f"row--{Level(record.level).css}" if record.level >= 0 else ""}
        empty_text = _("No open deadlines.")

    def __init__(self, *args, today, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def render_level(self, record):
        return level_badge(record.level, record.clock.level_since if record.level >= 0 else None)

    def render_due(self, record):
        parts = [due_display(record, self._zone(record))]
        if record.provisional:
            parts.append(provisional_badge())
        if record.statutory_due and record.statutory_due != record.due_date:
            parts.append(
                format_html('<span class="moved">{} {}</span>', _("statutory:"), isoday(record.statutory_due))
            )
        return format_html(" ".join(["{}"] * len(parts)), *parts)

    def render_days(self, record):
        return days_left(record.due_date, self.today)

    def render_internal_target(self, value):
        if value <= self.today:
            return format_html(
                '<span class="target--passed" title="{}">⚑ {}</span>',
                _("Internal target reached"),
                isoday(value),
            )
        return isoday(value)

    def render_matter(self, value):
        return matter_link(value)

    def render_stage(self, record):
        return stage_link(record)

    def render_status(self, record):
        return stage_status(record, record.paused_since)

    @staticmethod
    def _zone(record) -> str | None:
        return record.matter.time_zone if record.hour_precision else None


class AwaitingTable(tables.Table):
    """Stages whose trigger has not happened yet: no date, but visible, so nobody forgets to record it."""

    matter = tables.Column(verbose_name=_("Matter"))
    stage = tables.Column(verbose_name=_("Stage"), accessor="template", empty_values=())
    trigger = tables.Column(verbose_name=_("Waiting for"), accessor="template__trigger")
    limit = tables.Column(verbose_name=_("Limit"), accessor="template", empty_values=())
    responsible = tables.Column(verbose_name=_("Responsible"))

    class Meta:
        model = Stage
        fields: tuple[str, ...] = ()
        sequence = ("matter", "stage", "trigger", "limit", "responsible")
        orderable = False
        template_name = "caseflow/includes/table.html"
        attrs = {"class": "table awaiting-table"}
        empty_text = _("No stage is waiting for its trigger.")

    def render_matter(self, value):
        return matter_link(value)

    def render_stage(self, record):
        return stage_link(record)

    def render_trigger(self, value):
        return value.name

    def render_limit(self, record):
        template = record.template
        if template.rule_id:
            return template.rule.name
        return period_text(template.period)


class MatterTable(tables.Table):
    number = tables.Column(
        verbose_name=_("Matter number"), linkify=("caseflow:matter", {"pk": tables.A("pk")})
    )
    title = tables.Column(verbose_name=_("Title"))
    client = tables.Column(verbose_name=_("Client"))
    matter_type = tables.Column(verbose_name=_("Matter type"), order_by=("matter_type__code",))
    lead_lawyer = tables.Column(verbose_name=_("Lead lawyer"), order_by=("lead_lawyer__full_name",))
    team = tables.Column(verbose_name=_("Team"), order_by=("team__code",))
    status = tables.Column(verbose_name=_("Status"))
    opened_on = tables.Column(verbose_name=_("Opened on"), attrs={"td": {"class": "date"}})
    next_due = tables.Column(verbose_name=_("Next due date"), attrs={"td": {"class": "date"}})
    top_level = tables.Column(verbose_name=_("Highest level"))

    class Meta:
        model = Matter
        fields: tuple[str, ...] = ()
        sequence = (
            "number",
            "title",
            "client",
            "matter_type",
            "lead_lawyer",
            "team",
            "status",
            "opened_on",
            "next_due",
            "top_level",
        )
        template_name = "caseflow/includes/table.html"
        attrs = {"class": "table matter-table"}
        empty_text = _("No matters match.")

    def render_opened_on(self, value):
        return isoday(value)

    def render_next_due(self, value):
        return isoday(value)

    def render_top_level(self, value):
        return level_badge(value)
