"""``manage.py load_rules``: load the statutory time-limit rules from ``caseflow/rules/*.yaml``.

    manage.py load_rules                 # validate, then sync the database with the files
    manage.py load_rules --check         # validate only (CI, before a commit)
    manage.py load_rules --dir PATH      # another rules folder

Every problem in the files is printed as ``file:line: message`` on stderr and the command exits 1 without
writing anything. Idempotent: running it again with the same files changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from caseflow.rulefiles import RuleFileError, load_rule_files
from caseflow.services.rules import sync_rules


class Command(BaseCommand):
    help = "Validate the statutory rule files and load them into the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, help="rules folder (default: caseflow/rules)")
        parser.add_argument("--check", action="store_true", help="validate the files without writing")

    def handle(self, *args, **options) -> None:
        try:
            book = load_rule_files(options["dir"])
            if options["check"]:
                self.stdout.write(
                    f"{len(book.rule_ids)} rules ({len(book.rules)} versions) in {len(book.rulesets)} files, "
                    f"{len(book.triggers)} triggers, {len(book.sources)} sources: no errors"
                )
                return
            report = sync_rules(book)
        except RuleFileError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(report.summary()) if report.changed else report.summary())
        for note in report.notes:
            self.stdout.write(note)
