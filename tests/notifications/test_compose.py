"""Composition: who gets which rows, on which channels, in which language, and dedup on repeat calls."""

from __future__ import annotations

import datetime as dt

import pytest

from alerts.models import Clock, Level, Notification, PauseRequest
from alerts.notifications import compose
from tests.notifications import factories as f

pytestmark = pytest.mark.django_db

Status = Notification.Status


def rows(**filters):
    return list(Notification.objects.filter(**filters).order_by("channel", "dedup_key"))


# --- level changes -------------------------------------------------------------------------------------


def test_it_writes_inbox_and_email_to_the_owner_on_a_rise(office, now):
    transition = f.make_transition(office.clock, from_level=Level.NORMAL, to_level=Level.REMINDER, at_=now)

    assert compose.notify_transition(transition, now=now) == 2

    email, inbox = rows(transition=transition)
    assert (inbox.channel, inbox.status, inbox.sent_at, inbox.next_attempt_at) == (
        "inbox",
        Status.SENT,
        now,
        None,
    )
    assert (email.channel, email.status, email.sent_at, email.next_attempt_at) == (
        "email",
        Status.PENDING,
        None,
        now,
    )
    for row in (inbox, email):
        assert row.recipient == office.lawyer
        assert row.kind == Notification.Kind.LEVEL_CHANGE
        assert row.level == Level.REMINDER
        assert (row.stage, row.matter) == (office.stage, office.stage.matter)
        assert row.link == f"https://caseflow.office.test/matters/{office.stage.matter_id}/"
        assert row.created_at == now
        assert row.dedup_key == f"transition:{transition.pk}:user:{office.lawyer.pk}:{row.channel}"
    assert email.body_html and not inbox.body_html


def test_it_creates_nothing_the_second_time(office, now):
    transition = f.make_transition(office.clock, from_level=Level.NORMAL, to_level=Level.WARNING, at_=now)
    assert compose.notify_transition(transition, now=now) == 2
    assert compose.notify_transition(transition, now=now + dt.timedelta(minutes=5)) == 0
    assert Notification.objects.count() == 2


def test_a_row_another_worker_wrote_meanwhile_is_kept_and_the_rest_written(office, now, monkeypatch):
    """The batch INSERT meets the other worker's row (unique dedup_key): each row is then tried on its
    own, the other worker's stays as it was, and only the rows written here are counted."""
    transition = f.make_transition(office.clock, from_level=Level.NORMAL, to_level=Level.WARNING, at_=now)
    email_key = f"transition:{transition.pk}:user:{office.lawyer.pk}:email"
    render = compose._render

    def render_while_another_worker_writes(draft, *, now):
        row = render(draft, now=now)
        if draft.dedup_key == email_key:
            theirs = render(draft, now=now)
            theirs.subject = "written by the other worker"
            theirs.save(force_insert=True)
        return row

    monkeypatch.setattr(compose, "_render", render_while_another_worker_writes)
    assert compose.notify_transition(transition, now=now) == 1
    email, inbox = rows(transition=transition)
    assert (email.channel, email.subject) == ("email", "written by the other worker")
    assert inbox.channel == "inbox"


@pytest.mark.parametrize(
    ("from_level", "to_level"),
    [(Level.WARNING, Level.REMINDER), (Level.REMINDER, Level.NORMAL), (Level.URGENT, Level.URGENT)],
)
def test_it_says_nothing_when_the_level_does_not_rise_to_reminder(office, now, from_level, to_level):
    transition = f.make_transition(office.clock, from_level=from_level, to_level=to_level, at_=now)
    assert compose.notify_transition(transition, now=now) == 0
    assert not Notification.objects.exists()


