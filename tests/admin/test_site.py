"""Every Caseflow admin page renders for a superuser and for an office administrator; read-only pages
cannot add; people without the admin role cannot get in."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse

from accounts.models import User
from tests.factories import make_user

EDITABLE = [
    "accounts.user",
    "accounts.team",
    "caseflow.eventtype",
    "caseflow.legalsource",
    "caseflow.rule",
    "caseflow.mattertype",
    "alerts.warningpolicy",
    "alerts.teamchannel",
]
READ_ONLY = [
    "caseflow.stagetemplate",
    "caseflow.matter",
    "caseflow.matterevent",
    "caseflow.stage",
    "caseflow.duecomputation",
    "caseflow.deadlinechange",
    "caseflow.responsibilitychange",
    "alerts.notification",
    "alerts.clock",
    "alerts.warningtransition",
    "alerts.escalation",
    "alerts.pauserequest",
    "alerts.extensionrequest",
]


def url(label: str, view: str, *args) -> str:
    app, model = label.split(".")
    return reverse(f"admin:{app}_{model}_{view}", args=args)


@pytest.mark.parametrize("label", EDITABLE + READ_ONLY)
def test_the_list_and_a_row_render(everything, admin_client, label):
    assert admin_client.get(url(label, "changelist")).status_code == 200
    row = apps.get_model(label).objects.order_by("pk").first()
    assert row is not None, f"no {label} row to show"
    assert admin_client.get(url(label, "change", row.pk)).status_code == 200


@pytest.mark.parametrize("label", EDITABLE)
def test_configuration_can_be_added(reference_data, admin_client, label):
    assert admin_client.get(url(label, "add")).status_code == 200


@pytest.mark.parametrize("label", READ_ONLY)
def test_records_are_read_only(everything, admin_client, label):
    row = apps.get_model(label).objects.order_by("pk").first()
    assert admin_client.get(url(label, "add")).status_code == 403
    assert admin_client.get(url(label, "delete", row.pk)).status_code == 403
    page = admin_client.get(url(label, "change", row.pk)).content.decode()
    assert 'name="_save"' not in page
    assert admin_client.post(url(label, "change", row.pk), {}).status_code == 403


@pytest.fixture
def office_admin(reference_data):
    """An office administrator: role admin (so ``is_staff``), no Django permissions, not a superuser."""
    return make_user(role=User.Role.ADMIN, language="en")


@pytest.mark.parametrize(
    "label", ["accounts.user", "accounts.team", "alerts.warningpolicy", "caseflow.stage"]
)
def test_an_office_administrator_uses_the_admin_without_django_permissions(
    everything, office_admin, client, label
):
    client.force_login(office_admin)
    index = client.get(reverse("admin:index")).content.decode()
    assert url(label, "changelist") in index
    assert client.get(url(label, "changelist")).status_code == 200


def test_an_office_administrator_cannot_make_superusers(office_admin, office, client):
    client.force_login(office_admin)
    page = client.get(url("accounts.user", "change", office.lawyer.pk)).content.decode()
    assert 'name="role"' in page
    assert 'name="is_superuser"' not in page


def test_lawyers_and_supervisors_are_kept_out(office, client):
    for person in (office.lawyer, office.supervisor):
        client.force_login(person)
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302 and "login" in response.url
