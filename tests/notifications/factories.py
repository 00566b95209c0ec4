"""Small factories for the notification tests, written directly with the ORM.

They build just enough of a matter to notify about: a team, people, a calendar, a matter type with one
stage template ("15d", cn_civil), a matter, a stage with its due date, a policy, a clock and a transition.
"""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo

from accounts.models import Team, User
from alerts.models import (
    Clock,
    Escalation,
    ExtensionRequest,
    Level,
    PauseRequest,
    TeamChannel,
    WarningPolicy,
    WarningTransition,
)
from caseflow.models import Calendar, EventType, Matter, MatterType, Stage, StageTemplate

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
_seq = itertools.count(1)


def at(text: str) -> dt.datetime:
    """An aware instant in Shanghai: ``at("2026-12-01 09:00")``."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def day_end(day: dt.date) -> dt.datetime:
    """The instant a limit due on ``day`` expires: the start of the next day in Shanghai."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI)


def make_team(*, supervisor: User | None = None, **fields) -> Team:
    n = next(_seq)
    fields.setdefault("code", f"team-{n}")
    fields.setdefault("name_zh", f"诉讼{n}组")
    fields.setdefault("name_en", f"Litigation {n}")
    return Team.objects.create(supervisor=supervisor, **fields)


def make_user(*, team: Team | None = None, language: str = "zh-hans", **fields) -> User:
    n = next(_seq)
    fields.setdefault("username", f"user{n}")
    fields.setdefault("email", f"user{n}@example.test")
    fields.setdefault("full_name", f"User {n}")
    return User.objects.create(team=team, language=language, **fields)


def make_calendar() -> Calendar:
    calendar, _ = Calendar.objects.get_or_create(
        code="CN", defaults={"name_zh": "中国内地", "name_en": "Mainland China", "time_zone": "Asia/Shanghai"}
    )
    return calendar


def make_policy() -> WarningPolicy:
    """The office's default policy (loaded with the reference data), or a minimal one."""
    policy = WarningPolicy.objects.filter(is_default=True).first()
    if policy is None:
        policy = WarningPolicy.objects.create(
            code="standard", name_zh="标准", name_en="Standard", is_default=True
        )
    return policy


def make_template(**fields) -> StageTemplate:
    n = next(_seq)
    trigger = EventType.objects.create(code=f"served-{n}", name_zh="判决书送达", name_en="Judgment served")
    matter_type = MatterType.objects.create(
        code=f"civil-{n}",
        name_zh="民事一审",
        name_en="Civil first instance",
        jurisdiction="CN",
        calendar=make_calendar(),
    )
    fields.setdefault("name_zh", "提起上诉")
    fields.setdefault("name_en", "File the appeal")
    return StageTemplate.objects.create(
        matter_type=matter_type,
        order=1,
        code=f"appeal-{n}",
        trigger=trigger,
        period="15d",
        convention="cn_civil",
        **fields,
    )


def make_matter(*, lead: User, team: Team, template: StageTemplate | None = None, **fields) -> Matter:
    n = next(_seq)
    template = template or make_template()
    fields.setdefault("number", f"(2026)京0105民初{n}号")
    fields.setdefault("title", f"Zhang v. Li {n}")
    fields.setdefault("client", "张三")
    return Matter.objects.create(
        matter_type=template.matter_type,
        lead_lawyer=lead,
        team=team,
        opened_on=dt.date(2026, 10, 1),
        created_at=at("2026-10-01 09:00"),
        **fields,
    )


def make_stage(
    *, responsible: User, team: Team | None = None, due: dt.date = dt.date(2026, 12, 10), **fields
) -> Stage:
    """An in-progress stage of a new matter, due on ``due`` (expiring at the end of that day)."""
    team = team or responsible.team
    template = make_template()
    matter = make_matter(lead=responsible, team=team, template=template)
    fields.setdefault("status", Stage.Status.IN_PROGRESS)
    fields.setdefault("started_on", due - dt.timedelta(days=15))
    fields.setdefault("due_at", day_end(due))
    return Stage.objects.create(
        matter=matter,
        template=template,
        order=template.order,
        responsible=responsible,
        team=team,
        statutory_due=due,
        due_date=due,
        **fields,
    )


def make_clock(stage: Stage, *, level: int = Level.NORMAL, **fields) -> Clock:
    due_day = stage.due_date.toordinal()
    return Clock.objects.create(
        kind=Clock.Kind.STAGE,
        stage=stage,
        matter=stage.matter,
        owner=stage.responsible,
        team=stage.team,
        policy=make_policy(),
        calendar=make_calendar(),
        start_day=stage.started_on.toordinal(),
        due_day=due_day,
        due_wseq=due_day,
        last_workday_day=due_day - 1,
        due_at=stage.due_at,
        level=level,
        **fields,
    )


def make_transition(clock: Clock, *, from_level: int, to_level: int, at_: dt.datetime) -> WarningTransition:
    clock.seq += 1
    clock.level = to_level
    clock.level_since = at_
    clock.save(update_fields=["seq", "level", "level_since"])
    return WarningTransition.objects.create(
        clock=clock,
        seq=clock.seq,
        stage=clock.stage,
        matter=clock.matter,
        owner=clock.owner,
        team=clock.team,
        from_level=from_level,
        to_level=to_level,
        at=at_,
        reason=WarningTransition.Reason.THRESHOLD,
    )


def make_escalation(clock: Clock, *, opened_at: dt.datetime) -> Escalation:
    return Escalation.objects.create(
        clock=clock,
        stage=clock.stage,
        matter=clock.matter,
        team=clock.team,
        reason=Escalation.Reason.OVERDUE,
        status=Escalation.Status.OPEN,
        opened_at=opened_at,
        step=1,
    )


def make_pause(stage: Stage, *, requested_by: User, start: dt.date, **fields) -> PauseRequest:
    fields.setdefault("reason", "等待司法鉴定结论")
    return PauseRequest.objects.create(
        stage=stage,
        category=PauseRequest.Category.SUSPENSION,
        start_date=start,
        requested_by=requested_by,
        requested_at=at("2026-11-20 10:00"),
        **fields,
    )


def make_extension(stage: Stage, *, requested_by: User, new_due: dt.date, **fields) -> ExtensionRequest:
    fields.setdefault("reason", "案情复杂")
    fields.setdefault("legal_basis", "民事诉讼法第一百五十二条")
    return ExtensionRequest.objects.create(
        stage=stage,
        new_due_date=new_due,
        due_date_before=stage.due_date,
        requested_by=requested_by,
        requested_at=at("2026-11-20 10:00"),
        **fields,
    )


def make_team_channel(
    team: Team, *, kind: str, url: str, secret: str = "", min_level: int = Level.URGENT
) -> TeamChannel:
    return TeamChannel.objects.create(
        team=team, kind=kind, name=f"{kind} bot", url=url, secret=secret, min_level=min_level
    )
