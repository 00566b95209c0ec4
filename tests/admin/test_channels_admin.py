"""Team chat channels: the signing secret is write-only, webhook URLs must be HTTPS."""

from __future__ import annotations

from django.urls import reverse

from alerts.models import TeamChannel

ADD = reverse("admin:alerts_teamchannel_add")


def channel_data(office, **changes) -> dict:
    return {
        "team": office.team.pk,
        "kind": "dingtalk",
        "name": "诉讼组钉钉群",
        "url": "https://oapi.dingtalk.example/robot/send?access_token=TOKEN123456",
        "secret": "SECabcdef0123456789",
        "min_level": "3",
        "enabled": "on",
        **changes,
    }


def test_the_secret_is_stored_but_never_shown_again(office, admin_client):
    assert admin_client.post(ADD, channel_data(office)).status_code == 302
    channel = TeamChannel.objects.get()
    assert (channel.secret, channel.min_level) == ("SECabcdef0123456789", 3)
    change = reverse("admin:alerts_teamchannel_change", args=[channel.pk])
    page = admin_client.get(change).content.decode()
    assert "SECabcdef0123456789" not in page and "••••••••6789" in page
    listing = admin_client.get(reverse("admin:alerts_teamchannel_changelist")).content.decode()
    assert "TOKEN123456" not in listing and "SECabcdef0123456789" not in listing


def test_an_empty_secret_keeps_the_stored_one_and_clearing_removes_it(office, admin_client):
    admin_client.post(ADD, channel_data(office))
    channel = TeamChannel.objects.get()
    change = reverse("admin:alerts_teamchannel_change", args=[channel.pk])
    assert admin_client.post(change, channel_data(office, secret="", name="改名")).status_code == 302
    channel.refresh_from_db()
    assert (channel.name, channel.secret) == ("改名", "SECabcdef0123456789")
    admin_client.post(change, channel_data(office, secret="", clear_secret="on"))
    channel.refresh_from_db()
    assert channel.secret == ""


def test_a_plain_http_webhook_is_refused(office, admin_client, settings):
    settings.CASEFLOW_WEBHOOK_ALLOW_HTTP = False
    response = admin_client.post(ADD, channel_data(office, url="http://oapi.dingtalk.example/robot/send"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"] == ["Webhook URLs must start with https://."]
    assert not TeamChannel.objects.exists()
