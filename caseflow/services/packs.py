"""Write a validated pack book (:mod:`caseflow.packfiles`) into the database.

The packs own the matter types, stage templates and policy assignments they define (``MatterType.pack``
names the file) and the event types of their ``events.yaml`` (``EventType.source_file``). One sync makes
the database say what the files say, in one transaction: every template is then checked with
:func:`~caseflow.services.configuration.validate_stage_template`, exactly as the admin form would, and any
refusal rolls the whole sync back. History is never broken: a template or matter type that matters
already use is kept (and reported) rather than deleted. Running the sync again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, ProtectedError
from django.utils import translation

from alerts.models import PolicyAssignment, WarningPolicy
from caseflow.deadlines.periods import Period
from caseflow.models import Calendar, EventType, Matter, MatterType, Rule, Stage, StageTemplate
from caseflow.packfiles import (
    EVENTS_FILE,
    MAX_ORDER,
    PACKS_DIR,
    PackBook,
    PackFileError,
    PackSpec,
    RuleInfo,
    StageSpec,
    Vocabulary,
)
from caseflow.services.configuration import validate_stage_template
from caseflow.services.filesync import apply_changes, paths_too_long
from caseflow.services.rules import Counts
from caseflow.yamlfiles import display_path

# Template fields whose change alters the deadlines of stages already counting.
_COMPUTING_FIELDS = {"trigger_id", "rule_id", "period", "convention", "direction", "internal_lead"}


@dataclass
class PackSyncReport:
    """What one sync did, per kind of row, and what it left alone on purpose (``notes``)."""

    matter_types: Counts = field(default_factory=Counts)
    templates: Counts = field(default_factory=Counts)
    events: Counts = field(default_factory=Counts)
    assignments: Counts = field(default_factory=Counts)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        kinds = (self.matter_types, self.templates, self.events, self.assignments)
        return any(c.created or c.updated or c.deleted for c in kinds)

    @property
    def policies_changed(self) -> bool:
        """Clocks may now point at the wrong policy: the caller re-evaluates them."""
        return bool(self.assignments.created or self.assignments.updated or self.assignments.deleted)

    def summary(self) -> str:
        return (
            f"matter types: {self.matter_types}; stage templates: {self.templates}; "
            f"events: {self.events}; policy assignments: {self.assignments}"
        )


def vocabulary(directory: Path | None = None) -> Vocabulary:
    """What packs in ``directory`` may refer to, as loaded in the database now."""
    events_file = display_path((Path(directory) if directory else PACKS_DIR) / EVENTS_FILE)
    rules: dict[str, RuleInfo] = {}
    for rule in Rule.objects.prefetch_related("versions__trigger").order_by("code"):
        versions = sorted((v for v in rule.versions.all() if not v.retired), key=lambda v: v.valid_from)
        if versions:
            newest = versions[-1]
            rules[rule.code] = RuleInfo(rule.jurisdiction, newest.trigger.code, Period.parse(newest.period))
    triggers = {
        code: source or "the admin"
        for code, source in EventType.objects.exclude(source_file=events_file).values_list(
            "code", "source_file"
        )
    }
    return Vocabulary(
        rules=rules,
        triggers=triggers,
        policies=frozenset(WarningPolicy.objects.values_list("code", flat=True)),
        calendars=frozenset(Calendar.objects.values_list("code", flat=True)),
    )


def sync_packs(book: PackBook, *, today: dt.date) -> PackSyncReport:
    """Make the database match ``book``; raise :class:`PackFileError` (changing nothing) when the database
    cannot take it or a template fails the admin's validation on ``today``."""
    report = PackSyncReport()
    with transaction.atomic():
        _preflight(book)
        events = _sync_events(book, report)
        policies = dict(WarningPolicy.objects.values_list("code", "pk"))
        rules = dict(Rule.objects.values_list("code", "pk"))
        errors: list[str] = []
        for pack in book.packs:
            _sync_pack(pack, events, policies, rules, report, errors, today=today)
        if errors:
            raise PackFileError(errors)
        _retire_obsolete_types(book, report)
        _delete_obsolete_events(book, report)
    return report


