"""Write a validated rule book (:mod:`caseflow.rulefiles`) into the database.

The files own the rows that came from them (``source_file``): one sync creates, updates and deletes those
rows until the database says what the files say, in one transaction. Validation happened before, so a bad
file changes nothing. Rows created in the admin (empty ``source_file``) are never touched, and history is
never broken: a rule version that a stage or a computation used is kept, and reported, even when the files
no longer have it. Running the sync again with the same files changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, Model, ProtectedError

from caseflow.models import DueComputation, EventType, LegalSource, Rule, RuleVersion, Stage
from caseflow.rulefiles import SOURCES_FILE, TRIGGERS_FILE, RuleBook, RuleFileError, RuleSpec
from caseflow.services.filesync import apply_changes, paths_too_long

# Fields whose change alters computed due dates: stages that used a version changed in them need recomputing.
_COMPUTING_FIELDS = {"period", "direction", "convention", "custody", "trigger_id"}
# Report wording in the files' terms, whatever language is active.
_LABELS: dict[type[Model], str] = {EventType: "trigger", LegalSource: "source"}


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    def __str__(self) -> str:
        done = f"{self.created} created, {self.updated} updated"
        return f"{done}, {self.unchanged} unchanged, {self.deleted} deleted"


@dataclass
class SyncReport:
    """What one sync did, per kind of row, and what it left alone on purpose (``notes``)."""

    versions: Counts = field(default_factory=Counts)
    rules: Counts = field(default_factory=Counts)
    triggers: Counts = field(default_factory=Counts)
    sources: Counts = field(default_factory=Counts)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        kinds = (self.versions, self.rules, self.triggers, self.sources)
        return any(c.created or c.updated or c.deleted for c in kinds)

    def summary(self) -> str:
        return (
            f"rule versions: {self.versions}; rules: {self.rules}; "
            f"triggers: {self.triggers}; sources: {self.sources}"
        )


def sync_rules(book: RuleBook) -> SyncReport:
    """Make the database match ``book``; raise :class:`RuleFileError` (changing nothing) when a rule id
    is taken by a rule created in the admin."""
    report = SyncReport()
    with transaction.atomic():
        _preflight(book)
        sources = {
            s.key: (s.file, {"title_zh": s.title_zh, "title_en": s.title_en, "where": s.where})
            for s in book.sources
        }
        triggers = {
            t.code: (t.file, {"name_zh": t.name_zh, "name_en": t.name_en, "description": t.description})
            for t in book.triggers
        }
        source_ids = _sync_vocabulary(LegalSource, "key", sources, report.sources, report.notes)
        trigger_ids = _sync_vocabulary(EventType, "code", triggers, report.triggers, report.notes)
        rule_ids = _sync_rules(book, report.rules)
        _sync_versions(book, rule_ids, trigger_ids, source_ids, report)
        _delete_obsolete_versions(book, report)
        _delete_obsolete_rules(book, report)
        for model, key, file, wanted, counts in (
            (EventType, "code", TRIGGERS_FILE, triggers, report.triggers),
            (LegalSource, "key", SOURCES_FILE, sources, report.sources),
        ):
            owner = f"{book.directory}/{file}"
            _delete_obsolete_vocabulary(model, key, owner, set(wanted), counts, report.notes)
    return report


def _preflight(book: RuleBook) -> None:
    """Refuse, before writing anything, what the database cannot take: a rule id that a rule created in
    the admin already has, or a file path too long for ``source_file``."""
    taken = set(Rule.objects.filter(code__in=book.rule_ids, source_file="").values_list("code", flat=True))
    first = {spec.id: spec for spec in reversed(book.rules) if spec.id in taken}
    errors = [
        f"{spec.file}:{spec.line}: rule id {spec.id} is taken by a rule created in the admin, which "
        "files never replace (found it in the database; rename one of them)"
        for spec in sorted(first.values(), key=lambda s: (s.file, s.line))
    ]
    files = {spec.file for spec in (*book.rules, *book.sources, *book.triggers)}
    errors += paths_too_long(Rule, "source_file", files)
    if errors:
        raise RuleFileError(errors)


def _save(model: type[Model], new: list[Model], changed: dict[Model, set[str]], counts: Counts) -> None:
    model.objects.bulk_create(new)
    if changed:
        model.objects.bulk_update(list(changed), sorted(set().union(*changed.values())))
    counts.created += len(new)
    counts.updated += len(changed)


def _sync_vocabulary(
    model: type[Model],
    key: str,
    wanted: dict[str, tuple[str, dict[str, Any]]],
    counts: Counts,
    notes: list[str],
) -> dict[str, int]:
    """Upsert sources or triggers owned by their file; a row defined elsewhere (the admin, another
    file) is used as it is. Returns the primary key of every wanted row."""
    existing = model.objects.in_bulk(list(wanted), field_name=key)
    new: list[Model] = []
    changed: dict[Model, set[str]] = {}
    for value, (source_file, fields) in wanted.items():
        row = existing.get(value)
        if row is None:
            new.append(model(**{key: value, "source_file": source_file, **fields}))
        elif row.source_file != source_file:
            owner = row.source_file or "the admin"
            notes.append(f"{_LABELS[model]} {value} is defined by {owner}: left as it is")
        elif fields_changed := apply_changes(row, fields):
            changed[row] = fields_changed
        else:
            counts.unchanged += 1
    _save(model, new, changed, counts)
    return {value: row.pk for value, row in model.objects.in_bulk(list(wanted), field_name=key).items()}


def _sync_rules(book: RuleBook, counts: Counts) -> dict[str, int]:
    """Upsert one ``Rule`` per rule id, named after its newest version."""
    newest = {spec.id: spec for spec in sorted(book.rules, key=lambda s: s.valid_from)}
    existing = Rule.objects.in_bulk(list(newest), field_name="code")
    new: list[Model] = []
    changed: dict[Model, set[str]] = {}
    for code, spec in newest.items():
        values = {
            "jurisdiction": spec.jurisdiction,
            "name_zh": spec.name_zh,
            "name_en": spec.name_en,
            "source_file": spec.file,
        }
        row = existing.get(code)
        if row is None:
            new.append(Rule(code=code, **values))
        elif fields_changed := apply_changes(row, values):
            changed[row] = fields_changed
        else:
            counts.unchanged += 1
    _save(Rule, new, changed, counts)
    return {code: row.pk for code, row in Rule.objects.in_bulk(list(newest), field_name="code").items()}


def _version_values(spec: RuleSpec, triggers: dict[str, int], sources: dict[str, int]) -> dict[str, Any]:
    return {
        "valid_to": spec.valid_to,
        "trigger_id": triggers[spec.trigger],
        "period": str(spec.period),
        "direction": spec.direction.value,
        "convention": spec.convention.value,
        "custody": spec.custody,
        "fixed_period": spec.fixed_period,
        "extendable": spec.extendable,
        "legal_source_id": sources[spec.source],
        "article": spec.article,
        "article_zh": spec.article_zh,
        "extension_notes": spec.extension_notes,
        "notes": spec.notes,
        "verified": spec.verified,
        "ruleset_version": spec.ruleset_version,
        "actor": spec.actor,
        "retired": False,
    }


def _sync_versions(
    book: RuleBook,
    rule_ids: dict[str, int],
    trigger_ids: dict[str, int],
    source_ids: dict[str, int],
    report: SyncReport,
) -> None:
    """Upsert every version; a version's identity is its rule and its ``valid_from``."""
    versions = RuleVersion.objects.filter(rule_id__in=rule_ids.values())
    existing = {(v.rule_id, v.valid_from): v for v in versions}
    new: list[Model] = []
    changed: dict[Model, set[str]] = {}
    for spec in book.rules:
        values = _version_values(spec, trigger_ids, source_ids)
        row = existing.get((rule_ids[spec.id], spec.valid_from))
        if row is None:
            new.append(RuleVersion(rule_id=rule_ids[spec.id], valid_from=spec.valid_from, **values))
        elif fields_changed := apply_changes(row, values):
            changed[row] = fields_changed
        else:
            report.versions.unchanged += 1
    _save(RuleVersion, new, changed, report.versions)
    recompute = [row for row, fields in changed.items() if fields & _COMPUTING_FIELDS]
    in_use = _usage(Stage, [row.pk for row in recompute])
    codes = {pk: code for code, pk in rule_ids.items()}
    for row in recompute:
        if in_use.get(row.pk):
            report.notes.append(
                f"rule version {codes[row.rule_id]} from {row.valid_from} changed how it counts and "
                f"{in_use[row.pk]} stages use it: recompute them"
            )