def test_it_writes_in_the_recipients_language(office, now):
    zh_transition = f.make_transition(office.clock, from_level=Level.NORMAL, to_level=Level.WARNING, at_=now)
    en_stage = f.make_stage(responsible=office.lawyer_en, due=dt.date(2026, 12, 10), provisional=True)
    en_transition = f.make_transition(f.make_clock(en_stage), from_level=0, to_level=Level.WARNING, at_=now)

    compose.notify_transition(zh_transition, now=now)
    compose.notify_transition(en_transition, now=now)

    zh = Notification.objects.get(transition=zh_transition, channel="email")
    assert "提起上诉" in zh.subject and "File the appeal" not in zh.subject  # the Chinese stage name
    assert "2026年12月10日" in zh.subject  # zh-hans DATE_FORMAT
    assert "2026年12月10日 (星期四)" in zh.body_text  # Django's own zh-hans weekday names
    assert '<html lang="zh-hans">' in zh.body_html

    en = Notification.objects.get(transition=en_transition, channel="email")
    assert (
        en.subject == f"[Warning] {en_stage.matter.number} · File the appeal: due Dec. 10, 2026 (9 days left)"
    )
    assert "Due date: Dec. 10, 2026 (Thursday) · provisional" in en.body_text
    assert "Time left: 9 days left" in en.body_text
    assert "Responsible: Emma Lawyer" in en.body_text
    assert f"Open the matter: https://caseflow.office.test/matters/{en_stage.matter_id}/" in en.body_text
    assert '<html lang="en">' in en.body_html
    assert "<strong>Warning</strong>" in en.body_html


def test_it_respects_the_email_preference_and_a_missing_address(office, now):
    office.lawyer.email_notifications = False
    office.lawyer.save()
    no_address = f.make_user(team=office.team, email="")
    other = f.make_clock(f.make_stage(responsible=no_address))

    t1 = f.make_transition(office.clock, from_level=0, to_level=Level.URGENT, at_=now)
    t2 = f.make_transition(other, from_level=0, to_level=Level.URGENT, at_=now)

    assert compose.notify_transition(t1, now=now) == 1
    assert compose.notify_transition(t2, now=now) == 1
    assert set(Notification.objects.values_list("channel", flat=True)) == {"inbox"}


def test_it_posts_to_team_channels_from_their_minimum_level(office, now):
    wecom = f.make_team_channel(
        office.team, kind="wecom", url="https://qyapi.weixin.qq.com/x", min_level=Level.URGENT
    )
    feishu = f.make_team_channel(
        office.team, kind="feishu", url="https://open.feishu.cn/x", min_level=Level.WARNING
    )
    off = f.make_team_channel(office.team, kind="dingtalk", url="https://oapi.dingtalk.com/x", min_level=1)
    off.enabled = False
    off.save()
    f.make_team_channel(f.make_team(), kind="wecom", url="https://qyapi.weixin.qq.com/y", min_level=1)

    warning = f.make_transition(office.clock, from_level=Level.REMINDER, to_level=Level.WARNING, at_=now)
    assert compose.notify_transition(warning, now=now) == 3  # inbox, e-mail, Feishu
    urgent = f.make_transition(office.clock, from_level=Level.WARNING, to_level=Level.URGENT, at_=now)
    assert compose.notify_transition(urgent, now=now) == 4  # inbox, e-mail, Feishu, WeCom

    chat = rows(transition=urgent, team_channel__isnull=False)
    assert [(r.channel, r.team_channel) for r in chat] == [("feishu", feishu), ("wecom", wecom)]
    feishu_row, wecom_row = chat
    assert wecom_row.recipient is None and wecom_row.status == Status.PENDING
    assert wecom_row.dedup_key == f"transition:{urgent.pk}:team_channel:{wecom.pk}"
    # Team channels speak the office language (zh-hans) and WeCom gets its coloured markdown.
    assert "提起上诉" in wecom_row.body_text and "2026年12月10日" in wecom_row.body_text
    assert '<font color="warning">' in wecom_row.body_text
    assert f"](https://caseflow.office.test/matters/{office.stage.matter_id}/)" in wecom_row.body_text
    assert "<font" not in feishu_row.body_text and "提起上诉" in feishu_row.body_text