def _preflight(book: PackBook) -> None:
    """Refuse what the database cannot take, before writing: a matter type code or event code defined in
    the admin or by another file, and file paths too long to record."""
    errors = [
        f"{pack.file}:{pack.line}: matter type {pack.code} was created in the admin, which packs never "
        "replace (found it in the database; rename one of them)"
        for pack in book.packs
        if MatterType.objects.filter(code=pack.code, pack="").exists()
    ]
    taken = dict(
        EventType.objects.filter(code__in=[e.code for e in book.events])
        .exclude(source_file=book.events_file)
        .values_list("code", "source_file")
    )
    errors += [
        f"{event.file}:{event.line}: event {event.code} is already defined by "
        f"{taken[event.code] or 'the admin'}: packs use it as it is (found it here)"
        for event in book.events
        if event.code in taken
    ]
    errors += paths_too_long(MatterType, "pack", {p.file for p in book.packs})
    errors += paths_too_long(EventType, "source_file", {book.events_file})
    if errors:
        raise PackFileError(errors)


def _upsert(
    model: type[Model], lookup: dict[str, Any], values: dict[str, Any], counts: Counts
) -> tuple[Model, set[str]]:
    row = model.objects.filter(**lookup).first()
    if row is None:
        row = model.objects.create(**lookup, **values)
        counts.created += 1
        return row, set(values)
    changed = apply_changes(row, values)
    if changed:
        row.save(update_fields=sorted(changed))
        counts.updated += 1
    else:
        counts.unchanged += 1
    return row, changed


def _sync_events(book: PackBook, report: PackSyncReport) -> dict[str, int]:
    """Upsert the pack events; return the primary key of every event type by code."""
    for event in book.events:
        values = {"name_zh": event.name_zh, "name_en": event.name_en, "description": event.description}
        _upsert(EventType, {"code": event.code}, {**values, "source_file": event.file}, report.events)
    return dict(EventType.objects.values_list("code", "pk"))


def _sync_pack(
    pack: PackSpec,
    events: dict[str, int],
    policies: dict[str, int],
    rules: dict[str, int],
    report: PackSyncReport,
    errors: list[str],
    *,
    today: dt.date,
) -> None:
    previous = MatterType.objects.filter(code=pack.code).values_list("pack", flat=True).first()
    if previous and previous != pack.file:
        report.notes.append(f"matter type {pack.code} moves from {previous} to {pack.file}")
    matter_type, _changed = _upsert(
        MatterType,
        {"code": pack.code},
        {
            "name_zh": pack.name_zh,
            "name_en": pack.name_en,
            "jurisdiction": pack.jurisdiction,
            "calendar_id": Calendar.objects.get(code=pack.calendar).pk,
            "total_limit": str(pack.total_limit) if pack.total_limit else "",
            "total_limit_convention": pack.total_limit_convention.value,
            "description": pack.description,
            "pack": pack.file,
            "active": True,
        },
        report.matter_types,
    )
    templates = _sync_templates(pack, matter_type, events, rules, report)
    for spec, template in templates:
        _upsert(
            PolicyAssignment,
            {"stage_template": template},
            {"policy_id": policies[spec.policy]},
            report.assignments,
        )
    total = PolicyAssignment.objects.filter(matter_type=matter_type)
    if pack.total_policy:
        _upsert(
            PolicyAssignment,
            {"matter_type": matter_type},
            {"policy_id": policies[pack.total_policy]},
            report.assignments,
        )
    else:
        report.assignments.deleted += total.delete()[0]
    for spec, template in templates:
        try:
            # In English, like every other file error, whatever language is active.
            with translation.override("en"):
                validate_stage_template(
                    StageTemplate.objects.select_related("rule").get(pk=template.pk), today=today
                )
        except ValidationError as exc:
            errors.extend(
                f"{pack.file}:{spec.line}: stage {spec.code}: {field}: {message}"
                for field, messages in exc.message_dict.items()
                for message in messages
            )