def _usage(model: type[Model], version_ids: list[int]) -> dict[int, int]:
    """How many rows of ``model`` (stages, computations) use each rule version."""
    rows = model.objects.filter(rule_version__in=version_ids).values("rule_version").annotate(n=Count("pk"))
    return {row["rule_version"]: row["n"] for row in rows}


def _delete_obsolete_versions(book: RuleBook, report: SyncReport) -> None:
    """Delete versions of this folder's rules that the files no longer have, unless something used them."""
    wanted = {(spec.id, spec.valid_from) for spec in book.rules}
    owned = RuleVersion.objects.filter(rule__source_file__startswith=f"{book.directory}/")
    owned = owned.select_related("rule")
    obsolete = [v for v in owned if (v.rule.code, v.valid_from) not in wanted]
    ids = [v.pk for v in obsolete]
    stages, computations = _usage(Stage, ids), _usage(DueComputation, ids)
    kept = [v for v in obsolete if stages.get(v.pk) or computations.get(v.pk)]
    # Kept for the stages that counted under them, but never chosen for a new trigger again.
    RuleVersion.objects.filter(pk__in=[v.pk for v in kept], retired=False).update(retired=True)
    for version in kept:
        report.notes.append(
            f"kept rule version {version.rule.code} from {version.valid_from}: no longer in the files, but "
            f"{stages.get(version.pk, 0)} stages and {computations.get(version.pk, 0)} computations use it"
        )
    unused = RuleVersion.objects.filter(pk__in=set(ids) - {v.pk for v in kept})
    report.versions.deleted += unused.delete()[1].get("caseflow.RuleVersion", 0)


