"""Build the benchmark's data fast: an office, N/5 matters of 5 stages each, and N running stage clocks.

Not through the ORM one row at a time: rows are generated in chunks and written with ``COPY`` through
psycopg (PostgreSQL) or ``executemany`` inside one transaction (SQLite). Each clock's scan columns are
derived as :func:`alerts.services.clocks._stage_fields` derives them, with the same functions
(``workday_seqs``, ``last_working_day_before``, ``internal_target``), evaluated once per distinct
(calendar, due date) instead of once per stage.

The data: the shipped matter types (7 on the CN calendar, 1 on the US calendar, equally likely), the first
five stage templates of each with the warning policy its pack assigns, due dates spread over a year on
either side of ``today``: 10% overdue by up to a year, the rest in progress (started up to a limit's length
ago, so a limit of L days is due within L days), moved to a working day as the conventions move them;
limits of a length that suits the policy (days for short periods, up to a year for long ones).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.management.color import no_style
from django.db import connection, models, transaction

from accounts.models import Team, User
from alerts.models import Clock, PolicyAssignment, WarningPolicy
from caseflow.calendars.adapter import calendar_for, workday_seqs
from caseflow.deadlines import last_working_day_before
from caseflow.deadlines.engine import internal_target
from caseflow.deadlines.periods import Period
from caseflow.models import Calendar, Matter, MatterType, Stage

STAGES_PER_MATTER = 5
TEAMS = 4
LAWYERS_PER_TEAM = 4
OVERDUE_SHARE = 0.10
SPREAD_DAYS = 365
CHUNK_MATTERS = 10_000
# Length of a stage's limit (days from start to due date), by the policy its template uses.
LENGTHS = {
    "short-period": (5, 10, 15, 20, 30),
    "internal": (5, 10, 15, 21, 30),
    "default": (15, 30, 60, 90),
    "court-side": (15, 30, 60, 90, 180),
    "long-period": (120, 180, 270, 365),
}
OTHER_LENGTHS = (30, 60, 90)
ONE_DAY = dt.timedelta(days=1)


@dataclass
class Office:
    teams: list[Team]
    lawyers: dict[int, list[int]]  # team id -> lawyer ids


@dataclass
class TemplateInfo:
    id: int
    order: int
    policy_id: int
    policy_code: str
    internal_lead: Period | None


@dataclass
class TypeInfo:
    id: int
    calendar: Calendar
    templates: list[TemplateInfo]


@dataclass
class BuildStats:
    matters: int = 0
    stages: int = 0
    clocks: int = 0
    by_calendar: dict[str, int] = field(default_factory=dict)
    by_policy: dict[str, int] = field(default_factory=dict)
    overdue_due_dates: int = 0


class CalendarFacts:
    """What a clock needs from its calendar, computed once per distinct date."""

    def __init__(self, calendar: Calendar, first: dt.date, last: dt.date) -> None:
        self.calendar = calendar
        self.engine = calendar_for(calendar)
        self.zone = ZoneInfo(calendar.time_zone)
        dates = [first + n * ONE_DAY for n in range((last - first).days + 1)]
        self.wseq = workday_seqs(calendar, dates)
        self.working = {d: self.engine.day(d).is_working() for d in dates}
        self._last_workday: dict[dt.date, int] = {}
        self._internal: dict[tuple[dt.date, str], dt.date] = {}

    def roll_forward(self, day: dt.date) -> dt.date:
        while not self.working.get(day, True):
            day += ONE_DAY
        return day

    def last_workday_day(self, due: dt.date) -> int:
        found = self._last_workday.get(due)
        if found is None:
            found = self._last_workday[due] = last_working_day_before(self.engine, due).toordinal()
        return found

    def internal_target(self, due: dt.date, lead: Period) -> dt.date:
        key = (due, str(lead))
        found = self._internal.get(key)
        if found is None:
            found = self._internal[key] = internal_target(due, lead, self.engine)
        return found

    def due_at(self, due: dt.date) -> dt.datetime:
        return dt.datetime.combine(due + ONE_DAY, dt.time(0, 0), tzinfo=self.zone)


def make_office() -> Office:
    """A department, four teams with a supervisor and four lawyers each, and an office admin."""
    head = _user("bench-head", User.Role.SUPERVISOR, None)
    department, _ = Team.objects.get_or_create(
        code="bench-dept", defaults={"name_zh": "诉讼部", "name_en": "Litigation", "supervisor": head}
    )
    _user("bench-admin", User.Role.ADMIN, None)
    teams: list[Team] = []
    lawyers: dict[int, list[int]] = {}
    for t in range(1, TEAMS + 1):
        supervisor = _user(f"bench-sup{t}", User.Role.SUPERVISOR, None)
        team, _ = Team.objects.get_or_create(
            code=f"bench-team-{t}",
            defaults={
                "name_zh": f"诉讼{t}组",
                "name_en": f"Litigation team {t}",
                "parent": department,
                "supervisor": supervisor,
            },
        )
        teams.append(team)
        lawyers[team.pk] = [
            _user(f"bench-lawyer{t}-{k}", User.Role.LAWYER, team, language="en" if k == 4 else "zh-hans").pk
            for k in range(1, LAWYERS_PER_TEAM + 1)
        ]
    return Office(teams=teams, lawyers=lawyers)


def _user(username: str, role: str, team: Team | None, language: str = "zh-hans") -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            email=f"{username}@example.test",
            full_name=username,
            role=role,
            team=team,
            language=language,
            is_staff=role == User.Role.ADMIN,
        )
        user.set_unusable_password()
        user.save()
    return user


def matter_types() -> list[TypeInfo]:
    default = WarningPolicy.objects.get(is_default=True)
    assigned = {
        a.stage_template_id: a.policy
        for a in PolicyAssignment.objects.filter(stage_template__isnull=False).select_related("policy")
    }
    types = []
    for matter_type in MatterType.objects.select_related("calendar").order_by("code"):
        templates = list(matter_type.stage_templates.order_by("order")[:STAGES_PER_MATTER])
        if len(templates) < STAGES_PER_MATTER:
            continue
        infos = []
        for template in templates:
            policy = assigned.get(template.pk, default)
            lead = Period.parse(template.internal_lead) if template.internal_lead else None
            infos.append(TemplateInfo(template.pk, template.order, policy.pk, policy.code, lead))
        types.append(TypeInfo(matter_type.pk, matter_type.calendar, infos))
    if not types:
        raise RuntimeError("no matter type with 5 stage templates: load the packs first")
    return types


def generate(
    *, stages: int, seed: int, today: dt.date, created_at: dt.datetime, office: Office
) -> Iterator[tuple[list[dict], list[dict], list[dict]]]:
    """Yield (matters, stages, clocks) row dicts in chunks, deterministic for a seed."""
    rng = random.Random(seed)
    types = matter_types()
    first = today - dt.timedelta(days=SPREAD_DAYS + 800)
    last = today + dt.timedelta(days=SPREAD_DAYS + 60)
    facts = {c.pk: CalendarFacts(c, first, last) for c in {t.calendar for t in types}}
    matter_id = (Matter.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
    stage_id = (Stage.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
    clock_id = (Clock.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1
    written = 0
    matters_rows: list[dict] = []
    stage_rows: list[dict] = []
    clock_rows: list[dict] = []
    while written < stages:
        matter_type = rng.choice(types)
        calendar = facts[matter_type.calendar.pk]
        team = office.teams[matter_id % len(office.teams)]
        team_lawyers = office.lawyers[team.pk]
        starts = []
        for template in matter_type.templates:
            if written == stages:
                break
            length = rng.choice(LENGTHS.get(template.policy_code, OTHER_LENGTHS))
            if rng.random() < OVERDUE_SHARE:  # overdue by up to a year, still open
                due = calendar.roll_forward(today - dt.timedelta(days=rng.randint(1, SPREAD_DAYS)))
                start = due - dt.timedelta(days=length)
            else:  # in progress: started up to ``length`` days ago
                start = today - dt.timedelta(days=rng.randint(0, length))
                due = calendar.roll_forward(start + dt.timedelta(days=length))
            starts.append(start)
            due_at = calendar.due_at(due)
            internal = (
                calendar.internal_target(due, template.internal_lead) if template.internal_lead else None
            )
            responsible = rng.choice(team_lawyers)
            stage_rows.append(
                {
                    "id": stage_id,
                    "matter_id": matter_id,
                    "template_id": template.id,
                    "order": template.order,
                    "responsible_id": responsible,
                    "team_id": team.pk,
                    "status": Stage.Status.IN_PROGRESS.value,
                    "is_paused": False,
                    "trigger_event_id": None,
                    "started_on": start,
                    "rule_version_id": None,
                    "statutory_due": due,
                    "statutory_due_at": due_at,
                    "due_date": due,
                    "due_at": due_at,
                    "hour_precision": False,
                    "internal_target": internal,
                    "provisional": False,
                    "computation_id": None,
                    "computation_error": "",
                    "completed_at": None,
                    "completed_by_id": None,
                    "completion_note": "",
                }
            )
            clock_rows.append(
                {
                    "id": clock_id,
                    "kind": Clock.Kind.STAGE.value,
                    "stage_id": stage_id,
                    "matter_id": matter_id,
                    "owner_id": responsible,
                    "team_id": team.pk,
                    "policy_id": template.policy_id,
                    "calendar_id": calendar.calendar.pk,
                    "running": True,
                    "start_day": start.toordinal(),
                    "due_day": due.toordinal(),
                    "due_wseq": calendar.wseq[due],
                    "last_workday_day": calendar.last_workday_day(due),
                    "internal_day": internal.toordinal() if internal else None,
                    "due_at": due_at,
                    "level": 0,
                    "previous_level": 0,
                    "level_since": None,
                    "seq": 0,
                    "next_at": None,
                    "claim": None,
                    "acknowledged_at": None,
                    "nag_next_at": None,
                    "nag_count": 0,
                }
            )
            stage_id += 1
            clock_id += 1
            written += 1
        matters_rows.append(
            {
                "id": matter_id,
                "number": f"BENCH-{matter_id:08d}",
                "title": f"Benchmark matter {matter_id}",
                "client": "Benchmark client",
                "opposing_party": "",
                "matter_type_id": matter_type.id,
                "court_id": None,
                "lead_lawyer_id": team_lawyers[0],
                "team_id": team.pk,
                "status": Matter.Status.OPEN.value,
                "opened_on": min(starts),
                "closed_on": None,
                "total_due": None,
                "description": "",
                "created_at": created_at,
                "created_by_id": None,
            }
        )
        matter_id += 1
        if len(matters_rows) >= CHUNK_MATTERS:
            yield matters_rows, stage_rows, clock_rows
            matters_rows, stage_rows, clock_rows = [], [], []
    if matters_rows:
        yield matters_rows, stage_rows, clock_rows


class BulkWriter:
    """Write row dicts into a model's table: ``COPY`` on PostgreSQL, ``executemany`` on SQLite.

    Every concrete column must be given (no database defaults are assumed), so a model change that adds
    a column fails here, loudly, rather than building something the app would not have.
    """

    def __init__(self) -> None:
        self.vendor = connection.vendor

    def write(self, model: type[models.Model], rows: list[dict]) -> int:
        if not rows:
            return 0
        fields = model._meta.concrete_fields
        names = [f.attname for f in fields]
        missing = set(names) - set(rows[0])
        extra = set(rows[0]) - set(names)
        if missing or extra:
            raise RuntimeError(f"{model.__name__} rows: missing {sorted(missing)}, unknown {sorted(extra)}")
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row([row[n] for n in names])
            else:
                adapters = [_sqlite_adapter(f) for f in fields]
                marks = ", ".join(["%s"] * len(fields))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})",
                    [
                        [a(row[n]) if a else row[n] for a, n in zip(adapters, names, strict=True)]
                        for row in rows
                    ],
                )
        return len(rows)


def _sqlite_adapter(field: models.Field) -> Callable | None:
    if isinstance(field, models.DateTimeField):
        return lambda v: None if v is None else connection.ops.adapt_datetimefield_value(v)
    if isinstance(field, models.DateField):
        return lambda v: None if v is None else v.isoformat()
    if isinstance(field, models.UUIDField):
        return lambda v: None if v is None else v.hex
    return None


def build(
    *, stages: int, seed: int, today: dt.date, created_at: dt.datetime, log: Callable[[str], None]
) -> BuildStats:
    """Write the office, the matters, their stages and the stage clocks (levels not yet classified)."""
    stats = BuildStats()
    writer = BulkWriter()
    policy_codes = dict(WarningPolicy.objects.values_list("pk", "code"))
    calendar_codes = dict(Calendar.objects.values_list("pk", "code"))
    today_day = today.toordinal()
    with transaction.atomic():
        office = make_office()
        for matters_rows, stage_rows, clock_rows in generate(
            stages=stages, seed=seed, today=today, created_at=created_at, office=office
        ):
            stats.matters += writer.write(Matter, matters_rows)
            stats.stages += writer.write(Stage, stage_rows)
            stats.clocks += writer.write(Clock, clock_rows)
            for row in clock_rows:
                code = calendar_codes[row["calendar_id"]]
                stats.by_calendar[code] = stats.by_calendar.get(code, 0) + 1
                code = policy_codes[row["policy_id"]]
                stats.by_policy[code] = stats.by_policy.get(code, 0) + 1
                stats.overdue_due_dates += row["due_day"] < today_day
            log(f"  built {stats.stages:,} / {stages:,} stages")
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Matter, Stage, Clock]):
                cursor.execute(sql)
    return stats
