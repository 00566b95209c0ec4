"""``manage.py load_policies [--file PATH] [--check]``: load the warning policies data file."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from alerts.classify import office_today
from alerts.dayboundaries import ensure_day_boundaries
from alerts.policyfiles import POLICIES_FILE, PolicyFileError, read_policy_file, sync_policies


class Command(BaseCommand):
    help = (
        "Load warning policies from alerts/data/policies.yaml (keeps policies an admin has edited) and "
        "prepare the scan's day-boundary table."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=POLICIES_FILE)
        parser.add_argument("--check", action="store_true", help="validate only")

    def handle(self, *args, **options) -> None:
        try:
            policy_file = read_policy_file(options["file"])
        except PolicyFileError as exc:
            raise CommandError("\n".join(exc.errors)) from None
        if options["check"]:
            self.stdout.write(f"{len(policy_file.policies)} policies: no errors")
            return
        report = sync_policies(policy_file)
        added = ensure_day_boundaries(settings.TIME_ZONE, office_today(timezone.now()))
        self.stdout.write(
            f"policies: {report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
            f"{report.kept_admin_edits} kept as edited by an admin; {added} office day boundaries added"
        )
