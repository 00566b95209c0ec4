"""``manage.py setup_schedules``: create or update the background schedules (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from alerts.schedules import ensure_schedules


class Command(BaseCommand):
    help = "Create or update the django-q2 schedules (warning scan, notification delivery, daily digest)."

    def handle(self, *args, **options) -> None:
        for name, created in ensure_schedules(now=timezone.now()):
            self.stdout.write(f"{'created' if created else 'up to date'}: {name}")
