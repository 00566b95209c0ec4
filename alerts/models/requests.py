"""Pauses (中止/中断/扣除期间) and extensions (延期/延长审限) requested by the responsible person and decided
by a supervisor. Decisions never overwrite the request: the row keeps who asked, who decided and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PauseRequest(models.Model):
    class Category(models.TextChoices):
        SUSPENSION = "suspension", _("Suspension (中止): the remaining time runs on after the pause")
        INTERRUPTION = "interruption", _("Interruption (中断): the whole period restarts after the pause")
        EXCLUDED = "excluded", _("Excluded period (扣除): e.g. appraisal, publication, settlement talks")

    Status = RequestStatus

    stage = models.ForeignKey("caseflow.Stage", on_delete=models.CASCADE, related_name="pause_requests")
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    reason = models.TextField(_("reason"))
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    start_date = models.DateField(_("paused from"))
    end_date = models.DateField(
        _("paused until"),
        null=True,
        blank=True,
        help_text=_("The last day of the pause (the cause ended); the clock runs again the next day."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(_("end recorded at"), null=True, blank=True)
    next_reminder_at = models.DateTimeField(_("next resume reminder"), null=True, blank=True)
    reminders_sent = models.PositiveIntegerField(_("resume reminders sent"), default=0)

    class Meta:
        verbose_name = _("pause")
        verbose_name_plural = _("pauses")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="pause_end_not_before_start",
            ),
            models.UniqueConstraint(
                fields=["stage"],
                condition=models.Q(status="pending") | models.Q(status="approved", end_date__isnull=True),
                name="one_open_pause_per_stage",
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_reminder_at"],
                condition=models.Q(status="approved", end_date__isnull=True),
                name="pause_reminder_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.start_date.isoformat()} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status == RequestStatus.APPROVED and self.end_date is None


class ExtensionRequest(models.Model):
    Status = RequestStatus

    stage = models.ForeignKey("caseflow.Stage", on_delete=models.CASCADE, related_name="extension_requests")
    new_due_date = models.DateField(_("new due date"))
    reason = models.TextField(_("reason"))
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    due_date_before = models.DateField(_("due date when requested"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["stage"], condition=models.Q(status="pending"), name="one_pending_extension_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"→ {self.new_due_date.isoformat()} ({self.get_status_display()})"
