"""Read-only queries of the warnings app."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from alerts.models import Channel, Notification


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, channel=Channel.INBOX, read_at__isnull=True).count()


@dataclass
class PauseStats:
    person: object
    pauses: int = 0
    running_pauses: int = 0
    paused_days: int = 0
    extensions_requested: int = 0
    extensions_approved: int = 0
    extensions_rejected: int = 0


def pause_and_extension_stats(
    *, team_ids: list[int] | None, today: dt.date | None = None
) -> list[PauseStats]:
    """Per requester: approved pauses and the days they stopped the clock (a running pause counts up to
    ``today``), and extensions requested, approved and rejected — the figures supervisors watch for
    "hidden overruns" (隐性超审限)."""
    from accounts.models import User
    from alerts.models import ExtensionRequest, PauseRequest

    pauses = PauseRequest.objects.filter(status=PauseRequest.Status.APPROVED)
    extensions = ExtensionRequest.objects.exclude(status=ExtensionRequest.Status.WITHDRAWN)
    if team_ids is not None:
        pauses = pauses.filter(stage__team_id__in=team_ids)
        extensions = extensions.filter(stage__team_id__in=team_ids)
    rows: dict[int, PauseStats] = {}

    def row(user_id: int) -> PauseStats:
        return rows.setdefault(user_id, PauseStats(person=user_id))

    for requester, start, end in pauses.values_list("requested_by", "start_date", "end_date"):
        stats = row(requester)
        stats.pauses += 1
        last = end or today
        if end is None:
            stats.running_pauses += 1
        if last is not None and last >= start:
            stats.paused_days += (last - start).days + 1
    for requester, status in extensions.values_list("requested_by", "status"):
        stats = row(requester)
        stats.extensions_requested += 1
        stats.extensions_approved += status == ExtensionRequest.Status.APPROVED
        stats.extensions_rejected += status == ExtensionRequest.Status.REJECTED
    users = User.objects.in_bulk(list(rows))
    for user_id, stats in rows.items():
        stats.person = users[user_id]
    return sorted(rows.values(), key=lambda s: (-s.paused_days, -s.extensions_approved, s.person.username))


# --- Supervision screens: escalation queue, approvals, pause statistics -------------------------------


def supervision_scope(user) -> list[int] | None:
    """Team ids whose escalations and requests ``user`` supervises; ``None`` means every team (admins).

    Remembered on the user object, which lives for one request: a page asks several times (queryset,
    filter choices, read-only flag) and the team tree is walked once."""
    from accounts.access import supervised_team_ids

    if user.is_office_admin:
        return None
    if not hasattr(user, "_supervision_scope"):
        user._supervision_scope = supervised_team_ids(user)
    return user._supervision_scope


def may_supervise(user) -> bool:
    """May ``user`` open the approvals and statistics pages (office admins, supervisors, team heads)?"""
    from accounts.models import User

    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_office_admin or user.role == User.Role.SUPERVISOR or bool(supervision_scope(user))


def escalations_visible_to(user):
    """Every escalation (any status) ``user`` may look at: those of supervised teams, of the user's own
    stages, and those raised to the user (a ladder step can reach an office admin or department head
    outside the team). Anything else is a 404 on the escalation page."""
    from django.db.models import Q

    from alerts.models import Escalation, EscalationEntry

    if not user.is_authenticated or not user.is_active:
        return Escalation.objects.none()
    scope = supervision_scope(user)
    if scope is None:
        return Escalation.objects.all()
    visible = (
        Q(team_id__in=scope)
        | Q(stage__responsible=user)
        | Q(clock__owner=user)
        | Q(current_recipient=user)
        | Q(pk__in=EscalationEntry.objects.filter(recipient=user).values("escalation_id"))
    )
    return Escalation.objects.filter(visible)


def escalation_queue(user):
    """Active escalations ``user`` may see: open first, then pending, then acknowledged; within each,
    the longest overdue first (the clock's expiry, oldest first)."""
    from django.db.models import Case, IntegerField, Value, When

    from alerts.models import Escalation

    rank = Case(
        When(status=Escalation.Status.OPEN, then=Value(0)),
        When(status=Escalation.Status.PENDING, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        escalations_visible_to(user)
        .filter(status__in=Escalation.ACTIVE_STATUSES)
        .select_related(
            "clock__owner",
            "team",
            "matter",
            "stage__template",
            "current_recipient",
            "acknowledged_by",
        )
        .annotate(status_rank=rank)
        .order_by("status_rank", "clock__due_at", "pk")
    )


def access_escalation(user, pk: int):
    """The escalation with its facts, or 404 if ``user`` may not see it."""
    from django.http import Http404

    from alerts.models import Escalation

    try:
        return (
            escalations_visible_to(user)
            .select_related(
                "clock__policy",
                "clock__owner",
                "team",
                "matter__matter_type",
                "matter__court",
                "stage__template",
                "stage__responsible",
                "stage__rule_version__rule",
                "stage__rule_version__legal_source",
                "current_recipient",
                "acknowledged_by",
            )
            .get(pk=pk)
        )
    except Escalation.DoesNotExist:
        raise Http404("No such escalation") from None


def can_handle_escalation(user, escalation) -> bool:
    """Acknowledge and reassign: the team's supervisors (and admins) and the step's current recipient,
    exactly as :mod:`alerts.services.escalations` checks (``can_supervise``, through the cached scope)."""
    if escalation.current_recipient_id == user.pk:
        return True
    scope = supervision_scope(user)
    return scope is None or escalation.team_id in scope


def can_comment_on_escalation(user, escalation) -> bool:
    return user.pk == escalation.clock.owner_id or can_handle_escalation(user, escalation)


def reassign_candidates(escalation):
    """Active people of the escalation's team and its sub-teams, except the stage's current responsible."""
    from accounts.access import team_and_descendants
    from accounts.models import User

    people = User.objects.filter(is_active=True, team_id__in=team_and_descendants(escalation.team))
    if escalation.stage_id:
        people = people.exclude(pk=escalation.stage.responsible_id)
    return people.order_by("full_name", "username")


def _in_scope(queryset, scope: list[int] | None):
    return queryset if scope is None else queryset.filter(stage__team_id__in=scope)


_REQUEST_RELATED = (
    "stage__template",
    "stage__matter",
    "stage__responsible",
    "stage__rule_version__rule",
    "requested_by",
)


def pending_pauses(scope: list[int] | None):
    from alerts.models import PauseRequest

    rows = PauseRequest.objects.filter(status=PauseRequest.Status.PENDING).select_related(*_REQUEST_RELATED)
    return _in_scope(rows, scope).order_by("requested_at", "pk")


def pending_extensions(scope: list[int] | None):
    from alerts.models import ExtensionRequest

    rows = ExtensionRequest.objects.filter(status=ExtensionRequest.Status.PENDING).select_related(
        *_REQUEST_RELATED
    )
    return _in_scope(rows, scope).order_by("requested_at", "pk")


def recently_decided(scope: list[int] | None, *, since: dt.datetime) -> list:
    """Pauses and extensions approved or rejected since ``since``, newest decision first."""
    from alerts.models import ExtensionRequest, PauseRequest

    decided = (PauseRequest.Status.APPROVED, PauseRequest.Status.REJECTED)
    rows: list = []
    for model in (PauseRequest, ExtensionRequest):
        queryset = model.objects.filter(status__in=decided, decided_at__gte=since).select_related(
            *_REQUEST_RELATED, "decided_by"
        )
        rows.extend(_in_scope(queryset, scope))
    return sorted(rows, key=lambda r: (r.decided_at, r.pk), reverse=True)


def team_pause_stats(*, team_ids: list[int] | None, today: dt.date) -> list[PauseStats]:
    """:func:`pause_and_extension_stats`, plus a zero row for every active member of the teams who asked
    for nothing (a per-person report that hides the people with no pauses would mislead), each row with
    the person's ``team``."""
    from accounts.models import Team, User

    rows = pause_and_extension_stats(team_ids=team_ids, today=today)
    present = {row.person.pk for row in rows}
    members = User.objects.filter(is_active=True, team__isnull=False).exclude(pk__in=present)
    if team_ids is not None:
        members = members.filter(team_id__in=team_ids)
    rows.extend(PauseStats(person=person) for person in members.order_by("username"))
    teams = Team.objects.in_bulk({row.person.team_id for row in rows if row.person.team_id})
    for row in rows:
        row.team = teams.get(row.person.team_id)  # type: ignore[attr-defined]
    return rows
