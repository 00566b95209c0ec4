"""Warning policies: when a stage's level rises, and who hears about it when it goes wrong.

A policy has thresholds per level, measured in days left, working days left or share of the limit
elapsed (any one met is enough), an optional "last working day before the due date" rule (so a deadline
right after a holiday block turns urgent on the last working day before the block), the level the internal
target brings, an escalation ladder and a nag interval.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from alerts.models.levels import Level
from caseflow.models.common import localized


class WarningPolicy(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    is_default = models.BooleanField(
        _("default policy"), default=False, help_text=_("Used by every stage template without a policy.")
    )
    last_workday_level = models.PositiveSmallIntegerField(
        _("level on the last working day before the due date"),
        choices=[(0, _("(none)"))] + [(lv.value, lv.label) for lv in (Level.WARNING, Level.URGENT)],
        default=Level.URGENT,
        help_text=_(
            "A deadline right after a holiday block reaches this level on the last working day before it."
        ),
    )
    internal_target_level = models.PositiveSmallIntegerField(
        _("level once the internal target is reached"),
        choices=[(0, _("(none)"))] + [(lv.value, lv.label) for lv in (Level.WARNING, Level.URGENT)],
        default=Level.WARNING,
    )
    escalate_when_overdue = models.BooleanField(_("escalate when overdue"), default=True)
    escalate_urgent_after_hours = models.PositiveIntegerField(
        _("escalate when urgent and unacknowledged for (hours)"),
        null=True,
        blank=True,
        help_text=_("Empty: urgent stages do not escalate until they are overdue."),
    )
    nag_interval_hours = models.PositiveIntegerField(
        _("repeat reminder while overdue every (hours)"),
        default=24,
        help_text=_("0 turns repeat reminders off."),
    )
    resume_reminder_days = models.PositiveIntegerField(
        _("remind the owner of a paused stage every (days)"), default=7, validators=[MinValueValidator(1)]
    )
    description = models.TextField(_("description"), blank=True)
    loaded_from_file = models.BooleanField(
        _("as loaded from the policies file"),
        default=False,
        editable=False,
        help_text=_("Cleared when an admin edits the policy, so reloading the file keeps the edits."),
    )

    class Meta:
        verbose_name = _("warning policy")
        verbose_name_plural = _("warning policies")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_warning_policy"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_zh, self.name_en)


class Threshold(models.Model):
    class Measure(models.TextChoices):
        DAYS_LEFT = "days_left", _("Days left (calendar days)")
        WORKDAYS_LEFT = "workdays_left", _("Working days left")
        ELAPSED_PERCENT = "elapsed_percent", _("Share of the limit elapsed (%)")

    policy = models.ForeignKey(WarningPolicy, on_delete=models.CASCADE, related_name="thresholds")
    level = models.PositiveSmallIntegerField(
        _("level"), choices=[(lv.value, lv.label) for lv in (Level.REMINDER, Level.WARNING, Level.URGENT)]
    )
    measure = models.CharField(_("measure"), max_length=16, choices=Measure.choices)
    amount = models.PositiveIntegerField(_("amount"), validators=[MaxValueValidator(3660)])

    class Meta:
        verbose_name = _("threshold")
        verbose_name_plural = _("thresholds")
        ordering = ["policy", "level", "measure"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "level", "measure"], name="threshold_unique_measure"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=3), name="threshold_level_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{Level(self.level).label}: {self.get_measure_display()} {self.amount}"

    def clean(self) -> None:
        if self.measure == self.Measure.ELAPSED_PERCENT and not (1 <= (self.amount or 0) <= 100):
            raise ValidationError({"amount": _("A share of the limit is a percentage from 1 to 100.")})


class EscalationStep(models.Model):
    """One rung of a policy's escalation ladder."""

    class Target(models.TextChoices):
        TEAM_SUPERVISOR = "team_supervisor", _("Team supervisor")
        DEPARTMENT_HEAD = "department_head", _("Department head (supervisor of the parent team)")
        OFFICE_ADMINS = "office_admins", _("Office administrators")

    policy = models.ForeignKey(WarningPolicy, on_delete=models.CASCADE, related_name="escalation_steps")
    order = models.PositiveSmallIntegerField(_("step"), validators=[MinValueValidator(1)])
    target = models.CharField(_("escalate to"), max_length=20, choices=Target.choices)
    delay_hours = models.PositiveIntegerField(
        _("delay (hours)"),
        default=0,
        help_text=_(
            "Step 1: after the stage became overdue (or the urgent grace ran out). "
            "Later steps: after the previous step."
        ),
    )

    class Meta:
        verbose_name = _("escalation step")
        verbose_name_plural = _("escalation steps")
        ordering = ["policy", "order"]
        constraints = [models.UniqueConstraint(fields=["policy", "order"], name="escalation_step_unique")]

    def __str__(self) -> str:
        return f"{self.order}. {self.get_target_display()} (+{self.delay_hours} h)"


class PolicyAssignment(models.Model):
    """Which policy governs a stage template, or a matter type's total handling limit."""

    policy = models.ForeignKey(WarningPolicy, on_delete=models.CASCADE, related_name="assignments")
    stage_template = models.OneToOneField(
        "caseflow.StageTemplate",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="policy_assignment",
    )
    matter_type = models.OneToOneField(
        "caseflow.MatterType",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="policy_assignment",
    )

    class Meta:
        verbose_name = _("policy assignment")
        verbose_name_plural = _("policy assignments")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(stage_template__isnull=False, matter_type__isnull=True)
                    | models.Q(stage_template__isnull=True, matter_type__isnull=False)
                ),
                name="policy_assignment_exactly_one_target",
            )
        ]

    def __str__(self) -> str:
        target = self.stage_template or self.matter_type
        return f"{target} → {self.policy}"
