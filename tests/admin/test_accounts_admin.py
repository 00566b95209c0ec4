"""Users and teams: the role decides admin access (through ``set_role``); a team cannot sit below itself,
and only a supervisor (or an admin) can supervise one."""

from __future__ import annotations

from django.urls import reverse

from accounts.models import Team, User
from tests.admin.forms import form_data


def user_url(user: User) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def team_url(team: Team) -> str:
    return reverse("admin:accounts_team_change", args=[team.pk])


def test_making_a_lawyer_an_office_admin_opens_the_admin_site_and_back(office, admin_client):
    data = form_data(admin_client.get(user_url(office.lawyer)))
    data["role"] = User.Role.ADMIN
    assert admin_client.post(user_url(office.lawyer), data).status_code == 302
    office.lawyer.refresh_from_db()
    assert (office.lawyer.role, office.lawyer.is_staff) == (User.Role.ADMIN, True)

    data["role"] = User.Role.LAWYER
    assert admin_client.post(user_url(office.lawyer), data).status_code == 302
    office.lawyer.refresh_from_db()
    assert (office.lawyer.role, office.lawyer.is_staff) == (User.Role.LAWYER, False)


def test_a_new_user_gets_role_team_and_language(office, admin_client):
    data = {
        "username": "newadmin",
        "full_name": "王主任",
        "email": "wang@example.test",
        "role": User.Role.ADMIN,
        "team": office.team.pk,
        "language": "zh-hans",
        "usable_password": "true",
        "password1": "a-long-passphrase-42",
        "password2": "a-long-passphrase-42",
    }
    response = admin_client.post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(username="newadmin")
    assert (user.role, user.team, user.is_staff, user.full_name) == (
        User.Role.ADMIN,
        office.team,
        True,
        "王主任",
    )


def test_notification_preferences_are_edited_here(office, admin_client):
    data = form_data(admin_client.get(user_url(office.lawyer)))
    data.pop("email_notifications", None)
    data["language"] = "en"
    assert admin_client.post(user_url(office.lawyer), data).status_code == 302
    office.lawyer.refresh_from_db()
    assert (office.lawyer.email_notifications, office.lawyer.daily_digest, office.lawyer.language) == (
        False,
        True,
        "en",
    )


def test_a_team_cannot_sit_below_itself(office, admin_client):
    data = form_data(admin_client.get(team_url(office.department)))
    data["parent"] = office.team.pk  # the department's own sub-team
    response = admin_client.post(team_url(office.department), data)
    assert response.status_code == 200
    assert "a team cannot be its own parent" in response.context["adminform"].form.errors["parent"][0]
    office.department.refresh_from_db()
    assert office.department.parent is None


def test_a_team_supervisor_must_be_a_supervisor(office, admin_client):
    data = form_data(admin_client.get(team_url(office.team)))
    data["supervisor"] = office.lawyer.pk
    response = admin_client.post(team_url(office.team), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["supervisor"] == [
        f"{office.lawyer.display_name} is a lawyer: give them the supervisor role first."
    ]


def test_the_team_page_lists_its_members_read_only(office, admin_client):
    page = admin_client.get(team_url(office.team)).content.decode()
    assert office.lawyer.username in page and office.colleague.username in page
    assert 'name="members-0-role"' not in page
