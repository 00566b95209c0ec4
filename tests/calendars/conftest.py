"""Fixtures for the calendar tests.

Seeding both calendars writes about 27,000 rows, so it is done once for this package (``seeded``) and
removed when the package's tests are done; each test still runs in its own rolled-back transaction, so
a test that loads a notice or changes a day leaves the seeded calendars as they were.
"""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo

import pytest

from caseflow.calendars.load import load_calendars
from caseflow.models import Calendar, CalendarChange, CalendarDay, CalendarYear

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=SHANGHAI)

# A made-up 2027 schedule in the shape of a real notice. It is NOT the State Council's 2027 notice
# (not published when this was written); it exists to exercise a notice that reaches back into 2026
# (a holiday on 2026-12-31 and a make-up Sunday on 2026-12-27), single-day holidays and make-up days.
NOTICE_2027 = """\
calendar: CN
year: 2027
source: 测试用虚构通知（非国务院办公厅2027年通知）
url: https://example.test/fictional-2027-notice
holidays:
  - {name_zh: 元旦, name_en: New Year's Day, from: 2026-12-31, to: 2027-01-03}
  - {name_zh: 春节, name_en: Spring Festival, from: 2027-02-05, to: 2027-02-13}
  - {name_zh: 清明节, name_en: Tomb-sweeping Day, from: 2027-04-03, to: 2027-04-05}
  - {name_zh: 劳动节, name_en: Labour Day, from: 2027-05-01, to: 2027-05-05}
  - {name_zh: 端午节, name_en: Dragon Boat Festival, from: 2027-06-09}
  - {name_zh: 中秋节, name_en: Mid-autumn Festival, from: 2027-09-15}
  - {name_zh: 国庆节, name_en: National Day, from: 2027-10-01, to: 2027-10-07}
makeup_workdays:
  - {date: 2026-12-27, for: 元旦}
  - {date: 2027-01-31, for: 春节}
  - {date: 2027-02-20, for: 春节}
  - {date: 2027-04-25, for: Labour Day}
  - {date: 2027-05-08, for: 劳动节}
  - {date: 2027-09-26, for: 国庆节}
  - {date: 2027-10-09, for: 国庆节}
"""


@pytest.fixture(scope="package")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        already = CalendarDay.objects.exists()  # seeded by a session-wide fixture: leave it be
        load_calendars(now=NOW)
    yield
    if already:
        return
    with django_db_blocker.unblock():
        CalendarChange.objects.all().delete()
        CalendarYear.objects.all().delete()
        CalendarDay.objects.all().delete()
        Calendar.objects.all().delete()


@pytest.fixture
def cn(seeded, db) -> Calendar:
    return Calendar.objects.get(code="CN")


@pytest.fixture
def us(seeded, db) -> Calendar:
    return Calendar.objects.get(code="US")


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser(
        "calendar-admin", "admin@example.test", "pw-Calendar-1", language="en"
    )


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


_numbers = itertools.count(1)


@pytest.fixture
def started_stage(db):
    """Make a matter with one stage (``period``, ``convention``) and start it from ``trigger``."""
    from accounts.models import Team, User
    from alerts.models import WarningPolicy
    from caseflow.models import EventType, MatterType, StageTemplate
    from caseflow.services.events import record_event
    from caseflow.services.matters import open_matter

    if not WarningPolicy.objects.filter(is_default=True).exists():
        WarningPolicy.objects.create(code="cal-default", name_zh="默认", name_en="Default", is_default=True)

    def make(calendar: Calendar, *, trigger: dt.date, period: str, convention: str, court=None):
        n = next(_numbers)
        team = Team.objects.create(code=f"cal-team-{n}", name_zh=f"团队{n}")
        lawyer = User.objects.create(username=f"cal-lawyer-{n}", team=team)
        event = EventType.objects.create(code=f"cal-served-{n}", name_zh="送达", name_en="Served")
        matter_type = MatterType.objects.create(
            code=f"cal-type-{n}",
            name_zh="测试",
            name_en="Test",
            jurisdiction=calendar.code,
            calendar=calendar,
        )
        StageTemplate.objects.create(
            matter_type=matter_type,
            order=1,
            code="answer",
            name_zh="答辩",
            name_en="Answer",
            trigger=event,
            period=period,
            convention=convention,
        )
        matter = open_matter(
            number=f"CAL-{n}",
            title="Calendar test",
            client="Client",
            matter_type=matter_type,
            lead_lawyer=lawyer,
            team=team,
            opened_on=trigger,
            court=court,
            by=None,
            now=NOW,
        )
        record_event(matter=matter, event_type=event, occurred_on=trigger, by=None, now=NOW)
        return matter.stages.get()

    return make
