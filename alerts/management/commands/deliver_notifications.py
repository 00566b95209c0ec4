"""``manage.py deliver_notifications``: send the due e-mail and chat messages once (what the task does)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from alerts.notifications.cli import add_now_argument, parse_now
from alerts.notifications.delivery import deliver_due


class Command(BaseCommand):
    help = "Send e-mail and group-chat notifications whose time has come; failed sends are retried later."

    def add_arguments(self, parser) -> None:
        add_now_argument(parser)
        parser.add_argument(
            "--limit", type=int, default=200, help="At most this many messages (default 200)."
        )

    def handle(self, *args, **options) -> None:
        now = parse_now(options["now"])
        report = deliver_due(now=now, limit=options["limit"])
        counts = report.as_dict()
        if options["json"]:
            self.stdout.write(json.dumps({"now": now.isoformat(), **counts}))
        else:
            self.stdout.write(
                f"sent {counts['sent']}, to retry later {counts['retried']}, failed {counts['failed']}"
            )
