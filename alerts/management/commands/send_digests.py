"""``manage.py send_digests``: write today's daily digests (what the daily task does)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from alerts.notifications.cli import add_now_argument, parse_now
from alerts.notifications.digest import send_daily_digests
from alerts.notifications.render import office_today


class Command(BaseCommand):
    help = "Write today's digest for everyone with deadlines overdue or due in the next 7 days (idempotent)."

    def add_arguments(self, parser) -> None:
        add_now_argument(parser)

    def handle(self, *args, **options) -> None:
        now = parse_now(options["now"])
        created = send_daily_digests(now=now)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {"now": now.isoformat(), "day": office_today(now).isoformat(), "notifications": created}
                )
            )
        else:
            self.stdout.write(f"{created} digest notifications written for {office_today(now).isoformat()}")