def test_a_matter_clock_is_described_as_the_total_limit(office, now):
    matter = f.make_matter(lead=office.lawyer_en, team=office.team, total_due=dt.date(2026, 12, 31))
    clock = Clock.objects.create(
        kind=Clock.Kind.MATTER,
        matter=matter,
        owner=office.lawyer_en,
        team=office.team,
        policy=f.make_policy(),
        calendar=f.make_calendar(),
        start_day=dt.date(2026, 7, 1).toordinal(),
        due_day=dt.date(2026, 12, 31).toordinal(),
        due_wseq=0,
        last_workday_day=0,
        due_at=f.day_end(dt.date(2026, 12, 31)),
    )
    transition = f.make_transition(clock, from_level=0, to_level=Level.REMINDER, at_=now)
    assert compose.notify_transition(transition, now=now) == 2
    row = Notification.objects.get(transition=transition, channel="inbox")
    assert (
        row.subject == f"[Reminder] {matter.number} · Total handling limit: due Dec. 31, 2026 (30 days left)"
    )
    assert row.stage is None and row.matter == matter


# --- escalations, nags ------------------------------------------------------------------------------------


def test_an_escalation_step_tells_the_supervisor_who_is_responsible_and_since_when(office, now):
    office.clock.level = Level.OVERDUE
    office.clock.save()
    escalation = f.make_escalation(office.clock, opened_at=f.at("2026-11-30 09:30"))

    created = compose.notify_escalation_step(escalation, step=1, recipient=office.supervisor, now=now)

    assert created == 2
    email = Notification.objects.get(escalation=escalation, channel="email")
    assert email.recipient == office.supervisor
    assert email.kind == Notification.Kind.ESCALATION and email.level == Level.OVERDUE
    assert email.link == f"https://caseflow.office.test/escalations/{escalation.pk}/"
    assert email.subject == f"[Escalation] {office.stage.matter.number} · File the appeal: Overdue"
    assert "Escalation (step 1)" in email.body_text
    assert (
        "Escalated since: Nov. 30, 2026, 9:30 a.m." in email.body_text
    )  # office time, supervisor's language
    assert "Responsible: 王律师" in email.body_text
    assert compose.notify_escalation_step(escalation, step=1, recipient=office.supervisor, now=now) == 0
    assert compose.notify_escalation_step(escalation, step=2, recipient=office.supervisor, now=now) == 2


def test_nags_are_numbered_and_deduplicated(office, now):
    office.clock.level = Level.OVERDUE
    office.clock.level_since = f.at("2026-11-11 00:00")
    office.clock.save()
    assert compose.notify_nag(office.clock, number=1, now=now) == 2
    assert compose.notify_nag(office.clock, number=1, now=now) == 0
    assert compose.notify_nag(office.clock, number=2, now=now) == 2
    keys = sorted(Notification.objects.filter(channel="inbox").values_list("dedup_key", flat=True))
    assert keys == [f"nag:{office.clock.pk}:{n}:user:{office.lawyer.pk}:inbox" for n in (1, 2)]
    assert set(Notification.objects.values_list("kind", flat=True)) == {"nag"}


# --- pauses, extensions, reassignment ----------------------------------------------------------------------


def test_a_resume_reminder_goes_to_the_responsible_person(office, now):
    stage = f.make_stage(responsible=office.lawyer_en, due=dt.date(2026, 12, 20))
    pause = f.make_pause(stage, requested_by=office.lawyer_en, start=dt.date(2026, 11, 22), status="approved")

    assert compose.notify_resume_reminder(pause, number=1, now=now) == 2
    assert compose.notify_resume_reminder(pause, number=1, now=now) == 0
    row = Notification.objects.get(channel="email")
    assert row.recipient == office.lawyer_en and row.kind == Notification.Kind.RESUME_REMINDER
    assert row.subject == f"[Paused] {stage.matter.number} · File the appeal: paused since Nov. 22, 2026"
    assert "paused since Nov. 22, 2026 (10 days)" in row.body_text
    assert "record the end of the pause" in row.body_text


