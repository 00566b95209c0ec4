"""The demo office's clock: every action at the moment it happened, and a warning scan every morning.

Each matter's story is a generator that yields the moment of its next action and performs the action when
resumed. The simulation keeps all stories in one queue ordered by moment and, between actions, runs
``alerts.scan.tick`` at 09:00 every day, so warning transitions, escalation steps, nags and notifications
carry the timestamps a real office would have produced. Services are always called with ``now=`` set to
the simulated moment; nothing after ``end`` happens (the story simply stops there: the future has not
happened yet).
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.conf import settings

from alerts.scan import tick

Story = Iterator[dt.datetime]
SCAN_TIME = dt.time(9, 0)


class Simulation:
    def __init__(self, *, start: dt.datetime, end: dt.datetime) -> None:
        self.end = end
        self.now = start
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.ticks = 0
        self.actions = 0
        self._queue: list[tuple[dt.datetime, int, Story]] = []
        self._order = itertools.count()

    def start(self, story: Story) -> None:
        """Run ``story`` up to its first moment and queue it."""
        self._advance(story)

    def run(self, *, first_day: dt.date) -> None:
        """Play every queued story in time order, scanning every day at 09:00 from ``first_day`` to the
        end (which is itself a scan moment)."""
        day = first_day
        while True:
            scan_at = min(dt.datetime.combine(day, SCAN_TIME, tzinfo=self.zone), self.end)
            self._play_until(scan_at)
            self.now = scan_at
            tick(now=scan_at)
            self.ticks += 1
            if scan_at >= self.end:
                return
            day += dt.timedelta(days=1)

    def _play_until(self, moment: dt.datetime) -> None:
        while self._queue and self._queue[0][0] < moment:
            at, _order, story = heapq.heappop(self._queue)
            self.now = at
            self.actions += 1
            self._advance(story)

    def _advance(self, story: Story) -> None:
        try:
            moment = next(story)
        except StopIteration:
            return
        moment = max(moment, self.now)
        if moment < self.end:
            heapq.heappush(self._queue, (moment, next(self._order), story))
