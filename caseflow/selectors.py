"""Reads for the lawyer screens: the deadline board, the matter list and the matter page.

Every queryset starts from :func:`accounts.access.matters_visible_to` or
:func:`accounts.access.stages_visible_to`, and selects exactly what its page renders, so a page costs the
same number of queries for one row as for fifty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.access import (
    matters_visible_to,
    stages_visible_to,
    supervised_team_ids,
)
from accounts.models import Team, User
from alerts.models import Clock, Escalation, ExtensionRequest, Level, PauseRequest, WarningTransition
from caseflow.deadlines.periods import Period, PeriodError, Unit
from caseflow.models import (
    DeadlineChange,
    DueComputation,
    EventType,
    Matter,
    MatterEvent,
    ResponsibilityChange,
    Stage,
    StageTemplate,
)

# --- the deadline board ---------------------------------------------------------------------------------

SCOPE_MINE = "mine"
SCOPE_TEAM = "team"
SCOPE_ALL = "all"


def board_scopes(user: User, supervised: list[int]) -> list[str]:
    """The board views ``user`` may switch between: everyone has "mine"; supervisors of a team get "team"
    (``supervised``: their teams and sub-teams), office admins "all"."""
    scopes = [SCOPE_MINE]
    if supervised:
        scopes.append(SCOPE_TEAM)
    if user.is_office_admin:
        scopes.append(SCOPE_ALL)
    return scopes


def _running_pause_start():
    return Subquery(
        PauseRequest.objects.filter(
            stage=OuterRef("pk"), status=PauseRequest.Status.APPROVED, end_date__isnull=True
        ).values("start_date")[:1]
    )


def board_stages(user: User, scope: str, supervised: list[int]) -> QuerySet[Stage]:
    """Open stages (awaiting trigger, in progress, paused) on ``user``'s board in ``scope``, with what the
    board's columns render; ``level`` is the stage clock's level (-1 without a clock)."""
    stages = stages_visible_to(user).filter(status__in=Stage.OPEN_STATUSES)
    if scope == SCOPE_TEAM:
        stages = stages.filter(team_id__in=supervised)
    elif scope != SCOPE_ALL or not user.is_office_admin:
        stages = stages.filter(responsible=user)
    return stages.select_related(
        "matter__court",
        "matter__matter_type__calendar",
        "template__trigger",
        "template__rule",
        "responsible",
        "clock",
    ).annotate(
        level=Coalesce("clock__level", Value(-1), output_field=IntegerField()),
        paused_since=_running_pause_start(),
    )


def urgency_order(stages: QuerySet[Stage]) -> QuerySet[Stage]:
    """Most urgent first: level descending, then the instant the limit expires, then the matter."""
    return stages.order_by("-level", "due_at", "matter__number", "order", "pk")


def responsible_choices(scope: str, supervised: list[int]) -> QuerySet[User]:
    """People whose stages the team or office view can filter by."""
    people = User.objects.filter(is_active=True)
    if scope == SCOPE_TEAM:
        people = people.filter(Q(team_id__in=supervised) | Q(responsible_stages__team_id__in=supervised))
    return people.distinct().order_by("full_name", "username")


# --- the matter list ------------------------------------------------------------------------------------


def matter_list(user: User) -> QuerySet[Matter]:
    """Matters ``user`` may see, with the next open due date and the highest running warning level (both
    subqueries, so the list stays one query)."""
    open_stages = Stage.objects.filter(matter=OuterRef("pk"), status=Stage.Status.IN_PROGRESS)
    running = Clock.objects.filter(matter=OuterRef("pk"), running=True).order_by("-level")
    return (
        matters_visible_to(user)
        .select_related("matter_type", "court", "lead_lawyer", "team")
        .annotate(
            next_due=Subquery(open_stages.order_by("due_date").values("due_date")[:1]),
            top_level=Subquery(running.values("level")[:1]),
        )
    )


def openable_teams(user: User) -> QuerySet[Team]:
    """Teams ``user`` may open a matter for: their own and those they supervise; every team for admins."""
    if user.is_office_admin:
        return Team.objects.all()
    ids = set(supervised_team_ids(user))
    if user.team_id:
        ids.add(user.team_id)
    return Team.objects.filter(pk__in=ids)


def lead_lawyer_choices(user: User) -> QuerySet[User]:
    people = User.objects.filter(is_active=True)
    if not user.is_office_admin:
        people = people.filter(Q(team__in=openable_teams(user)) | Q(pk=user.pk))
    return people.order_by("full_name", "username")


# --- the matter page ------------------------------------------------------------------------------------

ACTIONS_WORK = ("complete", "pause", "end_pause", "extension")
ACTIONS_SUPERVISE = ("cancel", "reopen", "reassign")


def matter_for_page(user: User, pk: int) -> Matter:
    """The matter with its header's relations, or 404."""
    from django.http import Http404

    try:
        return (
            matters_visible_to(user)
            .select_related("matter_type__calendar", "court", "lead_lawyer", "team", "created_by")
            .get(pk=pk)
        )
    except Matter.DoesNotExist:
        raise Http404("No such matter") from None


