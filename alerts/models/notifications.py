"""Notifications: an outbox row per message, per recipient, per channel.

A row is written (with its rendered text, in the recipient's language) before anything is sent, so a
crash between deciding and sending loses nothing; ``dedup_key`` is unique, so one level change can never
produce two messages to the same recipient on the same channel, however many workers run.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    INBOX = "inbox", _("In-app inbox")
    EMAIL = "email", _("E-mail")
    WECOM = "wecom", _("WeCom (企业微信)")
    DINGTALK = "dingtalk", _("DingTalk (钉钉)")
    FEISHU = "feishu", _("Feishu (飞书)")


class TeamChannel(models.Model):
    """A team's group-chat bot webhook."""

    KINDS = [(c.value, c.label) for c in (Channel.WECOM, Channel.DINGTALK, Channel.FEISHU)]

    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(_("kind"), max_length=16, choices=KINDS)
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("webhook URL"), max_length=500)
    secret = models.CharField(
        _("signing secret"),
        max_length=200,
        blank=True,
        help_text=_("DingTalk and Feishu bots with signature check."),
    )
    min_level = models.PositiveSmallIntegerField(
        _("post from level"), default=3, help_text=_("Only level changes at or above this level are posted.")
    )
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("team chat channel")
        verbose_name_plural = _("team chat channels")
        ordering = ["team", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.team} · {self.get_kind_display()} · {self.name}"


class Notification(models.Model):
    class Kind(models.TextChoices):
        LEVEL_CHANGE = "level_change", _("Warning level changed")
        ESCALATION = "escalation", _("Escalation")
        NAG = "nag", _("Repeat reminder")
        DIGEST = "digest", _("Daily digest")
        RESUME_REMINDER = "resume_reminder", _("Paused stage: resume reminder")
        REQUEST = "request", _("Pause or extension requested")
        DECISION = "decision", _("Pause or extension decided")
        REASSIGNED = "reassigned", _("Responsibility reassigned")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed (will not be retried)")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    # PROTECT: notification history is never deleted with a user or a channel; deactivate or disable them.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
    )
    team_channel = models.ForeignKey(
        TeamChannel, null=True, blank=True, on_delete=models.PROTECT, related_name="notifications"
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    dedup_key = models.CharField(max_length=200, unique=True)
    stage = models.ForeignKey(
        "caseflow.Stage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    matter = models.ForeignKey(
        "caseflow.Matter", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    transition = models.ForeignKey(
        "alerts.WarningTransition",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    escalation = models.ForeignKey(
        "alerts.Escalation", null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("created at"))
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recipient__isnull=False) | models.Q(team_channel__isnull=False),
                name="notification_has_recipient",
            )
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status__in=["pending", "sending"]),
                name="notification_due",
            ),
            models.Index(
                fields=["recipient", "created_at"],
                condition=models.Q(channel="inbox"),
                name="notification_inbox",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient or self.team_channel}: {self.subject}"
