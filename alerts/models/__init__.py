"""The warnings app's data: policies, clocks, level transitions, escalations, pauses, extensions and
notifications."""

from alerts.models.clocks import Clock, DayBoundary, WarningTransition
from alerts.models.escalations import Escalation, EscalationEntry
from alerts.models.levels import Level
from alerts.models.notifications import Channel, Notification, TeamChannel
from alerts.models.policies import EscalationStep, PolicyAssignment, Threshold, WarningPolicy
from alerts.models.requests import ExtensionRequest, PauseRequest

__all__ = [
    "Channel",
    "Clock",
    "DayBoundary",
    "Escalation",
    "EscalationEntry",
    "EscalationStep",
    "ExtensionRequest",
    "Level",
    "Notification",
    "PauseRequest",
    "PolicyAssignment",
    "TeamChannel",
    "Threshold",
    "WarningPolicy",
    "WarningTransition",
]
