"""The demo office's people and forums: a dispute-resolution department with three teams, its lawyers,
the office administrator and the courts, tribunals and agencies its matters go before.

Every demo team's code starts with ``demo-`` and every demo account belongs to a demo team: that is how
``seed_demo`` recognises its own data (to refuse a second run, or to delete it on ``--reset``).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from accounts.models import Team, User
from accounts.services import set_role
from caseflow.demo import names
from caseflow.models import Calendar, Court

TEAM_PREFIX = "demo-"
PASSWORD = "demo"

# (code, Chinese name, English name, what it handles)
TEAMS = (
    ("demo-litigation", "商事诉讼团队", "Commercial litigation", "civil and US matters"),
    ("demo-finance", "金融不良资产团队", "Banking and debt recovery", "bank loans and enforcement"),
    ("demo-public", "行政与劳动团队", "Administrative and labour", "labour, administrative, licensing"),
)

# (code, Chinese name, English name, jurisdiction and calendar, time zone)
COURTS = (
    (
        "cn-bj-chaoyang-court",
        "北京市朝阳区人民法院",
        "Beijing Chaoyang District People's Court",
        "CN",
        "Asia/Shanghai",
    ),
    (
        "cn-sh-pudong-court",
        "上海市浦东新区人民法院",
        "Shanghai Pudong New Area People's Court",
        "CN",
        "Asia/Shanghai",
    ),
    (
        "cn-bj-3rd-intermediate",
        "北京市第三中级人民法院",
        "Beijing No. 3 Intermediate People's Court",
        "CN",
        "Asia/Shanghai",
    ),
    (
        "cn-sh-1st-intermediate",
        "上海市第一中级人民法院",
        "Shanghai No. 1 Intermediate People's Court",
        "CN",
        "Asia/Shanghai",
    ),
    (
        "cn-bj-labour-arbitration",
        "北京市劳动人事争议仲裁委员会",
        "Beijing Labour and Personnel Dispute Arbitration Commission",
        "CN",
        "Asia/Shanghai",
    ),
    (
        "cn-bj-chaoyang-services",
        "北京市朝阳区政务服务管理局",
        "Beijing Chaoyang District Government Services Administration",
        "CN",
        "Asia/Shanghai",
    ),
    (
        "us-sdny",
        "美国纽约南区联邦地区法院",
        "U.S. District Court for the Southern District of New York",
        "US",
        "America/New_York",
    ),
)


@dataclass
class DemoOffice:
    department: Team
    teams: dict[str, Team]
    head: User
    admin: User
    supervisors: dict[str, User]
    lawyers: dict[str, list[User]]
    courts: dict[str, Court]

    @property
    def people(self) -> list[User]:
        everyone = [self.head, self.admin, *self.supervisors.values()]
        return everyone + [lawyer for team in self.lawyers.values() for lawyer in team]


def build_office(rng: random.Random, *, joined: dt.datetime) -> DemoOffice:
    """Create the teams and accounts (all with the password ``demo``) and make sure the courts exist."""
    # One hash for everyone: hashing is deliberately slow, and every demo account shares the password.
    password = make_password(PASSWORD)
    drawn = rng.sample(names.PEOPLE, 14)

    def person(username: str, full_name: str, team: Team, role: str) -> User:
        user = User.objects.create(
            username=username,
            full_name=full_name,
            email=f"{username}@demo-law.example.com",
            password=password,
            team=team,
            date_joined=joined,
            language=User.Language.ZH_HANS,
            # Demo addresses are fictitious: notifications go to the in-app inbox only.
            email_notifications=False,
        )
        return set_role(user, role) if role != User.Role.LAWYER else user

    department = Team.objects.create(
        code=f"{TEAM_PREFIX}dispute", name_zh="争议解决部", name_en="Dispute resolution"
    )
    head_name, head_username = drawn.pop()
    head = person(head_username, head_name, department, User.Role.SUPERVISOR)
    department.supervisor = head
    department.save(update_fields=["supervisor"])
    admin = person("admin", names.ADMIN_NAME, department, User.Role.ADMIN)
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    set_role(admin, User.Role.ADMIN)

    teams, supervisors, lawyers = {}, {}, {}
    for n, (code, name_zh, name_en, _handles) in enumerate(TEAMS):
        team = Team.objects.create(code=code, name_zh=name_zh, name_en=name_en, parent=department)
        if n == 0:
            supervisor = person("supervisor", names.SUPERVISOR_NAME, team, User.Role.SUPERVISOR)
            members = [person("lawyer", names.LAWYER_NAME, team, User.Role.LAWYER)]
        else:
            full_name, username = drawn.pop()
            supervisor = person(username, full_name, team, User.Role.SUPERVISOR)
            members = []
        while len(members) < 4:
            full_name, username = drawn.pop()
            members.append(person(username, full_name, team, User.Role.LAWYER))
        team.supervisor = supervisor
        team.save(update_fields=["supervisor"])
        teams[code], supervisors[code], lawyers[code] = team, supervisor, members
    return DemoOffice(department, teams, head, admin, supervisors, lawyers, ensure_courts())


def ensure_courts() -> dict[str, Court]:
    """The forums the demo matters go before; created once and kept (they are not demo-only data)."""
    calendars = {c.code: c for c in Calendar.objects.filter(code__in=["CN", "US"])}
    courts = {}
    for code, name_zh, name_en, jurisdiction, zone in COURTS:
        courts[code], _created = Court.objects.get_or_create(
            code=code,
            defaults={
                "name_zh": name_zh,
                "name_en": name_en,
                "jurisdiction": jurisdiction,
                "calendar": calendars[jurisdiction],
                "time_zone": zone,
            },
        )
    return courts
