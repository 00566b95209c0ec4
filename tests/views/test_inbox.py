"""The inbox: unread first then newest, the header's unread count, marking read."""

from __future__ import annotations

import itertools

import pytest

from alerts.models import Channel, Notification
from tests.factories import at

from .conftest import signed_in
from .helpers import section, text

_keys = itertools.count()


def notify(user, subject: str, created: str, *, read: str | None = None, channel=Channel.INBOX, link=""):
    return Notification.objects.create(
        kind=Notification.Kind.LEVEL_CHANGE,
        channel=channel,
        recipient=user,
        language="en",
        dedup_key=f"test:{next(_keys)}",
        level=3,
        subject=subject,
        body_text=f"{subject} — body",
        link=link,
        status=Notification.Status.SENT,
        created_at=at(created),
        read_at=at(read) if read else None,
    )


@pytest.fixture
def inbox(office, matter):
    return {
        "old_unread": notify(
            office.lawyer,
            "Old unread",
            "2026-09-01 09:00",
            link=f"http://127.0.0.1:8000/matters/{matter.pk}/",
        ),
        "new_read": notify(office.lawyer, "New read", "2026-09-10 09:00", read="2026-09-10 10:00"),
        "new_unread": notify(office.lawyer, "New unread", "2026-09-05 09:00"),
        "email": notify(office.lawyer, "By e-mail", "2026-09-11 09:00", channel=Channel.EMAIL),
        "theirs": notify(office.colleague, "Someone else's", "2026-09-11 09:00"),
    }


def subjects(response) -> list[str]:
    return [n.subject for n in response.context["notifications"]]


def test_it_lists_unread_first_then_newest(office, inbox, matter):
    response = signed_in(office.lawyer).get("/inbox/")
    assert subjects(response) == ["New unread", "Old unread", "New read"]
    html = response.content.decode()
    assert 'class="level level--urgent"' in html
    assert "Mark all read" in text(response)


def test_the_header_counts_unread_and_links_to_the_inbox(office, inbox):
    response = signed_in(office.lawyer).get("/")
    header = section(response, "<header", "</header>")
    assert 'href="/inbox/"' in header
    assert '<span class="count-badge"' in header and ">2<" in header


def test_mark_one_read(office, inbox):
    client = signed_in(office.lawyer)
    response = client.post(f"/inbox/{inbox['new_unread'].pk}/read/", {"next": "/inbox/"})
    assert response.status_code == 302 and response["Location"] == "/inbox/"
    inbox["new_unread"].refresh_from_db()
    assert inbox["new_unread"].read_at is not None
    assert client.get("/inbox/").context["inbox_unread"] == 1


def test_mark_all_read_touches_only_my_inbox(office, inbox):
    client = signed_in(office.lawyer)
    response = client.post("/inbox/read-all/")
    assert response.status_code == 302
    assert "2 notifications marked read." in text(client.get("/inbox/"))
    for name in ("old_unread", "new_unread"):
        inbox[name].refresh_from_db()
        assert inbox[name].read_at is not None
    inbox["new_read"].refresh_from_db()
    assert inbox["new_read"].read_at == at("2026-09-10 10:00")  # the first reading is kept
    for name in ("email", "theirs"):
        inbox[name].refresh_from_db()
        assert inbox[name].read_at is None


def test_i_cannot_mark_someone_elses_notification(office, inbox):
    signed_in(office.lawyer).post(f"/inbox/{inbox['theirs'].pk}/read/")
    inbox["theirs"].refresh_from_db()
    assert inbox["theirs"].read_at is None


def test_an_unsafe_next_is_ignored(office, inbox):
    response = signed_in(office.lawyer).post(
        f"/inbox/{inbox['new_unread'].pk}/read/", {"next": "https://evil.test/"}
    )
    assert response["Location"] == "/inbox/"


def test_links_to_this_site_become_relative(office, matter, settings):
    settings.SITE_URL = "https://caseflow.office.test"
    notify(
        office.lawyer, "Here", "2026-09-01 09:00", link=f"https://caseflow.office.test/matters/{matter.pk}/"
    )
    html = signed_in(office.lawyer).get("/inbox/").content.decode()
    assert f'href="/matters/{matter.pk}/"' in html


def test_it_paginates(office):
    for n in range(30):
        notify(office.lawyer, f"N{n:02d}", f"2026-09-01 {n % 24:02d}:00")
    client = signed_in(office.lawyer)
    assert len(subjects(client.get("/inbox/"))) == 25
    assert len(subjects(client.get("/inbox/", {"page": 2}))) == 5


def test_an_empty_inbox_says_so(office):
    assert "Your inbox is empty." in text(signed_in(office.lawyer).get("/inbox/"))
