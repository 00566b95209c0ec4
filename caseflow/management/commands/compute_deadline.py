"""``manage.py compute_deadline``: the deadline engine for other tools, one JSON object on stdout.

    manage.py compute_deadline --trigger 2026-09-20 --rule cn.civil.appeal_judgment --json
    manage.py compute_deadline --trigger 2026-06-05 --period 14d --convention us_frcp_mail --json

Bad input exits non-zero with a one-line message on stderr.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from caseflow.calendars.adapter import calendar_for
from caseflow.deadlines import DeadlineError, compute_deadline
from caseflow.deadlines.periods import Convention, Direction, Period, PeriodError, parse_convention
from caseflow.models import Calendar, Court, Rule
from caseflow.services.deadlines import rule_ref
from caseflow.timeutils import TimeParseError, parse_date_or_moment


class Command(BaseCommand):
    help = "Compute a statutory deadline and explain it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--trigger", required=True, help="YYYY-MM-DD, or YYYY-MM-DDTHH:MM for hour periods"
        )
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--rule", help="a rule id, e.g. cn.civil.appeal_judgment")
        source.add_argument("--period", help="e.g. 15d, 20wd, 6m, 2y, 24h (needs --convention)")
        parser.add_argument("--convention", help=", ".join(c.value for c in Convention))
        parser.add_argument("--before", action="store_true", help="count backward from the trigger")
        parser.add_argument(
            "--custody", action="store_true", help="custody period (cn_criminal): never moves"
        )
        parser.add_argument(
            "--calendar", help="CN or US (default: the rule's or the convention's jurisdiction)"
        )
        parser.add_argument("--court", help="a court code: its closures apply")
        parser.add_argument("--lang", default="en", choices=["en", "zh-hans"], help="language of the steps")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options) -> None:
        try:
            trigger = parse_date_or_moment(options["trigger"])
        except TimeParseError as exc:
            raise CommandError(str(exc)) from None
        if options["rule"]:
            if options["convention"]:
                raise CommandError("--convention cannot be combined with --rule (the rule sets it)")
            period, convention, direction, custody, ref, jurisdiction = self._from_rule(
                options["rule"], trigger
            )
            if options["before"] and direction != Direction.BEFORE:
                raise CommandError(
                    f"rule {options['rule']} counts after its trigger; --before does not apply"
                )
            custody = custody or options["custody"]
        else:
            if not options["convention"]:
                raise CommandError("--period needs --convention")
            try:
                period = Period.parse(options["period"])
                convention = parse_convention(options["convention"])
            except PeriodError as exc:
                raise CommandError(str(exc)) from None
            direction = Direction.BEFORE if options["before"] else Direction.AFTER
            custody, ref, jurisdiction = options["custody"], None, convention.jurisdiction
        calendar = self._calendar(options["calendar"], options["court"], jurisdiction)
        try:
            deadline = compute_deadline(
                trigger,
                period,
                convention=convention,
                calendar=calendar,
                direction=direction,
                custody=custody,
                rule=ref,
            )
        except DeadlineError as exc:
            raise CommandError(str(exc)) from None
        lang = options["lang"]
        if options["json"]:
            self.stdout.write(json.dumps(deadline.to_dict(lang), ensure_ascii=False))
            return
        self.stdout.write(f"{deadline.due_iso()}{' (provisional)' if deadline.provisional else ''}")
        for line in deadline.explain(lang):
            self.stdout.write(f"  - {line}")

    def _from_rule(self, code: str, trigger: dt.date | dt.datetime):
        rule = Rule.objects.filter(code=code).first()
        if rule is None:
            if not Rule.objects.exists():
                raise CommandError("no rules are loaded: run `python manage.py setup_caseflow` first")
            raise CommandError(f"unknown rule {code!r}")
        day = trigger.date() if isinstance(trigger, dt.datetime) else trigger
        version = rule.version_on(day)
        if version is None:
            spans = ", ".join(
                f"{v.valid_from.isoformat()} to {v.valid_to.isoformat() if v.valid_to else 'now'}"
                for v in rule.versions.all()
            )
            raise CommandError(
                f"rule {code} has no version in force on {day.isoformat()} (versions: {spans})"
            )
        return (
            Period.parse(version.period),
            Convention(version.convention),
            Direction(version.direction),
            version.custody,
            rule_ref(version),
            Convention(version.convention).jurisdiction,
        )

    def _calendar(self, code: str | None, court_code: str | None, jurisdiction: str):
        court = None
        if court_code:
            court = Court.objects.select_related("calendar").filter(code=court_code).first()
            if court is None:
                raise CommandError(f"unknown court {court_code!r}")
        wanted = (code or (court.calendar.code if court else jurisdiction)).upper()
        calendar = Calendar.objects.filter(code=wanted).first()
        if calendar is None:
            known = ", ".join(Calendar.objects.values_list("code", flat=True)) or "none loaded"
            raise CommandError(f"unknown calendar {wanted!r} (known: {known})")
        if not calendar.days.exists():
            raise CommandError(f"calendar {wanted} has no days loaded: run `python manage.py setup_caseflow`")
        return calendar_for(calendar, court=court)
