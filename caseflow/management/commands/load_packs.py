"""``manage.py load_packs``: load the matter-type packs from ``caseflow/packs/*.yaml``.

    manage.py load_packs                          # validate, then sync the database with the files
    manage.py load_packs --check                  # validate only (CI, before a commit)
    manage.py load_packs --dir PATH               # another packs folder
    manage.py load_packs --now 2026-11-24T09:00   # replay as of a moment (rules in force, clock levels)

Packs refer to rules, event types, warning policies and calendars, so run it after ``load_rules``,
``load_calendars`` and ``load_policies`` (``setup_caseflow`` does). Every problem is printed as
``file:line: message`` and the command exits 1 without writing anything. Idempotent. When a sync changes
which warning policy governs templates, running clocks are re-evaluated at once.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from alerts.models import Clock
from alerts.scan import reevaluate_all
from caseflow.packfiles import PackFileError, load_pack_files
from caseflow.services.packs import sync_packs, vocabulary
from caseflow.timeutils import TimeParseError, parse_moment


class Command(BaseCommand):
    help = "Validate the matter-type packs and load them into the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, help="packs folder (default: caseflow/packs)")
        parser.add_argument("--check", action="store_true", help="validate the files without writing")
        parser.add_argument("--now", help="run as of YYYY-MM-DDTHH:MM (office time zone); default: now")

    def handle(self, *args, **options) -> None:
        try:
            now = parse_moment(options["now"], what="--now") if options["now"] else timezone.now()
        except TimeParseError as exc:
            raise CommandError(str(exc)) from None
        try:
            book = load_pack_files(options["dir"], vocabulary(options["dir"]))
            if options["check"]:
                stages = sum(len(pack.stages) for pack in book.packs)
                self.stdout.write(
                    f"{len(book.packs)} packs, {stages} stages, {len(book.events)} events: no errors"
                )
                return
            report = sync_packs(book, today=timezone.localdate(now))
        except PackFileError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(report.summary()) if report.changed else report.summary())
        for note in report.notes:
            self.stdout.write(note)
        if report.policies_changed and Clock.objects.filter(running=True).exists():
            result = reevaluate_all(now=now, refresh_assignments=True)
            self.stdout.write(f"warning policies changed: {result.evaluated} running clocks re-evaluated")
