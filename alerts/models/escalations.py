"""Escalations: an overdue (or urgent and unacknowledged) clock climbing the policy's ladder."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Escalation(models.Model):
    class Reason(models.TextChoices):
        OVERDUE = "overdue", _("Overdue")
        URGENT_UNACKNOWLEDGED = "urgent_unack", _("Urgent and not acknowledged")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending (not raised yet)")
        OPEN = "open", _("Open")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        RESOLVED = "resolved", _("Resolved")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE_STATUSES = (Status.PENDING, Status.OPEN, Status.ACKNOWLEDGED)

    clock = models.ForeignKey("alerts.Clock", on_delete=models.CASCADE, related_name="escalations")
    stage = models.ForeignKey(
        "caseflow.Stage", null=True, blank=True, on_delete=models.CASCADE, related_name="escalations"
    )
    matter = models.ForeignKey("caseflow.Matter", on_delete=models.CASCADE, related_name="escalations")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="escalations")
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    opened_at = models.DateTimeField(_("opened at"))
    step = models.PositiveSmallIntegerField(_("ladder step reached"), default=0)
    next_step_at = models.DateTimeField(_("next step at"), null=True, blank=True)
    current_recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_note = models.CharField(_("closing note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["clock"],
                condition=models.Q(status__in=["pending", "open", "acknowledged"]),
                name="one_active_escalation_per_clock",
            )
        ]
        indexes = [
            models.Index(
                fields=["next_step_at"],
                condition=models.Q(status__in=["pending", "open"], next_step_at__isnull=False),
                name="escalation_next_step",
            ),
            models.Index(fields=["team", "status"], name="escalation_team_status"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} · {self.stage or self.matter} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES


class EscalationEntry(models.Model):
    """History of an escalation: each step raised, acknowledgements, comments, reassignments."""

    class Kind(models.TextChoices):
        RAISED = "raised", _("Raised")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        COMMENT = "comment", _("Comment")
        REASSIGNED = "reassigned", _("Reassigned")
        RESOLVED = "resolved", _("Resolved")
        CANCELLED = "cancelled", _("Cancelled")

    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    step = models.PositiveSmallIntegerField(_("step"), null=True, blank=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("text"), blank=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("escalation entry")
        verbose_name_plural = _("escalation entries")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["escalation", "step"],
                condition=models.Q(kind="raised"),
                name="escalation_step_raised_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.escalation_id} {self.get_kind_display()}"
