"""Warning policies as a data file (``alerts/data/policies.yaml``): the strict loader and the sync.

Policies ship as data so an office starts from sensible, documented thresholds; once loaded, an admin may
tune them in the admin site. Loading never overwrites a policy an admin has edited since it was loaded
from the file (``source_version`` records which file version a row came from).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from alerts.models import EscalationStep, Level, Threshold, WarningPolicy
from caseflow.yamlfiles import DataFileError, Fields, YamlFile, file_and_line

POLICIES_FILE = Path(__file__).resolve().parent / "data" / "policies.yaml"
LEVEL_NAMES = {"reminder": Level.REMINDER, "warning": Level.WARNING, "urgent": Level.URGENT}
OPTIONAL_LEVELS = {"none": 0, "warning": Level.WARNING, "urgent": Level.URGENT}
MEASURES = tuple(Threshold.Measure.values)
TARGETS = tuple(EscalationStep.Target.values)


class PolicyFileError(DataFileError):
    pass


@dataclass(frozen=True)
class PolicySpec:
    code: str
    default: bool
    name_zh: str
    name_en: str
    description: str
    thresholds: tuple[tuple[int, str, int], ...]
    last_workday_level: int
    internal_target_level: int
    escalate_when_overdue: bool
    urgent_unacknowledged_hours: int | None
    nag_interval_hours: int
    steps: tuple[tuple[str, int], ...]
    resume_reminder_days: int
    line: int


@dataclass
class PolicyFile:
    version: str
    policies: list[PolicySpec] = field(default_factory=list)


def read_policy_file(path: Path = POLICIES_FILE) -> PolicyFile:
    errors: list[str] = []
    file = YamlFile(path, errors)
    root = file.compose()
    header = (
        file.fields(root, required=("schema", "version", "policies"), optional=())
        if root is not None
        else None
    )
    result = PolicyFile(version="")
    if header is not None:
        header.schema(1)
        result.version = header.text("version") or ""
        for node in header.items("policies"):
            spec = _read_policy(file, node)
            if spec is not None:
                result.policies.append(spec)
        codes = [p.code for p in result.policies]
        for spec in result.policies:
            if codes.count(spec.code) > 1 and codes.index(spec.code) != result.policies.index(spec):
                file.error(spec.line, f"policy code '{spec.code}' is defined twice")
        defaults = [p for p in result.policies if p.default]
        if len(defaults) != 1 and header is not None:
            file.error(
                header.line("policies"), f"exactly one policy must have default: true (found {len(defaults)})"
            )
    if errors:
        raise PolicyFileError(sorted(errors, key=file_and_line))
    return result


def _read_policy(file: YamlFile, node) -> PolicySpec | None:
    fields = file.fields(
        node,
        required=("code", "name_zh", "name_en", "thresholds", "escalation"),
        optional=(
            "default",
            "description",
            "last_workday_level",
            "internal_target_level",
            "resume_reminder_days",
        ),
    )
    if fields is None:
        return None
    code = fields.text("code")
    names = fields.text("name_zh"), fields.text("name_en")
    thresholds = _read_thresholds(file, fields)
    escalation = _read_escalation(file, fields)
    last_workday = fields.choice("last_workday_level", tuple(OPTIONAL_LEVELS), default="urgent")
    internal = fields.choice("internal_target_level", tuple(OPTIONAL_LEVELS), default="warning")
    resume = _positive(fields, "resume_reminder_days", default=7, minimum=1)
    default = fields.flag("default")
    if None in (code, *names, thresholds, escalation, last_workday, internal, resume):
        return None
    when_overdue, urgent_hours, nag_hours, steps = escalation
    return PolicySpec(
        code=code,
        default=bool(default),
        name_zh=names[0],
        name_en=names[1],
        description=fields.text("description", required=False) or "",
        thresholds=thresholds,
        last_workday_level=OPTIONAL_LEVELS[last_workday],
        internal_target_level=OPTIONAL_LEVELS[internal],
        escalate_when_overdue=when_overdue,
        urgent_unacknowledged_hours=urgent_hours,
        nag_interval_hours=nag_hours,
        steps=steps,
        resume_reminder_days=resume,
        line=fields.line(),
    )


def _positive(fields: Fields, key: str, *, default: int | None, minimum: int = 0) -> int | None:
    node = fields.value(key)
    if node is None:
        return default
    try:
        value = int(node.value)
    except (TypeError, ValueError):
        value = None
    if value is None or value < minimum or str(node.value).strip() != str(value):
        fields.error(key, f"{key} must be a whole number of at least {minimum} (found {node.value!r})")
        return None
    return value


def _read_thresholds(file: YamlFile, fields: Fields) -> tuple[tuple[int, str, int], ...] | None:
    node = fields.value("thresholds")
    if node is None:
        return None
    levels = file.fields(node, required=(), optional=tuple(LEVEL_NAMES))
    if levels is None:
        return None
    result: list[tuple[int, str, int]] = []
    ok = True
    for name, level in LEVEL_NAMES.items():
        value = levels.value(name)
        if value is None:
            continue
        measures = file.fields(value, required=(), optional=MEASURES)
        if measures is None:
            ok = False
            continue
        for measure in MEASURES:
            amount = _positive(measures, measure, default=None)
            if measure in measures.pairs and amount is None:
                ok = False
            elif amount is not None:
                if measure == "elapsed_percent" and not 1 <= amount <= 100:
                    measures.error(measure, f"elapsed_percent must be from 1 to 100 (found {amount})")
                    ok = False
                result.append((int(level), measure, amount))
    if not result and ok:
        fields.error("thresholds", "a policy needs at least one threshold (found none)")
        return None
    return tuple(result) if ok else None


def _read_escalation(file: YamlFile, fields: Fields):
    node = fields.value("escalation")
    if node is None:
        return None
    esc = file.fields(
        node,
        required=("when_overdue", "steps"),
        optional=("urgent_unacknowledged_hours", "nag_interval_hours"),
    )
    if esc is None:
        return None
    when_overdue = esc.flag("when_overdue")
    urgent = _positive(esc, "urgent_unacknowledged_hours", default=None, minimum=1)
    nag = _positive(esc, "nag_interval_hours", default=24)
    steps: list[tuple[str, int]] = []
    steps_node = esc.value("steps")
    ok = (
        when_overdue is not None
        and nag is not None
        and not ("urgent_unacknowledged_hours" in esc.pairs and urgent is None)
    )
    for step_node in getattr(steps_node, "value", None) or []:
        step = file.fields(step_node, required=("target", "delay_hours"), optional=())
        if step is None:
            ok = False
            continue
        target = step.choice("target", TARGETS)
        delay = _positive(step, "delay_hours", default=None)
        if target is None or delay is None:
            ok = False
        else:
            steps.append((target, delay))
    if when_overdue and not steps and ok:
        esc.error("steps", "when_overdue: true needs at least one escalation step (found none)")
        ok = False
    return (when_overdue, urgent, nag, tuple(steps)) if ok else None


@dataclass
class PolicySyncReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_admin_edits: int = 0


def sync_policies(policy_file: PolicyFile) -> PolicySyncReport:
    """Create missing policies and refresh those still as a file left them. A policy an admin has edited
    (the admin clears ``loaded_from_file``) is never overwritten."""
    report = PolicySyncReport()
    with transaction.atomic():
        for spec in policy_file.policies:
            policy = WarningPolicy.objects.filter(code=spec.code).first()
            if policy is None:
                if spec.default:
                    WarningPolicy.objects.filter(is_default=True).update(is_default=False)
                policy = WarningPolicy(code=spec.code)
                _apply(policy, spec)
                report.created += 1
            elif _snapshot(policy) == _spec_snapshot(spec):
                report.unchanged += 1
            elif policy.loaded_from_file:
                if spec.default:
                    WarningPolicy.objects.filter(is_default=True).exclude(pk=policy.pk).update(
                        is_default=False
                    )
                _apply(policy, spec)
                report.updated += 1
            else:
                report.kept_admin_edits += 1
    return report


def _apply(policy: WarningPolicy, spec: PolicySpec) -> None:
    policy.is_default = spec.default
    policy.name_zh, policy.name_en, policy.description = spec.name_zh, spec.name_en, spec.description
    policy.last_workday_level = spec.last_workday_level
    policy.internal_target_level = spec.internal_target_level
    policy.escalate_when_overdue = spec.escalate_when_overdue
    policy.escalate_urgent_after_hours = spec.urgent_unacknowledged_hours
    policy.nag_interval_hours = spec.nag_interval_hours
    policy.resume_reminder_days = spec.resume_reminder_days
    policy.loaded_from_file = True
    policy.save()
    policy.thresholds.all().delete()
    Threshold.objects.bulk_create(
        Threshold(policy=policy, level=level, measure=measure, amount=amount)
        for level, measure, amount in spec.thresholds
    )
    policy.escalation_steps.all().delete()
    EscalationStep.objects.bulk_create(
        EscalationStep(policy=policy, order=n, target=target, delay_hours=delay)
        for n, (target, delay) in enumerate(spec.steps, start=1)
    )


def _snapshot(policy: WarningPolicy) -> tuple:
    return (
        policy.is_default,
        policy.name_zh,
        policy.name_en,
        policy.description,
        tuple(sorted(policy.thresholds.values_list("level", "measure", "amount"))),
        policy.last_workday_level,
        policy.internal_target_level,
        policy.escalate_when_overdue,
        policy.escalate_urgent_after_hours,
        policy.nag_interval_hours,
        tuple(policy.escalation_steps.order_by("order").values_list("target", "delay_hours")),
        policy.resume_reminder_days,
    )


def _spec_snapshot(spec: PolicySpec) -> tuple:
    return (
        spec.default,
        spec.name_zh,
        spec.name_en,
        spec.description,
        tuple(sorted(spec.thresholds)),
        spec.last_workday_level,
        spec.internal_target_level,
        spec.escalate_when_overdue,
        spec.urgent_unacknowledged_hours,
        spec.nag_interval_hours,
        spec.steps,
        spec.resume_reminder_days,
    )
