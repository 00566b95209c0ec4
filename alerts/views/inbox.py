"""The in-app inbox (``/inbox/``): the signed-in person's notifications, unread first, then newest."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from alerts.services.inbox import mark_read
from caseflow.selectors import inbox_notifications

PER_PAGE = 25


def local_link(link: str) -> str:
    """Notification links are absolute (``SITE_URL/matters/7/``) so e-mails work; in the app they are
    followed relative to wherever the app is being used."""
    if link.startswith(settings.SITE_URL + "/"):
        return link[len(settings.SITE_URL) :]
    return link


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(inbox_notifications(request.user), PER_PAGE).get_page(request.GET.get("page"))
    for notification in page.object_list:
        notification.local_link = local_link(notification.link)
    return render(request, "alerts/inbox.html", {"page_obj": page, "notifications": page.object_list})


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("caseflow:inbox")


@require_POST
@login_required
def mark_one_read(request: HttpRequest, pk: int) -> HttpResponse:
    mark_read(request.user, ids=[pk], now=timezone.now())
    return _back(request)


@require_POST
@login_required
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = mark_read(request.user, now=timezone.now())
    if count:
        messages.success(
            request,
            ngettext("%(count)d notification marked read.", "%(count)d notifications marked read.", count)
            % {"count": count},
        )
    else:
        messages.info(request, _("There was nothing unread."))
    return _back(request)
