"""Shared options of the notification commands: ``--now`` (replay a run at any moment) and ``--json``."""

from __future__ import annotations

import argparse
import datetime as dt

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from caseflow.timeutils import TimeParseError, parse_moment


def parse_now(value: str | None) -> dt.datetime:
    """``YYYY-MM-DDTHH:MM`` in the office time zone (an explicit offset is honoured); the clock if empty."""
    if not value:
        return timezone.now()
    try:
        return parse_moment(value, what="--now")
    except TimeParseError as exc:
        raise CommandError(str(exc)) from None


def add_now_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--now",
        metavar="YYYY-MM-DDTHH:MM",
        help=f"Act as if it were this moment ({settings.TIME_ZONE}); default: the current time.",
    )
    parser.add_argument("--json", action="store_true", help="Print one JSON object with the counts.")
