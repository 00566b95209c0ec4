"""Validation of configuration that spans several rows: stage templates, their rules and trigger chains.

Admin forms call these through ``Model.clean()``; the pack loader calls them too, so a bad pack and a bad
admin edit are refused with the same message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from caseflow.deadlines.periods import Period, PeriodError, Unit, parse_convention


def validate_stage_template(template, *, today: dt.date | None = None) -> None:
    """Raise :class:`ValidationError` (by field) if ``template`` cannot produce a sound deadline."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    period: Period | None = None
    if template.rule_id:
        if template.period:
            add("period", _("Leave the period empty when a rule sets the limit."))
        if template.convention:
            add("convention", _("Leave the convention empty when a rule sets the limit."))
        _check_rule_in_force(template.rule, today, add)
        version = template.rule.versions.order_by("-valid_from").first()
        if version is not None:
            period = Period.parse(version.period)
    else:
        if not template.period:
            add("period", _("Choose a rule or give a period."))
        else:
            try:
                period = Period.parse(template.period)
            except PeriodError as exc:
                add("period", str(exc))
        if not template.convention:
            add("convention", _("A period without a rule needs a counting convention."))
        else:
            try:
                parse_convention(template.convention)
            except PeriodError as exc:
                add("convention", str(exc))

    if template.internal_lead:
        try:
            lead = Period.parse(template.internal_lead)
        except PeriodError as exc:
            add("internal_lead", str(exc))
        else:
            if lead.unit in (Unit.MONTHS, Unit.YEARS, Unit.HOURS):
                add("internal_lead", _("Give the internal lead in days (d) or working days (wd)."))
            elif (
                period is not None
                and period.unit in (Unit.DAYS, Unit.WORKING_DAYS)
                and lead.amount >= period.amount
            ):
                add(
                    "internal_lead",
                    _("The internal target must fall inside the period (lead %(lead)s, period %(period)s).")
                    % {"lead": lead, "period": period},
                )

    if template.matter_type_id and template.trigger_id:
        cycle = find_trigger_cycle(_template_edges(template))
        if cycle:
            add(
                "completion_event",
                _("These stages trigger each other in a cycle: %(cycle)s") % {"cycle": " → ".join(cycle)},
            )
    if errors:
        raise ValidationError(errors)


def _check_rule_in_force(rule, today: dt.date | None, add) -> None:
    versions = list(rule.versions.all())
    if not versions:
        add("rule", _("Rule %(code)s has no version.") % {"code": rule.code})
        return
    today = today or dt.date.today()  # noqa: DTZ011 - validity is checked against the office's date
    if all(v.valid_to is not None and v.valid_to < today for v in versions):
        last = max(v.valid_to for v in versions if v.valid_to)
        add(
            "rule",
            _("Rule %(code)s is no longer in force (its last version ended on %(end)s).")
            % {"code": rule.code, "end": last.isoformat()},
        )


def _template_edges(template) -> list[tuple[str, str, str]]:
    """(trigger code, completion code, template code) for every template of the type, with ``template``'s
    unsaved values in place of its stored row."""
    from caseflow.models import StageTemplate

    edges = []
    others = StageTemplate.objects.filter(matter_type_id=template.matter_type_id).select_related(
        "trigger", "completion_event"
    )
    if template.pk:
        others = others.exclude(pk=template.pk)
    for other in others:
        if other.completion_event_id:
            edges.append((other.trigger.code, other.completion_event.code, other.code))
    if template.completion_event_id:
        edges.append((template.trigger.code, template.completion_event.code, template.code))
    return edges


def find_trigger_cycle(edges: Iterable[tuple[str, str, str]]) -> list[str]:
    """Return the stage codes of a cycle in the trigger graph, or ``[]``.

    Each edge says "a stage counting from event A, when completed, records event B". A cycle means
    completing a stage would eventually restart itself.
    """
    graph: dict[str, list[tuple[str, str]]] = {}
    for source, target, code in edges:
        graph.setdefault(source, []).append((target, code))
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        for target, code in graph.get(node, []):
            path.append(code)
            if state.get(target) == 1:
                return list(path)
            if state.get(target) is None:
                found = visit(target)
                if found:
                    return found
            path.pop()
        state[node] = 2
        return []

    for start in list(graph):
        if state.get(start) is None:
            found = visit(start)
            if found:
                return found
    return []
