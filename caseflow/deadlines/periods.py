"""Periods, directions and counting conventions: the vocabulary of the deadline engine.

Pure Python (no Django import), like the rest of :mod:`caseflow.deadlines`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class PeriodError(ValueError):
    """A period, convention or direction that cannot be understood."""


class Unit(StrEnum):
    DAYS = "d"
    WORKING_DAYS = "wd"
    MONTHS = "m"
    YEARS = "y"
    HOURS = "h"

    @property
    def label(self) -> str:
        return _UNIT_LABELS[self]


_UNIT_LABELS = {
    Unit.DAYS: "days",
    Unit.WORKING_DAYS: "working days",
    Unit.MONTHS: "months",
    Unit.YEARS: "years",
    Unit.HOURS: "hours",
}

_PERIOD_RE = re.compile(r"^(\d{1,4})(wd|d|m|y|h)$")
MAX_AMOUNT = {Unit.DAYS: 3660, Unit.WORKING_DAYS: 2600, Unit.MONTHS: 600, Unit.YEARS: 50, Unit.HOURS: 8760}


@dataclass(frozen=True, order=True)
class Period:
    amount: int
    unit: Unit

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``15d``, ``20wd``, ``6m``, ``2y`` or ``24h``; reject zero, negative and absurd periods."""
        raw = (text or "").strip()
        match = _PERIOD_RE.match(raw)
        if not match:
            raise PeriodError(
                f"malformed period {text!r}: expected a positive whole number followed by "
                "d (days), wd (working days), m (months), y (years) or h (hours), e.g. 15d"
            )
        amount, unit = int(match.group(1)), Unit(match.group(2))
        if amount <= 0:
            raise PeriodError(f"period {text!r} must be longer than zero")
        if amount > MAX_AMOUNT[unit]:
            raise PeriodError(f"period {text!r} is longer than {MAX_AMOUNT[unit]} {unit.label}")
        return cls(amount, unit)

    def __str__(self) -> str:
        return f"{self.amount}{self.unit.value}"


class Direction(StrEnum):
    AFTER = "after"
    BEFORE = "before"

    @property
    def label(self) -> str:
        return "after the trigger" if self is Direction.AFTER else "before the trigger"


class Convention(StrEnum):
    """How a period is counted. See README, "Counting conventions", for the legal basis of each."""

    CN_CIVIL = "cn_civil"
    CN_CRIMINAL = "cn_criminal"
    CN_WORKDAYS = "cn_workdays"
    US_FRCP = "us_frcp"
    US_FRCP_MAIL = "us_frcp_mail"

    @property
    def label(self) -> str:
        return _CONVENTION_LABELS[self]

    @property
    def jurisdiction(self) -> str:
        return "US" if self.value.startswith("us_") else "CN"


_CONVENTION_LABELS = {
    Convention.CN_CIVIL: (
        "PRC civil/administrative/labour procedure and Civil Code (民诉法 85; 民法典 200-204)"
    ),
    Convention.CN_CRIMINAL: "PRC criminal procedure (刑诉法 105; 刑诉法解释 202)",
    Convention.CN_WORKDAYS: "PRC working-day periods (行政许可法 82; 行政复议法 88)",
    Convention.US_FRCP: "US federal, FRCP 6(a)",
    Convention.US_FRCP_MAIL: "US federal, FRCP 6(a) then 6(d) (+3 days for service by mail)",
}


def parse_convention(text: str) -> Convention:
    try:
        return Convention(text)
    except ValueError:
        names = ", ".join(c.value for c in Convention)
        raise PeriodError(f"unknown counting convention {text!r} (expected one of {names})") from None


def parse_direction(text: str) -> Direction:
    try:
        return Direction(text)
    except ValueError:
        raise PeriodError(f"unknown direction {text!r} (expected 'after' or 'before')") from None
