"""Signing in and out, the password change, and the language switch."""

from __future__ import annotations

from django.test import Client

from .conftest import signed_in
from .helpers import text


def test_sign_in_goes_to_the_board(office):
    client = Client()
    page = client.get("/accounts/login/")
    assert page.status_code == 200 and 'name="username"' in page.content.decode()
    response = client.post("/accounts/login/", {"username": office.lawyer.username, "password": "demo"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_sign_in_follows_next(office, matter):
    client = Client()
    response = client.post(
        f"/accounts/login/?next=/matters/{matter.pk}/",
        {"username": office.lawyer.username, "password": "demo", "next": f"/matters/{matter.pk}/"},
    )
    assert response["Location"] == f"/matters/{matter.pk}/"


def test_a_wrong_password_is_refused(office):
    response = Client().post("/accounts/login/", {"username": office.lawyer.username, "password": "nope"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_sign_out_is_a_post(office):
    client = signed_in(office.lawyer)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.get("/").status_code == 302


def test_password_change(office):
    client = signed_in(office.lawyer)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "demo",
            "new_password1": "a-Long-new-passw0rd",
            "new_password2": "a-Long-new-passw0rd",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/password/done/"
    office.lawyer.refresh_from_db()
    assert office.lawyer.check_password("a-Long-new-passw0rd")


def test_switching_language_saves_it_on_the_user(office):
    office.lawyer.language = "zh-hans"
    office.lawyer.save()
    client = signed_in(office.lawyer)
    assert 'lang="zh-hans"' in client.get("/").content.decode()
    response = client.post("/accounts/language/", {"language": "en", "next": "/matters/"})
    assert response.status_code == 302 and response["Location"] == "/matters/"
    office.lawyer.refresh_from_db()
    assert office.lawyer.language == "en"
    page = client.get("/")
    assert 'lang="en"' in page.content.decode()
    assert "My deadlines" in text(page)


def test_an_unknown_language_changes_nothing(office):
    office.lawyer.language = "zh-hans"
    office.lawyer.save()
    client = signed_in(office.lawyer)
    client.post("/accounts/language/", {"language": "xx", "next": "/"})
    office.lawyer.refresh_from_db()
    assert office.lawyer.language == "zh-hans"


def test_anonymous_people_can_switch_the_sign_in_page(reference_data):
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert 'lang="en"' in client.get("/accounts/login/").content.decode()
