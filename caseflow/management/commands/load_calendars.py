"""``manage.py load_calendars``: seed the CN and US calendars from the holiday packages.

    manage.py load_calendars
    manage.py load_calendars --now 2027-01-02T09:00

Idempotent and quick, so deployment scripts may run it on every start-up: it writes only what differs and
never replaces a year loaded from an admin's notice or a day an admin changed. ``--now`` replays a run as
of another moment (it decides how many years ahead are stored).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from caseflow.calendars.datafiles import DataFileError
from caseflow.calendars.load import load_calendars
from caseflow.timeutils import TimeParseError, parse_moment


class Command(BaseCommand):
    help = "Seed the official holiday calendars (CN, US) from chinesecalendar and holidays."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="run as of this moment, YYYY-MM-DDTHH:MM (office time zone)")

    def handle(self, *args, **options) -> None:
        try:
            now = parse_moment(options["now"], what="--now") if options["now"] else timezone.now()
        except TimeParseError as exc:
            raise CommandError(str(exc)) from None
        try:
            results = load_calendars(now=now)
        except DataFileError as exc:
            raise CommandError("\n".join(exc.errors)) from None
        for result in results:
            if not result.changed:
                self.stdout.write(f"{result.code}: up to date")
                continue
            line = (
                f"{result.code}: {result.created} days added, {result.updated} days changed, "
                f"{result.years_written} years written, {result.stages_recomputed} stages recomputed"
            )
            if result.kept_years:
                line += f"; kept admin-loaded years {', '.join(map(str, result.kept_years))}"
            self.stdout.write(self.style.SUCCESS(line))
