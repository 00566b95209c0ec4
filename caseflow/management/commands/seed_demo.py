"""``manage.py seed_demo``: build a realistic demo office (teams, accounts, courts, ~200 matters).

    manage.py seed_demo                          # dated around today (office time zone)
    manage.py seed_demo --today 2026-11-24 --seed 7
    manage.py seed_demo --reset                  # delete the demo office and build it again

Every account's password is ``demo``; log in as ``admin``, ``supervisor`` or ``lawyer``. The matters'
history is played through the services day by day, with a warning scan every morning, so levels,
escalations and notifications look like a real office's. Needs the reference data (``setup_caseflow``) and
never changes it. Idempotent: with demo data present it says so and does nothing, unless ``--reset``.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from caseflow.demo.build import DemoError, build_demo, delete_demo, demo_exists
from caseflow.timeutils import TimeParseError, parse_date


class Command(BaseCommand):
    help = "Build a demo office with about 200 matters and their history (password: demo)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="build as of YYYY-MM-DD (default: today, office time zone)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same office)")
        parser.add_argument("--reset", action="store_true", help="delete the demo data first, then rebuild")

    def handle(self, *args, **options) -> None:
        try:
            today = parse_date(options["today"], what="--today") if options["today"] else timezone.localdate()
        except TimeParseError as exc:
            raise CommandError(str(exc)) from None
        started, deleted = time.monotonic(), None
        try:
            # One transaction: a refused or failed rebuild leaves the old demo office as it was.
            with transaction.atomic():
                if demo_exists():
                    if not options["reset"]:
                        self.stdout.write(
                            "Demo data already exists: nothing to do (use --reset to rebuild it)."
                        )
                        return
                    deleted = delete_demo()
                summary, sim = build_demo(today=today, seed=options["seed"])
        except DemoError as exc:
            raise CommandError(str(exc)) from None
        elapsed = time.monotonic() - started
        if deleted is not None:
            self.stdout.write(f"Deleted the previous demo office ({deleted} matters).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo office built as of {today.isoformat()} (seed {options['seed']}) in {elapsed:.1f} s: "
                f"{sim.actions} actions, {sim.ticks} daily scans."
            )
        )
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write("Log in as admin, supervisor or lawyer; every password is 'demo'.")
