"""Recording, correcting and withdrawing a matter's trigger events from the matter page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import matters_visible_to
from caseflow import selectors
from caseflow.forms import add_service_error
from caseflow.models import MatterEvent
from caseflow.services.events import correct_event, record_event, withdraw_event
from caseflow.views.page import MatterPage


def _check_may_record(page: MatterPage) -> None:
    if not page.may_record:
        raise PermissionDenied(_("You cannot record events in this matter."))


@require_POST
@login_required
def record_event_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    now = timezone.now()
    page = MatterPage(user, selectors.matter_for_page(user, pk), now=now)
    _check_may_record(page)
    back = reverse("caseflow:matter", args=[pk])
    if page.record_form is None:
        messages.error(request, _("Every event this matter's stages count from has been recorded."))
        return redirect(back)
    form = page.new_record_form(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            event = record_event(
                matter=page.matter,
                event_type=data["event_type"],
                occurred_on=data["occurred_on"],
                occurred_at=data["occurred_at"],
                note=data["note"],
                by=user,
                now=now,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            started = event.triggered_stages.count()
            messages.success(
                request,
                _("%(event)s recorded on %(date)s; %(count)d stage(s) now counting from it.")
                % {"event": event.event_type.name, "date": event.occurred_on.isoformat(), "count": started},
            )
            return redirect(back + "#stages")
    page.record_form = form
    return page.render(request)


@require_POST
@login_required
def event_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ("correct", "withdraw"):
        raise Http404("No such action")
    user = request.user
    now = timezone.now()
    try:
        event = MatterEvent.objects.select_related("event_type").get(
            pk=pk, matter__in=matters_visible_to(user)
        )
    except MatterEvent.DoesNotExist:
        raise Http404("No such event") from None
    page = MatterPage(user, selectors.matter_for_page(user, event.matter_id), now=now)
    _check_may_record(page)
    back = reverse("caseflow:matter", args=[event.matter_id])
    view = page.event_view(event.pk)
    if view is None:
        messages.error(request, _("This record has already been corrected or withdrawn."))
        return redirect(back)
    event.matter = page.matter
    form = page.event_form(event, action, data=request.POST)
    if form.is_valid() and action == "correct" and "preview" in request.POST:
        data = form.cleaned_data
        view.preview = selectors.preview_correction(
            event, view.dependents, occurred_on=data["occurred_on"], occurred_at=data["occurred_at"]
        )
    elif form.is_valid():
        data = form.cleaned_data
        try:
            if action == "correct":
                new = correct_event(
                    event,
                    occurred_on=data["occurred_on"],
                    occurred_at=data["occurred_at"],
                    reason=data["reason"],
                    by=user,
                    now=now,
                )
                message = _("%(event)s corrected to %(date)s; %(count)d stage(s) recomputed.") % {
                    "event": event.event_type.name,
                    "date": new.occurred_on.isoformat(),
                    "count": len(view.dependents),
                }
            else:
                withdraw_event(event, reason=data["reason"], by=user, now=now)
                message = _("%(event)s withdrawn; the stages counting from it await their trigger again.") % {
                    "event": event.event_type.name
                }
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, message)
            return redirect(back + "#events")
    page.show_event_form(event.pk, action, form)
    return page.render(request)
