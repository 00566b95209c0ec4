"""``manage.py setup_caseflow``: load everything an office needs before its first matter.

Rules, calendars, warning policies and matter-type packs (all versioned data files), then the background
schedules. Idempotent: run it after every upgrade; it changes only what the data files changed.
"""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Load rules, calendars, warning policies and matter-type packs; create the background schedules."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-schedules", action="store_true", help="do not create django-q2 schedules")

    def handle(self, *args, **options) -> None:
        steps = ["load_rules", "load_calendars", "load_policies", "load_packs"]
        if not options["no_schedules"]:
            steps.append("setup_schedules")
        for step in steps:
            self.stdout.write(f"== {step}")
            call_command(step, stdout=self.stdout, stderr=self.stderr)
