"""Team chat channels (WeCom, DingTalk, Feishu bots) and the notification outbox.

A channel's signing secret is never shown again once saved (the form leaves it empty; empty keeps it),
and webhook URLs are shortened in the list: both are credentials. Notifications are read-only; the one
thing an admin does with them is put permanently failed ones back in the queue once the cause is fixed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.admin import OfficeAdminPermissions, ReadOnlyAdmin
from alerts.models import Level, Notification, TeamChannel
from alerts.notifications.delivery import retry_failed


def mask(value: str, *, keep: int = 4) -> str:
    if not value:
        return "—"
    return "•" * 8 + value[-keep:] if len(value) > keep * 2 else "•" * 8


def short_url(url: str) -> str:
    """``https://host/…abcd``: enough to recognise a webhook without printing its key."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/…{url[-4:]}" if parts.netloc else mask(url)


class TeamChannelForm(forms.ModelForm):
    url = forms.URLField(label=gettext_lazy("webhook URL"), max_length=500, assume_scheme="https")
    secret = forms.CharField(
        label=gettext_lazy("signing secret"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy(
            "DingTalk and Feishu bots with signature check. Not shown once saved: leave empty to keep "
            "the current secret."
        ),
    )
    clear_secret = forms.BooleanField(label=gettext_lazy("remove the signing secret"), required=False)
    min_level = forms.TypedChoiceField(
        label=gettext_lazy("post from level"),
        coerce=int,
        choices=[(lv.value, lv.label) for lv in Level if lv != Level.NORMAL],
        help_text=gettext_lazy("Only level changes at or above this level are posted."),
    )

    class Meta:
        model = TeamChannel
        fields = ("team", "kind", "name", "url", "secret", "min_level", "enabled")

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        scheme = urlsplit(url).scheme.lower()
        if scheme != "https" and not (scheme == "http" and settings.CASEFLOW_WEBHOOK_ALLOW_HTTP):
            raise forms.ValidationError(_("Webhook URLs must start with https://."))
        return url

    def clean(self):
        data = super().clean()
        if data.get("clear_secret"):
            data["secret"] = ""
        elif not data.get("secret"):
            data["secret"] = self.instance.secret  # empty field: keep the stored secret
        return data


@admin.register(TeamChannel)
class TeamChannelAdmin(OfficeAdminPermissions, admin.ModelAdmin):
    form = TeamChannelForm
    list_display = ("name", "team", "kind", "webhook", "secret_set", "min_level", "enabled")
    list_filter = ("kind", "enabled", "team")
    list_select_related = ("team",)
    search_fields = ("name", "team__code", "team__name_zh", "team__name_en")
    autocomplete_fields = ("team",)
    fields = (
        "team",
        "kind",
        "name",
        "url",
        "secret",
        "stored_secret",
        "clear_secret",
        "min_level",
        "enabled",
    )
    readonly_fields = ("stored_secret",)

    @admin.display(description=gettext_lazy("webhook URL"))
    def webhook(self, channel: TeamChannel) -> str:
        return short_url(channel.url)

    @admin.display(description=gettext_lazy("signing secret"))
    def secret_set(self, channel: TeamChannel) -> str:
        return mask(channel.secret)

    @admin.display(description=gettext_lazy("stored secret"))
    def stored_secret(self, channel: TeamChannel) -> str:
        return mask(channel.secret)


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "kind",
        "channel",
        "to",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "error",
    )
    list_filter = ("status", "channel", "kind")
    list_select_related = ("recipient", "team_channel__team")
    search_fields = ("subject", "recipient__username", "recipient__full_name", "dedup_key", "last_error")
    date_hierarchy = "created_at"
    actions = ("retry_failed_deliveries",)
    exclude = ("claimed_at",)

    @admin.display(description=gettext_lazy("to"))
    def to(self, notification: Notification) -> str:
        return str(notification.recipient or notification.team_channel)

    @admin.display(description=gettext_lazy("last error"))
    def error(self, notification: Notification) -> str:
        return notification.last_error[:120]

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return self._office_admin(request) or request.user.has_perm("alerts.change_notification")

    @admin.action(description=gettext_lazy("Retry failed deliveries"), permissions=["retry"])
    def retry_failed_deliveries(self, request: HttpRequest, queryset) -> None:
        """One UPDATE (:func:`retry_failed`): all the failed rows selected go back in the queue, or none."""
        selected = list(queryset.values_list("pk", "status"))
        failed = [pk for pk, status in selected if status == Notification.Status.FAILED]
        count = retry_failed(failed, now=timezone.now())
        messages.success(
            request,
            _("%(count)s failed notifications are queued again; they are sent within a minute.")
            % {"count": count},
        )
        if len(selected) > count:
            messages.info(
                request,
                _("%(count)s selected notifications had not failed and were left alone.")
                % {"count": len(selected) - count},
            )