def test_a_request_goes_to_the_team_supervisor(office, now):
    pause = f.make_pause(office.stage, requested_by=office.lawyer, start=dt.date(2026, 11, 30))
    assert compose.notify_request(pause, now=now) == 2
    assert compose.notify_request(pause, now=now) == 0
    row = Notification.objects.get(channel="email")
    assert row.recipient == office.supervisor
    assert row.subject.startswith("Pause requested: ")
    assert "王律师 asks to pause this stage" in row.body_text
    assert row.dedup_key == f"request:pause:{pause.pk}:user:{office.supervisor.pk}:email"


def test_a_request_without_a_supervisor_goes_to_the_office_admins(office, now):
    office.team.supervisor = None
    office.team.save()
    second_admin = f.make_user(role="admin", language="en")
    extension = f.make_extension(office.stage, requested_by=office.lawyer, new_due=dt.date(2026, 12, 24))

    assert compose.notify_request(extension, now=now) == 4
    assert set(Notification.objects.values_list("recipient", flat=True)) == {office.admin.pk, second_admin.pk}
    en = Notification.objects.get(recipient=second_admin, channel="email")
    assert "Requested new due date: Dec. 24, 2026" in en.body_text
    assert en.subject.startswith("Extension requested: ")


@pytest.mark.parametrize(("status", "word"), [("approved", "approved"), ("rejected", "rejected")])
def test_a_decision_goes_to_the_requester(office, now, status, word):
    extension = f.make_extension(office.stage, requested_by=office.lawyer_en, new_due=dt.date(2026, 12, 24))
    assert compose.notify_decision(extension, now=now) == 0  # still pending: nothing to say
    extension.status = status
    extension.decided_by = office.supervisor
    extension.decision_note = "OK per art. 152"
    extension.save()

    assert compose.notify_decision(extension, now=now) == 2
    assert compose.notify_decision(extension, now=now) == 0
    row = Notification.objects.get(channel="email")
    assert row.recipient == office.lawyer_en
    assert row.subject.startswith(f"Extension {word}: ")
    assert f"extend this stage's due date was {word}" in row.body_text
    assert "Decided by: Sam Supervisor" in row.body_text and "Note: OK per art. 152" in row.body_text


def test_a_pause_decision_mentions_the_pause(office, now):
    pause = f.make_pause(office.stage, requested_by=office.lawyer_en, start=dt.date(2026, 11, 30))
    pause.status = PauseRequest.Status.REJECTED
    pause.save()
    assert compose.notify_decision(pause, now=now) == 2
    assert Notification.objects.get(channel="email").subject.startswith("Pause rejected: ")


def test_reassignment_tells_the_new_person_and_the_previous_one_in_the_inbox(office, now):
    office.stage.responsible = office.lawyer_en
    office.stage.save()

    created = compose.notify_reassigned(
        office.stage, previous=office.lawyer, by=office.supervisor, reason="Workload", now=now
    )

    assert created == 3
    assert sorted(Notification.objects.values_list("recipient", "channel")) == sorted(
        [(office.lawyer_en.pk, "inbox"), (office.lawyer_en.pk, "email"), (office.lawyer.pk, "inbox")]
    )
    new = Notification.objects.get(recipient=office.lawyer_en, channel="email")
    assert "You are now responsible for this stage (until now: 王律师)" in new.body_text
    assert "Changed by: Sam Supervisor" in new.body_text and "Reason: Workload" in new.body_text
    assert compose.notify_reassigned(office.stage, previous=office.lawyer, by=None, reason="", now=now) == 0
    assert (
        compose.notify_reassigned(office.stage, previous=office.lawyer_en, by=None, reason="", now=now) == 0
    )
