"""Matter-type packs as data files: the strict loader.

A pack (``caseflow/packs/*.yaml``) defines one matter type and its ordered stage templates; ``events.yaml``
defines the event types packs need beyond the statutory triggers of ``caseflow/rules/triggers.yaml``. A
mistake in a pack is a stage that never starts or a wrong deadline, so the files are read strictly: every
problem in every file is collected and reported as ``path:line: what is wrong (found …)`` before anything
touches the database. No database access here: what the packs may refer to (loaded rules, event types,
warning policies, calendars) comes in as a :class:`Vocabulary`, so tests and ``load_packs --check`` can
validate against any set of names. The format is documented in ``caseflow/packs/README.md``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import ScalarNode

from caseflow.deadlines.periods import MAX_AMOUNT, Convention, Direction, Period, PeriodError, Unit
from caseflow.services.configuration import find_trigger_cycle
from caseflow.yamlfiles import DataFileError, Fields, YamlFile, display_path, file_and_line, found, suggest

PACKS_DIR = Path(__file__).resolve().parent / "packs"
EVENTS_FILE = "events.yaml"
SCHEMA = 1
JURISDICTIONS = ("CN", "US")
KINDS = ("hard", "soft")
MAX_ORDER = 9999  # the sync parks templates whose order changes above it

_TYPE_CODE = re.compile(r"^[a-z][a-z0-9-]*$")
_STAGE_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_EVENT_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_PERIOD_SHAPE = re.compile(r"^(\d+)(wd|d|m|y|h)$")

_PACK_REQUIRED = ("schema", "code", "name_zh", "name_en", "jurisdiction", "calendar", "stages")
_PACK_OPTIONAL = ("total_limit", "total_limit_convention", "total_policy", "description")
_STAGE_REQUIRED = ("code", "order", "name_zh", "name_en", "trigger", "kind", "policy")
_STAGE_OPTIONAL = (
    "rule",
    "period",
    "convention",
    "direction",
    "internal_lead",
    "completion_event",
    "trigger_note",
    "description",
)
# A rough lower bound of a month and a year in days, to tell whether a lead in days fits inside the period.
_MIN_DAYS = {Unit.DAYS: 1, Unit.WORKING_DAYS: 1, Unit.MONTHS: 28, Unit.YEARS: 365}


class PackFileError(DataFileError):
    """The packs cannot be loaded; ``errors`` holds every problem found, one message each."""


@dataclass(frozen=True)
class RuleInfo:
    """What a pack needs to know about a loaded rule: its jurisdiction, trigger and (newest) period."""

    jurisdiction: str
    trigger: str
    period: Period


@dataclass(frozen=True)
class Vocabulary:
    """The names packs may refer to. ``triggers`` maps each event type defined outside the packs to who
    defines it (a file, or "the admin"), so that ``events.yaml`` cannot define one again."""

    rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    triggers: Mapping[str, str] = field(default_factory=dict)
    policies: frozenset[str] = frozenset()
    calendars: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EventSpec:
    code: str
    name_zh: str
    name_en: str
    description: str
    file: str
    line: int


@dataclass(frozen=True)
class StageSpec:
    """One stage template; exactly one of ``rule`` and ``period`` (with ``convention``) is set."""

    code: str
    order: int
    name_zh: str
    name_en: str
    trigger: str
    rule: str | None
    period: Period | None
    convention: Convention | None
    direction: Direction
    kind: str
    internal_lead: Period | None
    completion_event: str | None
    policy: str
    description: str
    line: int


@dataclass(frozen=True)
class PackSpec:
    code: str
    name_zh: str
    name_en: str
    jurisdiction: str
    calendar: str
    total_limit: Period | None
    total_limit_convention: Convention
    total_policy: str | None
    description: str
    stages: tuple[StageSpec, ...]
    file: str
    line: int

    def stage(self, code: str) -> StageSpec:
        return next(s for s in self.stages if s.code == code)


@dataclass(frozen=True)
class PackBook:
    """Every pack and pack event, validated. ``directory`` and ``events_file`` are display paths."""

    directory: str
    events_file: str
    events: tuple[EventSpec, ...]
    packs: tuple[PackSpec, ...]

    def pack(self, code: str) -> PackSpec:
        return next(p for p in self.packs if p.code == code)


def load_pack_files(directory: Path | None, vocabulary: Vocabulary) -> PackBook:
    """Read and validate ``events.yaml`` and every other ``*.yaml`` in ``directory`` against
    ``vocabulary``. Raises :class:`PackFileError` listing every problem; returns a book only when there
    is none."""
    folder = Path(directory) if directory is not None else PACKS_DIR
    if not folder.is_dir():
        raise PackFileError([f"{display_path(folder)}: not a directory (found no packs folder there)"])
    errors: list[str] = []
    events_file = YamlFile(folder / EVENTS_FILE, errors, needed_by="a packs folder")
    events = _read_events(events_file, vocabulary)
    for stray in sorted(folder.glob("*.yml")):
        errors.append(f"{display_path(stray)}:1: pack files must end in .yaml (found {stray.name})")
    paths = sorted(p for p in folder.glob("*.yaml") if p.name != EVENTS_FILE)
    if not paths:
        errors.append(f"{display_path(folder)}: no packs (found no *.yaml besides {EVENTS_FILE})")
    context = _Context(vocabulary, {e.code for e in events}, events_file.name)
    packs = [pack for path in paths if (pack := _read_pack(YamlFile(path, errors), context))]
    first: dict[str, PackSpec] = {}
    for pack in packs:
        other = first.setdefault(pack.code, pack)
        if other is not pack:
            errors.append(
                f"{pack.file}:{pack.line}: matter type {pack.code} is also defined in "
                f"{other.file}:{other.line}"
            )
    if errors:
        raise PackFileError(sorted(errors, key=file_and_line))
    return PackBook(display_path(folder), events_file.name, tuple(events), tuple(packs))


# ------------------------------------------------------------------------------- events.yaml


def _read_events(file: YamlFile, vocabulary: Vocabulary) -> list[EventSpec]:
    root = file.compose()
    header = file.fields(root, required=("schema", "events"), optional=()) if root is not None else None
    if header is None:
        return []
    header.schema(SCHEMA)
    specs: list[EventSpec] = []
    seen: dict[str, int] = {}
    for item in header.items("events"):
        fields = file.fields(item, required=("code", "name_zh", "name_en"), optional=("description",))
        if fields is None:
            continue
        before = len(file.errors)
        code = fields.text("code", limit=80, pattern=_EVENT_CODE, shape="lower-case like demand_letter_sent")
        name_zh, name_en = fields.text("name_zh", limit=150), fields.text("name_en", limit=150)
        description = fields.text("description", required=False) or ""
        if code in vocabulary.triggers:
            owner = vocabulary.triggers[code]
            fields.error(
                "code", f"event {code} is already defined by {owner}: packs use it as it is (found it here)"
            )
        elif code in seen:
            fields.error("code", f"event {code} is defined twice (first at line {seen[code]})")
        elif code:
            seen[code] = fields.line("code")
        if len(file.errors) == before and code and name_zh and name_en:
            specs.append(EventSpec(code, name_zh, name_en, description, file.name, fields.line()))
    return specs


# ------------------------------------------------------------------------------- pack files


@dataclass(frozen=True)
class _Context:
    vocabulary: Vocabulary
    pack_events: set[str]
    events_file: str

    @property
    def event_codes(self) -> set[str]:
        return set(self.vocabulary.triggers) | self.pack_events


def _read_pack(file: YamlFile, context: _Context) -> PackSpec | None:
    root = file.compose()
    header = file.fields(root, required=_PACK_REQUIRED, optional=_PACK_OPTIONAL) if root is not None else None
    if header is None:
        return None
    before = len(file.errors)
    header.schema(SCHEMA)
    code = header.text("code", limit=60, pattern=_TYPE_CODE, shape="lower-case like cn-civil-first-instance")
    names = header.text("name_zh", limit=150), header.text("name_en", limit=150)
    jurisdiction = header.choice("jurisdiction", JURISDICTIONS)
    calendar = _known(header, "calendar", context.vocabulary.calendars, "a loaded calendar")
    total_limit = _period(header, "total_limit", required=False)
    total_convention = header.choice(
        "total_limit_convention", [c.value for c in Convention], default=_default_convention(jurisdiction)
    )
    total_policy = _known(header, "total_policy", context.vocabulary.policies, "a loaded warning policy")
    description = header.text("description", required=False) or ""
    if total_limit is not None and total_limit.unit is Unit.HOURS:
        header.error(
            "total_limit",
            f"total_limit must be in days, working days, months or years (found '{total_limit}')",
        )
    if total_convention:
        _check_convention(header, "total_limit", total_limit, Convention(total_convention), jurisdiction)
    if total_policy and "total_limit" not in header.pairs:
        header.error("total_policy", f"total_policy needs a total_limit (found {total_policy!r} without one)")
    stages = [
        stage
        for item in header.items("stages")
        if (stage := _read_stage(file, item, context, jurisdiction)) is not None
    ]
    _check_stage_set(file, header, stages)
    needed = (code, *names, jurisdiction, calendar, total_convention)
    if len(file.errors) > before or None in needed:
        return None
    return PackSpec(
        code,
        names[0],
        names[1],
        jurisdiction,
        calendar,
        total_limit,
        Convention(total_convention),
        total_policy,
        description,
        tuple(stages),
        file.name,
        header.line("code"),
    )


def _default_convention(jurisdiction: str | None) -> str:
    return Convention.US_FRCP.value if jurisdiction == "US" else Convention.CN_CIVIL.value


def _read_stage(file: YamlFile, node, context: _Context, jurisdiction: str | None) -> StageSpec | None:
    before = len(file.errors)
    fields = file.fields(node, required=_STAGE_REQUIRED, optional=_STAGE_OPTIONAL)
    if fields is None:
        return None
    vocabulary = context.vocabulary
    code = fields.text("code", limit=60, pattern=_STAGE_CODE, shape="lower-case like appeal_judgment")
    order = _order(fields)
    names = fields.text("name_zh", limit=150), fields.text("name_en", limit=150)
    where = f"defined in triggers.yaml or {context.events_file}"
    trigger = _known(fields, "trigger", context.event_codes, where)
    completion = _known(fields, "completion_event", context.event_codes, where)
    rule_id = _known(fields, "rule", vocabulary.rules, "a loaded rule")
    period = _period(fields, "period", required=False)
    convention = fields.choice("convention", [c.value for c in Convention], default="")
    direction = fields.choice("direction", [d.value for d in Direction], default="")
    kind = fields.choice("kind", KINDS)
    lead = _period(fields, "internal_lead", required=False)
    policy = _known(fields, "policy", vocabulary.policies, "a loaded warning policy")
    trigger_note = fields.text("trigger_note", required=False) or ""
    description = fields.text("description", required=False) or ""

    rule = vocabulary.rules.get(rule_id) if rule_id else None
    if rule is not None:
        _check_rule(fields, rule_id, rule, trigger, jurisdiction, trigger_note)
    _check_limit(fields, rule_id, period, convention, direction, kind, jurisdiction)
    limit = rule.period if rule is not None else period
    if lead is not None:
        _check_lead(fields, lead, limit)

    needed = (code, order, *names, trigger, kind, policy)
    if len(file.errors) > before or None in needed or (rule is None and period is None):
        return None
    text = "\n\n".join(part for part in (description, trigger_note) if part)
    return StageSpec(
        code,
        order,
        names[0],
        names[1],
        trigger,
        rule_id,
        period,
        Convention(convention) if convention else None,
        Direction(direction or Direction.AFTER.value),
        kind,
        lead,
        completion,
        policy,
        text,
        fields.line(),
    )


def _known(fields: Fields, key: str, defined, what: str) -> str | None:
    """A reference (rule id, event code, policy, calendar) that must name something ``defined``."""
    value = fields.text(key, required=key in fields.pairs)
    if value is not None and value not in defined:
        hint = suggest(value, set(defined), otherwise=f"found {value!r}")
        fields.error(key, f"{key} '{value}' is not {what} ({hint})")
        return None
    return value


def _order(fields: Fields) -> int | None:
    node = fields.value("order")
    if node is None:
        fields.missing_value("order", f"a whole number from 1 to {MAX_ORDER}")
        return None
    text = node.value if isinstance(node, ScalarNode) else ""
    if not (text.isdigit() and 1 <= int(text) <= MAX_ORDER):
        fields.error("order", f"order must be a whole number from 1 to {MAX_ORDER} (found {found(node)})")
        return None
    return int(text)


def _period(fields: Fields, key: str, *, required: bool) -> Period | None:
    node = fields.value(key)
    if node is None:
        if required or key in fields.pairs:
            fields.missing_value(key, "like 15d, 20wd, 6m, 2y or 24h")
        return None
    shape = _PERIOD_SHAPE.match(node.value) if isinstance(node, ScalarNode) else None
    if shape is None:
        fields.error(key, f"{key} must be like 15d, 20wd, 6m, 2y or 24h (found {found(node)})")
        return None
    try:
        return Period.parse(node.value)
    except PeriodError:
        unit = Unit(shape.group(2))
        fields.error(key, f"{key} must be 1 to {MAX_AMOUNT[unit]} {unit.label} (found {node.value!r})")
        return None


def _check_convention(
    fields: Fields, period_key: str, period: Period | None, convention: Convention, jurisdiction: str | None
) -> None:
    """The convention must suit the pack's jurisdiction and the period's unit."""
    key = "convention" if period_key == "period" else f"{period_key}_convention"
    if jurisdiction and convention.jurisdiction != jurisdiction:
        fields.error(key, f"{key} must be for {jurisdiction} packs (found {convention})")
    unit = period.unit if period else None
    if unit is Unit.WORKING_DAYS and convention is not Convention.CN_WORKDAYS:
        fields.error(period_key, f"periods in working days need convention cn_workdays (found {convention})")
    elif convention is Convention.CN_WORKDAYS and unit not in (None, Unit.WORKING_DAYS):
        fields.error(period_key, f"convention cn_workdays counts working days: use wd (found '{period}')")
    elif convention is Convention.US_FRCP_MAIL and unit is Unit.HOURS:
        fields.error(period_key, f"us_frcp_mail adds days, so it cannot count hours (found '{period}')")


def _check_rule(
    fields: Fields, rule_id: str, rule: RuleInfo, trigger: str | None, jurisdiction: str | None, note: str
) -> None:
    if jurisdiction and rule.jurisdiction != jurisdiction:
        fields.error(
            "rule",
            f"rule {rule_id} is a {rule.jurisdiction} rule, not for a {jurisdiction} pack (found it here)",
        )
    if trigger and trigger != rule.trigger and not note:
        fields.error(
            "trigger",
            f"trigger must be '{rule.trigger}', the trigger of rule {rule_id}, or trigger_note must say why "
            f"the stage counts from another event (found '{trigger}')",
        )


def _check_limit(
    fields: Fields,
    rule_id: str | None,
    period: Period | None,
    convention: str | None,
    direction: str | None,
    kind: str | None,
    jurisdiction: str | None,
) -> None:
    """A hard stage cites a rule (which sets period, convention and direction); a soft stage gives its own."""
    if "rule" in fields.pairs and "period" in fields.pairs:
        fields.error(
            "period",
            "give either rule or period, not both "
            f"(found rule and period '{fields.pairs['period'][1].value}')",
        )
    elif "rule" not in fields.pairs and "period" not in fields.pairs:
        fields.error("code", "a stage needs a rule or a period with a convention (found neither)")
    if "rule" in fields.pairs:
        for key, value in (("convention", convention), ("direction", direction)):
            if value:
                fields.error(key, f"{key} goes with period: the rule sets its own (found {value})")
        if kind == "soft":
            fields.error(
                "kind", f"a soft (internal) stage sets its own period, not a rule (found rule {rule_id!r})"
            )
        return
    if "period" in fields.pairs and "convention" not in fields.pairs:
        fields.error("period", "a period needs a convention, e.g. cn_civil (found none)")
    if convention and period is not None:
        _check_convention(fields, "period", period, Convention(convention), jurisdiction)
    if kind == "hard" and "period" in fields.pairs:
        fields.error(
            "kind", "a hard (statutory) stage cites its rule: give rule, or make it kind: soft (found hard)"
        )


def _check_lead(fields: Fields, lead: Period, limit: Period | None) -> None:
    if lead.unit not in (Unit.DAYS, Unit.WORKING_DAYS):
        fields.error(
            "internal_lead", f"internal_lead must be in days (d) or working days (wd) (found '{lead}')"
        )
    elif limit is not None and limit.unit is Unit.HOURS:
        fields.error(
            "internal_lead", f"a period in hours has no internal target (found internal_lead '{lead}')"
        )
    elif limit is not None and lead.amount >= limit.amount * _MIN_DAYS[limit.unit]:
        fields.error(
            "internal_lead", f"internal_lead must be shorter than the period {limit} (found '{lead}')"
        )


def _check_stage_set(file: YamlFile, header: Fields, stages: list[StageSpec]) -> None:
    """Stage codes and orders are unique in a pack, and completion events never restart a stage."""
    codes: dict[str, int] = {}
    orders: dict[int, int] = {}
    for stage in stages:
        if stage.code in codes:
            file.error(
                stage.line, f"stage code {stage.code} is defined twice (first at line {codes[stage.code]})"
            )
        codes.setdefault(stage.code, stage.line)
        if stage.order in orders:
            file.error(stage.line, f"order {stage.order} is used twice (first at line {orders[stage.order]})")
        orders.setdefault(stage.order, stage.line)
    edges = [(s.trigger, s.completion_event, s.code) for s in stages if s.completion_event]
    cycle = find_trigger_cycle(edges)
    if cycle:
        first = next(s for s in stages if s.code == cycle[0])
        file.error(
            first.line,
            f"completion events make the stages trigger each other in a cycle: {' → '.join(cycle)} "
            f"(found {first.code} counting from {first.trigger} and recording {first.completion_event})",
        )
