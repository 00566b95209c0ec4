"""The running clock of each open stage (and of each matter's total limit), and its level history.

A :class:`Clock` is a narrow row holding only what the warning scan reads and writes, so that a full
re-evaluation is a single set-based UPDATE over one table. Dates are stored as integer day numbers
(``date.toordinal()``) next to the human dates on the stage: the scan's date arithmetic then behaves the
same on SQLite and PostgreSQL. ``next_at`` is the instant the level can next change (healthchecks'
``alert_after``): a scan tick only looks at rows whose moment has come.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from alerts.models.levels import Level


class Clock(models.Model):
    class Kind(models.TextChoices):
        STAGE = "stage", _("Stage limit")
        MATTER = "matter", _("Matter total limit")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    stage = models.OneToOneField(
        "caseflow.Stage", null=True, blank=True, on_delete=models.CASCADE, related_name="clock"
    )
    matter = models.ForeignKey(
        "caseflow.Matter",
        on_delete=models.CASCADE,
        related_name="clocks",
        help_text=_("The matter (for a stage clock, the stage's matter)."),
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="clocks")
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="clocks")
    policy = models.ForeignKey("alerts.WarningPolicy", on_delete=models.PROTECT, related_name="clocks")
    # No index: nothing looks clocks up by calendar (only deleting a calendar, which is protected), and
    # every classification that changes a row would pay for one more index entry.
    calendar = models.ForeignKey(
        "caseflow.Calendar", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    running = models.BooleanField(
        _("running"), default=True, help_text=_("False once the stage is done, cancelled or paused.")
    )
    # Scan inputs (integer day numbers; see the module docstring).
    start_day = models.IntegerField()
    due_day = models.IntegerField()
    due_wseq = models.IntegerField(help_text=_("Working-day sequence number of the due date."))
    last_workday_day = models.IntegerField(
        help_text=_("Day number of the last working day before the due date.")
    )
    internal_day = models.IntegerField(null=True, blank=True)
    due_at = models.DateTimeField(_("expires at"))
    # Scan outputs.
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices, default=Level.NORMAL)
    previous_level = models.PositiveSmallIntegerField(
        choices=Level.choices, default=Level.NORMAL, editable=False
    )
    level_since = models.DateTimeField(_("level since"), null=True, blank=True)
    seq = models.PositiveIntegerField(_("transitions so far"), default=0)
    next_at = models.DateTimeField(_("next evaluation"), null=True, blank=True)
    claim = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    acknowledged_at = models.DateTimeField(_("warning acknowledged at"), null=True, blank=True)
    nag_next_at = models.DateTimeField(_("next repeat reminder"), null=True, blank=True)
    nag_count = models.PositiveIntegerField(_("repeat reminders sent"), default=0)

    class Meta:
        verbose_name = _("clock")
        verbose_name_plural = _("clocks")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="stage", stage__isnull=False) | models.Q(kind="matter", stage__isnull=True)
                ),
                name="clock_kind_matches_target",
            ),
            models.UniqueConstraint(
                fields=["matter"], condition=models.Q(kind="matter"), name="one_total_clock_per_matter"
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_at"],
                condition=models.Q(running=True, next_at__isnull=False),
                name="clock_next_at_running",
            ),
            models.Index(
                fields=["nag_next_at"],
                condition=models.Q(running=True, nag_next_at__isnull=False),
                name="clock_nag_next_at_running",
            ),
            models.Index(fields=["team", "level"], condition=models.Q(running=True), name="clock_team_level"),
            models.Index(
                fields=["owner", "level"], condition=models.Q(running=True), name="clock_owner_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.stage_id or self.matter_id}: {Level(self.level).label}"

    @property
    def level_enum(self) -> Level:
        return Level(self.level)


class WarningTransition(models.Model):
    """A change of a clock's level: the history accountability reports are computed from."""

    class Reason(models.TextChoices):
        THRESHOLD = "threshold", _("Threshold reached")
        DUE_CHANGED = "due_changed", _("Due date changed")
        POLICY_CHANGED = "policy_changed", _("Policy or calendar changed")
        STOPPED = "stopped", _("Clock stopped")

    # The clock is the transition's only database-enforced reference. Stage, matter, owner and team are
    # copies of the clock's at the moment of the change (a history row keeps the owner of that moment
    # even after a reassignment); the clock's own foreign keys guard them, and Django's on_delete still
    # cascades or protects. Four more constraints would cost every transition four row-locking checks
    # at commit: 0.5 s of a 5.6 s re-evaluation at 1,000,000 clocks (docs/performance.md).
    # clock, owner and team lead the unique (clock, seq), (owner, at) and (team, at) indexes, so they
    # need no index of their own.
    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="transitions", db_index=False)
    seq = models.PositiveIntegerField()
    stage = models.ForeignKey(
        "caseflow.Stage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )
    matter = models.ForeignKey(
        "caseflow.Matter", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    from_level = models.PositiveSmallIntegerField(choices=Level.choices)
    to_level = models.PositiveSmallIntegerField(choices=Level.choices)
    at = models.DateTimeField(_("at"))
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    # When its notifications and escalations were written (alerts.services.transitions); null = still
    # to do. A durable queue: a transition written by a run that then died is followed up by the next.
    followed_up_at = models.DateTimeField(_("followed up at"), null=True, blank=True)

    class Meta:
        verbose_name = _("warning transition")
        verbose_name_plural = _("warning transitions")
        ordering = ["-at", "-id"]
        constraints = [models.UniqueConstraint(fields=["clock", "seq"], name="transition_unique_seq")]
        indexes = [
            models.Index(fields=["team", "at"], name="transition_team_at"),
            models.Index(fields=["owner", "at"], name="transition_owner_at"),
            models.Index(
                fields=["id"], name="transition_follow_up", condition=models.Q(followed_up_at__isnull=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.clock_id}#{self.seq}: {Level(self.from_level).label} → {Level(self.to_level).label}"


class DayBoundary(models.Model):
    """The instant each local day starts in a time zone, so SQL can turn a day number into a moment.

    The scan computes the day a level starts as an integer; this table turns it into the exact instant
    (daylight saving included) with a primary-key lookup, identically on SQLite and PostgreSQL.
    """

    time_zone = models.CharField(max_length=64)
    day = models.IntegerField()
    starts_at = models.DateTimeField()

    class Meta:
        verbose_name = _("day boundary")
        verbose_name_plural = _("day boundaries")
        constraints = [models.UniqueConstraint(fields=["time_zone", "day"], name="day_boundary_unique")]

    def __str__(self) -> str:
        return f"{self.time_zone} {self.day}: {self.starts_at.isoformat()}"
