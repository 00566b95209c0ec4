"""Read-only views of what the warning scan and the people using it wrote: clocks, level transitions,
escalations with their history, pauses and extensions.

They change only through the services (the scan, the escalation page, the approvals screen), which keep
clocks, history and notifications consistent; the admin lists, filters and shows.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse

from accounts.admin import OfficeAdminPermissions, ReadOnlyAdmin, ReadOnlyMixin
from alerts.models import (
    Clock,
    Escalation,
    EscalationEntry,
    ExtensionRequest,
    PauseRequest,
    WarningTransition,
)

STAGE_RELATED = ("stage__matter", "stage__template")


@admin.register(Clock)
class ClockAdmin(ReadOnlyAdmin):
    list_display = (
        "__str__",
        "matter",
        "owner",
        "team",
        "policy",
        "level",
        "level_since",
        "due_at",
        "next_at",
    )
    list_filter = ("level", "running", "kind", "policy", "team")
    list_select_related = ("matter", "owner", "team", "policy")
    search_fields = ("matter__number", "matter__title", "owner__username", "owner__full_name")
    exclude = ("claim",)


@admin.register(WarningTransition)
class WarningTransitionAdmin(ReadOnlyAdmin):
    list_display = ("at", "matter", "stage", "owner", "from_level", "to_level", "reason")
    list_filter = ("to_level", "reason", "team")
    list_select_related = ("matter", *STAGE_RELATED, "owner")
    search_fields = ("matter__number", "owner__username", "owner__full_name")
    date_hierarchy = "at"


class EntryInline(ReadOnlyMixin, OfficeAdminPermissions, admin.TabularInline):
    model = EscalationEntry
    fields = ("at", "kind", "step", "recipient", "actor", "text")
    readonly_fields = fields
    extra = 0
    ordering = ("at", "id")

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).select_related("recipient", "actor")


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin):
    list_display = (
        "opened_at",
        "matter",
        "stage",
        "team",
        "reason",
        "status",
        "step",
        "current_recipient",
        "acknowledged_by",
    )
    list_filter = ("status", "reason", "team")
    list_select_related = ("matter", *STAGE_RELATED, "team", "current_recipient", "acknowledged_by")
    search_fields = ("matter__number", "matter__title", "closing_note")
    date_hierarchy = "opened_at"
    inlines = (EntryInline,)

    def view_on_site(self, escalation: Escalation) -> str:
        return reverse("alerts:escalation", args=[escalation.pk])


class RequestAdmin(ReadOnlyAdmin):
    list_filter = ("status",)
    list_select_related = (*STAGE_RELATED, "requested_by", "decided_by")
    search_fields = ("stage__matter__number", "reason", "legal_basis", "decision_note")
    date_hierarchy = "requested_at"


@admin.register(PauseRequest)
class PauseRequestAdmin(RequestAdmin):
    list_display = (
        "stage",
        "category",
        "status",
        "start_date",
        "end_date",
        "requested_by",
        "requested_at",
        "decided_by",
        "decided_at",
    )
    list_filter = ("status", "category")


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(RequestAdmin):
    list_display = (
        "stage",
        "due_date_before",
        "new_due_date",
        "status",
        "requested_by",
        "requested_at",
        "decided_by",
        "decided_at",
    )
