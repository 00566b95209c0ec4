"""The matter page's content: header, stages timeline with the forms each person may use, events and
history. Built once per request, by the page itself and by every action that re-renders it with a form's
errors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.access import supervised_team_ids
from accounts.models import User
from alerts.models import ExtensionRequest, PauseRequest
from caseflow import forms as caseflow_forms
from caseflow import selectors
from caseflow.models import Matter, MatterEvent, Stage

STAGE_FORMS: dict[str, type[forms.Form]] = {
    "complete": caseflow_forms.CompleteStageForm,
    "pause": caseflow_forms.PauseRequestForm,
    "end_pause": caseflow_forms.EndPauseForm,
    "extension": caseflow_forms.ExtensionRequestForm,
    "acknowledge": caseflow_forms.AcknowledgeForm,
    "cancel": caseflow_forms.CancelStageForm,
    "reopen": caseflow_forms.ReopenStageForm,
    "reassign": caseflow_forms.ReassignStageForm,
}
EVENT_FORMS: dict[str, type[forms.Form]] = {
    "correct": caseflow_forms.CorrectEventForm,
    "withdraw": caseflow_forms.WithdrawEventForm,
}


def stage_prefix(stage_id: int, action: str) -> str:
    return f"stage{stage_id}-{action}"


def event_prefix(event_id: int, action: str) -> str:
    return f"event{event_id}-{action}"


RECORD_PREFIX = "record"


# action: (summary shown on the closed form, submit button)
ACTION_LABELS = {
    "complete": (_("Complete the stage"), _("Mark as done")),
    "pause": (_("Request a pause"), _("Request the pause")),
    "end_pause": (_("Record the end of the pause"), _("Record the end")),
    "extension": (_("Request an extension"), _("Request the extension")),
    "acknowledge": (_("Acknowledge the warning"), _("I have seen this warning")),
    "cancel": (_("Cancel the stage"), _("Cancel the stage")),
    "reopen": (_("Reopen the stage"), _("Reopen")),
    "reassign": (_("Reassign"), _("Reassign")),
    "correct": (_("Correct the date"), _("Correct and recompute")),
    "withdraw": (_("Withdraw"), _("Withdraw the event")),
}


@dataclass
class ActionForm:
    name: str
    labels: tuple
    form: forms.Form
    open: bool = False

    @property
    def summary(self) -> str:
        return self.labels[0]

    @property
    def button(self) -> str:
        return self.labels[1]


@dataclass
class StageView:
    stage: Stage
    rights: selectors.StageRights
    forms: dict[str, forms.Form] = field(default_factory=dict)
    open_action: str = ""

    @property
    def running_pause(self) -> PauseRequest | None:
        return next((p for p in self.stage.pauses if p.is_active), None)

    @property
    def pending_pause(self) -> PauseRequest | None:
        return next((p for p in self.stage.pauses if p.status == PauseRequest.Status.PENDING), None)

    @property
    def ended_pauses(self) -> list[PauseRequest]:
        return [p for p in self.stage.pauses if p.status == PauseRequest.Status.APPROVED and p.end_date]

    @property
    def rejected_pauses(self) -> list[PauseRequest]:
        return [p for p in self.stage.pauses if p.status == PauseRequest.Status.REJECTED]

    @property
    def applied_extension(self) -> ExtensionRequest | None:
        """The approved extension the effective due date comes from, if any."""
        approved = [e for e in self.stage.extensions if e.status == ExtensionRequest.Status.APPROVED]
        latest = max(approved, key=lambda e: (e.decided_at, e.pk), default=None)
        if latest is not None and latest.new_due_date == self.stage.due_date:
            return latest
        return None

    @property
    def moved(self) -> bool:
        stage = self.stage
        return bool(stage.statutory_due and stage.due_date and stage.statutory_due != stage.due_date)

    @property
    def actions(self) -> list[ActionForm]:
        return [
            ActionForm(name, ACTION_LABELS[name], form, open=name == self.open_action)
            for name, form in self.forms.items()
        ]

    @property
    def pending_extension(self) -> ExtensionRequest | None:
        return next((e for e in self.stage.extensions if e.status == ExtensionRequest.Status.PENDING), None)

    @property
    def decided_extensions(self) -> list[ExtensionRequest]:
        return [e for e in self.stage.extensions if e.status != ExtensionRequest.Status.PENDING]

    @property
    def clock(self):
        return getattr(self.stage, "clock", None)

    @property
    def steps(self) -> list[dict]:
        computation = self.stage.computation
        return list(computation.steps) if computation else []


@dataclass
class EventView:
    event: MatterEvent
    dependents: list[Stage]
    forms: dict[str, forms.Form] = field(default_factory=dict)
    open_action: str = ""
    preview: list[selectors.RecomputePreview] | None = None

    @property
    def actions(self) -> list[ActionForm]:
        return [
            ActionForm(name, ACTION_LABELS[name], form, open=name == self.open_action)
            for name, form in self.forms.items()
        ]


class MatterPage:
    """Everything ``caseflow/matter_detail.html`` shows for one matter and one user."""

    def __init__(self, user: User, matter: Matter, *, now: dt.datetime) -> None:
        self.user = user
        self.matter = matter
        self.now = now
        self.today = timezone.localdate(now)
        supervised = set(supervised_team_ids(user))
        self.stages = selectors.matter_stages(matter)
        for stage in self.stages:
            stage.matter = matter  # the header already loaded it with its relations
        self._people: list[User] | None = None
        self.stage_views = [
            StageView(stage, selectors.stage_rights(user, stage, supervised=supervised))
            for stage in self.stages
        ]
        for view in self.stage_views:
            for action in view.rights.actions:
                view.forms[action] = self.stage_form(view, action)
        self.events = selectors.current_events(matter)
        self.may_record = matter.status != Matter.Status.CLOSED and selectors.may_record_events(
            user, matter, self.stages, supervised
        )
        self.event_views = [
            EventView(
                event,
                [
                    s
                    for s in self.stages
                    if s.trigger_event_id == event.pk and s.status != Stage.Status.CANCELLED
                ],
            )
            for event in self.events
        ]
        if self.may_record:
            for view in self.event_views:
                for action in EVENT_FORMS:
                    view.forms[action] = self.event_form(view.event, action)
        self.event_types, self.hourly = selectors.recordable_event_types(matter, self.events)
        self.record_form = self.new_record_form() if self.may_record and self.event_types else None

    # --- forms -----------------------------------------------------------------------------------------

    def people(self) -> list[User]:
        if self._people is None:
            self._people = list(User.objects.filter(is_active=True).order_by("full_name", "username"))
        return self._people

    def stage_form(self, view: StageView, action: str, data=None) -> forms.Form:
        stage = view.stage
        kwargs: dict = {"prefix": stage_prefix(stage.pk, action)}
        if action == "reassign":
            form = caseflow_forms.ReassignStageForm(data, stage=stage, **kwargs)
            form.fields["responsible"].choices = [("", "---------")] + [
                (p.pk, str(p)) for p in self.people() if p.pk != stage.responsible_id
            ]
            return form
        if action == "pause" and data is None:
            kwargs["initial"] = {"start_date": self.today}
        if action == "end_pause" and data is None:
            kwargs["initial"] = {"end_date": self.today}
        return STAGE_FORMS[action](data, **kwargs)

    def event_form(self, event: MatterEvent, action: str, data=None) -> forms.Form:
        kwargs: dict = {"prefix": event_prefix(event.pk, action)}
        if action == "correct":
            kwargs["event"] = event
            if data is None:
                kwargs["initial"] = {
                    "occurred_on": event.occurred_on,
                    "occurred_time": event.occurred_at.astimezone(_zone(self.matter)).time()
                    if event.occurred_at
                    else None,
                }
        return EVENT_FORMS[action](data, **kwargs)

    def new_record_form(self, data=None) -> caseflow_forms.RecordEventForm:
        return caseflow_forms.RecordEventForm(
            data,
            prefix=RECORD_PREFIX,
            matter=self.matter,
            event_types=self.event_types,
            hourly=self.hourly,
            initial=None if data is not None else {"occurred_on": self.today},
        )

    def stage_view(self, stage_id: int) -> StageView:
        return next(view for view in self.stage_views if view.stage.pk == stage_id)

    def event_view(self, event_id: int) -> EventView | None:
        return next((view for view in self.event_views if view.event.pk == event_id), None)

    def show_stage_form(self, stage_id: int, action: str, form: forms.Form) -> None:
        view = self.stage_view(stage_id)
        view.forms[action] = form
        view.open_action = action

    def show_event_form(self, event_id: int, action: str, form: forms.Form) -> None:
        view = self.event_view(event_id)
        if view is not None:
            view.forms[action] = form
            view.open_action = action

    # --- rendering -------------------------------------------------------------------------------------

    def context(self) -> dict:
        return {
            "matter": self.matter,
            "matter_clock": selectors.matter_clock(self.matter),
            "stage_views": self.stage_views,
            "event_views": self.event_views,
            "record_form": self.record_form,
            "hourly_events": [t for t in self.event_types if t.pk in self.hourly],
            "history": selectors.matter_history(self.matter),
            "today": self.today,
            "time_zone": self.matter.time_zone,
        }

    def render(self, request: HttpRequest, *, status: int = 200) -> HttpResponse:
        return render(request, "caseflow/matter_detail.html", self.context(), status=status)


def _zone(matter: Matter):
    from zoneinfo import ZoneInfo

    return ZoneInfo(matter.time_zone)
