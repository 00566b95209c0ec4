"""``manage.py load_holiday_notice FILE``: load a year's official holiday notice into its calendar.

    manage.py load_holiday_notice notices/cn-2027.yaml --dry-run
    manage.py load_holiday_notice notices/cn-2027.yaml --user admin

The file format is described in ``caseflow/calendars/data/README.md``. A notice with any problem is
refused whole, with one ``file:line: message`` per problem and nothing written. ``--dry-run`` lists the
days that would change and how many stages would be recomputed.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from caseflow.calendars.changes import apply_notice, preview_notice, read_notice
from caseflow.calendars.datafiles import DataFileError
from caseflow.models import Calendar
from caseflow.timeutils import TimeParseError, parse_moment


class Command(BaseCommand):
    help = "Load a State Council (or other official) holiday notice file into its calendar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the notice, a YAML file")
        parser.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")
        parser.add_argument("--user", help="username recorded as having loaded the notice")
        parser.add_argument("--now", help="run as of this moment, YYYY-MM-DDTHH:MM (office time zone)")

    def handle(self, *args, **options) -> None:
        try:
            now = parse_moment(options["now"], what="--now") if options["now"] else timezone.now()
        except TimeParseError as exc:
            raise CommandError(str(exc)) from None
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: cannot read the notice: {exc}") from None
        try:
            notice = read_notice(text, filename=str(path))
        except DataFileError as exc:
            raise CommandError("\n".join(exc.errors)) from None
        calendar = Calendar.objects.get(code=notice.calendar)
        user = self._user(options["user"])
        if options["dry_run"]:
            preview = preview_notice(calendar, notice)
            for diff in preview.diffs:
                old = diff.old_kind or "(not stored)"
                official = "" if diff.new_official else " (provisional)"
                self.stdout.write(f"{diff.date}  {old} → {diff.new_kind}{official}  {diff.name_zh}")
            self.stdout.write(
                f"{len(preview.diffs)} days would change; {preview.stages} stages would be recomputed"
            )
            return
        try:
            change = apply_notice(calendar, notice, by=user, now=now)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(f"{change.summary}; {change.stages_recomputed} stages recomputed")
        )

    def _user(self, username: str | None):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"no user {username!r}") from None
