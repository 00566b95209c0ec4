"""What one matter's story can do, each step at its own simulated moment and always through the services.

Every step is a generator: it yields the moment its action happens (a working hour in the matter's time
zone, never before the simulation's present) and performs the action when the simulation resumes it.
Stories chain steps with ``yield from``; :meth:`Script.spawn` runs a step alongside the main line (the
answer period runs while the court prepares the hearing). A step whose stage is no longer in the expected
state does nothing: in a real office, too, a planned action is dropped once it no longer applies.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from accounts.models import Team, User
from alerts.models import ExtensionRequest, PauseRequest
from alerts.services.requests import (
    decide_extension,
    decide_pause,
    end_pause,
    request_extension,
    request_pause,
)
from caseflow.demo.simulation import Simulation, Story
from caseflow.models import Court, EventType, Matter, MatterType, Stage
from caseflow.services.events import correct_event, record_event
from caseflow.services.matters import close_matter, open_matter
from caseflow.services.stages import cancel_stage, complete_stage, reassign_stage

DAY = dt.timedelta(days=1)
MINUTES = (0, 5, 10, 15, 20, 30, 40, 45, 50)


@dataclass
class MatterPlan:
    """One demo matter: who handles it, where, when it was opened, and the twists its story takes."""

    index: int
    pack: str
    number: str
    title: str
    client: str
    opposing: str
    team: Team
    lead: User
    supervisor: User
    colleague: User
    court: Court | None
    opened_on: dt.date
    twists: set[str] = field(default_factory=set)
    judgment_on: dt.date | None = None  # a showcase matter: the day its judgment is served

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.court.time_zone if self.court else "Asia/Shanghai")


class Script:
    """The steps available to a story, bound to one matter and its own random stream."""

    def __init__(self, sim: Simulation, plan: MatterPlan, rng: random.Random) -> None:
        self.sim = sim
        self.plan = plan
        self.rng = rng
        self.matter: Matter | None = None

    # ------------------------------------------------------------------------------------ helpers

    @property
    def now(self) -> dt.datetime:
        return self.sim.now

    @property
    def today(self) -> dt.date:
        return self.now.astimezone(self.plan.zone).date()

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def days(self, low: int, high: int) -> dt.timedelta:
        return dt.timedelta(days=self.rng.randint(low, high))

    def moment(self, day: dt.date) -> dt.datetime:
        """A working-hour moment on ``day`` (Monday for a weekend), never before the present."""
        while day.weekday() >= 5:
            day += DAY
        at = dt.datetime.combine(
            day, dt.time(self.rng.randint(9, 17), self.rng.choice(MINUTES)), self.plan.zone
        )
        if at <= self.now:
            at = self.now + dt.timedelta(minutes=self.rng.randint(5, 90))
        return at

    def stage(self, code: str) -> Stage:
        return self.matter.stages.select_related("template__completion_event", "rule_version").get(
            template__code=code
        )

    def event_day(self, code: str) -> dt.date | None:
        event = self.matter.events.filter(event_type__code=code, is_current=True).first()
        return event.occurred_on if event else None

    def spawn(self, story: Story) -> None:
        self.sim.start(story)

    # ------------------------------------------------------------------------------------ steps

    def open(self) -> Story:
        plan = self.plan
        yield self.moment(plan.opened_on)
        self.matter = open_matter(
            number=plan.number,
            title=plan.title,
            client=plan.client,
            opposing_party=plan.opposing,
            matter_type=MatterType.objects.get(code=plan.pack),
            lead_lawyer=plan.lead,
            team=plan.team,
            opened_on=self.today,
            court=plan.court,
            by=plan.lead,
            now=self.now,
        )
        if "handover" in plan.twists:
            reason = f"{plan.lead}休假期间，在办阶段交由{plan.colleague}负责。"
            self.spawn(self.reassign(reason=reason, after=(20, 80)))

    def record(
        self, code: str, *, on: dt.date, lag: tuple[int, int] = (0, 2), mistake: int = 0, ahead: bool = False
    ) -> Story:
        """The event happened on ``on`` and is recorded a little later (``ahead``: a date known in advance,
        such as a licence's expiry, recorded now); with ``mistake``, first under a date that many days too
        early, corrected the next working day."""
        yield self.moment((self.today if ahead else on) + self.days(*lag))
        if self.matter.status == Matter.Status.CLOSED or self.event_day(code):
            return
        by = self.plan.lead
        event_type = EventType.objects.get(code=code)
        event = record_event(
            matter=self.matter,
            event_type=event_type,
            occurred_on=on - dt.timedelta(days=mistake),
            by=by,
            now=self.now,
        )
        if mistake:
            yield self.moment(self.today + DAY)
            correct_event(
                event,
                occurred_on=on,
                reason=f"送达回证载明的签收日期为{on.isoformat()}，原登记日期有误，予以更正。",
                by=by,
                now=self.now,
            )

    def finish(
        self,
        code: str,
        *,
        within: tuple[int, int] | None = None,
        after: tuple[int, int] | None = None,
        on: dt.date | None = None,
        late: float = 0.0,
        note: str = "",
    ) -> Story:
        """Complete an in-progress stage: on ``on``, ``after`` days from now, ``within`` days of its start,
        or (by default) shortly before its due date, or after it with probability ``late``. Whatever
        falls after today does not happen: the stage is still open today, perhaps overdue."""
        stage = self.stage(code)
        if stage.status != Stage.Status.IN_PROGRESS:
            return
        if on is not None:
            day = on
        elif after is not None:
            day = self.today + self.days(*after)
        elif within is not None:
            day = stage.started_on + self.days(*within)
        elif self.chance(late):  # internal steps slip further than statutory ones
            day = stage.due_date + (
                self.days(1, 15) if stage.template.limit_kind == "soft" else self.days(1, 6)
            )
        else:
            span = max((stage.due_date - stage.started_on).days, 1)
            day = stage.due_date - dt.timedelta(days=int(span * self.rng.triangular(0, 0.6, 0.1)))
        yield self.moment(max(day, self.today))
        stage = self.stage(code)
        if stage.status == Stage.Status.IN_PROGRESS:
            complete_stage(stage, completed_at=self.now, note=note, by=stage.responsible, now=self.now)

    def cancel(self, code: str, reason: str, *, after: tuple[int, int] = (1, 5)) -> Story:
        yield self.moment(self.today + self.days(*after))
        stage = self.stage(code)
        if stage.is_open and self.matter.status != Matter.Status.CLOSED:
            cancel_stage(stage, reason=reason, by=self.plan.lead, now=self.now)

    def close(self, reason: str, *, after: tuple[int, int] = (5, 30)) -> Story:
        yield self.moment(self.today + self.days(*after))
        self.matter.refresh_from_db()
        if self.matter.status != Matter.Status.CLOSED:
            close_matter(self.matter, closed_on=self.today, reason=reason, by=self.plan.lead, now=self.now)

    def pause(
        self, code: str, *, category: str, reason: str, basis: str, after: tuple[int, int], length: int | None
    ) -> Story:
        """The lawyer asks for a pause, the supervisor approves it the next day, and its end is recorded
        ``length`` days after it started (``None``: it is still running; ``0``: a one-day interruption)."""
        yield self.moment(self.today + self.days(*after))
        stage = self.stage(code)
        start = self.today
        if (
            stage.status != Stage.Status.IN_PROGRESS
            or stage.is_paused
            or not stage.started_on < start <= stage.due_date
        ):
            return
        if stage.rule_version and stage.rule_version.fixed_period:
            return
        pause = request_pause(
            stage,
            category=category,
            reason=reason,
            legal_basis=basis,
            start_date=start,
            by=self.plan.lead,
            now=self.now,
        )
        yield self.moment(self.today + DAY)
        pause.refresh_from_db()
        if pause.status != PauseRequest.Status.PENDING:
            return
        decide_pause(
            pause, approve=True, note="同意，请跟进恢复日期。", by=self.plan.supervisor, now=self.now
        )
        if length is None:
            return
        end = start + dt.timedelta(days=length)
        yield self.moment(max(end + DAY, self.today))
        pause.refresh_from_db()
        if pause.is_active:
            end_pause(pause, end_date=end, by=self.plan.lead, now=self.now)

    def extension(
        self,
        code: str,
        *,
        days: int,
        reason: str,
        basis: str,
        approve: bool | None,
        after: tuple[int, int],
        note: str = "",
    ) -> Story:
        """The lawyer asks for a later due date; the supervisor decides the next day (``None``: not yet)."""
        yield self.moment(self.today + self.days(*after))
        stage = self.stage(code)
        version = stage.rule_version
        if stage.status != Stage.Status.IN_PROGRESS or (version and not version.extendable):
            return
        request = request_extension(
            stage,
            new_due_date=stage.due_date + dt.timedelta(days=days),
            reason=reason,
            legal_basis=basis,
            by=self.plan.lead,
            now=self.now,
        )
        if approve is None:
            return
        yield self.moment(self.today + DAY)
        request.refresh_from_db()
        if request.status == ExtensionRequest.Status.PENDING:
            decide_extension(request, approve=approve, note=note, by=self.plan.supervisor, now=self.now)

    def reassign(self, *, reason: str, after: tuple[int, int]) -> Story:
        """The supervisor hands the stages in progress to a colleague."""
        yield self.moment(self.today + self.days(*after))
        if self.matter.status == Matter.Status.CLOSED:
            return
        for stage in self.matter.stages.filter(status=Stage.Status.IN_PROGRESS, responsible=self.plan.lead):
            reassign_stage(
                stage, responsible=self.plan.colleague, reason=reason, by=self.plan.supervisor, now=self.now
            )
