"""Matter types and their stage templates; matters, their events and their stages."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from caseflow.deadlines.periods import Convention, Period, PeriodError, Unit
from caseflow.labels import CONVENTION_CHOICES, DIRECTION_CHOICES
from caseflow.models.common import localized


class MatterType(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=16)
    calendar = models.ForeignKey(
        "caseflow.Calendar",
        verbose_name=_("default calendar"),
        on_delete=models.PROTECT,
        related_name="matter_types",
        help_text=_("Used when a matter has no court."),
    )
    total_limit = models.CharField(
        _("total handling limit"),
        max_length=16,
        blank=True,
        help_text=_("Limit for the whole matter from the day it is opened, e.g. 6m or 90d. Empty for none."),
    )
    total_limit_convention = models.CharField(
        _("total limit convention"),
        max_length=16,
        choices=CONVENTION_CHOICES,
        default=Convention.CN_CIVIL,
    )
    description = models.TextField(_("description"), blank=True)
    pack = models.CharField(
        _("pack"), max_length=200, blank=True, help_text=_("Pack file it was loaded from.")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("matter type")
        verbose_name_plural = _("matter types")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self.name_zh, self.name_en)

    def clean(self) -> None:
        if self.total_limit:
            try:
                period = Period.parse(self.total_limit)
            except PeriodError as exc:
                raise ValidationError({"total_limit": str(exc)}) from None
            if period.unit == Unit.HOURS:
                raise ValidationError({"total_limit": _("A matter's total limit cannot be in hours.")})


class StageTemplate(models.Model):
    """One procedural stage of a matter type and the limit that governs it.

    The limit comes from a :class:`~caseflow.models.rules.Rule` (statutory, cited) or from a fixed period
    with a convention (an office's internal limit). ``trigger`` is the event it counts from;
    ``completion_event`` is the event recorded when the stage is completed, which lets stages chain
    (filing the appeal starts the respondent's answer period, and so on). ``internal_lead`` puts an
    internal target that much before the statutory due date.
    """

    class LimitKind(models.TextChoices):
        HARD = "hard", _("Hard (statutory)")
        SOFT = "soft", _("Soft (internal)")

    matter_type = models.ForeignKey(MatterType, on_delete=models.CASCADE, related_name="stage_templates")
    order = models.PositiveSmallIntegerField(_("order"))
    code = models.SlugField(_("code"), max_length=60)
    name_zh = models.CharField(_("name (Chinese)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150)
    trigger = models.ForeignKey(
        "caseflow.EventType", verbose_name=_("trigger event"), on_delete=models.PROTECT, related_name="+"
    )
    rule = models.ForeignKey(
        "caseflow.Rule",
        verbose_name=_("rule"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stage_templates",
    )
    period = models.CharField(
        _("period"), max_length=16, blank=True, help_text=_("Only without a rule, e.g. 10d, 5wd, 1m.")
    )
    convention = models.CharField(
        _("counting convention"),
        max_length=16,
        blank=True,
        choices=CONVENTION_CHOICES,
        help_text=_("Only without a rule."),
    )
    direction = models.CharField(_("direction"), max_length=8, choices=DIRECTION_CHOICES, default="after")
    limit_kind = models.CharField(
        _("limit kind"), max_length=8, choices=LimitKind.choices, default=LimitKind.HARD
    )
    internal_lead = models.CharField(
        _("internal target lead"),
        max_length=16,
        blank=True,
        help_text=_("Internal target this long before the due date, e.g. 3wd. Empty for none."),
    )
    completion_event = models.ForeignKey(
        "caseflow.EventType",
        verbose_name=_("event recorded on completion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive templates keep their stages but are not given to new matters."),
    )

    class Meta:
        verbose_name = _("stage template")
        verbose_name_plural = _("stage templates")
        ordering = ["matter_type", "order"]
        constraints = [
            models.UniqueConstraint(fields=["matter_type", "code"], name="stage_template_unique_code"),
            models.UniqueConstraint(fields=["matter_type", "order"], name="stage_template_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.matter_type.code}/{self.code} · {self.name}"

    @property
    def name(self) -> str:
        return localized(self.name_zh, self.name_en)

    def clean(self) -> None:
        from caseflow.services.configuration import validate_stage_template

        validate_stage_template(self)


class Matter(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        SUSPENDED = "suspended", _("Suspended")
        CLOSED = "closed", _("Closed")

    number = models.CharField(_("matter number"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    client = models.CharField(_("client"), max_length=200)
    opposing_party = models.CharField(_("opposing party"), max_length=200, blank=True)
    matter_type = models.ForeignKey(
        MatterType, verbose_name=_("matter type"), on_delete=models.PROTECT, related_name="matters"
    )
    court = models.ForeignKey(
        "caseflow.Court",
        verbose_name=_("court or forum"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="matters",
    )
    lead_lawyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead lawyer"),
        on_delete=models.PROTECT,
        related_name="led_matters",
    )
    team = models.ForeignKey(
        "accounts.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="matters"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    total_due = models.DateField(_("total handling limit"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        ordering = ["-opened_on", "number"]
        indexes = [models.Index(fields=["team", "status"], name="matter_team_status")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def calendar(self):
        return self.court.calendar if self.court_id else self.matter_type.calendar

    @property
    def time_zone(self) -> str:
        return self.court.time_zone if self.court_id else self.matter_type.calendar.time_zone


class MatterEvent(models.Model):
    """A trigger that happened in a matter ("judgment served 2026-09-20").

    Corrections never overwrite: a corrected event is a new row that ``supersedes`` the old one, and only
    one row per (matter, event type) is current.
    """

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="events")
    event_type = models.ForeignKey(
        "caseflow.EventType", verbose_name=_("event"), on_delete=models.PROTECT, related_name="+"
    )
    occurred_on = models.DateField(_("date"))
    occurred_at = models.DateTimeField(
        _("date and time"), null=True, blank=True, help_text=_("Only needed for periods in hours.")
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    is_current = models.BooleanField(_("current"), default=True)
    # RESTRICT: an event cannot be deleted while its correction exists, except together with it (when the
    # whole matter is deleted).
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="superseded_by"
    )
    correction_reason = models.TextField(_("reason for correction"), blank=True)

    class Meta:
        verbose_name = _("matter event")
        verbose_name_plural = _("matter events")
        ordering = ["matter", "occurred_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "event_type"],
                condition=models.Q(is_current=True),
                name="matter_event_one_current_per_type",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_type} {self.occurred_on.isoformat()}"


class Stage(models.Model):
    """A procedural stage of a matter: who is responsible and when it is due.

    ``statutory_due`` is what the rule gives; ``due_date`` is the effective date after approved pauses and
    extensions (both stay visible). ``due_at`` is the instant the limit expires (the end of the due day in
    the court's time zone, or the exact hour for hour periods).
    """

    class Status(models.TextChoices):
        AWAITING_TRIGGER = "awaiting", _("Awaiting trigger")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN_STATUSES = (Status.AWAITING_TRIGGER, Status.IN_PROGRESS)

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="stages")
    template = models.ForeignKey(StageTemplate, on_delete=models.PROTECT, related_name="stages")
    order = models.PositiveSmallIntegerField(_("order"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        related_name="responsible_stages",
    )
    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="stages")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.AWAITING_TRIGGER
    )
    is_paused = models.BooleanField(_("paused"), default=False)
    trigger_event = models.ForeignKey(
        MatterEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="triggered_stages"
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    rule_version = models.ForeignKey(
        "caseflow.RuleVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="stages"
    )
    statutory_due = models.DateField(_("statutory due date"), null=True, blank=True)
    statutory_due_at = models.DateTimeField(_("statutory expiry"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    due_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    hour_precision = models.BooleanField(_("hour period"), default=False)
    internal_target = models.DateField(_("internal target"), null=True, blank=True)
    provisional = models.BooleanField(_("provisional"), default=False)
    computation = models.ForeignKey(
        "caseflow.DueComputation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    computation_error = models.CharField(_("computation problem"), max_length=300, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completion_note = models.TextField(_("completion note"), blank=True)

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["matter", "order"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "template"], name="stage_unique_template"),
        ]
        indexes = [
            models.Index(
                fields=["responsible", "due_date"],
                condition=models.Q(status__in=["awaiting", "in_progress"]),
                name="stage_open_responsible_due",
            ),
            models.Index(
                fields=["team", "due_date"],
                condition=models.Q(status__in=["awaiting", "in_progress"]),
                name="stage_open_team_due",
            ),
            models.Index(fields=["due_date", "id"], name="stage_due_id"),
        ]

    def __str__(self) -> str:
        return f"{self.matter.number} · {self.template.name}"

    @property
    def name(self) -> str:
        return self.template.name

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def completed_on_time(self) -> bool | None:
        if self.completed_at is None or self.due_at is None:
            return None
        return self.completed_at <= self.due_at