def matter_stages(matter: Matter) -> list[Stage]:
    """The matter's stages in template order, with everything the timeline shows."""
    pauses = (
        PauseRequest.objects.exclude(status=PauseRequest.Status.WITHDRAWN)
        .select_related("requested_by", "decided_by")
        .order_by("start_date", "pk")
    )
    decided_extensions = (
        ExtensionRequest.objects.exclude(status=ExtensionRequest.Status.WITHDRAWN)
        .select_related("requested_by", "decided_by")
        .order_by("requested_at", "pk")
    )
    return list(
        matter.stages.select_related(
            "template__trigger",
            "template__rule",
            "template__completion_event",
            "trigger_event__event_type",
            "rule_version__rule",
            "rule_version__legal_source",
            "computation",
            "responsible",
            "completed_by",
            "clock",
        )
        .prefetch_related(
            Prefetch("pause_requests", queryset=pauses, to_attr="pauses"),
            Prefetch("extension_requests", queryset=decided_extensions, to_attr="extensions"),
        )
        .order_by("order", "pk")
    )


def matter_clock(matter: Matter) -> Clock | None:
    """The clock of the matter's total handling limit, if it has one."""
    return Clock.objects.filter(matter=matter, kind=Clock.Kind.MATTER).first()


def current_events(matter: Matter) -> list[MatterEvent]:
    return list(
        matter.events.filter(is_current=True)
        .select_related("event_type", "recorded_by", "supersedes")
        .order_by("occurred_on", "pk")
    )


def _counts_in_hours(period: str) -> bool:
    try:
        return Period.parse(period).unit == Unit.HOURS
    except PeriodError:
        return False


def recordable_event_types(matter: Matter, recorded: list[MatterEvent]) -> tuple[list[EventType], set[int]]:
    """Event types the matter's stages count from that have no current record, and the ids of those a
    stage counts in hours from (their time of day is needed)."""
    templates = StageTemplate.objects.filter(matter_type_id=matter.matter_type_id).select_related(
        "trigger", "rule"
    )
    done = {event.event_type_id for event in recorded}
    types: dict[int, EventType] = {}
    hourly: set[int] = set()
    rule_ids: dict[int, int] = {}
    for template in templates:
        if template.trigger_id in done:
            continue
        types[template.trigger_id] = template.trigger
        if template.rule_id:
            rule_ids[template.rule_id] = template.trigger_id
        elif _counts_in_hours(template.period):
            hourly.add(template.trigger_id)
    if rule_ids:
        from caseflow.models import RuleVersion

        for rule_id, period in RuleVersion.objects.filter(rule_id__in=rule_ids).values_list(
            "rule_id", "period"
        ):
            if _counts_in_hours(period):
                hourly.add(rule_ids[rule_id])
    ordered = sorted(types.values(), key=lambda t: t.name)
    return ordered, hourly


def may_record_events(user: User, matter: Matter, stages: list[Stage], supervised: set[int]) -> bool:
    """Lead lawyer, anyone responsible for one of its stages, its team's supervisors, office admins (the
    people :func:`accounts.access.can_work_on` lets work on its stages)."""
    return (
        user.is_office_admin
        or matter.lead_lawyer_id == user.pk
        or matter.team_id in supervised
        or any(stage.responsible_id == user.pk for stage in stages)
    )


@dataclass
class StageRights:
    """What ``user`` may do to one stage, and why not when a form would fail anyway."""

    work: bool = False
    supervise: bool = False
    actions: list[str] = field(default_factory=list)


