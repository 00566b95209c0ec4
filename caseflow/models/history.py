"""Append-only history of deadlines: every computation with its explanation, every change of a date,
every change of the responsible person. Reports read these rows; nothing here is ever updated."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeCause(models.TextChoices):
    EVENT_RECORDED = "event_recorded", _("Trigger event recorded")
    EVENT_CORRECTED = "event_corrected", _("Trigger event corrected")
    CALENDAR_CHANGED = "calendar_changed", _("Calendar changed")
    COURT_CLOSURE = "court_closure", _("Court closure changed")
    PAUSE = "pause", _("Pause")
    EXTENSION = "extension", _("Extension approved")
    RULE_CHANGED = "rule_changed", _("Rule changed")
    REOPENED = "reopened", _("Stage reopened")


class DueComputation(models.Model):
    """One run of the deadline engine for a stage, with its full explanation."""

    stage = models.ForeignKey("caseflow.Stage", on_delete=models.CASCADE, related_name="computations")
    computed_at = models.DateTimeField(_("computed at"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cause = models.CharField(_("cause"), max_length=20, choices=ChangeCause.choices)
    trigger_date = models.DateField(_("trigger date"))
    trigger_at = models.DateTimeField(_("trigger time"), null=True, blank=True)
    rule_version = models.ForeignKey(
        "caseflow.RuleVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(_("period"), max_length=16)
    convention = models.CharField(_("convention"), max_length=16)
    direction = models.CharField(_("direction"), max_length=8)
    custody = models.BooleanField(_("custody"), default=False)
    calendar_code = models.CharField(_("calendar"), max_length=16)
    statutory_due = models.DateField(_("statutory due date"))
    due_date = models.DateField(_("effective due date"))
    due_at = models.DateTimeField(_("expires at"))
    provisional = models.BooleanField(_("provisional"), default=False)
    steps = models.JSONField(_("explanation"), default=list)
    citation = models.CharField(_("citation"), max_length=400, blank=True)
    window_first = models.DateField(_("first day examined"))
    window_last = models.DateField(_("last day examined"))

    class Meta:
        verbose_name = _("due-date computation")
        verbose_name_plural = _("due-date computations")
        ordering = ["-computed_at", "-id"]
        indexes = [models.Index(fields=["window_first", "window_last"], name="computation_window")]

    def __str__(self) -> str:
        return f"{self.stage_id}: {self.due_date.isoformat()}"


class DeadlineChange(models.Model):
    """Audit of a change of a stage's dates: old, new, who, when, why."""

    class Field(models.TextChoices):
        DUE_DATE = "due_date", _("Due date")
        STATUTORY_DUE = "statutory_due", _("Statutory due date")
        INTERNAL_TARGET = "internal_target", _("Internal target")

    stage = models.ForeignKey("caseflow.Stage", on_delete=models.CASCADE, related_name="deadline_changes")
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    old_value = models.DateField(_("old value"), null=True, blank=True)
    new_value = models.DateField(_("new value"), null=True, blank=True)
    cause = models.CharField(_("cause"), max_length=20, choices=ChangeCause.choices)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"))
    computation = models.ForeignKey(
        DueComputation, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )

    class Meta:
        verbose_name = _("deadline change")
        verbose_name_plural = _("deadline changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.stage_id} {self.field}: {self.old_value} → {self.new_value}"


class ResponsibilityChange(models.Model):
    stage = models.ForeignKey(
        "caseflow.Stage", on_delete=models.CASCADE, related_name="responsibility_changes"
    )
    old_responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    new_responsible = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("change of responsible person")
        verbose_name_plural = _("changes of responsible person")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.stage_id}: {self.old_responsible_id} → {self.new_responsible_id}"
