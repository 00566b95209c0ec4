"""The escalation queue and the escalation page.

Thin views: the selectors decide what a user sees (an escalation outside their reach is a 404), the
services in :mod:`alerts.services.escalations` make every change and check rights again; a refusal from
a service is shown on the page as a form error, never as a server error.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from alerts.filtersets import EscalationFilterSet
from alerts.forms import AcknowledgeForm, CommentForm, ReassignForm
from alerts.models import Escalation
from alerts.selectors import (
    access_escalation,
    can_comment_on_escalation,
    can_handle_escalation,
    escalation_queue,
    may_supervise,
    reassign_candidates,
)
from alerts.services import escalations as service
from alerts.tables import EscalationTable, escalation_since
from alerts.views.common import matter_url


class EscalationQueueView(LoginRequiredMixin, SingleTableMixin, FilterView):
    """Active escalations of the supervised teams (admins: all; a lawyer: those of their own stages)."""

    template_name = "alerts/escalations.html"
    table_class = EscalationTable
    filterset_class = EscalationFilterSet
    table_pagination = {"per_page": 50}

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.now = timezone.now()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return escalation_queue(self.request.user)

    def get_filterset_kwargs(self, filterset_class) -> dict:
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_table_kwargs(self) -> dict:
        return {"now": self.now}

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "read_only": not may_supervise(self.request.user)}


class EscalationView(LoginRequiredMixin, View):
    """The stage's facts, the escalation's history and, for those allowed, acknowledge / comment /
    reassign. Every form posts here with an ``action`` field naming the form (each form has its prefix)."""

    template_name = "alerts/escalation.html"
    ACTIONS = ("acknowledge", "comment", "reassign")

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        escalation = access_escalation(request.user, pk)
        return self.render(request, escalation, now=timezone.now())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        escalation = access_escalation(request.user, pk)
        now = timezone.now()
        action = request.POST.get("action", "")
        if action not in self.ACTIONS:
            return self.render(request, escalation, now=now, error=_("Unknown action."), status=400)
        form = self.form(action, escalation, data=request.POST)
        if not self.allowed(action, request.user, escalation):
            form.add_error(None, _("You cannot do this on this escalation."))
            return self.render(request, escalation, now=now, bound=(action, form), status=403)
        if form.is_valid():
            try:
                done = getattr(self, f"do_{action}")(escalation, form.cleaned_data, by=request.user, now=now)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
                status = 403 if isinstance(exc, PermissionDenied) else 200
                return self.render(request, escalation, now=now, bound=(action, form), status=status)
            messages.success(request, done)
            return HttpResponseRedirect(reverse("alerts:escalation", args=[escalation.pk]))
        return self.render(request, escalation, now=now, bound=(action, form))

    # --- actions: each calls one service and returns the message to show --------------------------

    def do_acknowledge(self, escalation: Escalation, data: dict, *, by, now) -> str:
        service.acknowledge(escalation, by=by, note=data["note"].strip(), now=now)
        return _("Escalation acknowledged: the ladder has stopped.")

    def do_comment(self, escalation: Escalation, data: dict, *, by, now) -> str:
        service.comment(escalation, by=by, text=data["text"], now=now)
        return _("Comment added.")

    def do_reassign(self, escalation: Escalation, data: dict, *, by, now) -> str:
        responsible = data["responsible"]
        if not escalation.is_active:
            raise ValidationError(_("This escalation is closed: reassign the stage from its matter's page."))
        service.reassign(escalation, responsible=responsible, reason=data["reason"].strip(), by=by, now=now)
        return _("%(name)s is now responsible for %(stage)s.") % {
            "name": responsible.display_name,
            "stage": escalation.stage.template.name,
        }

    # --- helpers ----------------------------------------------------------------------------------

    @staticmethod
    def allowed(action: str, user, escalation: Escalation) -> bool:
        """May ``user`` take this action at all (the service says whether the escalation's state allows
        it, e.g. "no longer open")?"""
        if action == "comment":
            return can_comment_on_escalation(user, escalation)
        return can_handle_escalation(user, escalation)

    @classmethod
    def offered(cls, action: str, user, escalation: Escalation) -> bool:
        """Is the form worth showing: allowed, and the escalation in a state where it can succeed?"""
        if not cls.allowed(action, user, escalation):
            return False
        if action == "acknowledge":
            return escalation.status in (Escalation.Status.PENDING, Escalation.Status.OPEN)
        if action == "reassign":
            return escalation.is_active and escalation.stage_id is not None
        return True

    @staticmethod
    def form(action: str, escalation: Escalation, data=None):
        if action == "acknowledge":
            return AcknowledgeForm(data, prefix="ack")
        if action == "comment":
            return CommentForm(data, prefix="comment")
        return ReassignForm(data, prefix="reassign", candidates=reassign_candidates(escalation))

    def render(
        self,
        request: HttpRequest,
        escalation: Escalation,
        *,
        now,
        bound=None,
        error: str = "",
        status: int = 200,
    ) -> HttpResponse:
        user = request.user
        forms = {}
        for action in self.ACTIONS:
            if self.offered(action, user, escalation):
                forms[action] = self.form(action, escalation)
        if bound is not None:
            forms[bound[0]] = bound[1]
        since_label, since = escalation_since(escalation)
        context = {
            "escalation": escalation,
            "clock": escalation.clock,
            "stage": escalation.stage,
            "matter": escalation.matter,
            "matter_url": matter_url(escalation.matter_id),
            "entries": escalation.entries.select_related("actor", "recipient").order_by("at", "pk"),
            "since_label": since_label,
            "since": since,
            "now": now,
            "forms": forms,
            "error": error,
        }
        return render(request, self.template_name, context, status=status)
