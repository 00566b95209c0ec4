"""The deadline engine: periods, counting conventions, the calendar protocol, computation and explanation.

Pure Python with no Django import, so that it can be tested exhaustively on its own and Django adapts its
models to it, never the reverse.
"""

from caseflow.deadlines.calendar import Calendar, DayInfo, DayKind, MappingCalendar, OverlayCalendar
from caseflow.deadlines.engine import (
    Deadline,
    DeadlineError,
    Pause,
    RuleRef,
    Step,
    compute_deadline,
    internal_target,
    last_working_day_before,
)
from caseflow.deadlines.periods import Convention, Direction, Period, PeriodError, Unit

__all__ = [
    "Calendar",
    "Convention",
    "DayInfo",
    "DayKind",
    "Deadline",
    "DeadlineError",
    "Direction",
    "MappingCalendar",
    "OverlayCalendar",
    "Pause",
    "Period",
    "PeriodError",
    "RuleRef",
    "Step",
    "Unit",
    "compute_deadline",
    "internal_target",
    "last_working_day_before",
]
