"""The approvals queue: pending pauses and extensions of the supervised teams, decided through
:func:`alerts.services.requests.decide_pause` and :func:`~alerts.services.requests.decide_extension`."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alerts.forms import DecisionForm
from alerts.models import ExtensionRequest, PauseRequest
from alerts.selectors import pending_extensions, pending_pauses, recently_decided, supervision_scope
from alerts.services.requests import decide_extension, decide_pause
from alerts.tables import day
from alerts.views.common import matter_url, require_supervisor

RECENT_DAYS = 30


@login_required
def approvals(request: HttpRequest) -> HttpResponse:
    require_supervisor(request.user)
    now = timezone.now()
    scope = supervision_scope(request.user)
    context = {
        "pauses": _with_links(pending_pauses(scope)),
        "extensions": _with_links(pending_extensions(scope)),
        "decided": _with_links(recently_decided(scope, since=now - dt.timedelta(days=RECENT_DAYS))),
        "recent_days": RECENT_DAYS,
        "now": now,
    }
    return render(request, "alerts/approvals.html", context)


def _with_links(requests) -> list:
    """Each request with ``matter_link`` (its matter's page) and ``is_pause``, for the template."""
    rows = list(requests)
    for row in rows:
        row.matter_link = matter_url(row.stage.matter_id)
        row.is_pause = isinstance(row, PauseRequest)
    return rows


def _request_in_scope(model, user, pk: int):
    """The request, if it belongs to a team ``user`` supervises; otherwise 404 (nothing is revealed)."""
    rows = model.objects.select_related("stage__matter", "stage__template", "requested_by")
    scope = supervision_scope(user)
    if scope is not None:
        rows = rows.filter(stage__team_id__in=scope)
    try:
        return rows.get(pk=pk)
    except model.DoesNotExist:
        raise Http404("No such request") from None


def _decide(request: HttpRequest, model, pk: int, decide, describe) -> HttpResponse:
    require_supervisor(request.user)
    item = _request_in_scope(model, request.user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return HttpResponseRedirect(reverse("alerts:approvals"))
    stage = item.stage
    before = stage.due_date
    try:
        decide(
            item, approve=form.approve, note=form.cleaned_data["note"], by=request.user, now=timezone.now()
        )
    except (ValidationError, PermissionDenied) as exc:
        for message in exc.messages if isinstance(exc, ValidationError) else [str(exc)]:
            messages.error(request, message)
        return HttpResponseRedirect(reverse("alerts:approvals"))
    stage.refresh_from_db(fields=["due_date", "is_paused"])
    messages.success(request, describe(item, stage, before))
    return HttpResponseRedirect(reverse("alerts:approvals"))


def _pause_message(pause: PauseRequest, stage, before) -> str:
    facts = {"stage": f"{stage.matter.number} · {stage.template.name}", "start": day(pause.start_date)}
    if pause.status == PauseRequest.Status.APPROVED:
        return _(
            "Pause approved: the clock of %(stage)s is stopped from %(start)s. The due date "
            "(%(due)s) moves by the paused time once the end of the pause is recorded."
        ) % {**facts, "due": day(stage.due_date)}
    return _("Pause of %(stage)s rejected; %(person)s is notified.") % {
        **facts,
        "person": pause.requested_by.display_name,
    }


def _extension_message(extension: ExtensionRequest, stage, before) -> str:
    facts = {"stage": f"{stage.matter.number} · {stage.template.name}", "old": day(before)}
    if extension.status == ExtensionRequest.Status.APPROVED:
        if stage.due_date == before:
            return _("Extension of %(stage)s approved; the due date stays %(old)s.") % facts
        return _("Extension approved: the due date of %(stage)s moved from %(old)s to %(new)s.") % {
            **facts,
            "new": day(stage.due_date),
        }
    return _("Extension of %(stage)s rejected; the due date stays %(old)s and %(person)s is notified.") % {
        **facts,
        "person": extension.requested_by.display_name,
    }


@login_required
@require_POST
def decide_pause_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, PauseRequest, pk, decide_pause, _pause_message)


@login_required
@require_POST
def decide_extension_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, ExtensionRequest, pk, decide_extension, _extension_message)
