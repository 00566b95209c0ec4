"""Composing notifications: outbox rows written, rendered, before anything is sent.

Each ``notify_*`` function decides who hears about an event and on which channels, renders each message
in its recipient's language and writes one :class:`~alerts.models.Notification` row per recipient and
channel. ``dedup_key`` is unique, so calling a function again for the same event (a re-run scan, a
catch-up task, two workers) writes nothing; each function returns how many rows it actually created.
Inbox rows are delivered by being written (status sent); e-mail and chat rows wait for
:func:`alerts.notifications.delivery.deliver_due`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from alerts.models import (
    Channel,
    Clock,
    Escalation,
    ExtensionRequest,
    Level,
    Notification,
    PauseRequest,
    TeamChannel,
    WarningTransition,
)
from alerts.models.requests import RequestStatus
from alerts.notifications.render import (
    Due,
    clip,
    escalation_link,
    language_of,
    level_label,
    matter_link,
    render_bodies,
    rendering,
)

if TYPE_CHECKING:
    from accounts.models import User
    from caseflow.models import Stage

Kind = Notification.Kind


@dataclass
class Draft:
    """One message to write: who, where, and how to render it (later, in the recipient's language)."""

    kind: str
    channel: str
    dedup_key: str
    template: str
    subject: Callable[[], str]
    context: dict[str, Any]
    recipient: Any | None = None
    team_channel: TeamChannel | None = None
    related: dict[str, Any] = field(default_factory=dict)  # stage, matter, transition, escalation
    level: int | None = None
    link: str = ""

    @property
    def language(self) -> str:
        return language_of(self.recipient) if self.recipient is not None else settings.LANGUAGE_CODE


def write(drafts: Iterable[Draft], *, now: dt.datetime) -> int:
    """Render and insert the drafts whose ``dedup_key`` is new; return how many rows were created.

    The new rows go in with one ``INSERT``. Should another worker have written one of the same keys
    since they were read (the unique ``dedup_key`` refuses it), the rows are written one by one
    instead, each keeping whichever came first."""
    drafts = list(drafts)
    if not drafts:
        return 0
    existing = set(
        Notification.objects.filter(dedup_key__in=[d.dedup_key for d in drafts]).values_list(
            "dedup_key", flat=True
        )
    )
    rows = [_render(draft, now=now) for draft in drafts if draft.dedup_key not in existing]
    if not rows:
        return 0
    try:
        with transaction.atomic():
            Notification.objects.bulk_create(rows)
        return len(rows)
    except IntegrityError:
        return sum(_insert_unless_there(row) for row in rows)


def _insert_unless_there(row: Notification) -> bool:
    try:
        with transaction.atomic():
            row.save(force_insert=True)
        return True
    except IntegrityError:
        return False


def _render(draft: Draft, *, now: dt.datetime) -> Notification:
    with rendering(draft.language):
        subject = clip(draft.subject(), 300)
        body_text, body_html = render_bodies(
            draft.template,
            draft.channel,
            {
                **draft.context,
                "subject": subject,
                "recipient": draft.recipient,
                "level": draft.level,
                "link": draft.link,
            },
        )
    pending = draft.channel != Channel.INBOX
    return Notification(
        dedup_key=draft.dedup_key,
        kind=draft.kind,
        channel=draft.channel,
        recipient=draft.recipient,
        team_channel=draft.team_channel,
        level=draft.level,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        link=draft.link[:300],
        language=draft.language,
        status=Notification.Status.PENDING if pending else Notification.Status.SENT,
        created_at=now,
        next_attempt_at=now if pending else None,
        sent_at=None if pending else now,
        **draft.related,
    )


def user_channels(user: Any, *, email: bool = True) -> list[str]:
    """Inbox always; e-mail when wanted, possible, and the account is active."""
    channels = [Channel.INBOX.value]
    if email and user.is_active and user.email_notifications and user.email:
        channels.append(Channel.EMAIL.value)
    return channels


def _for_user(user: Any, key: str, *, email: bool = True, **draft: Any) -> list[Draft]:
    return [
        Draft(channel=channel, dedup_key=f"{key}:user:{user.pk}:{channel}", recipient=user, **draft)
        for channel in user_channels(user, email=email)
    ]


def _where(due: Due) -> str:
    """ "2026-0012 · Appeal" in the active language."""
    return f"{due.matter.number} · {due.title}"


def _day(day: dt.date | None) -> str:
    return date_format(day, "DATE_FORMAT") if day else ""


# --- level changes -------------------------------------------------------------------------------------


def notify_transition(transition: WarningTransition, *, now: dt.datetime) -> int:
    """A clock's level rose to reminder or above: tell the owner and the team's chat channels."""
    to_level = transition.to_level
    if to_level <= transition.from_level or to_level < Level.REMINDER:
        return 0
    due = Due.of_clock(transition.clock, now=now)
    context = {
        "due": due,
        "matter": transition.matter,
        "stage": transition.stage,
        "owner": transition.owner,
        "team": transition.team,
        "from_level_label": level_label(transition.from_level),
    }

    def subject() -> str:
        return _("[%(level)s] %(where)s: due %(date)s (%(left)s)") % {
            "level": level_label(to_level),
            "where": _where(due),
            "date": _day(due.due_date),
            "left": due.phrase,
        }

    common: dict[str, Any] = {
        "kind": Kind.LEVEL_CHANGE,
        "template": "level_change",
        "subject": subject,
        "context": context,
        "level": to_level,
        "link": matter_link(transition.matter_id),
        "related": {"transition": transition, "stage": transition.stage, "matter": transition.matter},
    }
    drafts = _for_user(transition.owner, f"transition:{transition.pk}", **common)
    team_channels = TeamChannel.objects.filter(
        team_id=transition.team_id, enabled=True, min_level__lte=to_level
    )
    drafts += [
        Draft(
            channel=team_channel.kind,
            dedup_key=f"transition:{transition.pk}:team_channel:{team_channel.pk}",
            team_channel=team_channel,
            **common,
        )
        for team_channel in team_channels.order_by("pk")
    ]
    return write(drafts, now=now)


# --- escalations and repeat reminders --------------------------------------------------------------------


def notify_escalation_step(escalation: Escalation, *, step: int, recipient: User, now: dt.datetime) -> int:
    """An escalation reached ``step`` of its ladder: tell the supervisor it reached."""
    clock = escalation.clock
    due = Due.of_clock(clock, now=now)
    responsible = escalation.stage.responsible if escalation.stage_id else clock.owner

    def subject() -> str:
        return _("[Escalation] %(where)s: %(reason)s") % {
            "where": _where(due),
            "reason": escalation.get_reason_display(),
        }

    drafts = _for_user(
        recipient,
        f"escalation:{escalation.pk}:step:{step}",
        kind=Kind.ESCALATION,
        template="escalation",
        subject=subject,
        context={
            "escalation": escalation,
            "step": step,
            "due": due,
            "matter": escalation.matter,
            "stage": escalation.stage,
            "responsible": responsible,
            "team": escalation.team,
            "since": escalation.opened_at,
            "level_since": clock.level_since,
        },
        level=clock.level,
        link=escalation_link(escalation.pk),
        related={"escalation": escalation, "stage": escalation.stage, "matter": escalation.matter},
    )
    return write(drafts, now=now)


def notify_nag(clock: Clock, *, number: int, now: dt.datetime) -> int:
    """Repeat reminder ``number`` to the owner of a clock that is still overdue."""
    due = Due.of_clock(clock, now=now)

    def subject() -> str:
        return _("[Still overdue] %(where)s: %(left)s") % {"where": _where(due), "left": due.phrase}

    drafts = _for_user(
        clock.owner,
        f"nag:{clock.pk}:{number}",
        kind=Kind.NAG,
        template="nag",
        subject=subject,
        context={
            "due": due,
            "matter": clock.matter,
            "stage": clock.stage,
            "number": number,
            "since": clock.level_since,
        },
        level=clock.level,
        link=matter_link(clock.matter_id),
        related={"stage": clock.stage, "matter": clock.matter},
    )
    return write(drafts, now=now)


# --- pauses, extensions, reassignment ----------------------------------------------------------------------


def notify_resume_reminder(pause: PauseRequest, *, number: int, now: dt.datetime) -> int:
    """Reminder ``number`` that a stage is still paused: record the end of the pause when its cause ends."""
    stage = pause.stage
    due = Due.of_stage(stage, now=now)

    def subject() -> str:
        return _("[Paused] %(where)s: paused since %(date)s") % {
            "where": _where(due),
            "date": _day(pause.start_date),
        }

    drafts = _for_user(
        stage.responsible,
        f"resume:{pause.pk}:{number}",
        kind=Kind.RESUME_REMINDER,
        template="resume_reminder",
        subject=subject,
        context={
            "pause": pause,
            "number": number,
            "due": due,
            "matter": stage.matter,
            "stage": stage,
            "paused_days": (due.today - pause.start_date).days + 1,
        },
        link=matter_link(stage.matter_id),
        related={"stage": stage, "matter": stage.matter},
    )
    return write(drafts, now=now)


def _request_type(request: PauseRequest | ExtensionRequest) -> str:
    return "pause" if isinstance(request, PauseRequest) else "extension"


def decision_makers(stage: Stage) -> list[Any]:
    """The stage team's supervisor, or else the office administrators."""
    supervisor = stage.team.supervisor
    if supervisor is not None and supervisor.is_active:
        return [supervisor]
    user_model = get_user_model()
    return list(user_model.objects.filter(role=user_model.Role.ADMIN, is_active=True).order_by("pk"))


def notify_request(request: PauseRequest | ExtensionRequest, *, now: dt.datetime) -> int:
    """A pause or an extension awaits a decision: tell whoever decides."""
    stage = request.stage
    due = Due.of_stage(stage, now=now)
    request_type = _request_type(request)

    def subject() -> str:
        template = (
            _("Pause requested: %(where)s")
            if request_type == "pause"
            else _("Extension requested: %(where)s")
        )
        return template % {"where": _where(due)}

    drafts: list[Draft] = []
    for supervisor in decision_makers(stage):
        drafts += _for_user(
            supervisor,
            f"request:{request_type}:{request.pk}",
            kind=Kind.REQUEST,
            template="request",
            subject=subject,
            context={
                "request": request,
                "is_pause": request_type == "pause",
                "due": due,
                "matter": stage.matter,
                "stage": stage,
                "requester": request.requested_by,
            },
            link=matter_link(stage.matter_id),
            related={"stage": stage, "matter": stage.matter},
        )
    return write(drafts, now=now)


def notify_decision(request: PauseRequest | ExtensionRequest, *, now: dt.datetime) -> int:
    """A pause or an extension was approved or rejected: tell the person who asked."""
    if request.status not in (RequestStatus.APPROVED, RequestStatus.REJECTED):
        return 0
    stage = request.stage
    due = Due.of_stage(stage, now=now)
    request_type = _request_type(request)
    approved = request.status == RequestStatus.APPROVED

    def subject() -> str:
        templates = {
            ("pause", True): _("Pause approved: %(where)s"),
            ("pause", False): _("Pause rejected: %(where)s"),
            ("extension", True): _("Extension approved: %(where)s"),
            ("extension", False): _("Extension rejected: %(where)s"),
        }
        return templates[request_type, approved] % {"where": _where(due)}

    drafts = _for_user(
        request.requested_by,
        f"decision:{request_type}:{request.pk}:{request.status}",
        kind=Kind.DECISION,
        template="decision",
        subject=subject,
        context={
            "request": request,
            "is_pause": request_type == "pause",
            "approved": approved,
            "due": due,
            "matter": stage.matter,
            "stage": stage,
        },
        link=matter_link(stage.matter_id),
        related={"stage": stage, "matter": stage.matter},
    )
    return write(drafts, now=now)


def notify_reassigned(stage: Stage, *, previous: User, by: User | None, reason: str, now: dt.datetime) -> int:
    """A stage has a new responsible person: tell them (inbox and e-mail) and the previous one (inbox)."""
    new = stage.responsible
    if previous.pk == new.pk:
        return 0
    due = Due.of_stage(stage, now=now)
    key = f"reassigned:{stage.pk}:{previous.pk}:{new.pk}:{int(now.timestamp())}"
    context = {
        "due": due,
        "matter": stage.matter,
        "stage": stage,
        "previous": previous,
        "new": new,
        "by": by,
        "reason": reason,
    }
    common: dict[str, Any] = {
        "kind": Kind.REASSIGNED,
        "template": "reassigned",
        "link": matter_link(stage.matter_id),
        "related": {"stage": stage, "matter": stage.matter},
    }

    def subject_new() -> str:
        return _("You are now responsible: %(where)s") % {"where": _where(due)}

    def subject_previous() -> str:
        return _("Reassigned to %(name)s: %(where)s") % {"where": _where(due), "name": new.display_name}

    drafts = _for_user(new, key, subject=subject_new, context={**context, "for_new": True}, **common)
    drafts += _for_user(
        previous, key, email=False, subject=subject_previous, context={**context, "for_new": False}, **common
    )
    return write(drafts, now=now)
