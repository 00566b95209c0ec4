"""The daily digest: which stages appear, grouped by day with overdue first, once per day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alerts.models import Level, Notification
from alerts.notifications.digest import send_daily_digests
from caseflow.models import Stage
from tests.notifications import factories as f

pytestmark = pytest.mark.django_db

D = dt.date


def stage_for(user, due, **fields) -> Stage:
    stage = f.make_stage(responsible=user, due=due, **fields)
    f.make_clock(stage)
    return stage


@pytest.fixture
def week(office):
    """Emma's stages around Tuesday 2026-12-01; only some belong in her digest."""
    emma = office.lawyer_en
    s = {
        "overdue": stage_for(emma, D(2026, 11, 28)),
        "hour": f.make_stage(
            responsible=emma, due=D(2026, 12, 1), hour_precision=True, due_at=f.at("2026-12-01 08:00")
        ),
        "today": stage_for(emma, D(2026, 12, 1)),
        "tomorrow": stage_for(emma, D(2026, 12, 2), provisional=True),
        "thu_a": stage_for(emma, D(2026, 12, 3)),
        "thu_b": stage_for(emma, D(2026, 12, 3)),
        "last_day": stage_for(emma, D(2026, 12, 7)),
        "too_late": stage_for(emma, D(2026, 12, 8)),
        "done": stage_for(emma, D(2026, 12, 2), status=Stage.Status.DONE),
        "paused": stage_for(emma, D(2026, 12, 2), is_paused=True),
        "awaiting": f.make_stage(responsible=emma, due=D(2026, 12, 2), status=Stage.Status.AWAITING_TRIGGER),
    }
    s["overdue"].clock.level = Level.OVERDUE
    s["overdue"].clock.save()
    return s


def test_it_lists_overdue_first_then_each_day(office, week, now):
    created = send_daily_digests(now=now)

    # Emma: inbox + e-mail. Wang's only stage is due on the 10th; nobody else has stages.
    assert created == 2
    assert set(Notification.objects.values_list("recipient", flat=True)) == {office.lawyer_en.pk}
    email = Notification.objects.get(channel="email")
    assert email.kind == Notification.Kind.DIGEST
    assert email.dedup_key == f"digest:{office.lawyer_en.pk}:2026-12-01:email"
    assert email.subject == "Your deadlines on Dec. 1, 2026: 2 overdue, 5 due within 7 days"
    text = email.body_text
    headings = [
        "Overdue",
        "Today · Dec. 1, 2026 (Tuesday)",
        "Tomorrow · Dec. 2, 2026 (Wednesday)",
        "Dec. 3, 2026 (Thursday)",
        "Dec. 7, 2026 (Monday)",
    ]
    positions = [text.index(f"\n{heading}\n") for heading in headings]
    assert positions == sorted(positions)
    numbers = {name: stage.matter.number for name, stage in week.items()}
    order = [
        text.index(numbers[name]) for name in ("overdue", "hour", "today", "tomorrow", "thu_a", "last_day")
    ]
    assert order == sorted(order)
    for name in ("too_late", "done", "paused", "awaiting"):
        assert numbers[name] not in text
    overdue_section = text[positions[0] : positions[1]]
    assert numbers["overdue"] in overdue_section and numbers["hour"] in overdue_section
    assert "[Overdue]" in overdue_section and "Overdue by 3 days" in overdue_section
    assert "Dec. 2, 2026 (Wednesday) · provisional" in text
    assert text[positions[3] :].count("File the appeal") >= 2  # both stages due on Thursday
    assert f"https://caseflow.office.test/matters/{week['thu_b'].matter_id}/" in text
    assert "You are responsible for 7 deadlines" in text
    assert f'href="https://caseflow.office.test/matters/{week["today"].matter_id}/"' in email.body_html


def test_it_is_written_once_a_day(office, week, now):
    assert send_daily_digests(now=now) == 2
    assert send_daily_digests(now=now + dt.timedelta(hours=3)) == 0
    next_morning = now + dt.timedelta(days=1)
    assert send_daily_digests(now=next_morning) == 2
    assert Notification.objects.filter(dedup_key__contains=":2026-12-02:").count() == 2


def test_the_office_date_decides_the_day(office, week):
    # 23:30 UTC on Nov 30 is already Dec 1 in Shanghai.
    send_daily_digests(now=dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC))
    assert Notification.objects.filter(dedup_key__contains=":2026-12-01:").count() == 2


def test_people_with_nothing_due_or_no_wish_get_no_digest(office, now):
    no_digest = f.make_user(team=office.team, daily_digest=False)
    inactive = f.make_user(team=office.team, is_active=False)
    stage_for(no_digest, D(2026, 12, 2))
    stage_for(inactive, D(2026, 12, 2))
    assert send_daily_digests(now=now) == 0
    assert not Notification.objects.exists()


def test_no_email_only_inbox_when_email_is_off(office, now):
    office.lawyer.email_notifications = False
    office.lawyer.save()
    stage_for(office.lawyer, D(2026, 12, 3))
    assert send_daily_digests(now=now) == 1
    row = Notification.objects.get()
    assert row.channel == "inbox" and row.status == Notification.Status.SENT


def test_a_chinese_reader_gets_chinese_dates(office, now):
    stage_for(office.lawyer, D(2026, 12, 3))
    send_daily_digests(now=now)
    row = Notification.objects.get(recipient=office.lawyer, channel="email")
    assert "2026年12月3日 (星期四)" in row.body_text
    assert "2026年12月1日" in row.subject
    assert "提起上诉" in row.body_text


def test_the_query_count_does_not_grow_with_the_number_of_stages(office, now):
    def queries_for(stages: int, day: dt.date) -> int:
        Notification.objects.all().delete()
        for offset in range(stages):
            stage_for(office.lawyer_en, day + dt.timedelta(days=offset % 5))
        with CaptureQueriesContext(connection) as captured:
            send_daily_digests(now=now)
        Stage.objects.filter(responsible=office.lawyer_en).delete()
        return len(captured.captured_queries)

    assert queries_for(2, D(2026, 12, 1)) == queries_for(12, D(2026, 12, 1))
