"""Who gets which matter: the demo office's caseload over the last eighteen months.

About two hundred matters over the eight packs, each with a client, an opponent, a court, a lead lawyer of
the team that handles that kind of work and an opening date, plus the twists a few of them take
(a corrected date, a handover, a pause, an extension). Five more civil matters of the demo ``lawyer``
have their judgment served on days chosen so that today finds their appeal periods at every warning
level, whatever ``--today`` is.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from caseflow.calendars.adapter import calendar_for
from caseflow.deadlines import compute_deadline
from caseflow.deadlines.periods import Convention, Direction, Period
from caseflow.demo import names
from caseflow.demo.office import DemoOffice
from caseflow.demo.script import MatterPlan
from caseflow.models import Court, StageTemplate

HISTORY_DAYS = 540
CIVIL = "cn-civil-first-instance"

# (pack, matters, team, number prefix, courts)
MIX = (
    (CIVIL, 45, "demo-litigation", "MS", ("cn-bj-chaoyang-court", "cn-sh-pudong-court")),
    (
        "cn-civil-second-instance",
        18,
        "demo-litigation",
        "ME",
        ("cn-bj-3rd-intermediate", "cn-sh-1st-intermediate"),
    ),
    ("cn-enforcement", 22, "demo-finance", "ZX", ("cn-bj-chaoyang-court", "cn-sh-pudong-court")),
    ("cn-labour-arbitration", 28, "demo-public", "LD", ("cn-bj-labour-arbitration",)),
    ("cn-administrative-litigation", 18, "demo-public", "XZ", ("cn-bj-chaoyang-court", "cn-sh-pudong-court")),
    ("cn-admin-licensing", 22, "demo-public", "XK", ("cn-bj-chaoyang-services",)),
    ("cn-bank-loan-recovery", 30, "demo-finance", "YH", ("cn-bj-chaoyang-court", "cn-sh-pudong-court")),
    ("us-federal-civil", 12, "demo-litigation", "US", ("us-sdny",)),
)
PREFIX = {pack: prefix for pack, _n, _team, prefix, _courts in MIX}

# Twists: (twist, pack, how many, opened at least / at most this many days ago)
TWISTS = (
    ("correction", CIVIL, 3, 60, 400),
    ("handover", CIVIL, 1, 90, 300),
    ("handover", "cn-labour-arbitration", 1, 40, 200),
    ("excluded_pause", CIVIL, 3, 120, 400),
    ("excluded_pause", "cn-admin-licensing", 2, 60, 400),
    ("court_extension", CIVIL, 2, 300, 500),
    ("rejected_extension", CIVIL, 2, 200, 500),
)


def plan_matters(office: DemoOffice, rng: random.Random, *, today: dt.date) -> list[MatterPlan]:
    """Every demo matter, numbered in opening order."""
    plans: list[MatterPlan] = []
    for pack, count, team_code, _prefix, courts in MIX:
        for _ in range(count):
            opened = today - dt.timedelta(days=rng.randint(3, HISTORY_DAYS))
            plans.append(_plan(office, rng, pack, team_code, office.courts[rng.choice(courts)], opened))
    for twist, pack, count, newest, oldest in TWISTS:
        candidates = [
            p
            for p in plans
            if p.pack == pack and newest <= (today - p.opened_on).days <= oldest and not p.twists
        ]
        for chosen in rng.sample(candidates, min(count, len(candidates))):
            chosen.twists.add(twist)
    plans.extend(_showcase(office, rng, today=today))
    plans.sort(key=lambda p: (p.opened_on, p.index))
    numbers: Counter[tuple[int, str]] = Counter()
    for index, plan in enumerate(plans):
        plan.index = index
        numbers[(plan.opened_on.year, plan.pack)] += 1
        plan.number = (
            f"{plan.opened_on.year}-{PREFIX[plan.pack]}-{numbers[(plan.opened_on.year, plan.pack)]:03d}"
        )
    return plans


def _plan(office: DemoOffice, rng: random.Random, pack: str, team_code: str, court: Court, opened: dt.date):
    team = office.teams[team_code]
    lawyers = office.lawyers[team_code]
    # The demo lawyer handles a good share of the litigation team's work.
    lead = lawyers[0] if team_code == "demo-litigation" and rng.random() < 0.35 else rng.choice(lawyers)
    colleague = rng.choice([lawyer for lawyer in lawyers if lawyer != lead])
    client, opposing, title = _parties(rng, pack)
    return MatterPlan(
        index=0,
        pack=pack,
        number="",
        title=title,
        client=client,
        opposing=opposing,
        team=team,
        lead=lead,
        supervisor=office.supervisors[team_code],
        colleague=colleague,
        court=court,
        opened_on=opened,
    )


def _company(rng: random.Random) -> str:
    return f"{rng.choice(names.CITIES)}{rng.choice(names.BRANDS)}{rng.choice(names.TRADES)}有限公司"


def _person(rng: random.Random) -> str:
    return rng.choice(names.PARTY_SURNAMES) + rng.choice(names.PARTY_GIVEN)


def _parties(rng: random.Random, pack: str) -> tuple[str, str, str]:
    """Client, opposing party and title, in the words an office files them under."""
    dispute = rng.choice(names.CIVIL_DISPUTES)
    client, opponent = _company(rng), rng.choice((_company(rng), _person(rng)))
    if pack == CIVIL:
        return client, opponent, f"{client}诉{opponent}{dispute}"
    if pack == "cn-civil-second-instance":
        return client, opponent, f"{client}与{opponent}{dispute}上诉案"
    if pack == "cn-enforcement":
        return client, opponent, f"{client}申请执行{opponent}{dispute}案"
    if pack == "cn-labour-arbitration":
        worker, employer = _person(rng), _company(rng)
        client, opponent = rng.choice(((worker, employer), (employer, worker)))
        return client, opponent, f"{worker}与{employer}劳动争议（{rng.choice(names.LABOUR_CLAIMS)}）"
    if pack == "cn-administrative-litigation":
        agency = rng.choice(names.AGENCIES)
        return client, agency, f"{client}诉{agency}{rng.choice(names.AGENCY_ACTS)}案"
    if pack == "cn-admin-licensing":
        return client, "", f"{client}{rng.choice(names.LICENCES)}申请"
    if pack == "cn-bank-loan-recovery":
        bank = rng.choice(names.BANKS)
        return bank, client, f"{bank}诉{client}等金融借款合同纠纷"
    us_client, us_opponent = rng.choice(names.US_CLIENTS), rng.choice(names.US_OPPONENTS)
    return us_client, us_opponent, f"{us_client} v. {us_opponent} ({rng.choice(names.US_CLAIMS)})"


def _showcase(office: DemoOffice, rng: random.Random, *, today: dt.date) -> list[MatterPlan]:
    """Five civil matters of the demo lawyer whose appeal periods today finds normal, at reminder,
    warning, urgent and overdue."""
    court = office.courts["cn-bj-chaoyang-court"]
    calendar = calendar_for(court.calendar, court=court)
    appeal = StageTemplate.objects.select_related("rule").get(matter_type__code=CIVIL, code="appeal")

    def working_day(step: int) -> dt.date:
        day, left = today, abs(step)
        while left:
            day += dt.timedelta(days=1 if step > 0 else -1)
            left -= calendar.day(day).is_working()
        return day

    def served_for(due: dt.date) -> dt.date:
        """The latest service day whose appeal period ends on or before ``due``."""
        low, high = (due - dt.timedelta(days=45)).toordinal(), due.toordinal()
        while low < high:
            middle = (low + high + 1) // 2
            day = dt.date.fromordinal(middle)
            version = appeal.rule.version_on(day)
            deadline = compute_deadline(
                day,
                Period.parse(version.period),
                convention=Convention(version.convention),
                direction=Direction(version.direction),
                calendar=calendar,
            )
            low, high = (middle, high) if deadline.due <= due else (low, middle - 1)
        return dt.date.fromordinal(low)

    served = [
        today - dt.timedelta(days=1),  # normal: the period has just started
        today - dt.timedelta(days=5),  # reminder: a fifth of it has gone
        served_for(working_day(4)),  # warning: four working days left
        served_for(working_day(1)),  # urgent: due tomorrow (the next working day)
        served_for(working_day(-3)),  # overdue: it ran out three working days ago
    ]
    plans = []
    for day in served:
        plan = _plan(
            office, rng, CIVIL, "demo-litigation", court, day - dt.timedelta(days=rng.randint(150, 195))
        )
        plan.lead = office.lawyers["demo-litigation"][0]
        plan.colleague = office.lawyers["demo-litigation"][1]
        plan.judgment_on = day
        plans.append(plan)
    return plans
