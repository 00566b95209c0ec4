"""Caseflow's data model: calendars, rules, courts, matter types, matters, events, stages, history."""

from caseflow.models.calendars import Calendar, CalendarChange, CalendarDay, CalendarYear, DayKind
from caseflow.models.courts import Court, CourtClosure
from caseflow.models.history import DeadlineChange, DueComputation, ResponsibilityChange
from caseflow.models.matters import Matter, MatterEvent, MatterType, Stage, StageTemplate
from caseflow.models.rules import EventType, LegalSource, Rule, RuleVersion

__all__ = [
    "Calendar",
    "CalendarChange",
    "CalendarDay",
    "CalendarYear",
    "Court",
    "CourtClosure",
    "DayKind",
    "DeadlineChange",
    "DueComputation",
    "EventType",
    "LegalSource",
    "Matter",
    "MatterEvent",
    "MatterType",
    "ResponsibilityChange",
    "Rule",
    "RuleVersion",
    "Stage",
    "StageTemplate",
]
