"""Read-only admin views of matters, their events and stages, and the deadline history.

Every change to these rows goes through the services behind the app's own screens (recording an event,
completing or reassigning a stage, deciding a pause): they recompute due dates, write the history and
move the warning clocks. The admin must not bypass them, so it only lists, filters and shows.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.admin import OfficeAdminPermissions, ReadOnlyAdmin, ReadOnlyMixin
from caseflow.models import (
    DeadlineChange,
    DueComputation,
    Matter,
    MatterEvent,
    ResponsibilityChange,
    Stage,
)

STAGE_RELATED = ("stage__matter", "stage__template")


class StageInline(ReadOnlyMixin, OfficeAdminPermissions, admin.TabularInline):
    model = Stage
    fields = ("order", "template", "responsible", "status", "due_date", "statutory_due", "is_paused")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    ordering = ("order",)

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).select_related("template", "responsible")


@admin.register(Matter)
class MatterAdmin(ReadOnlyAdmin):
    list_display = (
        "number",
        "title",
        "client",
        "matter_type",
        "team",
        "lead_lawyer",
        "status",
        "opened_on",
        "total_due",
    )
    list_filter = ("status", "matter_type", "team")
    list_select_related = ("matter_type", "team", "lead_lawyer")
    search_fields = ("number", "title", "client", "opposing_party")
    date_hierarchy = "opened_on"
    inlines = (StageInline,)


@admin.register(MatterEvent)
class MatterEventAdmin(ReadOnlyAdmin):
    list_display = ("matter", "event_type", "occurred_on", "is_current", "recorded_by", "recorded_at")
    list_filter = ("is_current", "event_type")
    list_select_related = ("matter", "event_type", "recorded_by")
    search_fields = ("matter__number", "matter__title", "note", "correction_reason")
    date_hierarchy = "occurred_on"


@admin.register(Stage)
class StageAdmin(ReadOnlyAdmin):
    list_display = (
        "__str__",
        "responsible",
        "team",
        "status",
        "started_on",
        "due_date",
        "statutory_due",
        "is_paused",
        "provisional",
    )
    list_filter = ("status", "is_paused", "provisional", "team", "template__matter_type")
    list_select_related = ("matter", "template", "responsible", "team")
    search_fields = ("matter__number", "matter__title", "template__code", "template__name_zh")
    date_hierarchy = "due_date"


@admin.register(DueComputation)
class DueComputationAdmin(ReadOnlyAdmin):
    list_display = (
        "stage",
        "computed_at",
        "cause",
        "trigger_date",
        "period",
        "convention",
        "statutory_due",
        "due_date",
        "provisional",
    )
    list_filter = ("cause", "convention", "provisional")
    list_select_related = STAGE_RELATED
    search_fields = ("stage__matter__number", "citation")
    date_hierarchy = "computed_at"


@admin.register(DeadlineChange)
class DeadlineChangeAdmin(ReadOnlyAdmin):
    list_display = ("stage", "field", "old_value", "new_value", "cause", "changed_by", "changed_at")
    list_filter = ("field", "cause")
    list_select_related = (*STAGE_RELATED, "changed_by")
    search_fields = ("stage__matter__number", "reason")
    date_hierarchy = "changed_at"


@admin.register(ResponsibilityChange)
class ResponsibilityChangeAdmin(ReadOnlyAdmin):
    list_display = ("stage", "old_responsible", "new_responsible", "short_reason", "changed_by", "changed_at")
    list_select_related = (*STAGE_RELATED, "old_responsible", "new_responsible", "changed_by")
    search_fields = ("stage__matter__number", "reason")
    date_hierarchy = "changed_at"

    @admin.display(description=_("reason"))
    def short_reason(self, change: ResponsibilityChange) -> str:
        return change.reason[:80]