def stage_rights(user: User, stage: Stage, *, supervised: set[int]) -> StageRights:
    """The actions offered on the matter page for ``stage`` (``supervised``: the team ids ``user``
    supervises). The same rules as :func:`accounts.access.can_work_on` and ``can_supervise``, without a
    query per stage; services check again when a form is posted."""
    supervisor = user.is_office_admin or stage.team_id in supervised
    work = supervisor or stage.responsible_id == user.pk or stage.matter.lead_lawyer_id == user.pk
    rights = StageRights(work=work, supervise=supervisor)
    if stage.matter.status == Matter.Status.CLOSED:
        return rights  # a closed matter's stages are history
    version = stage.rule_version
    fixed = bool(version and version.fixed_period)
    running_pause = next((p for p in stage.pauses if p.is_active), None)
    pending_pause = any(p.status == PauseRequest.Status.PENDING for p in stage.pauses)
    pending_extension = any(e.status == ExtensionRequest.Status.PENDING for e in stage.extensions)
    in_progress = stage.status == Stage.Status.IN_PROGRESS
    if work and in_progress:
        rights.actions.append("complete")
        if running_pause is not None:
            rights.actions.append("end_pause")
        elif not pending_pause and not fixed and not stage.hour_precision and stage.due_date:
            rights.actions.append("pause")
        if (
            not pending_extension
            and not fixed
            and stage.due_date
            and not (version and not version.extendable)
        ):
            rights.actions.append("extension")
    clock = getattr(stage, "clock", None)
    if (
        clock is not None
        and clock.owner_id == user.pk
        and in_progress
        and clock.level >= Level.URGENT
        and (
            clock.acknowledged_at is None or (clock.level_since and clock.acknowledged_at < clock.level_since)
        )
    ):
        rights.actions.append("acknowledge")
    if supervisor:
        if stage.is_open:
            rights.actions += ["cancel", "reassign"]
        else:
            rights.actions.append("reopen")
    return rights


@dataclass
class MatterHistory:
    deadline_changes: list[DeadlineChange]
    computations: list[DueComputation]
    responsibility_changes: list[ResponsibilityChange]
    superseded_events: list[MatterEvent]
    transitions: list[WarningTransition]
    escalations: list[Escalation]

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.deadline_changes,
                self.computations,
                self.responsibility_changes,
                self.superseded_events,
                self.transitions,
                self.escalations,
            )
        )


def matter_history(matter: Matter) -> MatterHistory:
    """The append-only records of the matter, newest first."""
    return MatterHistory(
        deadline_changes=list(
            DeadlineChange.objects.filter(stage__matter=matter)
            .select_related("stage__template", "changed_by")
            .order_by("-changed_at", "-pk")
        ),
        computations=list(
            DueComputation.objects.filter(stage__matter=matter)
            .select_related("stage__template", "computed_by", "rule_version__rule")
            .order_by("-computed_at", "-pk")
        ),
        responsibility_changes=list(
            ResponsibilityChange.objects.filter(stage__matter=matter)
            .select_related("stage__template", "old_responsible", "new_responsible", "changed_by")
            .order_by("-changed_at", "-pk")
        ),
        superseded_events=list(
            matter.events.filter(is_current=False)
            .select_related("event_type", "recorded_by")
            .annotate(corrected=Exists(MatterEvent.objects.filter(supersedes=OuterRef("pk"))))
            .prefetch_related("superseded_by__recorded_by")
            .order_by("-recorded_at", "-pk")
        ),
        transitions=list(
            WarningTransition.objects.filter(matter=matter)
            .select_related("stage__template", "owner")
            .order_by("-at", "-pk")
        ),
        escalations=list(
            Escalation.objects.filter(matter=matter)
            .select_related("stage__template", "current_recipient", "acknowledged_by")
            .order_by("-opened_at", "-pk")
        ),
    )


# --- the inbox ------------------------------------------------------------------------------------------


def inbox_notifications(user: User):
    """``user``'s in-app notifications: unread first, then newest."""
    from django.db.models import Case, When

    from alerts.models import Channel, Notification

    unread = Case(When(read_at__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField())
    return (
        Notification.objects.filter(recipient=user, channel=Channel.INBOX)
        .annotate(unread=unread)
        .order_by("-unread", "-created_at", "-pk")
    )


# --- previews -------------------------------------------------------------------------------------------


@dataclass
class RecomputePreview:
    stage: Stage
    old_due: object
    new_due: object = None
    provisional: bool = False
    error: str = ""

    @property
    def changed(self) -> bool:
        return self.old_due != self.new_due


def preview_correction(event: MatterEvent, stages: list[Stage], *, occurred_on, occurred_at) -> list:
    """What correcting ``event`` to the given date would do to ``stages``, computed without saving
    anything (the same computation :func:`caseflow.services.events.correct_event` stores)."""
    from caseflow.services.deadlines import StageComputationError
    from caseflow.services.stages import compute

    trigger = MatterEvent(
        matter=event.matter, event_type=event.event_type, occurred_on=occurred_on, occurred_at=occurred_at
    )
    previews = []
    for stage in stages:
        row = RecomputePreview(stage=stage, old_due=stage.due_date)
        try:
            result = compute(stage, trigger)
        except StageComputationError as exc:
            row.error = str(exc)
        else:
            row.new_due, row.provisional = result.due_date, result.provisional
        previews.append(row)
    return previews
