"""``manage.py scan_warnings [--now 2026-11-24T09:00] [--full] --json``: run one warning scan.

Prints ``{"evaluated", "transitions", "notifications", "levels": {...}}``. ``--now`` replays a scan at
any moment (local to the office time zone); ``--full`` re-evaluates every running clock, as after a
policy or calendar change.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from alerts.scan import level_counts, reevaluate_all, tick
from alerts.services.clocks import NoDefaultPolicy
from alerts.services.transitions import follow_up_pending
from caseflow.timeutils import TimeParseError, parse_moment


class Command(BaseCommand):
    help = "Flag stages nearing or past their limit: one incremental scan (or a full re-evaluation)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="scan as of YYYY-MM-DDTHH:MM (office time zone); default: now")
        parser.add_argument("--full", action="store_true", help="re-evaluate every running clock")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options) -> None:
        try:
            now = parse_moment(options["now"], what="--now") if options["now"] else timezone.now()
        except TimeParseError as exc:
            raise CommandError(str(exc)) from None
        try:
            if options["full"]:
                report = reevaluate_all(now=now, refresh_assignments=True)
                report.notifications += follow_up_pending(now=now).notifications
            else:
                report = tick(now=now)
        except NoDefaultPolicy as exc:
            raise CommandError(str(exc)) from None
        result = {
            "evaluated": report.evaluated,
            "transitions": report.transitions,
            "notifications": report.notifications,
            "levels": level_counts(),
        }
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(
            f"evaluated {report.evaluated}, transitions {report.transitions}, "
            f"notifications {report.notifications} (escalation steps {report.escalation_steps}, "
            f"repeat reminders {report.nags}, resume reminders {report.resume_reminders})"
        )
        self.stdout.write("levels: " + ", ".join(f"{name} {n}" for name, n in result["levels"].items()))
