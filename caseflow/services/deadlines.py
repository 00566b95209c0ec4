"""Turn a stage (its template, rule, trigger event, court, pauses and extension) into engine input, and
the engine's answer into dates the stage stores.

This is the only place that knows how Django rows map onto :mod:`caseflow.deadlines`; the engine itself
never sees a model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.translation import gettext as _

from caseflow.calendars.adapter import calendar_for
from caseflow.deadlines import (
    Deadline,
    DeadlineError,
    Pause,
    RuleRef,
    Step,
    compute_deadline,
    internal_target,
)
from caseflow.deadlines.periods import Convention, Direction, Period, Unit
from caseflow.models import MatterEvent, RuleVersion, Stage

LANGS = ("en", "zh-hans")


class StageComputationError(Exception):
    """The stage's deadline cannot be computed; the message says why in the active language."""


@dataclass(frozen=True)
class StageDeadline:
    """Everything a stage stores about its deadline, computed but not yet saved."""

    statutory: Deadline
    effective: Deadline
    rule_version: RuleVersion | None
    trigger_date: dt.date
    trigger_at: dt.datetime | None
    statutory_due: dt.date
    statutory_due_at: dt.datetime
    due_date: dt.date
    due_at: dt.datetime
    internal_target: dt.date | None
    provisional: bool
    steps: list[dict]
    citation: str
    extension_id: int | None

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        first = min(self.statutory.first_examined, self.effective.first_examined)
        last = max(self.statutory.last_examined, self.effective.last_examined)
        return first, last


@dataclass(frozen=True)
class Limit:
    """The period a stage counts, resolved from its rule version or its own template fields."""

    period: Period
    convention: Convention
    direction: Direction
    custody: bool
    rule_version: RuleVersion | None


def resolve_limit(stage: Stage, trigger_date: dt.date) -> Limit:
    template = stage.template
    if template.rule_id:
        version = template.rule.version_on(trigger_date)
        if version is None:
            raise StageComputationError(
                _("Rule %(rule)s has no version in force on %(date)s.")
                % {"rule": template.rule.code, "date": trigger_date.isoformat()}
            )
        return Limit(
            period=Period.parse(version.period),
            convention=Convention(version.convention),
            direction=Direction(version.direction),
            custody=version.custody,
            rule_version=version,
        )
    return Limit(
        period=Period.parse(template.period),
        convention=Convention(template.convention),
        direction=Direction(template.direction),
        custody=False,
        rule_version=None,
    )


def rule_ref(version: RuleVersion) -> RuleRef:
    rule = version.rule
    return RuleRef(
        id=rule.code,
        name_zh=rule.name_zh,
        name_en=rule.name_en,
        citation_zh=version.citation("zh-hans"),
        citation_en=version.citation("en"),
        fixed_period=version.fixed_period,
    )


def stage_time_zone(stage: Stage) -> ZoneInfo:
    return ZoneInfo(stage.matter.time_zone)


def end_of_day(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """The instant a date-based limit expires: the start of the next day in the court's zone (24:00)."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0, 0), tzinfo=zone)


def compute_stage_deadline(
    stage: Stage,
    *,
    trigger: MatterEvent,
    pauses: list[Pause] | None = None,
    extension=None,
) -> StageDeadline:
    """Compute ``stage``'s statutory and effective deadline from ``trigger``.

    ``pauses`` are the stage's approved, ended pauses; ``extension`` its latest approved extension (the
    caller reads both, so that a decision being recorded can be included before it is saved).
    """
    zone = stage_time_zone(stage)
    limit = resolve_limit(stage, trigger.occurred_on)
    if limit.period.unit == Unit.HOURS:
        if trigger.occurred_at is None:
            raise StageComputationError(
                _("%(stage)s counts in hours: record the time of the event, not only its date.")
                % {"stage": stage.template.name}
            )
        engine_trigger: dt.date | dt.datetime = trigger.occurred_at.astimezone(zone).replace(tzinfo=None)
    else:
        engine_trigger = trigger.occurred_on
    calendar = calendar_for(stage.matter.calendar, court=stage.matter.court)
    ref = rule_ref(limit.rule_version) if limit.rule_version else None
    common = dict(
        convention=limit.convention,
        calendar=calendar,
        direction=limit.direction,
        custody=limit.custody,
        rule=ref,
    )
    try:
        statutory = compute_deadline(engine_trigger, limit.period, **common)
        effective = (
            compute_deadline(engine_trigger, limit.period, pauses=pauses or (), **common)
            if pauses
            else statutory
        )
    except DeadlineError as exc:
        raise StageComputationError(str(exc)) from None

    statutory_due_at = _expiry(statutory, zone)
    due_at = _expiry(effective, zone)
    due_date = due_at.astimezone(zone).date() if effective.hour_precision else effective.due
    steps = [_stored_step(step) for step in effective.steps]
    extension_id = None
    if extension is not None and extension.new_due_date > due_date:
        steps.append(_extension_step(extension, due_date))
        due_date = extension.new_due_date
        due_at = end_of_day(due_date, zone)
        extension_id = extension.pk
    target = None
    if stage.template.internal_lead and not effective.hour_precision:
        target = internal_target(due_date, Period.parse(stage.template.internal_lead), calendar)
    statutory_due = statutory.due.date() if statutory.hour_precision else statutory.due
    return StageDeadline(
        statutory=statutory,
        effective=effective,
        rule_version=limit.rule_version,
        trigger_date=trigger.occurred_on,
        trigger_at=trigger.occurred_at,
        statutory_due=statutory_due,
        statutory_due_at=statutory_due_at,
        due_date=due_date,
        due_at=due_at,
        internal_target=target,
        provisional=statutory.provisional or effective.provisional,
        steps=steps,
        citation=statutory.citation(translation.get_language() or "zh-hans"),
        extension_id=extension_id,
    )


def _expiry(deadline: Deadline, zone: ZoneInfo) -> dt.datetime:
    if deadline.hour_precision:
        return deadline.due.replace(tzinfo=zone)
    return end_of_day(deadline.due, zone)


def _stored_step(step: Step) -> dict:
    """A step as stored on a computation: its code and parameters plus its text in both languages, so
    the record keeps saying what the office was told even if the wording of explanations changes."""
    return {"code": step.code, "params": dict(step.params), **{lang: step.text(lang) for lang in LANGS}}


def _extension_step(extension, previous_due: dt.date) -> dict:
    params = {
        "from": previous_due.isoformat(),
        "to": extension.new_due_date.isoformat(),
        "basis": extension.legal_basis,
    }
    texts = {}
    for lang in LANGS:
        with translation.override(lang):
            texts[lang] = _("Extension approved (%(basis)s): due date moves from %(from)s to %(to)s") % params
    return {"code": "extension_approved", "params": params, **texts}


def step_text(step: dict, lang: str | None = None) -> str:
    """The stored text of a step in ``lang`` (the active language by default)."""
    lang = lang or translation.get_language() or "zh-hans"
    key = "en" if lang.startswith("en") else "zh-hans"
    return step.get(key) or step.get("en") or step.get("code", "")