def _template_values(spec: StageSpec, events: dict[str, int], rules: dict[str, int]) -> dict[str, Any]:
    return {
        "order": spec.order,
        "name_zh": spec.name_zh,
        "name_en": spec.name_en,
        "trigger_id": events[spec.trigger],
        "rule_id": rules[spec.rule] if spec.rule else None,
        "period": str(spec.period) if spec.period else "",
        "convention": spec.convention.value if spec.convention else "",
        "direction": spec.direction.value,
        "limit_kind": spec.kind,
        "internal_lead": str(spec.internal_lead) if spec.internal_lead else "",
        "completion_event_id": events[spec.completion_event] if spec.completion_event else None,
        "description": spec.description,
        "active": True,
    }


def _sync_templates(
    pack: PackSpec,
    matter_type: MatterType,
    events: dict[str, int],
    rules: dict[str, int],
    report: PackSyncReport,
) -> list[tuple[StageSpec, StageTemplate]]:
    """Upsert the pack's templates (identity: matter type and stage code); delete the ones it dropped
    unless stages use them."""
    existing = {t.code: t for t in matter_type.stage_templates.all()}
    wanted = {spec.code: spec for spec in pack.stages}
    # Orders are unique per type: park every template whose order changes above the pack range first, so
    # that two stages can swap places; templates the pack dropped but stages use stay parked there.
    parked = [
        t for code, t in sorted(existing.items()) if code not in wanted or t.order != wanted[code].order
    ]
    for n, template in enumerate(parked, start=MAX_ORDER + 1):
        StageTemplate.objects.filter(pk=template.pk).update(order=n)
        template.order = n
    result = []
    for spec in pack.stages:
        values = _template_values(spec, events, rules)
        template, changed = _upsert(
            StageTemplate, {"matter_type": matter_type, "code": spec.code}, values, report.templates
        )
        if spec.code in existing and changed & _COMPUTING_FIELDS:
            counting = template.stages.filter(status=Stage.Status.IN_PROGRESS).count()
            if counting:
                report.notes.append(
                    f"stage template {pack.code}/{spec.code} changed how it counts and {counting} stages in "
                    "progress use it: recompute them"
                )
        result.append((spec, template))
    for code, template in sorted(existing.items()):
        if code in wanted:
            continue
        used = template.stages.count()
        if used:
            if template.active:
                StageTemplate.objects.filter(pk=template.pk).update(active=False)
            report.notes.append(
                f"kept stage template {pack.code}/{code} for the {used} stages that use it: no longer in "
                f"{pack.file}, so new matters no longer get it"
            )
        else:
            template.delete()
            report.templates.deleted += 1
    return result


def _retire_obsolete_types(book: PackBook, report: PackSyncReport) -> None:
    """Matter types of this folder that no pack defines any more: deleted, or deactivated when used."""
    obsolete = MatterType.objects.filter(pack__startswith=f"{book.directory}/").exclude(
        code__in=[p.code for p in book.packs]
    )
    for matter_type in obsolete.order_by("code"):
        used = Matter.objects.filter(matter_type=matter_type).count()
        if not used:
            matter_type.delete()
            report.matter_types.deleted += 1
        elif matter_type.active:
            matter_type.active = False
            matter_type.save(update_fields=["active"])
            report.matter_types.updated += 1
            report.notes.append(
                f"deactivated matter type {matter_type.code}: no pack defines it, {used} matters use it"
            )


def _delete_obsolete_events(book: PackBook, report: PackSyncReport) -> None:
    """Delete pack events the file no longer has, one at a time, keeping those still referred to."""
    wanted = {e.code for e in book.events}
    for event in (
        EventType.objects.filter(source_file=book.events_file).exclude(code__in=wanted).order_by("code")
    ):
        try:
            with transaction.atomic():
                event.delete()
        except ProtectedError:
            report.notes.append(f"kept event {event.code}: no longer in {book.events_file}, but still used")
        else:
            report.events.deleted += 1
