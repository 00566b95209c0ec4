"""Statutory time-limit rules as versioned data files: the strict loader.

The files in ``caseflow/rules/`` are the legal content of Caseflow, reviewed like code. A mistake in them
is a wrong deadline, so they are read strictly: every problem in every file is collected and reported as
``path:line: what is wrong (found …)`` before anything touches the database. The loader is pure Python
(no Django import) so ``load_rules --check``, CI and tests can validate the files without a database.
The format is documented in ``caseflow/rules/README.md``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import Node, ScalarNode

from caseflow.deadlines.periods import MAX_AMOUNT, Convention, Direction, Period, PeriodError, Unit
from caseflow.yamlfiles import (
    DataFileError,
    Fields,
    YamlFile,
    display_path,
    file_and_line,
    found,
    suggest,
)

RULES_DIR = Path(__file__).resolve().parent / "rules"
SCHEMA = 1
SOURCES_FILE = "sources.yaml"
TRIGGERS_FILE = "triggers.yaml"
ACTORS = ("party", "court", "agency", "procuratorate", "police", "tribunal")
VERIFIED = ("text", "memory", "interp")
JURISDICTIONS = ("CN", "US")

_RULE_ID = re.compile(r"^(cn|us)\.[a-z_]+\.[a-z0-9_]+$")
_RULESET = re.compile(r"^(cn|us)\.[a-z_]+$")
_FILE_VERSION = re.compile(r"^\d{4}\.\d{1,2}\.\d+$")
_TRIGGER_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_SOURCE_KEY = re.compile(r"^[A-Z][A-Z0-9_]*$")
_PERIOD_SHAPE = re.compile(r"^(\d+)(wd|d|m|y|h)$")

_HEADER_KEYS = ("schema", "ruleset", "version", "jurisdiction", "rules")
_RULE_REQUIRED = ("id", "name_zh", "name_en", "basis", "trigger", "period", "convention", "actor", "verified")
_RULE_REQUIRED += ("valid_from",)
_RULE_OPTIONAL = ("direction", "custody", "fixed_period", "extendable", "extension_notes", "notes")
_RULE_OPTIONAL += ("valid_to",)


class RuleFileError(DataFileError):
    """The rule files cannot be loaded; ``errors`` holds every problem found, one message each."""


@dataclass(frozen=True)
class SourceSpec:
    """A statute, interpretation or rule book that rules cite (``sources.yaml``)."""

    key: str
    title_zh: str
    title_en: str
    where: str
    file: str
    line: int


@dataclass(frozen=True)
class TriggerSpec:
    """A kind of event a period counts from (``triggers.yaml``); stored as an ``EventType``."""

    code: str
    name_zh: str
    name_en: str
    description: str
    file: str
    line: int


@dataclass(frozen=True)
class RulesetSpec:
    """The header of one rules file: its unique name, its version and its jurisdiction."""

    name: str
    version: str
    jurisdiction: str
    file: str
    line: int


@dataclass(frozen=True)
class RuleSpec:
    """One version of one rule: what the law said between ``valid_from`` and ``valid_to``."""

    id: str
    ruleset: str
    ruleset_version: str
    jurisdiction: str
    name_zh: str
    name_en: str
    source: str
    article: str
    article_zh: str
    trigger: str
    period: Period
    direction: Direction
    convention: Convention
    custody: bool
    fixed_period: bool
    extendable: bool
    extension_notes: str
    notes: str
    actor: str
    verified: str
    valid_from: dt.date
    valid_to: dt.date | None
    file: str
    line: int

    def overlaps(self, other: RuleSpec) -> bool:
        end, other_end = self.valid_to or dt.date.max, other.valid_to or dt.date.max
        return self.valid_from <= other_end and other.valid_from <= end

    @property
    def validity(self) -> str:
        return f"{self.valid_from} to {self.valid_to or 'open end'}"


@dataclass(frozen=True)
class RuleBook:
    """Everything the rule files define, validated. ``directory`` is the display path of their folder."""

    directory: str
    sources: tuple[SourceSpec, ...]
    triggers: tuple[TriggerSpec, ...]
    rulesets: tuple[RulesetSpec, ...]
    rules: tuple[RuleSpec, ...]

    @property
    def rule_ids(self) -> frozenset[str]:
        return frozenset(rule.id for rule in self.rules)

    def versions(self, rule_id: str) -> tuple[RuleSpec, ...]:
        """The versions of one rule, oldest first."""
        return tuple(sorted((r for r in self.rules if r.id == rule_id), key=lambda r: r.valid_from))


def load_rule_files(directory: Path | None = None) -> RuleBook:
    """Read and validate ``sources.yaml``, ``triggers.yaml`` and every other ``*.yaml`` in ``directory``.

    Raises :class:`RuleFileError` listing every problem; returns a :class:`RuleBook` only when there is none.
    """
    folder = Path(directory) if directory is not None else RULES_DIR
    if not folder.is_dir():
        raise RuleFileError([f"{display_path(folder)}: not a directory (found no rules folder there)"])
    errors: list[str] = []
    sources = _read_sources(YamlFile(folder / SOURCES_FILE, errors, needed_by="a rules folder"))
    triggers = _read_triggers(YamlFile(folder / TRIGGERS_FILE, errors, needed_by="a rules folder"))
    for stray in sorted(folder.glob("*.yml")):
        errors.append(f"{display_path(stray)}:1: rules files must end in .yaml (found {stray.name})")
    paths = sorted(p for p in folder.glob("*.yaml") if p.name not in (SOURCES_FILE, TRIGGERS_FILE))
    if not paths:
        errors.append(f"{display_path(folder)}: no rules files (found no *.yaml besides those two)")
    context = _Context(
        source_keys=None if sources is None else {s.key for s in sources},
        trigger_codes=None if triggers is None else {t.code for t in triggers},
        sources_file=display_path(folder / SOURCES_FILE),
        triggers_file=display_path(folder / TRIGGERS_FILE),
    )
    rulesets: list[RulesetSpec] = []
    rules: list[RuleSpec] = []
    for path in paths:
        ruleset, file_rules = _read_rules_file(YamlFile(path, errors), context)
        rulesets.extend([ruleset] if ruleset else [])
        rules.extend(file_rules)
    errors.extend(_ruleset_name_errors(rulesets))
    errors.extend(_version_errors(rules))
    if errors:
        raise RuleFileError(sorted(errors, key=file_and_line))
    return RuleBook(
        display_path(folder), tuple(sources or ()), tuple(triggers or ()), tuple(rulesets), tuple(rules)
    )


# ------------------------------------------------------------------------------- sources and triggers


def _entries(file: YamlFile, list_key: str, required: Sequence[str], optional: Sequence[str]) -> list[Fields]:
    """The entries of ``sources.yaml`` or ``triggers.yaml``: none when the file cannot be used."""
    root = file.compose()
    header = file.fields(root, required=("schema", list_key), optional=()) if root is not None else None
    if header is None:
        return []
    header.schema(SCHEMA)
    found = (file.fields(item, required=required, optional=optional) for item in header.items(list_key))
    return [fields for fields in found if fields is not None]


def _read_sources(file: YamlFile) -> list[SourceSpec] | None:
    """The sources, or ``None`` when the file is unusable (then citations are not checked against it)."""
    entries = _entries(file, "sources", ("key", "title_zh", "title_en"), ("where",))
    specs: list[SourceSpec] = []
    seen: dict[str, int] = {}
    for fields in entries:
        before = len(file.errors)
        key = fields.text("key", limit=40, pattern=_SOURCE_KEY, shape="upper-case like MSPL2023")
        title_zh, title_en = fields.text("title_zh", limit=300), fields.text("title_en", limit=300)
        where = fields.text("where", limit=400, required=False) or ""
        fine = len(file.errors) == before and key and title_zh and title_en
        if key and not _defined_before(fields, "key", key, seen) and fine:
            specs.append(SourceSpec(key, title_zh, title_en, where, file.name, fields.line()))
    return specs if entries else None


def _read_triggers(file: YamlFile) -> list[TriggerSpec] | None:
    """The triggers, or ``None`` when the file is unusable (then rule triggers are not checked against it)."""
    entries = _entries(file, "triggers", ("code", "name_zh", "name_en"), ("description",))
    specs: list[TriggerSpec] = []
    seen: dict[str, int] = {}
    for fields in entries:
        before = len(file.errors)
        code = fields.text("code", limit=80, pattern=_TRIGGER_CODE, shape="lower-case like judgment_served")
        name_zh, name_en = fields.text("name_zh", limit=150), fields.text("name_en", limit=150)
        description = fields.text("description", required=False) or ""
        fine = len(file.errors) == before and code and name_zh and name_en
        if code and not _defined_before(fields, "code", code, seen) and fine:
            specs.append(TriggerSpec(code, name_zh, name_en, description, file.name, fields.line()))
    return specs if entries else None


def _defined_before(fields: Fields, key: str, value: str, seen: dict[str, int]) -> bool:
    """Remember where ``value`` is defined; report it and return True when an earlier entry defined it."""
    if value in seen:
        fields.error(key, f"{key} {value} is defined twice (first at line {seen[value]})")
        return True
    seen[value] = fields.line(key)
    return False


# ------------------------------------------------------------------------------- rules files


@dataclass(frozen=True)
class _Context:
    """What rule entries are checked against; a set is ``None`` when its file was unusable."""

    source_keys: set[str] | None
    trigger_codes: set[str] | None
    sources_file: str
    triggers_file: str


def _read_rules_file(file: YamlFile, context: _Context) -> tuple[RulesetSpec | None, list[RuleSpec]]:
    root = file.compose()
    header = file.fields(root, required=_HEADER_KEYS, optional=()) if root is not None else None
    if header is None:
        return None, []
    before = len(file.errors)
    header.schema(SCHEMA)
    name = header.text("ruleset", limit=80, pattern=_RULESET, shape="like cn.civil or us.federal")
    version = header.text("version", limit=40, pattern=_FILE_VERSION, shape='like "2026.11.1"')
    jurisdiction = header.choice("jurisdiction", JURISDICTIONS)
    ruleset = None
    if len(file.errors) == before and name and version and jurisdiction:
        ruleset = RulesetSpec(name, version, jurisdiction, file.name, header.line("ruleset"))
    rules: list[RuleSpec] = []
    for item in header.items("rules"):
        rule = _read_rule(file, item, context, jurisdiction, ruleset)
        rules.extend([rule] if rule else [])
    return ruleset, rules


def _read_rule(
    file: YamlFile, node: Node, context: _Context, jurisdiction: str | None, ruleset: RulesetSpec | None
) -> RuleSpec | None:
    """One rule entry; every problem is reported, and a spec is returned only for a faultless entry."""
    before = len(file.errors)
    fields = file.fields(node, required=_RULE_REQUIRED, optional=_RULE_OPTIONAL)
    if fields is None:
        return None
    rule_id = fields.text("id", limit=80, pattern=_RULE_ID, shape="like cn.civil.appeal_judgment")
    names = fields.text("name_zh", limit=200), fields.text("name_en", limit=200)
    basis = _read_basis(fields, context, jurisdiction)
    trigger = _read_reference(fields, "trigger", context.trigger_codes, context.triggers_file)
    period = _read_period(fields)
    direction = fields.choice("direction", [d.value for d in Direction], default=Direction.AFTER.value)
    convention = fields.choice("convention", [c.value for c in Convention])
    custody, fixed_period = fields.flag("custody"), fields.flag("fixed_period")
    extendable = fields.flag("extendable")
    extension_notes = fields.text("extension_notes", required=False) or ""
    notes = fields.text("notes", required=False) or ""
    actor, verified = fields.choice("actor", ACTORS), fields.choice("verified", VERIFIED)
    valid_from, valid_to = fields.date("valid_from", required=True), fields.date("valid_to", required=False)

    prefix = f"{jurisdiction.lower()}." if jurisdiction else ""
    if rule_id and prefix and not rule_id.startswith(prefix):
        fields.error("id", f"id must start with '{prefix}' in a {jurisdiction} file (found {rule_id!r})")
    if convention:
        _check_convention(fields, Convention(convention), jurisdiction, period, bool(custody))
    if fixed_period and extendable:
        fields.error("extendable", "a fixed period (fixed_period: true) cannot be extendable (found true)")
    if valid_from and valid_to and valid_to < valid_from:
        fields.error("valid_to", f"valid_to must not be before valid_from {valid_from} (found {valid_to})")

    needed = (rule_id, *names, basis, trigger, period, direction, convention, actor, verified, valid_from)
    if len(file.errors) > before or ruleset is None or None in needed:
        return None
    return RuleSpec(
        rule_id,
        ruleset.name,
        ruleset.version,
        ruleset.jurisdiction,
        names[0],
        names[1],
        *basis,
        trigger,
        period,
        Direction(direction),
        Convention(convention),
        bool(custody),
        bool(fixed_period),
        (not fixed_period) if extendable is None else extendable,
        extension_notes,
        notes,
        actor,
        verified,
        valid_from,
        valid_to,
        file.name,
        fields.line(),
    )


def _read_basis(fields: Fields, context: _Context, jurisdiction: str | None) -> tuple[str, str, str] | None:
    node = fields.value("basis")
    if node is None:
        fields.missing_value("basis", 'a mapping like {source: MSPL2023, article: "171(1)"}')
        return None
    basis = fields.file.fields(node, required=("source", "article"), optional=("article_zh",))
    if basis is None:
        return None
    source = _read_reference(basis, "source", context.source_keys, context.sources_file)
    article = basis.text("article", limit=60)
    article_zh = basis.text("article_zh", limit=80, required=jurisdiction == "CN")
    if jurisdiction == "CN" and "article_zh" not in basis.pairs:
        fields.error("basis", "basis needs article_zh in a CN file, the Chinese citation (found none)")
    return (source, article, article_zh or "") if source and article else None


def _read_reference(fields: Fields, key: str, defined: set[str] | None, defined_in: str) -> str | None:
    """A trigger code or source key, which must be defined in ``triggers.yaml`` / ``sources.yaml``."""
    value = fields.text(key)
    if value is not None and defined is not None and value not in defined:
        hint = suggest(value, defined, otherwise=f"found {value!r}")
        fields.error(key, f"{key} '{value}' is not defined in {defined_in} ({hint})")
        return None
    return value


def _read_period(fields: Fields) -> Period | None:
    node = fields.value("period")
    if node is None:
        fields.missing_value("period", "like 15d, 20wd, 6m, 2y or 24h")
        return None
    shape = _PERIOD_SHAPE.match(node.value) if isinstance(node, ScalarNode) else None
    if shape is None:
        fields.error("period", f"period must be like 15d, 20wd, 6m, 2y or 24h (found {found(node)})")
        return None
    try:
        return Period.parse(node.value)
    except PeriodError:
        unit = Unit(shape.group(2))
        fields.error("period", f"period must be 1 to {MAX_AMOUNT[unit]} {unit.label} (found {node.value!r})")
        return None


def _check_convention(
    fields: Fields, convention: Convention, jurisdiction: str | None, period: Period | None, custody: bool
) -> None:
    """The convention must suit the file's jurisdiction, the period's unit and the custody flag."""
    if jurisdiction and convention.jurisdiction != jurisdiction:
        fields.error("convention", f"convention must be for {jurisdiction} rules (found {convention})")
    unit = period.unit if period else None
    if unit is Unit.WORKING_DAYS and convention is not Convention.CN_WORKDAYS:
        fields.error("period", f"periods in working days need convention cn_workdays (found {convention})")
    elif convention is Convention.CN_WORKDAYS and unit not in (None, Unit.WORKING_DAYS):
        fields.error("period", f"convention cn_workdays counts working days: use wd (found '{period}')")
    elif convention is Convention.US_FRCP_MAIL and unit is Unit.HOURS:
        fields.error("period", f"us_frcp_mail adds days, so it cannot count hours (found '{period}')")
    if custody and convention is not Convention.CN_CRIMINAL:
        fields.error("custody", f"custody: true needs convention cn_criminal (found {convention})")


# ------------------------------------------------------------------------------- checks across files


def _ruleset_name_errors(rulesets: list[RulesetSpec]) -> Iterator[str]:
    first: dict[str, RulesetSpec] = {}
    for ruleset in rulesets:
        other = first.setdefault(ruleset.name, ruleset)
        if other is not ruleset:
            where = f"{ruleset.file}:{ruleset.line}"
            yield f"{where}: ruleset {ruleset.name} is also declared in {other.file}:{other.line}"


def _version_errors(rules: list[RuleSpec]) -> Iterator[str]:
    """A rule id may repeat only as versions in one file, with separate validity and the same names."""
    by_id: dict[str, list[RuleSpec]] = {}
    for rule in rules:
        by_id.setdefault(rule.id, []).append(rule)
    for versions in by_id.values():
        first = versions[0]
        for rule in versions[1:]:
            where = f"{rule.file}:{rule.line}: {rule.id}"
            if rule.file != first.file:
                yield f"{where} is also defined in {first.file}:{first.line} (versions share one file)"
                continue
            for key in ("name_zh", "name_en", "actor"):
                mine, theirs = getattr(rule, key), getattr(first, key)
                if mine != theirs:
                    first_has = f"line {first.line} has {theirs!r}"
                    yield f"{where}: versions must share {key} (found {mine!r}; {first_has})"
        ordered = sorted(versions, key=lambda r: (r.valid_from, r.line))
        for earlier, later in itertools.pairwise(ordered):
            if later.overlaps(earlier) and later.file == earlier.file:
                yield (
                    f"{later.file}:{later.line}: {later.id} versions overlap: {later.validity} "
                    f"(found {earlier.validity} at line {earlier.line})"
                )
