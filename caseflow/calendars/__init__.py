"""Jurisdiction calendars as data: seeding from the holiday packages, the engine adapter, holiday notices,
single-day changes and court closures (docs/architecture.md, "Calendars")."""
