"""Actions on one stage of the matter page: each a small POST form, checked, performed by a service,
then back to the matter page with a message (or the page again with the form's errors)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import access_stage
from alerts.services.escalations import acknowledge_warning
from alerts.services.requests import end_pause, request_extension, request_pause
from caseflow import selectors
from caseflow.forms import add_service_error
from caseflow.services.stages import cancel_stage, complete_stage, reassign_stage, reopen_stage
from caseflow.templatetags.caseflow_tags import isodate
from caseflow.views.page import MatterPage, StageView, stage_prefix

WORK, SUPERVISE, OWNER = "work", "supervise", "owner"


@dataclass(frozen=True)
class StageAction:
    needs: str  # who may: people who work on the stage, its supervisors, or the clock's owner
    perform: Callable[[StageView, dict, object, object], str]  # returns the success message


def _complete(view: StageView, data: dict, user, now) -> str:
    stage = complete_stage(view.stage, note=data["note"], by=user, now=now)
    return _("%(stage)s completed.") % {"stage": stage.template.name}


def _pause(view: StageView, data: dict, user, now) -> str:
    request_pause(
        view.stage,
        category=data["category"],
        reason=data["reason"],
        legal_basis=data["legal_basis"],
        start_date=data["start_date"],
        by=user,
        now=now,
    )
    return _("Pause requested. The clock stops once a supervisor approves it.")


def _end_pause(view: StageView, data: dict, user, now) -> str:
    pause = view.running_pause
    if pause is None:
        raise ValidationError(_("This stage has no running pause."))
    end_pause(pause, end_date=data["end_date"], by=user, now=now)
    view.stage.refresh_from_db(fields=["due_date"])
    return _("End of the pause recorded; the stage is now due on %(date)s.") % {
        "date": isodate(view.stage.due_date)
    }


def _extension(view: StageView, data: dict, user, now) -> str:
    request_extension(
        view.stage,
        new_due_date=data["new_due_date"],
        reason=data["reason"],
        legal_basis=data["legal_basis"],
        by=user,
        now=now,
    )
    return _("Extension requested. The due date changes once a supervisor approves it.")


def _acknowledge(view: StageView, data: dict, user, now) -> str:
    acknowledge_warning(view.clock, by=user, now=now)
    return _("Warning acknowledged.")


def _cancel(view: StageView, data: dict, user, now) -> str:
    cancel_stage(view.stage, reason=data["reason"], by=user, now=now)
    return _("%(stage)s cancelled.") % {"stage": view.stage.template.name}


def _reopen(view: StageView, data: dict, user, now) -> str:
    reopen_stage(view.stage, reason=data["reason"], by=user, now=now)
    return _("%(stage)s reopened.") % {"stage": view.stage.template.name}


def _reassign(view: StageView, data: dict, user, now) -> str:
    reassign_stage(view.stage, responsible=data["responsible"], reason=data["reason"], by=user, now=now)
    return _("%(person)s is now responsible for %(stage)s.") % {
        "person": data["responsible"],
        "stage": view.stage.template.name,
    }


ACTIONS: dict[str, StageAction] = {
    "complete": StageAction(WORK, _complete),
    "pause": StageAction(WORK, _pause),
    "end_pause": StageAction(WORK, _end_pause),
    "extension": StageAction(WORK, _extension),
    "acknowledge": StageAction(OWNER, _acknowledge),
    "cancel": StageAction(SUPERVISE, _cancel),
    "reopen": StageAction(SUPERVISE, _reopen),
    "reassign": StageAction(SUPERVISE, _reassign),
}


def _may(view: StageView, needs: str, user) -> bool:
    if needs == WORK:
        return view.rights.work
    if needs == SUPERVISE:
        return view.rights.supervise
    clock = view.clock
    return clock is not None and clock.owner_id == user.pk


@require_POST
@login_required
def stage_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404("No such action")
    user = request.user
    now = timezone.now()
    stage = access_stage(user, pk)  # 404 outside the user's reach
    page = MatterPage(user, selectors.matter_for_page(user, stage.matter_id), now=now)
    view = page.stage_view(stage.pk)
    back = reverse("caseflow:matter", args=[stage.matter_id]) + f"#stage-{stage.pk}"
    if not _may(view, spec.needs, user):
        raise PermissionDenied(_("You cannot do this on this stage."))
    if action not in view.rights.actions:
        messages.error(
            request, _("This is no longer possible for this stage; the page shows its current state.")
        )
        return redirect(back)
    form = page.stage_form(view, action, data=request.POST)
    if form.is_valid():
        try:
            message = spec.perform(view, form.cleaned_data, user, now)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, message)
            return redirect(back)
    page.show_stage_form(stage.pk, action, form)
    return page.render(request)


__all__ = ["ACTIONS", "stage_action", "stage_prefix"]
