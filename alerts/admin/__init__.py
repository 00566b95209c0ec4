"""Admin for the warnings app: policies (edits re-evaluate every running clock), team chat channels,
and read-only views of notifications (with "retry failed deliveries"), clocks, transitions,
escalations, pauses and extensions."""

from alerts.admin import channels, policies, records  # noqa: F401