def _delete_obsolete_rules(book: RuleBook, report: SyncReport) -> None:
    """Delete this folder's rules that the files no longer have, unless kept versions or templates
    still hold them."""
    obsolete = (
        Rule.objects.filter(source_file__startswith=f"{book.directory}/")
        .exclude(code__in=book.rule_ids)
        .annotate(n_versions=Count("versions", distinct=True))
        .annotate(n_templates=Count("stage_templates", distinct=True))
    )
    deletable = []
    for rule in obsolete:
        if rule.n_versions or rule.n_templates:
            report.notes.append(
                f"kept rule {rule.code}: no longer in the files, but it has {rule.n_versions} kept versions "
                f"and {rule.n_templates} stage templates"
            )
        else:
            deletable.append(rule.pk)
    report.rules.deleted += Rule.objects.filter(pk__in=deletable).delete()[1].get("caseflow.Rule", 0)


def _delete_obsolete_vocabulary(
    model: type[Model], key: str, source_file: str, wanted: set[str], counts: Counts, notes: list[str]
) -> None:
    """Delete sources or triggers their file no longer has, unless a protected reference still uses them.

    One row at a time so that a used row (``ProtectedError``, raised before anything is deleted) is kept.
    """
    for row in model.objects.filter(source_file=source_file).exclude(**{f"{key}__in": wanted}):
        try:
            row.delete()
        except ProtectedError:
            name = f"{_LABELS[model]} {getattr(row, key)}"
            notes.append(f"kept {name}: no longer in the files, but still used")
        else:
            counts.deleted += 1
