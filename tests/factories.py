"""Factories for domain tests: a small office, matter types with chosen stages, matters opened through
the real services. Reference data (rules, calendars, policies) comes from the ``reference_data`` fixture."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from accounts.models import Team, User
from alerts.models import EscalationStep, PolicyAssignment, Threshold, WarningPolicy
from caseflow.models import Calendar, EventType, Matter, MatterType, Rule, StageTemplate
from caseflow.services.matters import open_matter

SHANGHAI = ZoneInfo("Asia/Shanghai")
_seq = itertools.count(1)


def at(text: str, zone: ZoneInfo = SHANGHAI) -> dt.datetime:
    """An aware instant: ``at("2026-09-28 09:00")`` in Shanghai."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=zone)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def make_team(*, supervisor: User | None = None, parent: Team | None = None, **fields) -> Team:
    n = next(_seq)
    fields.setdefault("code", f"team-{n}")
    fields.setdefault("name_zh", f"诉讼{n}组")
    fields.setdefault("name_en", f"Litigation team {n}")
    return Team.objects.create(supervisor=supervisor, parent=parent, **fields)


def make_user(*, team: Team | None = None, role: str = User.Role.LAWYER, **fields) -> User:
    n = next(_seq)
    fields.setdefault("username", f"user{n}")
    fields.setdefault("email", f"user{n}@example.test")
    fields.setdefault("full_name", f"律师{n}")
    fields.setdefault("language", "zh-hans")
    user = User(team=team, role=role, is_staff=role == User.Role.ADMIN, **fields)
    user.set_password("demo")
    user.save()
    return user


@dataclass
class Office:
    department: Team
    team: Team
    head: User
    supervisor: User
    lawyer: User
    colleague: User
    admin: User
    outsider: User


def make_office() -> Office:
    """A department with a head, a team under it with a supervisor and two lawyers, an office admin, and
    a lawyer of another team (who must not see this team's matters)."""
    head = make_user(role=User.Role.SUPERVISOR, username=f"head{next(_seq)}")
    department = make_team(supervisor=head, name_zh="诉讼部", name_en="Litigation department")
    supervisor = make_user(role=User.Role.SUPERVISOR, username=f"supervisor{next(_seq)}")
    team = make_team(supervisor=supervisor, parent=department)
    supervisor.team = team
    supervisor.save(update_fields=["team"])
    head.team = department
    head.save(update_fields=["team"])
    other = make_team(name_zh="非诉组", name_en="Transactions")
    return Office(
        department=department,
        team=team,
        head=head,
        supervisor=supervisor,
        lawyer=make_user(team=team, username=f"lawyer{next(_seq)}"),
        colleague=make_user(team=team),
        admin=make_user(role=User.Role.ADMIN, username=f"admin{next(_seq)}"),
        outsider=make_user(team=other),
    )


def event_type(code: str) -> EventType:
    found, _ = EventType.objects.get_or_create(code=code, defaults={"name_zh": code, "name_en": code})
    return found


def make_matter_type(
    stages: list[dict], *, calendar: str = "CN", total_limit: str = "", total_policy: str | None = None
) -> MatterType:
    """A matter type whose stages are given as dicts: ``code``, ``trigger`` (event code), ``rule`` (rule
    id) or ``period`` + ``convention``, and optional ``internal_lead``, ``completion_event``, ``policy``,
    ``direction``, ``kind``."""
    n = next(_seq)
    matter_type = MatterType.objects.create(
        code=f"test-type-{n}",
        name_zh=f"测试案件类型{n}",
        name_en=f"Test matter type {n}",
        jurisdiction=calendar,
        calendar=Calendar.objects.get(code=calendar),
        total_limit=total_limit,
    )
    if total_policy:
        PolicyAssignment.objects.create(
            matter_type=matter_type, policy=WarningPolicy.objects.get(code=total_policy)
        )
    for order, spec in enumerate(stages, start=1):
        template = StageTemplate(
            matter_type=matter_type,
            order=order * 10,
            code=spec["code"],
            name_zh=spec.get("name_zh", spec["code"]),
            name_en=spec.get("name_en", spec["code"]),
            trigger=event_type(spec["trigger"]),
            rule=Rule.objects.get(code=spec["rule"]) if "rule" in spec else None,
            period=spec.get("period", ""),
            convention=spec.get("convention", ""),
            direction=spec.get("direction", "after"),
            limit_kind=spec.get("kind", StageTemplate.LimitKind.HARD),
            internal_lead=spec.get("internal_lead", ""),
            completion_event=event_type(spec["completion_event"]) if "completion_event" in spec else None,
        )
        template.full_clean()
        template.save()
        if "policy" in spec:
            PolicyAssignment.objects.create(
                stage_template=template, policy=WarningPolicy.objects.get(code=spec["policy"])
            )
    return matter_type


def make_matter(
    office: Office,
    matter_type: MatterType,
    *,
    opened_on: str = "2026-09-01",
    now: dt.datetime | None = None,
    court=None,
    lead: User | None = None,
) -> Matter:
    n = next(_seq)
    return open_matter(
        number=f"(2026)测{n:04d}号",
        title=f"测试案件 {n}",
        client="某银行股份有限公司",
        matter_type=matter_type,
        lead_lawyer=lead or office.lawyer,
        team=office.team,
        opened_on=day(opened_on),
        court=court,
        by=lead or office.lawyer,
        now=now or at(f"{opened_on} 09:00"),
    )


def make_precise_policy() -> WarningPolicy:
    """The warning tests' policy: one condition per level, a three-step ladder, daily nags.

    reminder at 14 days left, warning at 3 working days left, urgent at 1 working day left or on the
    last working day before the due date; overdue escalates to the team supervisor at once, the
    department head after 24 hours and the office admins after 48."""
    policy = WarningPolicy.objects.create(
        code="precise",
        name_zh="测试策略",
        name_en="Precise test policy",
        last_workday_level=3,
        internal_target_level=0,
        escalate_when_overdue=True,
        escalate_urgent_after_hours=None,
        nag_interval_hours=24,
    )
    Threshold.objects.bulk_create(
        [
            Threshold(policy=policy, level=1, measure=Threshold.Measure.DAYS_LEFT, amount=14),
            Threshold(policy=policy, level=2, measure=Threshold.Measure.WORKDAYS_LEFT, amount=3),
            Threshold(policy=policy, level=3, measure=Threshold.Measure.WORKDAYS_LEFT, amount=1),
        ]
    )
    EscalationStep.objects.bulk_create(
        [
            EscalationStep(
                policy=policy, order=1, target=EscalationStep.Target.TEAM_SUPERVISOR, delay_hours=0
            ),
            EscalationStep(
                policy=policy, order=2, target=EscalationStep.Target.DEPARTMENT_HEAD, delay_hours=24
            ),
            EscalationStep(
                policy=policy, order=3, target=EscalationStep.Target.OFFICE_ADMINS, delay_hours=48
            ),
        ]
    )
    return policy


def make_appeal_type() -> MatterType:
    """A matter type with one stage: the 15-day civil appeal, counted from "judgment served", under the
    precise policy."""
    return make_matter_type(
        [
            {
                "code": "appeal",
                "trigger": "judgment_served",
                "rule": "cn.civil.appeal_judgment",
                "policy": "precise",
            }
        ]
    )
