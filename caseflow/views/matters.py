"""The matter list, opening a matter, and the matter page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from caseflow import selectors
from caseflow.filtersets import MatterFilterSet
from caseflow.forms import OpenMatterForm, add_service_error
from caseflow.services.matters import open_matter
from caseflow.tables import MatterTable
from caseflow.views.page import MatterPage


class MatterListView(LoginRequiredMixin, SingleTableMixin, FilterView):
    template_name = "caseflow/matter_list.html"
    table_class = MatterTable
    filterset_class = MatterFilterSet
    table_pagination = {"per_page": 25}

    def get_queryset(self):
        return selectors.matter_list(self.request.user).order_by("-opened_on", "number")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_open"] = selectors.openable_teams(self.request.user).exists()
        return context


@login_required
def open_matter_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    now = timezone.now()
    teams = selectors.openable_teams(user)
    if not teams.exists():
        raise PermissionDenied(_("You are not a member of a team, so you cannot open matters."))
    kwargs = {"teams": teams, "lead_lawyers": selectors.lead_lawyer_choices(user)}
    if request.method == "POST":
        form = OpenMatterForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                matter = open_matter(
                    number=data["number"],
                    title=data["title"],
                    client=data["client"],
                    opposing_party=data["opposing_party"],
                    matter_type=data["matter_type"],
                    court=data["court"],
                    lead_lawyer=data["lead_lawyer"],
                    team=data["team"],
                    opened_on=data["opened_on"],
                    description=data["description"],
                    by=user,
                    now=now,
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("Matter %(number)s opened.") % {"number": matter.number})
                return redirect("caseflow:matter", pk=matter.pk)
    else:
        initial = {"opened_on": timezone.localdate(now), "lead_lawyer": user.pk}
        if user.team_id and teams.filter(pk=user.team_id).exists():
            initial["team"] = user.team_id
        form = OpenMatterForm(initial=initial, **kwargs)
    return render(request, "caseflow/matter_open.html", {"form": form})


@login_required
def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.matter_for_page(request.user, pk)
    return MatterPage(request.user, matter, now=timezone.now()).render(request)
